#pragma once
// The model: units, plans, tasks, links, indicators, resources and demands in contiguous vectors
// indexed by strong ids, plus the calendar. A model is always valid: every reference resolves, the hierarchies and
// the dependencies are acyclic, values are in range. Every mutation checks its input first and
// throws model_error (cycle_error for a cycle) without changing anything when it is refused.
//
// Tasks are kept in columns (task_table.hpp): reading one gives a task_view by value, `tasks()` a
// range of views, `task_columns()` the columns themselves. The keys of every kind are indexed
// once (detail/key_index.hpp) over the rows that hold them.
//
// Users attach their own payload to units, tasks and indicators through the template
// parameters; the default keeps the input's extra columns. A kind whose payloads are all the
// default stores none (detail/payloads.hpp). Algorithms run on the id skeleton.
#include "attributes.hpp"
#include "calendar.hpp"
#include "detail/built_once.hpp"
#include "detail/deferred.hpp"
#include "detail/dependency_network.hpp"
#include "detail/field_checks.hpp"
#include "detail/key_index.hpp"
#include "detail/payloads.hpp"
#include "digraph.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "indicator.hpp"
#include "link.hpp"
#include "plan.hpp"
#include "resource.hpp"
#include "succession.hpp"
#include "task.hpp"
#include "task_table.hpp"
#include "unit.hpp"

#include <algorithm>
#include <cassert>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph {

namespace detail {
struct model_access;
}

template <class UnitData = attributes, class TaskData = attributes, class IndicatorData = attributes>
class basic_model {
    // Types spelled so that they depend on the parameters (detail/deferred.hpp), so that the code
    // using them is compiled where a model is, not in every translation unit that includes this.
    template <class T>
    using rows = detail::deferred_vector<T, UnitData>;
    template <class T>
    using optional = detail::deferred<std::optional<T>, UnitData>;
    template <class T>
    using span = detail::deferred<std::span<T>, UnitData>;

public:
    using unit_data_type = UnitData;
    using task_data_type = TaskData;
    using indicator_data_type = IndicatorData;

    // ---- reading -------------------------------------------------------------------------
    std::span<const unit> units() const { return units_; }
    std::span<const plan> plans() const { return plans_; }
    /// The tasks as views (task_table.hpp: a random-access range).
    task_range tasks() const { return tasks_.range(); }
    /// The tasks as read-only columns, for passes of one's own (task_table.hpp).
    task_column_spans task_columns() const { return tasks_.columns(); }
    std::span<const link> links() const { return links_; }
    std::span<const indicator> indicators() const { return indicators_; }
    /// In the order they were added (file order): ties between equal shares go to the first.
    std::span<const succession> successions() const { return successions_; }
    /// True when a unit has dates or the model has a table of successions, even an empty one
    /// (DESIGN.md: a model is *dated* when `successions.csv` exists).
    bool dated() const {
        if (has_succession_table()) return true;
        for (const auto& u : units_)
            if (has_dates(u)) return true;
        return false;
    }

    /// Resources and demands (resource.hpp), in the order they were added.
    std::span<const resource> resources() const { return resources_; }
    std::span<const demand> demands() const { return demands_; }

    const unit& operator[](unit_id id) const { return at(units_, id); }
    const plan& operator[](plan_id id) const { return at(plans_, id); }
    [[gnu::always_inline]] task_view operator[](task_id id) const { return tasks_[checked(tasks_, id)]; }
    const link& operator[](link_id id) const { return at(links_, id); }
    const indicator& operator[](indicator_id id) const { return at(indicators_, id); }
    const resource& operator[](resource_id id) const { return at(resources_, id); }

    /// A payload to change; the first asked of a kind stores that kind's payloads, one per row.
    UnitData& data(unit_id id) { return unit_data_.get_mutable(checked(units_, id), units_.size()); }
    const UnitData& data(unit_id id) const { return unit_data_.get(checked(units_, id)); }
    TaskData& data(task_id id) { return task_data_.get_mutable(checked(tasks_, id), tasks_.size()); }
    const TaskData& data(task_id id) const { return task_data_.get(checked(tasks_, id)); }
    IndicatorData& data(indicator_id id) { return indicator_data_.get_mutable(checked(indicators_, id), indicators_.size()); }
    const IndicatorData& data(indicator_id id) const { return indicator_data_.get(checked(indicators_, id)); }

    optional<unit_id> find_unit(std::string_view key) const { return find<unit_id>(unit_keys_, key, key_of(units_)); }
    optional<plan_id> find_plan(std::string_view key) const { return find<plan_id>(plan_keys_, key, key_of(plans_)); }
    optional<task_id> find_task(std::string_view key) const { return find<task_id>(task_keys_, key, task_key()); }
    optional<indicator_id> find_indicator(std::string_view key) const {
        return find<indicator_id>(indicator_keys_, key, key_of(indicators_));
    }

    optional<resource_id> find_resource(std::string_view key) const {
        return find<resource_id>(resource_keys_, key, key_of(resources_));
    }

    const plangraph::calendar& calendar() const { return calendar_; }
    /// Refuses a calendar without a working weekday (model_error): no working day could be counted.
    void set_calendar(plangraph::calendar c) {
        if (std::ranges::none_of(c.weekly(), [](bool w) { return w; }))
            throw model_error("calendar: no weekday is working, so working days cannot be counted");
        calendar_ = std::move(c);
    }

    /// Names of the hierarchy's levels by depth: centre → province → commune by default.
    const std::vector<std::string>& level_names() const { return level_names_; }
    void set_level_names(std::vector<std::string> names) { level_names_ = std::move(names); }
    /// The unit's level name; "level N" past the named ones.
    std::string level_name(unit_id id) const {
        auto l = (*this)[id].level;
        return l < level_names_.size() ? level_names_[l] : "level " + std::to_string(l);
    }

    // ---- growing -------------------------------------------------------------------------
    /// Adds a unit whose parent (if any) is already in the model; level_from_depth resolves to
    /// the unit's depth.
    unit_id add_unit(unit u, UnitData d = {}) {
        require_fields(detail::check_fields<UnitData>(u));
        require_ref(u.parent, units_, "unit " + u.key, "parent unit");
        require_dated([&](auto& out) { detail::check_unit_dates(u, is_none(u.parent) ? nullptr : &units_[index(u.parent)], 0, out); });
        if (u.level == level_from_depth) u.level = is_none(u.parent) ? 0 : depth(u.parent) + 1;
        const auto id = append<unit_id>(units_, unit_keys_, std::move(u), "unit", unit_data_, std::move(d));
        unit_tree_.reset();
        note_start(units_.back());
        return id;
    }

    plan_id add_plan(plan p) {
        if (p.key.empty()) throw model_error("plan without an id");
        require_ref(p.unit, units_, "plan " + p.key, "unit", true);
        require_ref(p.parent, plans_, "plan " + p.key, "parent plan");
        return append<plan_id>(plans_, plan_keys_, std::move(p), "plan");
    }

    task_id add_task(task t, TaskData d = {}) {
        require_fields(detail::check_fields<UnitData>(t));
        require_ref(t.unit, units_, "task " + t.key, "unit", true);
        require_ref(t.plan, plans_, "task " + t.key, "plan");
        require_ref(t.parent, tasks_, "task " + t.key, "parent task");
        if (!is_none(t.parent) && uses_resources(t.parent))
            throw model_error(std::string("task ").append(t.key).append(": parent task ").append(tasks_.key(index(t.parent)))
                                  .append(" demands resources, and a summary task demands nothing"));
        require_dated([&](auto& out) { detail::check_owner_dates(t, units_[index(t.unit)], 0, out); });
        if (!tasks_.fits(t))
            throw model_error(std::string("task ").append(t.key).append(": the keys and names of the tasks would pass 4 GiB"));
        const auto id = make_id<task_id>(tasks_.size());
        insert_key(task_keys_, t.key, id, task_key(), "task");
        keep_or_take_back(
            task_keys_, id,
            [&] {
                task_data_.push(std::move(d), index(id));
                tasks_.push_back(t);
            },
            task_data_);
        return id;
    }

    indicator_id add_indicator(indicator i, IndicatorData d = {}) {
        require_fields(detail::check_fields<UnitData>(i));
        require_ref(i.unit, units_, "indicator " + i.key, "unit", true);
        require_ref(i.plan, plans_, "indicator " + i.key, "plan");
        require_ref(i.parent, indicators_, "indicator " + i.key, "parent indicator");
        require_dated([&](auto& out) { detail::check_owner_dates(i, units_[index(i.unit)], 0, out); });
        return append<indicator_id>(indicators_, indicator_keys_, std::move(i), "indicator", indicator_data_, std::move(d));
    }

    /// Adds one dependency; a link that would close a cycle is refused with the cycle named,
    /// including a cycle through summary tasks (a sub-task waiting on its own summary).
    /// Costs a pass over the dependency graph: add many links at once with add_links.
    link_id add_link(const link& l) { return add_links(span<const link>(&l, 1)); }

    /// Adds links all together or none of them; returns the id of the first.
    link_id add_links(span<const link> ls) {
        for (const auto& l : ls) {
            require_ref(l.from, tasks_, "link", "from task", true);
            require_ref(l.to, tasks_, "link", "to task", true);
            require_fields(detail::check_fields(l, [&] {
                return std::string("link ").append(tasks_.key(index(l.from))).append(" -> ").append(tasks_.key(index(l.to)));
            }));
        }
        auto first = make_id<link_id>(links_.size());
        links_.insert(links_.end(), ls.begin(), ls.end());
        // Cycles as the scheduler would meet them, through summary tasks too (see
        // detail/dependency_network.hpp), with every task taking part, cancelled or not.
        auto ends = [this](std::size_t e) {
            return std::pair{static_cast<std::uint32_t>(index(links_[e].from)), static_cast<std::uint32_t>(index(links_[e].to))};
        };
        const auto parent = tasks_.columns().parent;
        auto net = detail::expand_dependencies(
            tasks_.size(),
            [parent](std::size_t i) { return is_none(parent[i]) ? detail::no_task : static_cast<std::uint32_t>(index(parent[i])); },
            [](std::size_t) { return true; }, links_.size(), ends);
        auto cycles = detail::dependency_cycles(tasks_.size(), net, ends);
        if (!cycles.empty()) {
            links_.resize(index(first));
            rows<std::string> names;
            for (auto v : cycles.front().tasks) names.emplace_back(tasks_.key(v));
            throw cycle_error("dependency", std::move(names),
                              detail::through_summaries(cycles.front(), [this](auto v) { return std::string(tasks_.key(v)); }));
        }
        return first;
    }

    resource_id add_resource(resource r) {
        require_fields(detail::check_fields<UnitData>(r, r.capacity));
        require_ref(r.unit, units_, "resource " + r.key, "unit");
        return append<resource_id>(resources_, resource_keys_, std::move(r), "resource");
    }

    /// Adds a demand that keeps the rules of resource.hpp; a second one for the same task and
    /// resource is refused.
    void add_demand(const demand& d) {
        require_ref(d.task, tasks_, "demand", "task", true);
        require_ref(d.resource, resources_, "demand", "resource", true);
        const task_view t = tasks_[index(d.task)];
        const resource& r = resources_[index(d.resource)];
        if (uses_resources(d.task))
            for (const auto& other : demands_)
                if (other.task == d.task && other.resource == d.resource)
                    throw model_error(detail::demand_name(t.key, r.key) + " is already in the model");
        require_fields(detail::check_demand(d.amount, t, is_summary(d.task), r, r.capacity));
        demands_.push_back(d);
        tasks_.set(index(d.task), task_flag::has_demands, true);
    }

    /// Whether the model has a table of successions: some succession, or one declared empty (an
    /// empty successions.csv), which the writers keep so that reading back gives the same model.
    bool has_succession_table() const { return succession_table_ || !successions_.empty(); }
    void declare_succession_table() { succession_table_ = true; }

    /// Adds one succession; a split with explicit shares must come in one add_successions call,
    /// since its shares sum to 1 only together.
    void add_succession(const succession& s) { add_successions(span<const succession>(&s, 1)); }

    /// Adds successions all together or none of them, refusing any that breaks a rule of
    /// succession.hpp (the message names every broken rule).
    void add_successions(span<const succession> ss) {
        for (const auto& s : ss) {
            require_ref(s.from, units_, "succession", "from unit", true);
            require_ref(s.to, units_, "succession", "to unit", true);
        }
        const auto before = successions_.size();
        successions_.insert(successions_.end(), ss.begin(), ss.end());
        rows<detail::dated_problem> out;
        detail::check_successions(units_.size(), [this](unit_id u) -> const unit& { return units_[index(u)]; },
                                  std::span<const succession>(successions_), out);
        if (out.empty()) return;
        successions_.resize(before);
        throw model_error(detail::join_messages(out));
    }

    /// Reserves room for this many entities of each kind (a hint for bulk builders; no effect on
    /// the contents).
    void reserve(std::size_t units, std::size_t plans, std::size_t tasks, std::size_t links, std::size_t indicators) {
        units_.reserve(units), unit_keys_.reserve(units);
        plans_.reserve(plans), plan_keys_.reserve(plans);
        tasks_.reserve(tasks), task_keys_.reserve(tasks);
        links_.reserve(links);
        indicators_.reserve(indicators), indicator_keys_.reserve(indicators);
    }

    // ---- progress updates ----------------------------------------------------------------
    // Each checks what its field can break (and the task's demands, when it has some), then
    // writes that one column; a refused change throws model_error, naming every problem of the
    // task as it would be, and changes nothing.
    void set_completed(task_id id, std::optional<date> day) {
        const auto i = checked(tasks_, id);
        // A day no unit starts after needs no look at the task's unit: at 10M tasks that look
        // is a cache miss, and most completions come after every unit's start.
        if (day && latest_unit_start_ && *day < *latest_unit_start_) {
            const unit& owner = units_[index(tasks_.unit(i))];
            if (owner.valid_from && *day < *owner.valid_from) {
                task_view probe;
                probe.key = tasks_.key(i);
                probe.completed = day;
                require_dated([&](auto& out) { detail::check_owner_dates(probe, owner, 0, out); });
            }
        }
        check_change(id, [&](task_view& t) { t.completed = day; },
                     [&](auto& out, const auto& what) { detail::check_date(out, what, "completed", day); });
        tasks_.set_completed(i, day);
    }
    void set_percent(task_id id, double percent) {
        check_change(id, [&](task_view& t) { t.percent = percent; },
                     [&](auto& out, const auto& what) { detail::check_percent(out, what, percent); });
        tasks_.set_percent(index(id), percent);
    }
    /// A due date before the start is allowed (blocks_build), as in a draft.
    void set_due(task_id id, std::optional<date> day) {
        check_change(id, [&](task_view& t) { t.due = day; },
                     [&](auto& out, const auto& what) { detail::check_date(out, what, "due", day); });
        tasks_.set_due(index(id), day);
    }
    void set_start(task_id id, std::optional<date> day) {
        check_change(id, [&](task_view& t) { t.start = day; },
                     [&](auto& out, const auto& what) { detail::check_date(out, what, "start", day); });
        tasks_.set_start(index(id), day);
    }
    void set_duration(task_id id, int days) {
        check_change(id, [&](task_view& t) { t.duration = days; },
                     [&](auto& out, const auto& what) { detail::check_duration(out, what, days); });
        tasks_.set_duration(index(id), days);
    }
    void set_weight(task_id id, double weight) {
        check_change(id, [&](task_view& t) { t.weight = weight; },
                     [&](auto& out, const auto& what) { detail::check_weight(out, what, weight); });
        tasks_.set_weight(index(id), weight);
    }
    void set_cancelled(task_id id, bool cancelled) {
        check_change(id, [&](task_view& t) { t.cancelled = cancelled; }, [](auto&, const auto&) {});
        tasks_.set(index(id), task_flag::cancelled, cancelled);
    }
    void set_constraint(task_id id, task_constraint c) {
        check_change(id, [&](task_view& t) { t.constraint = c; }, [&](auto& out, const auto& what) {
            detail::check_date(out, what, "constraint_date", c.on);
            detail::check_constraint_kind(out, what, c);
        });
        tasks_.set_constraint(index(id), c);
    }

    void set_actual(indicator_id id, std::optional<double> v) { update(id, [&](indicator& i) { i.actual = v; }); }
    void set_target(indicator_id id, std::optional<double> v) { update(id, [&](indicator& i) { i.target = v; }); }
    void set_ratio(indicator_id id, std::optional<double> numerator, std::optional<double> denominator) {
        update(id, [&](indicator& i) { i.numerator = numerator; i.denominator = denominator; });
    }

    // ---- structure as graphs ---------------------------------------------------------------
    /// Built on first use and kept until a unit is added (detail/built_once.hpp): a reference,
    /// valid until the units change, that every rollup reads without rebuilding it.
    const hierarchy<unit_id>& unit_hierarchy() const {
        return unit_tree_.get([this] { return hierarchy<unit_id>(parents(units_)); });
    }
    hierarchy<plan_id> plan_hierarchy() const { return hierarchy<plan_id>(parents(plans_)); }
    hierarchy<task_id> task_hierarchy() const {
        const auto parent = tasks_.columns().parent;
        return hierarchy<task_id>(rows<task_id>(parent.begin(), parent.end()));
    }
    hierarchy<indicator_id> indicator_hierarchy() const { return hierarchy<indicator_id>(parents(indicators_)); }

    /// Tasks as vertices, links as edges (edge e is link e).
    digraph dependency_graph() const {
        rows<digraph::vertex> from, to;
        from.reserve(links_.size());
        to.reserve(links_.size());
        for (const auto& l : links_) {
            from.push_back(static_cast<digraph::vertex>(index(l.from)));
            to.push_back(static_cast<digraph::vertex>(index(l.to)));
        }
        return digraph(tasks_.size(), from, to);
    }

    /// The same entities, payloads and calendar (an absent payload equals a default one).
    bool operator==(const basic_model& o) const {
        return units_ == o.units_ && plans_ == o.plans_ && tasks_ == o.tasks_ && links_ == o.links_ &&
               indicators_ == o.indicators_ && successions_ == o.successions_ &&
               succession_table_ == o.succession_table_ && resources_ == o.resources_ && demands_ == o.demands_ &&
               unit_data_.same(o.unit_data_, units_.size()) && task_data_.same(o.task_data_, tasks_.size()) &&
               indicator_data_.same(o.indicator_data_, indicators_.size()) && calendar_ == o.calendar_ &&
               level_names_ == o.level_names_;
    }

private:
    friend struct detail::model_access;

    template <class T, strong_id Id>
    static decltype(auto) at(T& rows, Id id) {
        assert(index(id) < rows.size());
        return rows[index(id)];
    }
    template <class Rows, strong_id Id>
    static std::size_t checked(const Rows& rows, Id id) {
        assert(index(id) < rows.size());
        (void)rows;
        return index(id);
    }

    /// The keys of a kind's rows, as its key index compares them.
    template <class Row>
    static auto key_of(const std::vector<Row>& rows) {
        return [&rows](std::uint32_t i) -> const std::string& {
            assert(i < rows.size());  // every index in a key table names a row
            return rows[i].key;
        };
    }
    auto task_key() const {
        return [this](std::uint32_t i) {
            assert(i < tasks_.size());
            return tasks_.key(i);
        };
    }

    template <strong_id Id, class KeyOf>
    static std::optional<Id> find(const detail::key_index& keys, std::string_view key, const KeyOf& key_of) {
        if (auto i = keys.find(key, key_of)) return make_id<Id>(*i);
        return std::nullopt;
    }

    /// Called with check_fields<UnitData>(row): a dependent call, so the vector it returns is
    /// compiled with the model, not in every TU that includes this header (issue 13).
    static void require_fields(const rows<detail::field_problem>& ps) {
        if (detail::refused(ps)) throw model_error(detail::join_messages(ps));
    }

    /// Throws model_error with the dated rules `check(out)` finds broken.
    template <class Check>
    static void require_dated(Check check) {
        rows<detail::dated_problem> out;
        check(out);
        if (!out.empty()) throw model_error(detail::join_messages(out));
    }

    template <strong_id Id, class Rows>
    static void require_ref(Id id, const Rows& rows, const std::string& who, const char* what,
                            bool required = false) {
        if (is_none(id)) {
            if (required) throw model_error(who + ": no " + what + " given");
            return;
        }
        if (index(id) >= rows.size())
            throw model_error(who + ": unknown " + what + " #" + std::to_string(index(id)));
    }

    std::uint32_t depth(unit_id id) const {
        std::uint32_t d = 0;
        for (auto p = units_[index(id)].parent; !is_none(p); p = units_[index(p)].parent) ++d;
        return d;
    }

    template <class Row>
    static auto parents(const std::vector<Row>& rows) {
        std::vector<decltype(rows.front().parent)> out;
        out.reserve(rows.size());
        for (const auto& r : rows) out.push_back(r.parent);
        return out;
    }

    /// Appends a row and its key (plans, resources: no payload).
    template <class Id, class Row>
    static Id append(std::vector<Row>& rows, detail::key_index& keys, Row row, const char* kind) {
        const auto id = make_id<Id>(rows.size());
        insert_key(keys, row.key, id, key_of(rows), kind);
        keep_or_take_back(keys, id, [&] { rows.push_back(std::move(row)); });
        return id;
    }

    /// Appends a row, its key and its payload.
    template <class Id, class Row, class Data>
    static Id append(std::vector<Row>& rows, detail::key_index& keys, Row row, const char* kind,
                     detail::payloads<Data>& data, Data payload) {
        const auto id = make_id<Id>(rows.size());
        insert_key(keys, row.key, id, key_of(rows), kind);
        keep_or_take_back(
            keys, id,
            [&] {
                data.push(std::move(payload), index(id));
                rows.push_back(std::move(row));
            },
            data);
        return id;
    }

    /// Inserts the key of the row about to be appended as `id`; a key already there is refused.
    template <class Id, class KeyOf>
    static void insert_key(detail::key_index& keys, std::string_view key, Id id, const KeyOf& key_of, const char* kind) {
        if (!keys.insert(key, static_cast<std::uint32_t>(index(id)), key_of))
            throw model_error(std::string("duplicate ").append(kind).append(" id ").append(key));
    }

    /// Runs `append` (the payloads and row of the key just inserted as `id`); when it throws
    /// (std::bad_alloc, a payload's own exception), takes the payloads and the key back, so the
    /// model is as it was. `append` adds the row last: a push_back that throws changes nothing.
    template <class Id, class Append, class... Data>
    static void keep_or_take_back(detail::key_index& keys, Id id, Append append, detail::payloads<Data>&... data) {
        try {
            append();
        } catch (...) {
            (data.truncate(index(id)), ...);
            keys.erase_newest(static_cast<std::uint32_t>(index(id)));
            throw;
        }
    }

    // A refused change must leave the row as it was. The row is changed in place and restored
    // from a copy of its previous state; the strings, which no setter touches, are moved aside
    // rather than copied, so an update allocates nothing.
    template <class Row, class F>
    static void update_row(Row& row, F change) {
        std::string key = std::move(row.key), name = std::move(row.name);
        Row before = row;
        row.key = std::move(key);
        row.name = std::move(name);
        change(row);
        auto problems = detail::check_fields(row);
        if (!detail::refused(problems)) return;
        before.key = std::move(row.key);
        before.name = std::move(row.name);
        row = std::move(before);
        throw model_error(detail::join_messages(problems));
    }
    /// Throws model_error when changing task `id` by `change` is refused: by its demands (a
    /// milestone or a cancelled task brought back must still be able to run), or by the rules
    /// `check(out, what)` applies to the field. The message names every problem of the task as
    /// it would be, as the old whole-row check did.
    template <class Change, class Check>
    void check_change(task_id id, Change change, Check check) const {
        const auto i = checked(tasks_, id);
        auto changed = [&] {
            task_view probe = tasks_[i];
            change(probe);
            return probe;
        };
        if (!demands_.empty() && uses_resources(id)) {  // else no flag to read
            const task_view probe = changed();
            for (const auto& d : demands_)
                if (d.task == id) {
                    const resource& r = resources_[index(d.resource)];
                    require_fields(detail::check_demand(d.amount, probe, is_summary(id), r, r.capacity));
                }
        }
        rows<detail::field_problem> found;
        check(found, [&] { return std::string("task ").append(tasks_.key(i)); });
        if (detail::refused(found)) throw model_error(detail::join_messages(detail::check_fields(changed())));
    }
    /// Keeps the latest start of any unit (see set_completed).
    void note_start(const unit& u) {
        if (u.valid_from && (!latest_unit_start_ || *latest_unit_start_ < *u.valid_from)) latest_unit_start_ = u.valid_from;
    }
    bool uses_resources(task_id id) const { return tasks_.has(index(id), task_flag::has_demands); }
    bool is_summary(task_id id) const { return tasks_.has(index(id), task_flag::summary); }
    template <class F>
    void update(indicator_id id, F change) { update_row(at(indicators_, id), change); }

    using key_index = detail::deferred<detail::key_index, UnitData>;

    rows<unit> units_;
    detail::built_once<hierarchy<unit_id>> unit_tree_;  // of units_; reset whenever a unit is added
    std::optional<date> latest_unit_start_;  // of units_, kept by note_start whenever a unit is added
    rows<plan> plans_;
    detail::deferred<task_table, UnitData> tasks_;
    rows<link> links_;
    rows<indicator> indicators_;
    rows<succession> successions_;
    bool succession_table_ = false;
    rows<resource> resources_;
    rows<demand> demands_;
    key_index resource_keys_;
    detail::payloads<UnitData> unit_data_;
    detail::payloads<TaskData> task_data_;
    detail::payloads<IndicatorData> indicator_data_;
    key_index unit_keys_, plan_keys_, task_keys_, indicator_keys_;
    detail::deferred<plangraph::calendar, UnitData> calendar_;
    rows<std::string> level_names_{"centre", "province", "commune"};
};

using model = basic_model<>;

}  // namespace plangraph

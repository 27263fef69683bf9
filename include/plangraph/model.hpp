#pragma once
// The model: units, plans, tasks, links, indicators, resources and demands in contiguous vectors
// indexed by strong ids, plus the calendar. A model is always valid: every reference resolves, the hierarchies and
// the dependencies are acyclic, values are in range. Every mutation checks its input first and
// throws model_error (cycle_error for a cycle) without changing anything when it is refused.
//
// Users attach their own payload to units, tasks and indicators through the template
// parameters; the default keeps the input's extra columns. Algorithms run on the id skeleton.
#include "attributes.hpp"
#include "calendar.hpp"
#include "detail/dependency_network.hpp"
#include "detail/field_checks.hpp"
#include "detail/key_index.hpp"
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
public:
    using unit_data_type = UnitData;
    using task_data_type = TaskData;
    using indicator_data_type = IndicatorData;

    // ---- reading -------------------------------------------------------------------------
    std::span<const unit> units() const { return units_; }
    std::span<const plan> plans() const { return plans_; }
    std::span<const task> tasks() const { return tasks_; }
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
    const task& operator[](task_id id) const { return at(tasks_, id); }
    const link& operator[](link_id id) const { return at(links_, id); }
    const indicator& operator[](indicator_id id) const { return at(indicators_, id); }
    const resource& operator[](resource_id id) const { return at(resources_, id); }

    UnitData& data(unit_id id) { return at(unit_data_, id); }
    const UnitData& data(unit_id id) const { return at(unit_data_, id); }
    TaskData& data(task_id id) { return at(task_data_, id); }
    const TaskData& data(task_id id) const { return at(task_data_, id); }
    IndicatorData& data(indicator_id id) { return at(indicator_data_, id); }
    const IndicatorData& data(indicator_id id) const { return at(indicator_data_, id); }

    std::optional<unit_id> find_unit(std::string_view key) const { return find<unit_id>(unit_keys_, key); }
    std::optional<plan_id> find_plan(std::string_view key) const { return find<plan_id>(plan_keys_, key); }
    std::optional<task_id> find_task(std::string_view key) const { return find<task_id>(task_keys_, key); }
    std::optional<indicator_id> find_indicator(std::string_view key) const {
        return find<indicator_id>(indicator_keys_, key);
    }

    std::optional<resource_id> find_resource(std::string_view key) const { return find<resource_id>(resource_keys_, key); }

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
        require_fields(detail::check_fields(u));
        require_ref(u.parent, units_, "unit " + u.key, "parent unit");
        require_dated([&](auto& out) { detail::check_unit_dates(u, is_none(u.parent) ? nullptr : &units_[index(u.parent)], 0, out); });
        if (u.level == level_from_depth) u.level = is_none(u.parent) ? 0 : depth(u.parent) + 1;
        return append(units_, unit_data_, unit_keys_, std::move(u), std::move(d), "unit");
    }

    plan_id add_plan(plan p) {
        if (p.key.empty()) throw model_error("plan without an id");
        require_ref(p.unit, units_, "plan " + p.key, "unit", true);
        require_ref(p.parent, plans_, "plan " + p.key, "parent plan");
        return append_plain(plans_, plan_keys_, std::move(p), "plan");
    }

    task_id add_task(task t, TaskData d = {}) {
        require_fields(detail::check_fields(t));
        require_ref(t.unit, units_, "task " + t.key, "unit", true);
        require_ref(t.plan, plans_, "task " + t.key, "plan");
        require_ref(t.parent, tasks_, "task " + t.key, "parent task");
        if (!is_none(t.parent) && uses_resources(t.parent))
            throw model_error("task " + t.key + ": parent task " + tasks_[index(t.parent)].key +
                              " demands resources, and a summary task demands nothing");
        require_dated([&](auto& out) { detail::check_owner_dates(t, units_[index(t.unit)], 0, out); });
        return append(tasks_, task_data_, task_keys_, std::move(t), std::move(d), "task");
    }

    indicator_id add_indicator(indicator i, IndicatorData d = {}) {
        require_fields(detail::check_fields(i));
        require_ref(i.unit, units_, "indicator " + i.key, "unit", true);
        require_ref(i.plan, plans_, "indicator " + i.key, "plan");
        require_ref(i.parent, indicators_, "indicator " + i.key, "parent indicator");
        require_dated([&](auto& out) { detail::check_owner_dates(i, units_[index(i.unit)], 0, out); });
        return append(indicators_, indicator_data_, indicator_keys_, std::move(i), std::move(d), "indicator");
    }

    /// Adds one dependency; a link that would close a cycle is refused with the cycle named,
    /// including a cycle through summary tasks (a sub-task waiting on its own summary).
    /// Costs a pass over the dependency graph: add many links at once with add_links.
    link_id add_link(const link& l) { return add_links(std::span<const link>(&l, 1)); }

    /// Adds links all together or none of them; returns the id of the first.
    link_id add_links(std::span<const link> ls) {
        for (const auto& l : ls) {
            require_ref(l.from, tasks_, "link", "from task", true);
            require_ref(l.to, tasks_, "link", "to task", true);
            require_fields(detail::check_fields(l, [&] { return "link " + tasks_[index(l.from)].key + " -> " + tasks_[index(l.to)].key; }));
        }
        auto first = make_id<link_id>(links_.size());
        links_.insert(links_.end(), ls.begin(), ls.end());
        // Cycles as the scheduler would meet them, through summary tasks too (see
        // detail/dependency_network.hpp), with every task taking part, cancelled or not.
        auto ends = [this](std::size_t e) {
            return std::pair{static_cast<std::uint32_t>(index(links_[e].from)), static_cast<std::uint32_t>(index(links_[e].to))};
        };
        auto net = detail::expand_dependencies(
            tasks_.size(),
            [this](std::size_t i) { return is_none(tasks_[i].parent) ? detail::no_task : static_cast<std::uint32_t>(index(tasks_[i].parent)); },
            [](std::size_t) { return true; }, links_.size(), ends);
        auto cycles = detail::dependency_cycles(tasks_.size(), net, ends);
        if (!cycles.empty()) {
            links_.resize(index(first));
            std::vector<std::string> names;
            for (auto v : cycles.front().tasks) names.push_back(tasks_[v].key);
            throw cycle_error("dependency", std::move(names),
                              detail::through_summaries(cycles.front(), [this](auto v) { return tasks_[v].key; }));
        }
        return first;
    }

    resource_id add_resource(resource r) {
        require_fields(detail::check_fields(r, r.capacity));
        require_ref(r.unit, units_, "resource " + r.key, "unit");
        auto id = make_id<resource_id>(resources_.size());
        if (!resource_keys_.insert(r.key, static_cast<std::uint32_t>(index(id))))
            throw model_error("duplicate resource id " + r.key);
        resources_.push_back(std::move(r));
        return id;
    }

    /// Adds a demand that keeps the rules of resource.hpp; a second one for the same task and
    /// resource is refused.
    void add_demand(const demand& d) {
        require_ref(d.task, tasks_, "demand", "task", true);
        require_ref(d.resource, resources_, "demand", "resource", true);
        const task& t = tasks_[index(d.task)];
        const resource& r = resources_[index(d.resource)];
        for (const auto& other : demands_)
            if (other.task == d.task && other.resource == d.resource)
                throw model_error(detail::demand_name(t.key, r.key) + " is already in the model");
        require_fields(detail::check_demand(d.amount, t, is_summary(d.task), r, r.capacity));
        demands_.push_back(d);
    }

    /// Whether the model has a table of successions: some succession, or one declared empty (an
    /// empty successions.csv), which the writers keep so that reading back gives the same model.
    bool has_succession_table() const { return succession_table_ || !successions_.empty(); }
    void declare_succession_table() { succession_table_ = true; }

    /// Adds one succession; a split with explicit shares must come in one add_successions call,
    /// since its shares sum to 1 only together.
    void add_succession(const succession& s) { add_successions(std::span<const succession>(&s, 1)); }

    /// Adds successions all together or none of them, refusing any that breaks a rule of
    /// succession.hpp (the message names every broken rule).
    void add_successions(std::span<const succession> ss) {
        for (const auto& s : ss) {
            require_ref(s.from, units_, "succession", "from unit", true);
            require_ref(s.to, units_, "succession", "to unit", true);
        }
        const auto before = successions_.size();
        successions_.insert(successions_.end(), ss.begin(), ss.end());
        std::vector<detail::dated_problem> out;
        detail::check_successions(units_.size(), [this](unit_id u) -> const unit& { return units_[index(u)]; },
                                  std::span<const succession>(successions_), out);
        if (out.empty()) return;
        successions_.resize(before);
        throw model_error(detail::join_messages(out));
    }

    /// Reserves room for this many entities of each kind (a hint for bulk builders; no effect on
    /// the contents).
    void reserve(std::size_t units, std::size_t plans, std::size_t tasks, std::size_t links, std::size_t indicators) {
        units_.reserve(units), unit_data_.reserve(units), unit_keys_.reserve(units);
        plans_.reserve(plans), plan_keys_.reserve(plans);
        tasks_.reserve(tasks), task_data_.reserve(tasks), task_keys_.reserve(tasks);
        links_.reserve(links);
        indicators_.reserve(indicators), indicator_data_.reserve(indicators), indicator_keys_.reserve(indicators);
    }

    // ---- progress updates ----------------------------------------------------------------
    // Each replaces one field after checking the task would stay valid.
    void set_completed(task_id id, std::optional<date> day) {
        const task& current = at(tasks_, id);
        const unit& owner = units_[index(current.unit)];
        if (day && owner.valid_from && *day < *owner.valid_from) {  // the happy path allocates nothing
            task probe{.key = current.key, .completed = day};
            require_dated([&](auto& out) { detail::check_owner_dates(probe, owner, 0, out); });
        }
        update(id, [&](task& t) { t.completed = day; });
    }
    void set_percent(task_id id, double percent) { update(id, [&](task& t) { t.percent = percent; }); }
    void set_due(task_id id, std::optional<date> day) { update(id, [&](task& t) { t.due = day; }); }
    void set_start(task_id id, std::optional<date> day) { update(id, [&](task& t) { t.start = day; }); }
    void set_duration(task_id id, int days) { update(id, [&](task& t) { t.duration = days; }); }
    void set_weight(task_id id, double weight) { update(id, [&](task& t) { t.weight = weight; }); }
    void set_cancelled(task_id id, bool cancelled) { update(id, [&](task& t) { t.cancelled = cancelled; }); }
    void set_constraint(task_id id, task_constraint c) { update(id, [&](task& t) { t.constraint = c; }); }

    void set_actual(indicator_id id, std::optional<double> v) { update(id, [&](indicator& i) { i.actual = v; }); }
    void set_target(indicator_id id, std::optional<double> v) { update(id, [&](indicator& i) { i.target = v; }); }
    void set_ratio(indicator_id id, std::optional<double> numerator, std::optional<double> denominator) {
        update(id, [&](indicator& i) { i.numerator = numerator; i.denominator = denominator; });
    }

    // ---- structure as graphs ---------------------------------------------------------------
    hierarchy<unit_id> unit_hierarchy() const { return hierarchy<unit_id>(parents(units_)); }
    hierarchy<plan_id> plan_hierarchy() const { return hierarchy<plan_id>(parents(plans_)); }
    hierarchy<task_id> task_hierarchy() const { return hierarchy<task_id>(parents(tasks_)); }
    hierarchy<indicator_id> indicator_hierarchy() const { return hierarchy<indicator_id>(parents(indicators_)); }

    /// Tasks as vertices, links as edges (edge e is link e).
    digraph dependency_graph() const {
        std::vector<digraph::vertex> from, to;
        from.reserve(links_.size());
        to.reserve(links_.size());
        for (const auto& l : links_) {
            from.push_back(static_cast<digraph::vertex>(index(l.from)));
            to.push_back(static_cast<digraph::vertex>(index(l.to)));
        }
        return digraph(tasks_.size(), from, to);
    }

    bool operator==(const basic_model&) const = default;

private:
    friend struct detail::model_access;

    template <class T, strong_id Id>
    static decltype(auto) at(T& rows, Id id) {
        assert(index(id) < rows.size());
        return rows[index(id)];
    }

    template <strong_id Id>
    static std::optional<Id> find(const detail::key_index& keys, std::string_view key) {
        if (auto i = keys.find(key)) return make_id<Id>(*i);
        return std::nullopt;
    }

    static void require_fields(const std::vector<detail::field_problem>& ps) {
        for (const auto& p : ps)
            if (blocks_build(p.kind)) throw model_error(detail::join_messages(ps));
    }

    /// Throws model_error with the dated rules `check(out)` finds broken.
    template <class Check>
    static void require_dated(Check check) {
        std::vector<detail::dated_problem> out;
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

    template <class Row, class Data>
    static auto append(std::vector<Row>& rows, std::vector<Data>& data, detail::key_index& keys, Row row,
                       Data payload, const char* kind) {
        using Id = decltype(row.parent);
        auto id = make_id<Id>(rows.size());
        if (!keys.insert(row.key, static_cast<std::uint32_t>(index(id))))
            throw model_error(std::string("duplicate ") + kind + " id " + row.key);
        rows.push_back(std::move(row));
        data.push_back(std::move(payload));
        return id;
    }

    template <class Row>
    static auto append_plain(std::vector<Row>& rows, detail::key_index& keys, Row row, const char* kind) {
        using Id = decltype(row.parent);
        auto id = make_id<Id>(rows.size());
        if (!keys.insert(row.key, static_cast<std::uint32_t>(index(id))))
            throw model_error(std::string("duplicate ") + kind + " id " + row.key);
        rows.push_back(std::move(row));
        return id;
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
        bool refused = false;
        for (const auto& p : problems) refused = refused || blocks_build(p.kind);
        if (!refused) return;
        before.key = std::move(row.key);
        before.name = std::move(row.name);
        row = std::move(before);
        throw model_error(detail::join_messages(problems));
    }
    /// A task that uses resources is checked against its demands too (a milestone or a cancelled
    /// task brought back must still be able to run).
    template <class F>
    void update(task_id id, F change) {
        if (uses_resources(id)) {
            task probe = at(tasks_, id);
            change(probe);
            for (const auto& d : demands_)
                if (d.task == id) {
                    const resource& r = resources_[index(d.resource)];
                    require_fields(detail::check_demand(d.amount, probe, is_summary(id), r, r.capacity));
                }
        }
        update_row(at(tasks_, id), change);
    }
    bool uses_resources(task_id id) const {
        return std::any_of(demands_.begin(), demands_.end(), [id](const demand& d) { return d.task == id; });
    }
    bool is_summary(task_id id) const {
        return std::any_of(tasks_.begin(), tasks_.end(), [id](const task& t) { return t.parent == id; });
    }
    template <class F>
    void update(indicator_id id, F change) { update_row(at(indicators_, id), change); }

    std::vector<unit> units_;
    std::vector<plan> plans_;
    std::vector<task> tasks_;
    std::vector<link> links_;
    std::vector<indicator> indicators_;
    std::vector<succession> successions_;
    bool succession_table_ = false;
    std::vector<resource> resources_;
    std::vector<demand> demands_;
    detail::key_index resource_keys_;
    std::vector<UnitData> unit_data_;
    std::vector<TaskData> task_data_;
    std::vector<IndicatorData> indicator_data_;
    detail::key_index unit_keys_, plan_keys_, task_keys_, indicator_keys_;
    plangraph::calendar calendar_;
    std::vector<std::string> level_names_{"centre", "province", "commune"};
};

using model = basic_model<>;

}  // namespace plangraph

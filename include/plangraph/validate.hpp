#pragma once
// validate(draft) reports every problem of a draft at once, each with its ids and place;
// build(draft) makes a model of a draft that has none, or throws invalid_model with all of them.
#include "detail/deferred.hpp"
#include "detail/dependency_network.hpp"
#include "detail/field_checks.hpp"
#include "detail/key_index.hpp"
#include "digraph.hpp"
#include "draft.hpp"
#include "hierarchy.hpp"
#include "model.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <concepts>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace plangraph {

namespace detail {

struct model_access {
    template <class M, class Row>
    static void push(M& m, const Row& row, unit u) {
        m.unit_data_.push(payload<typename M::unit_data_type>(row.extra), m.units_.size());
        push_keyed<M>(m.units_, m.unit_keys_, std::move(u));
        m.unit_tree_.reset();
        m.note_start(m.units_.back());
    }
    template <class M>
    static void push(M& m, plan p) { push_keyed<M>(m.plans_, m.plan_keys_, std::move(p)); }
    /// A task of the draft; its parent, which may come later, is marked by mark_summaries, and
    /// its key is in the index that adopt_task_keys hands over.
    template <class M, class Row>
    static void push(M& m, const Row& row, const task_view& t) {
        m.task_data_.push(payload<typename M::task_data_type>(row.extra), m.tasks_.size());
        m.tasks_.push_back(t);
    }
    template <class M>
    static void mark_summaries(M& m) { m.tasks_.mark_summaries(); }
    /// The index validation built over the draft's task keys, taken as the model's: the same
    /// slots (hash bits, row index) the model would build, since task i is row i and a draft
    /// that builds has every key, once. Saves hashing every key a second time.
    template <class M>
    static void adopt_task_keys(M& m, key_index&& keys) {
        assert(keys.size() == m.tasks_.size());
        m.task_keys_ = std::move(keys);
    }
    template <class M, class Row>
    static void push(M& m, const Row& row, indicator i) {
        m.indicator_data_.push(payload<typename M::indicator_data_type>(row.extra), m.indicators_.size());
        push_keyed<M>(m.indicators_, m.indicator_keys_, std::move(i));
    }
    template <class M>
    static void push(M& m, link l) { m.links_.push_back(l); }
    template <class M>
    static void push(M& m, succession s) { m.successions_.push_back(s); }
    template <class M>
    static void push(M& m, resource r) { push_keyed<M>(m.resources_, m.resource_keys_, std::move(r)); }
    template <class M>
    static void push(M& m, demand d) {
        m.demands_.push_back(d);
        m.tasks_.set(index(d.task), task_flag::has_demands, true);
    }

    template <class M, class Draft>
    static void reserve(M& m, const Draft& d) {
        std::size_t chars = 0;
        for (const auto& row : d.tasks) chars += row.value.key.size() + row.value.name.size();
        m.units_.reserve(d.units.size());
        m.tasks_.reserve(d.tasks.size(), chars);
        m.links_.reserve(d.links.size());
    }

    /// A row whose key the draft's validation found unique. The key reader is M's, not
    /// `model`'s: naming `model` here would instantiate basic_model<> in every TU (issue 13).
    template <class M, class Row>
    static void push_keyed(std::vector<Row>& rows, key_index& keys, Row row) {
        keys.insert(row.key, static_cast<std::uint32_t>(rows.size()), M::key_of(rows));
        rows.push_back(std::move(row));
    }

    /// A payload from the extra columns when the payload type can take them, else a default one.
    template <class Data>
    static Data payload(const attributes& extra) {
        if constexpr (std::constructible_from<Data, const attributes&>) return Data(extra);
        else return Data{};
    }
};

// The helpers below are templates with one instance, their parameters and locals spelled
// through detail::deferred, so a TU that includes this header and never validates does not
// compile the standard code they call (issue 13, the umbrella header's compile cost).

template <class D = void>
bool all_digits(const deferred<std::string, D>& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether a level given as a number is a level index (below level_from_depth, which means
/// "by depth"); a name always fits.
template <class D = void>
bool level_number_fits(const deferred<std::string, D>& level) {
    if (!all_digits<D>(level)) return true;
    unit_level n = 0;
    auto [p, ec] = std::from_chars(level.data(), level.data() + level.size(), n);
    return ec == std::errc{} && n < level_from_depth;
}

/// One kind's key index over the draft's rows, which keep the keys.
template <class Row>
struct row_keys {
    const std::vector<Row>* rows;
    deferred<key_index, Row> index{};  // a non-dependent `{}` would build its constructor here

    std::string_view key(std::uint32_t i) const { return (*rows)[i].value.key; }
    std::optional<std::uint32_t> find(std::string_view k) const {
        return index.find(k, [this](std::uint32_t i) { return key(i); });
    }
    /// find() of `ref(row)` for every row of `refs`, in one prefetching pass (key_index::find_all).
    template <class Rows, class Ref>
    std::vector<std::uint32_t> find_all(const Rows& refs, const Ref& ref) const {
        deferred_vector<std::uint32_t, Rows> found;
        index.find_all(refs.size(), [&](std::size_t i) -> std::string_view { return ref(refs[i]); },
                       [this](std::uint32_t i) { return key(i); }, found);
        return found;
    }
};

/// A lookup already made by find_all, given to resolve() in place of the keys.
struct found_row {
    std::uint32_t row;
    std::optional<std::uint32_t> find(std::string_view) const {
        return row == key_index::absent ? std::nullopt : std::optional<std::uint32_t>(row);
    }
};

/// String ids → row indices for one kind, reporting duplicates.
template <class Row>
row_keys<Row> index_keys(const std::vector<Row>& rows, const file_columns& cols, const char* kind,
                         deferred_vector<problem, Row>& out) {
    row_keys<Row> keys{&rows};
    // Empty keys are skipped: the field checks report them.
    keys.index.insert_all(
        rows.size(), [&rows](std::size_t i) -> std::string_view { return rows[i].value.key; },
        [&keys](std::uint32_t j) { return keys.key(j); },
        [&](std::size_t i, std::uint32_t first_row) {
            const std::string key(rows[i].value.key);
            auto first = rows[first_row].line;
            std::string msg = std::string("duplicate ") + kind + " id " + key;
            if (first) msg += " (first on line " + std::to_string(first) + ")";
            out.push_back({problem_kind::duplicate_id, msg, {key}, cols.at(rows[i].line, "id")});
        });
    return keys;
}

/// A row's name for a message: `who` itself, or what it returns when it is a function (so a
/// row with no problem never builds its name).
template <class Who>
std::string name_of(const Who& who) {
    if constexpr (std::invocable<const Who&>) return who();
    else return who;
}

/// Resolves one reference, the cell in column `field` on `line` of `cols`; an unknown one is
/// reported and comes back as no_id. The place and the message are made only for a problem.
template <strong_id Id, class Keys, class Who>
Id resolve(const Keys& keys, std::string_view ref, const Who& who, const char* field,
           const char* target_kind, const file_columns& cols, std::size_t line, deferred_vector<problem, Keys>& out,
           bool required = false) {
    if (ref.empty()) {
        if (required)
            out.push_back({problem_kind::unknown_reference, name_of(who) + ": no " + field + " given", {},
                           cols.at(line, field)});
        return no_id<Id>;
    }
    if (auto i = keys.find(ref)) return make_id<Id>(*i);
    out.push_back({problem_kind::unknown_reference,
                   name_of(who).append(": unknown ").append(target_kind).append(" ").append(ref).append(" in column ").append(field),
                   {std::string(ref)}, cols.at(line, field)});
    return no_id<Id>;
}

template <class Row>
void report_fields(const Row& row, const file_columns& cols, deferred_vector<problem, Row>& out) {
    for (auto& fp : check_fields(row.value))
        out.push_back({fp.kind, std::move(fp.message), {std::string(row.value.key)}, cols.at(row.line, fp.field)});
}

/// Reports the cycles of a parent array; true when there was one.
template <strong_id Id, class Rows>
bool report_parent_cycles(const std::vector<Id>& parents, const Rows& rows, const file_columns& cols,
                          const char* kind, deferred_vector<problem, Rows>& out) {
    const auto cycles = parent_cycles<Id>(parents);
    for (const auto& cycle : cycles) {
        deferred_vector<std::string, Rows> names;
        for (Id v : cycle) names.emplace_back(rows[index(v)].value.key);
        auto msg = std::string(kind) + " cycle: " + cycle_error::join(names);
        out.push_back({problem_kind::cycle, msg, names, cols.at(rows[index(cycle.front())].line, "parent")});
    }
    return !cycles.empty();
}

/// The draft's rows resolved to ids; `problems` holds everything wrong with them. The templates
/// below name it `deferred<resolved_draft, Draft>`, so its members' code is compiled where a
/// draft is validated.
struct resolved_draft {
    std::vector<unit_id> unit_parent;
    std::vector<unit_id> plan_unit;
    std::vector<plan_id> plan_parent;
    std::vector<unit_id> task_unit;
    std::vector<plan_id> task_plan;
    std::vector<task_id> task_parent;
    std::vector<task_id> link_from, link_to;
    std::vector<unit_id> indicator_unit;
    std::vector<plan_id> indicator_plan;
    std::vector<indicator_id> indicator_parent;
    std::vector<succession> successions;  // ends resolved; a row with an unknown end is left out
    std::vector<unit_id> resource_unit;
    std::vector<demand> demands;  // ends resolved; a row with an unknown end is left out
    key_index task_keys;          // over the draft's task keys, row i at index i: build adopts it
    std::vector<problem> problems;
};

/// The place of a dated problem in the draft's files.
template <class Draft>
location dated_location(const Draft& d, const dated_problem& p, const deferred_vector<std::size_t, Draft>& succession_rows) {
    using rk = dated_problem::row_kind;
    switch (p.row_of) {
        case rk::unit: return d.unit_columns.at(d.units[p.row].line, p.field);
        case rk::succession: return d.succession_columns.at(d.successions[succession_rows[p.row]].line, p.field);
        case rk::task: return d.task_columns.at(d.tasks[p.row].line, p.field);
        case rk::indicator: return d.indicator_columns.at(d.indicators[p.row].line, p.field);
    }
    return {};
}

/// Resolves the successions and reports every rule of succession.hpp the draft breaks. Only
/// looks at dates when the draft has some, so an undated draft costs nothing more.
template <class Draft, class Keys>
void resolve_dated(const Draft& d, const Keys& units, deferred<resolved_draft, Draft>& r) {
    auto& out = r.problems;
    deferred_vector<std::size_t, Draft> rows;  // row in d.successions of each resolved succession
    for (std::size_t i = 0; i < d.successions.size(); ++i) {
        const auto& row = d.successions[i];
        auto who = "succession " + row.from + " -> " + row.to;
        const auto& c = d.succession_columns;
        auto from = resolve<unit_id>(units, row.from, who, "from", "unit", c, row.line, out, true);
        auto to = resolve<unit_id>(units, row.to, who, "to", "unit", c, row.line, out, true);
        if (is_none(from) || is_none(to)) continue;
        succession s = row.value;
        s.from = from, s.to = to;
        r.successions.push_back(s);
        rows.push_back(i);
    }
    bool dated = d.succession_table || !d.successions.empty();
    for (const auto& row : d.units) dated = dated || has_dates(row.value);
    if (!dated) return;
    deferred_vector<dated_problem, Draft> found;
    for (std::size_t i = 0; i < d.units.size(); ++i) {
        auto p = r.unit_parent[i];
        check_unit_dates(d.units[i].value, is_none(p) ? nullptr : &d.units[index(p)].value, i, found);
    }
    auto unit_at = [&d](unit_id u) -> const unit& { return d.units[index(u)].value; };
    check_successions(d.units.size(), unit_at, std::span<const succession>(r.successions), found);
    for (std::size_t i = 0; i < d.tasks.size(); ++i)
        if (!is_none(r.task_unit[i])) check_owner_dates(d.tasks[i].value, unit_at(r.task_unit[i]), i, found);
    for (std::size_t i = 0; i < d.indicators.size(); ++i)
        if (!is_none(r.indicator_unit[i]))
            check_owner_dates(d.indicators[i].value, unit_at(r.indicator_unit[i]), i, found);
    for (auto& p : found) out.push_back({p.kind, std::move(p.message), std::move(p.ids), dated_location(d, p, rows)});
}

/// Resolves the resources and demands and reports every rule of resource.hpp the draft breaks.
template <class Draft, class UnitKeys, class TaskKeys>
void resolve_resources(const Draft& d, const UnitKeys& units, const TaskKeys& tasks, deferred<resolved_draft, Draft>& r) {
    auto& out = r.problems;
    auto resources = index_keys(d.resources, d.resource_columns, "resource", out);
    for (const auto& row : d.resources) {
        const auto& c = d.resource_columns;
        r.resource_unit.push_back(resolve<unit_id>(units, row.unit, "resource " + row.value.key, "unit", "unit", c, row.line, out));
        for (auto& fp : check_fields(row.value, row.capacity))
            out.push_back({fp.kind, std::move(fp.message), {row.value.key}, c.at(row.line, fp.field)});
    }
    deferred_vector<bool, Draft> summary(d.tasks.size(), false);
    for (auto p : r.task_parent)
        if (!is_none(p)) summary[index(p)] = true;
    deferred<std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t>, Draft> first_line;
    for (const auto& row : d.demands) {
        auto who = demand_name(row.task, row.resource);
        const auto& c = d.demand_columns;
        auto t = resolve<task_id>(tasks, row.task, who, "task", "task", c, row.line, out, true);
        auto res = resolve<resource_id>(resources, row.resource, who, "resource", "resource", c, row.line, out, true);
        if (is_none(t) || is_none(res)) continue;
        if (auto [it, fresh] = first_line.try_emplace({static_cast<std::uint32_t>(index(t)), static_cast<std::uint32_t>(index(res))}, row.line); !fresh) {
            out.push_back({problem_kind::duplicate_id, who + " listed twice (first on line " + std::to_string(it->second) + ")",
                           {row.task, row.resource}, c.at(row.line, "task")});
            continue;
        }
        const auto& r_row = d.resources[index(res)];
        auto found = check_demand(row.amount, d.tasks[index(t)].value, summary[index(t)], r_row.value, r_row.capacity);
        for (auto& fp : found) out.push_back({fp.kind, std::move(fp.message), {row.task, row.resource}, c.at(row.line, fp.field)});
        if (found.empty()) r.demands.push_back({t, res, static_cast<int>(row.amount)});
    }
}

template <class Draft>
deferred<resolved_draft, Draft> resolve_draft(const Draft& d) {
    deferred<resolved_draft, Draft> r;
    auto& out = r.problems;
    out = d.problems;
    auto units = index_keys(d.units, d.unit_columns, "unit", out);
    auto plans = index_keys(d.plans, d.plan_columns, "plan", out);
    auto tasks = index_keys(d.tasks, d.task_columns, "task", out);
    auto indicators = index_keys(d.indicators, d.indicator_columns, "indicator", out);

    for (const auto& row : d.units) {
        auto who = "unit " + row.value.key;
        r.unit_parent.push_back(resolve<unit_id>(units, row.parent, who, "parent", "unit",
                                                 d.unit_columns, row.line, out));
        report_fields(row, d.unit_columns, out);
        if (!level_number_fits<Draft>(row.level))
            out.push_back({problem_kind::out_of_range,
                           who + ": level " + row.level + " is outside 0.." + std::to_string(level_from_depth - 1),
                           {row.value.key}, d.unit_columns.at(row.line, "level")});
    }
    for (const auto& row : d.plans) {
        auto who = "plan " + row.value.key;
        if (row.value.key.empty())
            out.push_back({problem_kind::invalid_value, "plan without an id", {}, d.plan_columns.at(row.line, "id")});
        r.plan_unit.push_back(resolve<unit_id>(units, row.unit, who, "unit", "unit", d.plan_columns, row.line, out, true));
        r.plan_parent.push_back(resolve<plan_id>(plans, row.parent, who, "parent", "plan", d.plan_columns, row.line, out));
    }
    r.task_unit.reserve(d.tasks.size());
    r.task_plan.reserve(d.tasks.size());
    r.task_parent.reserve(d.tasks.size());
    {  // the lookups first, prefetched; then each row's problems in file order
        const auto unit_of = units.find_all(d.tasks, [](const auto& row) -> std::string_view { return row.unit; });
        const auto plan_of = plans.find_all(d.tasks, [](const auto& row) -> std::string_view { return row.plan; });
        const auto parent_of = tasks.find_all(d.tasks, [](const auto& row) -> std::string_view { return row.parent; });
        for (std::size_t i = 0; i < d.tasks.size(); ++i) {
            const auto& row = d.tasks[i];
            auto who = [&row] { return std::string("task ").append(row.value.key); };
            const auto& c = d.task_columns;
            r.task_unit.push_back(resolve<unit_id>(found_row{unit_of[i]}, row.unit, who, "unit", "unit", c, row.line, out, true));
            r.task_plan.push_back(resolve<plan_id>(found_row{plan_of[i]}, row.plan, who, "plan", "plan", c, row.line, out));
            r.task_parent.push_back(resolve<task_id>(found_row{parent_of[i]}, row.parent, who, "parent", "task", c, row.line, out));
            report_fields(row, c, out);
        }
    }
    r.link_from.reserve(d.links.size());
    r.link_to.reserve(d.links.size());
    const auto link_from = tasks.find_all(d.links, [](const auto& row) -> const std::string& { return row.from; });
    const auto link_to = tasks.find_all(d.links, [](const auto& row) -> const std::string& { return row.to; });
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        const auto& row = d.links[i];
        auto who = [&row] { return "link " + row.from + " -> " + row.to; };
        const auto& c = d.link_columns;
        r.link_from.push_back(resolve<task_id>(found_row{link_from[i]}, row.from, who, "from", "task", c, row.line, out, true));
        r.link_to.push_back(resolve<task_id>(found_row{link_to[i]}, row.to, who, "to", "task", c, row.line, out, true));
        for (auto& fp : check_fields(row.value, who))
            out.push_back({fp.kind, std::move(fp.message), {row.from, row.to}, c.at(row.line, fp.field)});
    }
    for (const auto& row : d.indicators) {
        auto who = [&row] { return "indicator " + row.value.key; };
        const auto& c = d.indicator_columns;
        r.indicator_unit.push_back(resolve<unit_id>(units, row.unit, who, "unit", "unit", c, row.line, out, true));
        r.indicator_plan.push_back(resolve<plan_id>(plans, row.plan, who, "plan", "plan", c, row.line, out));
        r.indicator_parent.push_back(resolve<indicator_id>(indicators, row.parent, who, "parent", "indicator", c, row.line, out));
        report_fields(row, c, out);
    }

    report_parent_cycles(r.unit_parent, d.units, d.unit_columns, "unit hierarchy", out);
    resolve_dated(d, units, r);
    resolve_resources(d, units, tasks, r);
    report_parent_cycles(r.plan_parent, d.plans, d.plan_columns, "plan cascade", out);
    const bool tree = !report_parent_cycles(r.task_parent, d.tasks, d.task_columns, "task decomposition", out);
    report_parent_cycles(r.indicator_parent, d.indicators, d.indicator_columns, "indicator hierarchy", out);

    // Dependencies as the scheduler sees them (links into summaries reach their sub-tasks,
    // summaries roll up), with every task taking part so that any model accepted here schedules.
    // A task decomposition with a cycle has no summaries to expand: it is reported above.
    auto parent_of = [&](std::size_t i) {
        return !tree || is_none(r.task_parent[i]) ? no_task : static_cast<std::uint32_t>(index(r.task_parent[i]));
    };
    auto link_ends = [&](std::size_t e) {
        auto end = [](task_id t) { return is_none(t) ? no_task : static_cast<std::uint32_t>(index(t)); };
        return std::pair{end(r.link_from[e]), end(r.link_to[e])};
    };
    auto net = expand_dependencies(d.tasks.size(), parent_of, [](std::size_t) { return true; }, d.links.size(), link_ends);
    for (const auto& cycle : dependency_cycles(d.tasks.size(), net, link_ends)) {
        deferred_vector<std::string, Draft> names;
        for (auto v : cycle.tasks) names.emplace_back(d.tasks[v].value.key);
        auto msg = "dependency cycle: " + cycle_error::join(names) +
                   through_summaries(cycle, [&](auto v) { return d.tasks[v].value.key; });
        location where = cycle.closing_link == rollup_edge ? location{} : d.link_columns.at(d.links[cycle.closing_link].line);
        out.push_back({problem_kind::cycle, msg, names, where});
    }
    r.task_keys = std::move(tasks.index);

    deferred<std::map<date, const calendar_row*>, Draft> days;
    for (const auto& row : d.calendar) {
        deferred_vector<field_problem, Draft> range;
        check_date(range, [] { return std::string("calendar"); }, "date", row.day);
        for (auto& fp : range)
            out.push_back({fp.kind, std::move(fp.message), {format_date(row.day)}, d.calendar_columns.at(row.line, "date")});
        if (auto [it, fresh] = days.try_emplace(row.day, &row); !fresh)
            out.push_back({problem_kind::duplicate_id,
                           "calendar date " + format_date(row.day) + " listed twice (first on line " +
                               std::to_string(it->second->line) + ")",
                           {format_date(row.day)}, d.calendar_columns.at(row.line, "date")});
    }
    return r;
}

/// A unit row's level: a number, a known level name, or a new name appended to `names`.
template <class D = void>
unit_level resolve_level(const deferred<std::string, D>& level, deferred_vector<std::string, D>& names) {
    if (level.empty()) return level_from_depth;
    unit_level n = 0;
    if (all_digits<D>(level)) {  // checked by level_number_fits
        std::from_chars(level.data(), level.data() + level.size(), n);
        return n;
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == level) return static_cast<unit_level>(i);
    names.push_back(level);
    return static_cast<unit_level>(names.size() - 1);
}

}  // namespace detail

/// Every problem of the draft: reading problems, duplicate ids, unknown references, cycles in
/// each hierarchy and in the dependencies (named element by element), out-of-range values, and
/// demands that break the rules of resource.hpp.
template <std::same_as<model_draft> Draft>
std::vector<problem> validate(const Draft& draft) {
    return detail::resolve_draft(draft).problems;
}

namespace detail {

/// A row's value for the model: moved out of a draft given as an rvalue (its strings change
/// hands instead of being copied), copied from one given as an lvalue.
template <class Draft, class T>
auto take(T& value) -> std::conditional_t<std::is_lvalue_reference_v<Draft>, const T&, T&&> {
    if constexpr (std::is_lvalue_reference_v<Draft>) return value;
    else return std::move(value);
}

/// build() for any draft: `Draft` is `const model_draft&`, `model_draft` or, for
/// load_model_dir, `viewed_draft`. The problems that do not block the build go to `notes`
/// when given.
template <class Model, class Draft>
Model build_model(Draft&& d, std::vector<problem>* notes = nullptr) {
    auto r = detail::resolve_draft(std::as_const(d));
    for (const auto& p : r.problems)
        if (blocks_build(p.kind)) throw invalid_model(std::move(r.problems));
    if (notes) *notes = std::move(r.problems);
    using access = detail::model_access;
    Model m;
    access::reserve(m, d);
    auto level_names = m.level_names();
    hierarchy<unit_id> units(r.unit_parent);
    for (std::size_t i = 0; i < d.units.size(); ++i) {
        unit u = take<Draft>(d.units[i].value);
        u.parent = r.unit_parent[i];
        u.level = detail::resolve_level<Model>(d.units[i].level, level_names);
        if (u.level == level_from_depth) u.level = units.depth(make_id<unit_id>(i));
        access::push(m, d.units[i], std::move(u));
    }
    m.set_level_names(std::move(level_names));
    for (const auto& s : r.successions) access::push(m, s);
    if (d.succession_table) m.declare_succession_table();
    for (std::size_t i = 0; i < d.plans.size(); ++i) {
        plan p = take<Draft>(d.plans[i].value);
        p.unit = r.plan_unit[i];
        p.parent = r.plan_parent[i];
        access::push(m, std::move(p));
    }
    for (std::size_t i = 0; i < d.tasks.size(); ++i) {
        task_view t = d.tasks[i].value;  // its strings are copied into the model's arena
        t.unit = r.task_unit[i];
        t.plan = r.task_plan[i];
        t.parent = r.task_parent[i];
        access::push(m, d.tasks[i], t);
    }
    access::mark_summaries(m);
    access::adopt_task_keys(m, std::move(r.task_keys));
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        link l = d.links[i].value;
        l.from = r.link_from[i];
        l.to = r.link_to[i];
        access::push(m, l);
    }
    for (std::size_t i = 0; i < d.indicators.size(); ++i) {
        indicator x = take<Draft>(d.indicators[i].value);
        x.unit = r.indicator_unit[i];
        x.plan = r.indicator_plan[i];
        x.parent = r.indicator_parent[i];
        access::push(m, d.indicators[i], std::move(x));
    }
    for (std::size_t i = 0; i < d.resources.size(); ++i) {
        resource x = take<Draft>(d.resources[i].value);
        x.unit = r.resource_unit[i];
        x.capacity = static_cast<int>(d.resources[i].capacity);
        access::push(m, std::move(x));
    }
    for (const auto& x : r.demands) access::push(m, x);
    calendar cal;
    cal.set_exceptions(d.calendar);
    m.set_calendar(std::move(cal));
    return m;
}

}  // namespace detail

/// The model of a draft; ids follow row order. Throws invalid_model with every problem when
/// one of them blocks the build (see blocks_build: a due date before the start does not).
template <class Model = model>
Model build(const model_draft& d) {
    return detail::build_model<Model>(d);
}

/// The same, moving the rows' strings into the model instead of copying them; the draft is left
/// valid but unspecified (the loaders' drafts are temporaries), except that invalid_model
/// is thrown before anything is moved.
template <class Model = model>
Model build(model_draft&& d) {
    return detail::build_model<Model>(std::move(d));
}

}  // namespace plangraph

#pragma once
// Traffic lights from a unit's rollup, the explanation of what keeps a unit from green, and the
// ranking of the units of a level.
//
// The default rule (light_rules{}):
//   red    when at least 5% of the unit's counted tasks are overdue (one overdue task in 16);
//   green  when every counted task is done (completion rate 100%, or nothing to do) and every
//          indicator with a target in the unit's subtree meets it;
//   amber  otherwise: work outstanding or an indicator short of target, but less than 5% overdue.
// Every threshold is a field of light_rules. The "all children green" rule (Plan 02: a province
// is green when all of its communes completed all their tasks) is light_rules::all_children_green():
// a unit with children is green only when its own figures pass and every child is green; red and
// amber stay as above.
#include "aggregate.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "rollup.hpp"
#include "status.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph {

enum class traffic_light : std::uint8_t { green, amber, red };

constexpr std::string_view to_string(traffic_light l) {
    constexpr std::string_view names[] = {"green", "amber", "red"};
    return names[static_cast<int>(l)];
}

struct light_rules {
    // green needs all of these
    double green_completion = 1.0;       // completion_rate ≥ this (no task counts as complete)
    double green_on_time = 0.0;          // on_time_rate ≥ this (nothing done passes)
    double green_indicators_met = 1.0;   // share of indicators meeting target ≥ this (none passes)
    bool green_needs_children_green = false;
    // red when any of these holds
    double red_overdue_share = 0.05;     // overdue / total ≥ this, with at least one overdue
    std::uint64_t red_overdue_count = 0;  // overdue ≥ this (0 = rule off)
    double red_completion_below = 0.0;   // completion_rate < this (0 = rule off)

    /// The default rule plus "green only when every child is green".
    static light_rules all_children_green() {
        light_rules r;
        r.green_needs_children_green = true;
        return r;
    }
};

/// The light of one unit from its own figures, ignoring its children's lights.
inline traffic_light own_light(const status_counts& c, const indicator_counts& ind, const light_rules& r) {
    const auto total = c.total(), overdue = c.overdue();
    const double completion = c.completion_rate().value_or(1.0);
    if (overdue > 0 && static_cast<double>(overdue) >= r.red_overdue_share * static_cast<double>(total)) return traffic_light::red;
    if (r.red_overdue_count > 0 && overdue >= r.red_overdue_count) return traffic_light::red;
    if (completion < r.red_completion_below) return traffic_light::red;
    bool green = completion >= r.green_completion && c.on_time_rate().value_or(1.0) >= r.green_on_time &&
                 ind.met_rate().value_or(1.0) >= r.green_indicators_met;
    return green ? traffic_light::green : traffic_light::amber;
}

/// Every unit's light (indexed by unit id); `indicators` may be empty (no indicator counts). A
/// template with one instance, its types spelled through detail::deferred, so that it is
/// compiled only where it is called (issue 13).
template <class D = void>
std::vector<traffic_light> traffic_lights(const detail::deferred<hierarchy<unit_id>, D>& units,
                                          detail::deferred<std::span<const status_counts>, D> rows,
                                          detail::deferred<std::span<const unit_indicator_counts>, D> indicators,
                                          const light_rules& r = {}) {
    detail::deferred_vector<traffic_light, D> out(units.size());
    for (unit_id v : units.post_order()) {
        auto ind = indicators.empty() ? indicator_counts{} : indicators[index(v)].subtree;
        auto l = own_light(rows[index(v)], ind, r);
        if (l == traffic_light::green && r.green_needs_children_green)
            for (unit_id k : units.children(v))
                if (out[index(k)] != traffic_light::green) l = traffic_light::amber;
        out[index(v)] = l;
    }
    return out;
}

/// What keeps a unit from green: its subtree's unfinished tasks (overdue first), the tasks done
/// late when the rule asks for punctuality, the indicators short of target, the children that
/// are not green; each also written out as a sentence naming the unit and the task or indicator.
/// explain() takes the indicator values indexed by indicator id, or none ({}: indicators are not
/// explained, as traffic_lights counts none); any other number of values throws `error`.
struct explanation {
    unit_id unit = no_id<unit_id>;
    traffic_light light = traffic_light::green;
    std::vector<task_id> overdue{};
    std::vector<task_id> unfinished{};  // in progress within deadline
    std::vector<task_id> late{};        // done late (only when green_on_time > 0)
    std::vector<indicator_id> unmet{};
    std::vector<unit_id> children{};    // children not green
    std::vector<std::string> lines{};
};

namespace detail {

/// explain() over `tree`: `task_in(owner)` and `indicator_in(owner)` say whether a task or an
/// indicator of `owner` counts in u's subtree; `unit_text(w)` names a unit.
template <class Model, class TaskIn, class IndicatorIn, class UnitText>
explanation explain(const Model& m, const deferred<hierarchy<unit_id>, Model>& tree, unit_id u, date as_of,
                    deferred<std::span<const traffic_light>, Model> lights,
                    deferred<std::span<const indicator_value>, Model> values, const light_rules& r, TaskIn task_in,
                    IndicatorIn indicator_in, UnitText unit_text) {
    if (!values.empty() && values.size() != m.indicators().size())
        throw error("explain: " + std::to_string(values.size()) + " indicator values for " +
                    std::to_string(m.indicators().size()) + " indicators");
    deferred<explanation, Model> e{.unit = u, .light = lights[index(u)]};
    if (e.light == traffic_light::green) return e;
    auto task_text = [&](const task_view& t) {
        return std::string("task ").append(t.key).append(" '").append(t.name).append("' of ").append(unit_text(t.unit));
    };
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        const auto& t = m.tasks()[i];
        if (!task_in(t.unit)) continue;
        auto id = make_id<task_id>(i);
        switch (status_as_of(t, as_of)) {
            case task_status::overdue: e.overdue.push_back(id); break;
            case task_status::in_progress: e.unfinished.push_back(id); break;
            case task_status::done_late: if (r.green_on_time > 0) e.late.push_back(id); break;
            default: break;
        }
    }
    for (task_id t : e.overdue) e.lines.push_back(task_text(m[t]) + " is overdue (due " + format_date(*m[t].due) + ")");
    for (task_id t : e.unfinished) e.lines.push_back(task_text(m[t]) + " is not done yet");
    for (task_id t : e.late)
        e.lines.push_back(task_text(m[t]) + " was done late (" + format_date(*m[t].completed) + ", due " +
                          format_date(*m[t].due) + ")");
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& ind = m.indicators()[i];
        if (!ind.target || !indicator_in(ind.unit) || values[i].met.value_or(false)) continue;
        e.unmet.push_back(make_id<indicator_id>(i));
        std::string v = values[i].value ? detail::number_text(*values[i].value) : "no value";
        e.lines.push_back("indicator " + ind.key + " '" + ind.name + "' of " + unit_text(ind.unit) + " is " + v +
                          ", target " + detail::number_text(*ind.target) + " (" + std::string(to_string(ind.dir)) +
                          " is better)");
    }
    for (unit_id k : tree.children(u))
        if (lights[index(k)] != traffic_light::green) {
            e.children.push_back(k);
            e.lines.push_back(unit_text(k) + " is " + std::string(to_string(lights[index(k)])));
        }
    return e;
}

}  // namespace detail

template <class Model>
explanation explain(const Model& m, unit_id u, date as_of, std::span<const traffic_light> lights,
                    std::span<const indicator_value> values, const light_rules& r = {}) {
    const auto& h = m.unit_hierarchy();
    auto in_subtree = [&](unit_id owner) { return h.contains(u, owner); };
    return detail::explain(m, h, u, as_of, lights, values, r, in_subtree, in_subtree,
                           [&](unit_id w) { return "unit " + m[w].key + " (" + m[w].name + ")"; });
}

/// One row of a ranking: rank 1 is the best; equal scores share a rank ("1, 2, 2, 4").
struct ranked_unit {
    unit_id unit = no_id<unit_id>;
    std::optional<double> score{};
    std::uint32_t rank = 0;

    bool operator==(const ranked_unit&) const = default;
};

/// The units of `level`, best score first (highest, or lowest with `lower_is_better`); ties in
/// order of unit key, units without a score last. `score(unit_id) -> std::optional<double>`.
/// Only the units for which `keep(unit_id)` holds take part (the units on a map, placement.hpp).
template <class Model, class Score, class Keep>
std::vector<ranked_unit> rank_units(const Model& m, unit_level level, Score score, bool lower_is_better, Keep keep) {
    detail::deferred_vector<ranked_unit, Model> out;
    for (std::size_t i = 0; i < m.units().size(); ++i)
        if (m.units()[i].level == level && keep(make_id<unit_id>(i)))
            out.push_back({make_id<unit_id>(i), score(make_id<unit_id>(i)), 0});
    auto better = [&](const ranked_unit& a, const ranked_unit& b) {
        if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
        if (a.score && *a.score != *b.score) return lower_is_better ? *a.score < *b.score : *a.score > *b.score;
        return false;
    };
    std::sort(out.begin(), out.end(), [&](const ranked_unit& a, const ranked_unit& b) {
        if (better(a, b)) return true;
        if (better(b, a)) return false;
        return m[a.unit].key < m[b.unit].key;
    });
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].rank = i > 0 && !better(out[i - 1], out[i]) ? out[i - 1].rank : static_cast<std::uint32_t>(i + 1);
    return out;
}

template <class Model, class Score>
std::vector<ranked_unit> rank_units(const Model& m, unit_level level, Score score, bool lower_is_better = false) {
    return rank_units(m, level, score, lower_is_better, [](unit_id) { return true; });
}

}  // namespace plangraph

#pragma once
// Earned schedule of every unit as of a date (DESIGN.md, "Progress over time"), over the leaf (not
// summary), not cancelled tasks of the unit's subtree that have a baseline entry, each with its
// weight w:
//   planned_value  PV(D) = Σ w · p(D), p(D) the share of the task's baseline working days
//                  [start, finish] that are ≤ D; a milestone's p is 1 from its baseline finish on;
//   earned_value   EV(D) = Σ w of the tasks completed on or before D (the 0/100 rule);
//   spi            EV / PV, absent when PV = 0;
//   actual_time    the working days from B0 (the earliest baseline start) through D;
//   earned_schedule  C + (EV − PV(t_C)) / (PV(t_{C+1}) − PV(t_C)), t_k the k-th working day from
//                  B0, C the largest k ≤ K (t_K: the last baseline finish) with PV(t_k) ≤ EV;
//   spi_t          earned_schedule / actual_time, absent when actual_time = 0.
// All six are absent for a unit without such a task.
//
// Choices where DESIGN is silent, as a planner would expect:
//   - a task (not a milestone) whose baseline [start, finish] holds no working day is treated as
//     a milestone at its finish (no share of nothing to spread);
//   - sums of shares are rounded, so "PV(t_k) ≤ EV" is judged with a tolerance of 1e-9 × the
//     unit's total weight: rounding cannot move C across a stretch where PV stands still;
//   - a task behind is one not done as of D with p(D) > 0. What it costs its unit is the earned
//     schedule the unit would gain were it done (ES at EV + w minus ES at EV), in working days;
//     behind_schedule lists the units with spi_t below a threshold (default 0.9) and, for each,
//     its costliest tasks first.
//
// How. The engine is built once from a model and a baseline: one pass over the model's tasks
// into compact records, then each unit's PV curve, day by day over its subtree's baseline span,
// by difference arrays (a task adds w/N per working day of its span, a milestone a step at its
// finish) merged up the unit tree, O(tasks + Σ unit spans). An as-of date then costs one pass
// over the records for EV and a binary search per unit for C; a series buckets completion dates
// as series.hpp does, one pass for every date. EV sums are rollup.hpp's exact sums, so a series
// gives each date's single-date figures bit for bit.
#include "baseline.hpp"
#include "calendar.hpp"
#include "date.hpp"
#include "detail/deferred.hpp"
#include "detail/field_checks.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "placement.hpp"
#include "rollup.hpp"
#include "series.hpp"
#include "task.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace plangraph {

namespace detail {

/// Every node's subtree sum: its own exact sum rounded once, then added up the tree (so a
/// series and a single date agree bit for bit, as in rollup.hpp).
template <strong_id Id>
std::vector<double> rolled_up_values(const hierarchy<Id>& h, deferred<std::span<const exact_sum>, Id> own) {
    deferred_vector<double, Id> values(own.size());
    for (std::size_t v = 0; v < own.size(); ++v) values[v] = own[v].value();
    for (Id v : h.post_order())
        if (Id p = h.parent(v); !is_none(p)) values[index(p)] += values[index(v)];
    return values;
}

/// The date of a day number (date::day_number()).
inline date from_day_number(std::int32_t n) {
    static const date epoch(1400, 1, 1);
    return epoch + boost::gregorian::days(n - static_cast<std::int32_t>(epoch.day_number()));
}

}  // namespace detail

/// One unit's earned schedule as of a date; every field absent for a unit without a task.
struct earned_schedule_row {
    std::optional<double> planned_value{}, earned_value{}, spi{}, earned_schedule{};
    std::optional<int> actual_time{};
    std::optional<double> spi_t{};

    bool operator==(const earned_schedule_row&) const = default;
};

/// When a unit counts as behind schedule, and how many of its tasks to explain.
struct behind_rules {
    double spi_t_below = 0.9;   // behind when spi_t < this
    std::size_t max_tasks = 10;  // tasks listed per unit, costliest first (0: all)
};

/// A task of a unit behind schedule: not done as of D though its baseline says it should be, at
/// least in part.
struct late_task {
    task_id task = no_id<task_id>;
    double planned_share = 0.0;  // p(D)
    double weight = 0.0;
    double cost = 0.0;           // working days of earned schedule it costs the unit
    baseline_dates agreed{};
};

struct behind_unit {
    unit_id unit = no_id<unit_id>;
    earned_schedule_row figures{};
    std::vector<late_task> tasks{};   // costliest first
    std::vector<std::string> lines{};  // one sentence per task, in the same order
};

/// A class template with one instance, `earned_schedule_engine`, so that its code is compiled
/// where it is used (detail/deferred.hpp).
template <class Defer = void>
class basic_earned_schedule_engine {
    template <class T>
    using array = detail::deferred_vector<T, Defer>;

public:
    /// A task that takes part: leaf, not cancelled, with a baseline entry.
    struct es_task {
        std::uint32_t unit = 0, task = 0;
        std::int32_t completed = detail::no_day;  // day number
        std::int32_t start = 0, finish = 0;       // baseline, day numbers
        std::int32_t working = 0;                 // working days in [start, finish]; 0: a milestone
        double weight = 0.0;
    };

    template <class Model>
    basic_earned_schedule_engine(const Model& m, const baseline& b)
        : basic_earned_schedule_engine(m, b, m.unit_hierarchy(), [](const task_view& t) { return static_cast<std::uint32_t>(index(t.unit)); }) {}

    /// On the map of a date (placement.hpp): rows by unit id, then the unmapped row; a task counts
    /// where the map places its owner.
    template <class Model>
    basic_earned_schedule_engine(const Model& m, const baseline& b, const unit_map& map)
        : basic_earned_schedule_engine(m, b, map.tree(), [&map](const task_view& t) { return map.place(t.unit); }) {}

    /// Every unit's figures as of `as_of` (indexed by unit id).
    std::vector<earned_schedule_row> operator()(date as_of) const {
        array<detail::exact_sum> own(tree_.size());
        const auto day = static_cast<std::int32_t>(as_of.day_number());
        for (const auto& t : tasks_)
            if (t.completed <= day) own[t.unit] += t.weight;
        return rows(as_of, detail::rolled_up_values<unit_id>(tree_, own));
    }

    /// Every unit's figures at each date (rows[j][unit]); the dates as series.hpp checks them.
    std::vector<std::vector<earned_schedule_row>> series(std::span<const date> dates) const {
        check_series_dates(dates);
        const detail::series_index at(dates);
        const std::size_t k = dates.size(), width = k + 1;
        array<detail::exact_sum> diff(tree_.size() * width);
        for (const auto& t : tasks_) diff[t.unit * width + at.done_from(t.completed)] += t.weight;
        array<std::vector<earned_schedule_row>> out;
        out.reserve(k);
        array<detail::exact_sum> run(tree_.size());
        for (std::size_t j = 0; j < k; ++j) {
            for (std::size_t u = 0; u < tree_.size(); ++u) run[u] += diff[u * width + j];
            out.push_back(rows(dates[j], detail::rolled_up_values<unit_id>(tree_, run)));
        }
        return out;
    }

    /// PV(d) of a unit (0 for a unit without a task).
    double planned_value(unit_id u, date d) const {
        const auto& c = curve_[index(u)];
        if (c.pv.empty() || d < c.first) return 0.0;
        const auto i = static_cast<std::size_t>((d - c.first).days());
        return i < c.pv.size() ? c.pv[i] : c.pv.back();
    }

    /// The earned schedule of a unit whose earned value is `ev`; absent without a task.
    std::optional<double> earned_schedule_at(unit_id u, double ev) const {
        const auto& c = curve_[index(u)];
        if (c.pv.empty()) return std::nullopt;
        const double tolerance = 1e-9 * c.pv.back();
        const auto& pv = c.at_working;  // PV(t_1) … PV(t_K)
        const auto C = static_cast<std::size_t>(std::upper_bound(pv.begin(), pv.end(), ev + tolerance) - pv.begin());
        if (C == pv.size()) return static_cast<double>(C);
        const double below = C == 0 ? 0.0 : pv[C - 1], above = pv[C];
        const double fraction = above > below ? std::clamp((ev - below) / (above - below), 0.0, 1.0) : 0.0;
        return static_cast<double>(C) + fraction;
    }

    /// p(d) of a task that takes part.
    double planned_share(const es_task& t, date d) const {
        const auto day = static_cast<std::int32_t>(d.day_number());
        if (t.working == 0 || day >= t.finish) return day >= t.finish ? 1.0 : 0.0;
        if (day < t.start) return 0.0;
        const int done = days_.count(detail::from_day_number(t.start), d);
        return static_cast<double>(done) / t.working;
    }

    std::span<const es_task> tasks() const { return tasks_; }
    const hierarchy<unit_id>& tree() const { return tree_; }

private:
    template <class Model, class OwnerOf>
    basic_earned_schedule_engine(const Model& m, const baseline& b, hierarchy<unit_id> tree, OwnerOf owner_of)
        : tree_(std::move(tree)) {
        auto spans = keep_leaves(collect(m, b, owner_of));
        span_days(m.calendar(), spans.lo, spans.hi);
        curves(std::move(spans));
    }

    /// A unit's PV day by day over [first, first + pv.size()), and its working days t_1..t_K.
    struct curve {
        date first{};
        array<double> pv{};
        array<double> at_working{};  // PV(t_k) for k = 1 … K: on the working days of the span
        int first_number = 0;        // working-day number of t_1
    };

    /// Each unit's first baseline start and last finish, and the baseline's (day numbers;
    /// first > last: none).
    struct unit_spans {
        array<std::int32_t> first, last;
        std::int32_t lo = std::numeric_limits<std::int32_t>::max(), hi = std::numeric_limits<std::int32_t>::min();
    };

    /// One pass over the model's tasks, the costly part (they are far larger than a record): a
    /// record for every baselined, not cancelled task; returns which tasks are summaries.
    template <class Model, class OwnerOf>
    std::vector<bool> collect(const Model& m, const baseline& b, OwnerOf owner_of) {
        const auto all = m.tasks();
        const auto entries = b.entries();
        array<bool> summary(all.size(), false);
        tasks_.reserve(std::min(b.size(), all.size()));
        for (std::size_t i = 0; i < all.size(); ++i) {
            const task_view t = all[i];
            if (!is_none(t.parent)) summary[index(t.parent)] = true;
            if (i >= entries.size() || !entries[i] || t.cancelled) continue;
            const auto& e = *entries[i];
            tasks_.push_back({owner_of(t), static_cast<std::uint32_t>(i),
                              detail::day_number(t.completed), static_cast<std::int32_t>(e.start.day_number()),
                              static_cast<std::int32_t>(e.finish.day_number()), t.is_milestone() ? -1 : 0, t.weight});
        }
        return summary;
    }

    /// Drops the summaries' records (known only once every task is read: a sub-task may come
    /// after its summary) and notes each unit's own span, in one pass over the records.
    unit_spans keep_leaves(const std::vector<bool>& summary) {
        unit_spans s{std::vector<std::int32_t>(tree_.size(), std::numeric_limits<std::int32_t>::max()),
                     std::vector<std::int32_t>(tree_.size(), std::numeric_limits<std::int32_t>::min())};
        std::size_t kept = 0;
        for (const auto& t : tasks_) {
            if (summary[t.task]) continue;
            s.first[t.unit] = std::min(s.first[t.unit], t.start);
            s.last[t.unit] = std::max(s.last[t.unit], t.finish);
            s.lo = std::min(s.lo, t.start);
            s.hi = std::max(s.hi, t.finish);
            tasks_[kept++] = t;
        }
        tasks_.resize(kept);
        return s;
    }

    /// The working days of the baseline's span [first, last] (day numbers; first > last: no task).
    void span_days(const calendar& cal, std::int32_t first, std::int32_t last) {
        const bool any = first <= last;
        const date lo = any ? detail::from_day_number(first) : date(2000, 1, 1);
        days_ = detail::deferred<working_days, Defer>(cal, lo, any ? detail::from_day_number(last) : lo);
        // Working days before each day of the baseline's span, for O(1) counts in integers.
        first_day_ = any ? first : 0;
        const std::size_t span = any ? static_cast<std::size_t>(last - first) + 1 : 0;
        working_before_.assign(span + 1, 0);
        for (std::size_t i = 0; i < span; ++i)
            working_before_[i + 1] = working_before_[i] + (cal.is_working(lo + boost::gregorian::days(static_cast<long>(i))) ? 1 : 0);
    }

    /// Spans up the tree, difference arrays per unit, merged into parents, then summed day by day.
    /// Each task's working days are counted on the way.
    void curves(unit_spans spans) {
        const std::size_t n = tree_.size();
        auto& first = spans.first;
        auto& last = spans.last;
        for (unit_id v : tree_.post_order())
            if (unit_id p = tree_.parent(v); !is_none(p)) {
                first[index(p)] = std::min(first[index(p)], first[index(v)]);
                last[index(p)] = std::max(last[index(p)], last[index(v)]);
            }
        // rate[u]: changes of PV per working day; step[u]: jumps (milestones), both by day.
        array<std::vector<double>> rate(n), step(n);
        auto length = [&](std::size_t u) { return first[u] <= last[u] ? static_cast<std::size_t>(last[u] - first[u]) + 2 : 0; };
        for (std::size_t u = 0; u < n; ++u) rate[u].assign(length(u), 0.0), step[u].assign(length(u), 0.0);
        for (auto& t : tasks_) {
            const auto at = [&](std::int32_t day) { return static_cast<std::size_t>(day - first[t.unit]); };
            t.working = t.working < 0 ? 0 : working_in(t.start, t.finish);
            if (t.working == 0) {
                step[t.unit][at(t.finish)] += t.weight;
            } else {
                rate[t.unit][at(t.start)] += t.weight / t.working;
                rate[t.unit][at(t.finish) + 1] -= t.weight / t.working;
            }
        }
        for (unit_id v : tree_.post_order()) {
            unit_id p = tree_.parent(v);
            if (is_none(p) || rate[index(v)].empty()) continue;
            const auto shift = static_cast<std::size_t>(first[index(v)] - first[index(p)]);
            for (std::size_t i = 0; i < rate[index(v)].size(); ++i) {
                rate[index(p)][shift + i] += rate[index(v)][i];
                step[index(p)][shift + i] += step[index(v)][i];
            }
        }
        curve_.resize(n);
        for (std::size_t u = 0; u < n; ++u) {
            if (rate[u].empty()) continue;
            auto& c = curve_[u];
            c.first = detail::from_day_number(first[u]);
            c.pv.resize(rate[u].size() - 1);
            double r = 0.0, pv = 0.0;
            for (std::size_t i = 0; i < c.pv.size(); ++i) {
                r += rate[u][i];
                const bool working = working_in(first[u] + static_cast<std::int32_t>(i), first[u] + static_cast<std::int32_t>(i));
                if (working) pv += r;
                c.pv[i] = pv += step[u][i];
                if (working) c.at_working.push_back(pv);
            }
            c.first_number = days_.on_or_after(c.first);
        }
    }

    /// Working days in [a, z], both day numbers within the baseline's span.
    std::int32_t working_in(std::int32_t a, std::int32_t z) const {
        return working_before_[static_cast<std::size_t>(z - first_day_) + 1] - working_before_[static_cast<std::size_t>(a - first_day_)];
    }

    std::vector<earned_schedule_row> rows(date as_of, std::span<const double> ev) const {
        array<earned_schedule_row> out(tree_.size());
        const int day_number = days_.on_or_before(as_of);
        for (std::size_t u = 0; u < out.size(); ++u) {
            const auto& c = curve_[u];
            if (c.pv.empty()) continue;
            auto& row = out[u];
            const auto id = make_id<unit_id>(u);
            const double pv = planned_value(id, as_of);
            row.planned_value = pv;
            row.earned_value = ev[u];
            if (pv > 0) row.spi = ev[u] / pv;
            row.earned_schedule = earned_schedule_at(id, ev[u]);
            row.actual_time = std::max(0, day_number - c.first_number + 1);
            if (*row.actual_time > 0) row.spi_t = *row.earned_schedule / *row.actual_time;
        }
        return out;
    }

    detail::deferred<hierarchy<unit_id>, Defer> tree_;
    array<es_task> tasks_{};
    detail::deferred<working_days, Defer> days_{};
    std::int32_t first_day_ = 0;            // day number of the baseline's first day
    array<std::int32_t> working_before_{};  // [i]: working days in [first_day_, first_day_ + i)
    array<curve> curve_{};
};

using earned_schedule_engine = basic_earned_schedule_engine<>;

/// Every unit's earned schedule as of `as_of` against `b`.
template <class Model>
std::vector<earned_schedule_row> earned_schedule_as_of(const Model& m, const baseline& b, date as_of) {
    return detail::deferred<earned_schedule_engine, Model>(m, b)(as_of);
}

/// Every unit's earned schedule at each date of a series (rows[j][unit]).
template <class Model>
std::vector<std::vector<earned_schedule_row>> earned_schedule_series(const Model& m, const baseline& b,
                                                                     std::span<const date> dates) {
    return detail::deferred<earned_schedule_engine, Model>(m, b).series(dates);
}

/// The units whose spi_t is below the threshold as of `as_of`, lowest spi_t first (ties by unit
/// key), each with its late tasks, costliest first (ties: the larger planned value w·p, then the
/// task key), and a sentence for each. `rows` are the engine's figures as of `as_of`.
template <class Model>
std::vector<behind_unit> behind_schedule(const Model& m, const detail::deferred<earned_schedule_engine, Model>& engine,
                                         date as_of, detail::deferred<std::span<const earned_schedule_row>, Model> rows,
                                         const behind_rules& rules = {}) {
    const auto& tree = engine.tree();
    detail::deferred_vector<std::uint32_t, Model> slot(tree.size(), std::numeric_limits<std::uint32_t>::max());
    detail::deferred_vector<behind_unit, Model> out;
    for (std::size_t u = 0; u < rows.size(); ++u)
        if (rows[u].spi_t && *rows[u].spi_t < rules.spi_t_below) out.push_back({make_id<unit_id>(u), rows[u], {}, {}});
    std::sort(out.begin(), out.end(), [&](const behind_unit& a, const behind_unit& b) {
        if (*a.figures.spi_t != *b.figures.spi_t) return *a.figures.spi_t < *b.figures.spi_t;
        return m[a.unit].key < m[b.unit].key;
    });
    for (std::size_t i = 0; i < out.size(); ++i) slot[index(out[i].unit)] = static_cast<std::uint32_t>(i);
    const auto day = static_cast<std::int32_t>(as_of.day_number());
    for (const auto& t : engine.tasks()) {
        if (t.completed <= day) continue;
        const double share = engine.planned_share(t, as_of);
        if (share <= 0) continue;
        for (auto u = make_id<unit_id>(t.unit); !is_none(u); u = tree.parent(u)) {
            if (slot[index(u)] == std::numeric_limits<std::uint32_t>::max()) continue;
            auto& b = out[slot[index(u)]];
            const double ev = *b.figures.earned_value;
            const double cost = *engine.earned_schedule_at(u, ev + t.weight) - *engine.earned_schedule_at(u, ev);
            b.tasks.push_back({make_id<task_id>(t.task), share, t.weight, cost,
                               {detail::from_day_number(t.start), detail::from_day_number(t.finish)}});
        }
    }
    for (auto& b : out) {
        std::sort(b.tasks.begin(), b.tasks.end(), [&](const late_task& x, const late_task& y) {
            if (x.cost != y.cost) return x.cost > y.cost;
            if (x.weight * x.planned_share != y.weight * y.planned_share)
                return x.weight * x.planned_share > y.weight * y.planned_share;
            return m[x.task].key < m[y.task].key;
        });
        if (rules.max_tasks && b.tasks.size() > rules.max_tasks) b.tasks.resize(rules.max_tasks);
        for (const auto& x : b.tasks) {
            const task_view t = m[x.task];
            const auto& agreed = x.agreed;
            const std::string planned =
                x.planned_share >= 1.0
                    ? "was due by " + format_date(agreed.finish)
                    : "was planned " + std::to_string(static_cast<int>(std::lround(x.planned_share * 100.0))) +
                          "% done by " + format_date(as_of) + " (" + format_date(agreed.start) + " to " +
                          format_date(agreed.finish) + ")";
            b.lines.push_back(std::string("task ").append(t.key).append(" '").append(t.name) + "' of unit " + m[t.unit].key + " (" + m[t.unit].name +
                              ") " + planned + " and is not done: it costs " +
                              detail::number_text(std::round(x.cost * 10) / 10) + " working days of earned schedule");
        }
    }
    return out;
}

}  // namespace plangraph

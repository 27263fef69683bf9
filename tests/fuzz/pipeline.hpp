#pragma once
// What every fuzzer runs on a model that loaded: schedule (the plan, then progress-aware as of a
// date the input chooses) → deadlines → rollups (units, tasks, plans, partials, incremental),
// indicators and traffic lights, on the map of the as-of date too (placement.hpp) → a series of
// dates against single-date rollups → a baseline and its variances → levelling on the model's
// resources (a small budget) → every writer (model JSON and its re-reading, DOT, iCalendar,
// MSPDI, CSV). A loader may refuse input by throwing plangraph::error; once a model exists,
// nothing may throw but the documented refusals named here, and exports must read back. Any
// other exception escapes the harness, and libFuzzer reports it as a crash (a finding).
#include <plangraph/aggregate.hpp>
#include <plangraph/baseline.hpp>
#include <plangraph/deadlines.hpp>
#include <plangraph/incremental.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/dot.hpp>
#include <plangraph/io/ics.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>
#include <plangraph/level.hpp>
#include <plangraph/placement.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/schedule.hpp>
#include <plangraph/series.hpp>
#include <plangraph/traffic_light.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace plangraph::fuzz {

/// Inputs above this are skipped (run with -max_len=65536): it keeps each run short.
inline constexpr std::size_t max_input = 64 * 1024;

/// An invariant broken on a model that loaded: a finding, reported with its reason.
[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
    std::abort();
}

/// FNV-1a: the input picks its as-of date and schedule start, reproducibly.
inline std::uint64_t input_hash(std::span<const std::uint8_t> bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (auto b : bytes) h = (h ^ b) * 1099511628211ULL;
    return h;
}

/// A date in 2020-01-01 .. 2029-12-31, the years the seed models use.
inline date date_from(std::uint64_t h) {
    return date(2020, 1, 1) + boost::gregorian::days(static_cast<long>(h % 3653));
}

/// Units to explain: explain() reads every task, so only the first few (it stays linear).
inline constexpr std::size_t explained_units = 4;

/// The counts of two rollups agree (their floating sums may differ in the last bits: the order of
/// additions differs, as incremental.hpp says).
inline bool same_counts(std::span<const status_counts> a, std::span<const status_counts> b) {
    return std::ranges::equal(a, b, [](const status_counts& x, const status_counts& y) { return x.by_status == y.by_status; });
}

inline schedule_result schedule_or_start(const model& m, schedule_options o, date fallback) {
    try {
        return schedule(m, o);
    } catch (const schedule_error&) {  // no task has a start: as the CLI's --start DATE
        o.start = fallback;
        return schedule(m, o);
    }
}

inline void rollups(model& m, date as_of, const schedule_result& plan) {
    const auto units = m.unit_hierarchy();
    const auto rows = rollup_units(m, as_of);
    (void)rollup_tasks(m, as_of);
    (void)rollup_plans(m, as_of);
    const auto values = aggregate_indicators(m);
    const auto counts = count_indicators(m, values);
    for (const auto& rules : {light_rules{}, light_rules::all_children_green()}) {
        const auto lights = traffic_lights(units, rows, counts, rules);
        for (std::size_t i = 0; i < std::min(explained_units, rows.size()); ++i)
            (void)explain(m, make_id<unit_id>(i), as_of, lights, values, rules);
    }
    (void)rank_units(m, 0, [&](unit_id u) { return rows[index(u)].completion_rate(); });

    std::vector<partial_rollup> parts;
    for (unit_id r : units.roots()) parts.push_back(make_partial(m, r, as_of));
    if (!same_counts(merge_partials(m, as_of, parts), rows)) finding("merge_partials differs from rollup_units");

    (void)rollup_csv(m, rows);
    auto doc = io::rollup_to_json(m, rows, as_of);
    if (!same_counts(io::rollup_from_json(m, doc), rows)) finding("rollup JSON does not read back");

    incremental_rollup<model> live(m, as_of);
    if (!same_counts(live.units(), rows))
        finding("incremental_rollup differs from rollup_units");
    (void)live.lights();
    if (!m.tasks().empty()) {  // one change the model accepts: complete the first task on its plan's finish
        auto t = make_id<task_id>(0);
        // The plan's finish when the model may hold it (a schedule may run past the dates it accepts).
        const bool finish_fits = plan.tasks[0].scheduled && limits::in_range(plan.tasks[0].early_finish);
        live.set_completed(t, finish_fits ? plan.tasks[0].early_finish : as_of);
        if (!same_counts(live.units(), rollup_units(m, as_of))) finding("incremental update differs");
    }
}

/// Every task the roots' rows count, whatever its status.
inline std::uint64_t tasks_under_roots(const hierarchy<unit_id>& tree, std::span<const status_counts> rows) {
    std::uint64_t n = 0;
    for (unit_id r : tree.roots())
        for (auto c : rows[index(r)].by_status) n += c;
    return n;
}

/// The same rollups on the map of the as-of date: every strategy agrees, and every task counts
/// once, on a unit of the map or in the unmapped row.
inline void map_rollups(model& m, date as_of) {
    const unit_map map(m, as_of);
    const auto rows = rollup_units(m, as_of, map);
    if (tasks_under_roots(map.tree(), rows) != tasks_under_roots(m.unit_hierarchy(), rollup_units(m, as_of)))
        finding("the map does not count every task once");
    std::vector<partial_rollup> parts;
    for (unit_id r : map.tree().roots())
        if (map.on_map(r)) parts.push_back(make_partial(m, r, as_of, map));
    if (!same_counts(merge_partials(m, as_of, parts, map), rows)) finding("merge_partials on a map differs");
    const auto values = aggregate_indicators(m);
    (void)place_indicators(m, values, map);
    (void)traffic_lights(map.tree(), rows, count_indicators(m, values, map), light_rules{});
    incremental_rollup<model> live(m, as_of, map);
    if (!same_counts(live.units(), rows)) finding("incremental_rollup on a map differs");
}

/// A series of dates ending on the as-of date equals the single-date rollups, floats bit for bit.
inline void series(const model& m, date as_of) {
    const std::vector<date> dates{as_of - boost::gregorian::days(40), as_of - boost::gregorian::days(7), as_of};
    const auto s = rollup_series(m, dates);
    for (std::size_t j = 0; j < dates.size(); ++j)
        if (!std::ranges::equal(s.at(j), rollup_units(m, dates[j]))) finding("rollup_series differs from rollup_units");
}

/// The plan as a baseline: the progress-aware schedule's variances against it.
inline void baselines(const schedule_result& plan, const schedule_result& progress) {
    std::optional<baseline> agreed;
    try {
        agreed = baseline_from(plan, "plan");
    } catch (const model_error&) {  // refused, as documented: the plan runs past limits.hpp's dates
        return;
    }
    const auto v = variances(progress, *agreed);
    if (v.size() != progress.tasks.size()) finding("variances do not cover every task");
}

/// The plan levelled on the model's resources with a small budget: the same seed gives the same
/// schedule, and nothing finishes before the critical path's span allows.
inline void levelling(const model& m, const schedule_result& plan) {
    const rcpsp::options few{.budget = 20, .seed = 7};
    levelled_schedule a, b;
    try {
        a = level(m, plan, few);
    } catch (const schedule_error&) {  // refused, as documented: serialised, it runs past the calendar
        return;
    }
    b = level(m, plan, few);
    for (std::size_t i = 0; i < a.tasks.size(); ++i)
        if (a.tasks[i].start != b.tasks[i].start || a.tasks[i].finish != b.tasks[i].finish)
            finding("levelling is not reproducible by seed");
}

inline void exports(const model& m, const schedule_result& r) {
    auto json = io::write_model_json(m);
    try {
        (void)io::read_model_json(json, "export.json");
    } catch (const error& e) {
        finding(std::string("the model's JSON export does not read back: ") + e.what());
    }
    (void)io::hierarchy_dot(m);
    (void)io::dependencies_dot(m, &r);
    (void)io::deadlines_ics(m, {.dtstamp = std::chrono::sys_seconds{}});
    (void)io::write_mspdi(m, r);
    (void)schedule_csv(m, r);
}

/// The whole pipeline on a model that loaded; `h` chooses the dates.
inline void run(model& m, std::uint64_t h, std::optional<date> start = std::nullopt) {
    const date as_of = date_from(h);
    const date fallback = date_from(h >> 20);
    const auto plan = schedule_or_start(m, {.start = start}, fallback);
    const auto progress = schedule_or_start(m, {.start = start, .as_of = as_of}, fallback);
    (void)propagate_deadlines(m, plan);
    (void)propagate_deadlines(m, progress);
    (void)critical_paths(m, plan);
    exports(m, progress);
    rollups(m, as_of, plan);
    map_rollups(m, as_of);
    series(m, as_of);
    baselines(plan, progress);
    levelling(m, plan);
}

}  // namespace plangraph::fuzz

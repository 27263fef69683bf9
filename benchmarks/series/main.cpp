// Question: what does a series of 52 weekly dates cost against one single-date rollup, and what
// does the earned schedule add to a rollup, measured side by side on the same model?
//   rollup/single          rollup_units(m, as_of): one single-date rollup (the reference)
//   series/52_weekly       rollup_series(m, 52 weekly dates ending on as_of): one pass for all
//   series/52_rollups      52 × rollup_units, one per date (what the series replaces; up to 1M)
//   es/as_of               earned_schedule_as_of(m, baseline, as_of): the engine built and run
//   es/prepared            the engine built once, one as-of date per run
//   es/series_52_weekly    the engine built once, the 52 weekly dates per run
//   rollup_and_es/as_of    rollup_units and earned_schedule_as_of together (a report with ES columns)
// The baseline gives every task its start (or the horizon's) to its due date (or start +
// duration): built once per size, outside the timing. The series is checked against rollup_units
// at every 13th date, and the ES series against single-date ES, with == (floats bit for bit).
#include "bench_common.hpp"

#include <plangraph/baseline.hpp>
#include <plangraph/earned_schedule.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/series.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace {

using namespace plangraph_bench;

std::vector<plangraph::date> weekly_dates() {
    std::vector<plangraph::date> out;
    for (int w = 51; w >= 0; --w) out.push_back(as_of - boost::gregorian::weeks(w));
    return out;
}

const plangraph::baseline& baseline_of(std::size_t tasks) {
    static std::map<std::size_t, std::unique_ptr<plangraph::baseline>> cache;
    auto& slot = cache[tasks];
    if (!slot) {
        const auto& m = national_model(tasks);
        slot = std::make_unique<plangraph::baseline>("bench");
        for (std::size_t i = 0; i < m.tasks().size(); ++i) {
            const auto& t = m.tasks()[i];
            const plangraph::date start = t.start.value_or(plangraph::date(2025, 1, 1));
            plangraph::date finish = t.due.value_or(start + boost::gregorian::days(t.duration * 7 / 5));
            if (finish < start) finish = start;
            slot->set(plangraph::make_id<plangraph::task_id>(i), {start, finish});
        }
    }
    return *slot;
}

void rollup_single(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(rollup_single)->Name("rollup/single")->Apply(all_sizes);

void series_weekly(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto dates = weekly_dates();
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_series(m, dates).rows.data());
    report_model_per_task(state, m.tasks().size(), heap);
    const auto s = plangraph::rollup_series(m, dates);
    for (std::size_t j = 0; j < dates.size(); j += 13)
        if (!std::ranges::equal(s.at(j), plangraph::rollup_units(m, dates[j])))  // bit for bit
            state.SkipWithError("the series disagrees with rollup_units");
}
BENCHMARK(series_weekly)->Name("series/52_weekly")->Apply(all_sizes);

void series_by_rollups(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto dates = weekly_dates();
    heap_meter heap;
    for (auto _ : state)
        for (auto d : dates) benchmark::DoNotOptimize(plangraph::rollup_units(m, d).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(series_by_rollups)->Name("series/52_rollups")->Apply(up_to_1m);

void es_as_of(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto& b = baseline_of(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::earned_schedule_as_of(m, b, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(es_as_of)->Name("es/as_of")->Apply(all_sizes);

void es_prepared(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto& b = baseline_of(size_arg(state));
    heap_meter heap;
    const plangraph::earned_schedule_engine engine(m, b);
    for (auto _ : state) benchmark::DoNotOptimize(engine(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(es_prepared)->Name("es/prepared")->Apply(all_sizes);

void es_series(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto& b = baseline_of(size_arg(state));
    const auto dates = weekly_dates();
    heap_meter heap;
    const plangraph::earned_schedule_engine engine(m, b);
    for (auto _ : state) benchmark::DoNotOptimize(engine.series(dates).data());
    report_model_per_task(state, m.tasks().size(), heap);
    const auto s = engine.series(dates);
    for (std::size_t j = 0; j < dates.size(); j += 13)
        if (s[j] != engine(dates[j])) state.SkipWithError("the ES series disagrees with single-date ES");
}
BENCHMARK(es_series)->Name("es/series_52_weekly")->Apply(all_sizes);

void rollup_and_es(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto& b = baseline_of(size_arg(state));
    heap_meter heap;
    for (auto _ : state) {
        benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
        benchmark::DoNotOptimize(plangraph::earned_schedule_as_of(m, b, as_of).data());
    }
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(rollup_and_es)->Name("rollup_and_es/as_of")->Apply(all_sizes);

}  // namespace

BENCHMARK_MAIN();

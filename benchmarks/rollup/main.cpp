// Question: how fast is a full rollup of the national model per strategy, against a plain
// streaming pass over the same task records measured in the same run (the memory-bandwidth floor)?
//   streaming/model     one pass over the model's task rows: status → ++count[unit][status]
//   streaming/records   the same pass over the compact 32-byte records the flat strategy reads
//   streaming/columns   one pass over the columns rollup_units reads, every figure it gives
//                       (counts, weights, durations) summed in plain doubles: its floor
//   flat/sweep          flat_rollup: records → unit rows → one post-order pass (records built once)
//   flat/from_model     rollup_units(m, as_of): the same, records' preparation included
//   recursive           recursive_rollup: per-unit task lists, recursive descent (lists built once)
//   bgl/dfs             bgl_rollup: Boost.Graph depth_first_search over units and tasks (graph built once)
//   parallel/tbb        parallel_rollup: provinces concurrently with TBB, then merged (wall time)
// Every strategy's result is checked against rollup_units once per size.
#include "bench_common.hpp"

#include <plangraph/rollup.hpp>
#include <plangraph/rollup_bgl.hpp>
#include <plangraph/rollup_parallel.hpp>
#include <plangraph/status.hpp>

#include <array>
#include <vector>

namespace {

using namespace plangraph_bench;

template <class Strategy>
void check_against_reference(benchmark::State& state, const plangraph::model& m, const Strategy& strategy) {
    if (!same_figures(strategy(as_of), plangraph::rollup_units(m, as_of)))
        state.SkipWithError("the strategy disagrees with rollup_units");
}

void streaming_model(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) {
        std::vector<std::array<std::uint64_t, plangraph::task_status_count>> counts(m.units().size());
        for (const auto& t : m.tasks())
            ++counts[plangraph::index(t.unit)][static_cast<std::size_t>(plangraph::status_as_of(t, as_of))];
        benchmark::DoNotOptimize(counts.data());
    }
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(streaming_model)->Name("streaming/model")->Apply(all_sizes);

void streaming_records(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::flat_rollup flat(m);
    const auto day = static_cast<std::int32_t>(as_of.day_number());
    for (auto _ : state) {
        std::vector<std::array<std::uint64_t, plangraph::task_status_count>> counts(m.units().size());
        for (const auto& r : flat.records()) ++counts[r.owner][static_cast<std::size_t>(plangraph::detail::status_of(r, day))];
        benchmark::DoNotOptimize(counts.data());
    }
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(streaming_records)->Name("streaming/records")->Apply(all_sizes);

/// A unit's figures as a plain pass sums them: rounding at every addition, not exact.
struct plain_figures {
    std::array<std::uint64_t, plangraph::task_status_count> by_status{};
    double weight = 0.0, weight_done = 0.0, duration = 0.0, duration_done = 0.0;
};

void streaming_columns(benchmark::State& state) {
    namespace pg = plangraph;
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    const auto day = static_cast<std::int32_t>(as_of.day_number());
    for (auto _ : state) {
        const auto c = m.task_columns();
        std::vector<plain_figures> rows(m.units().size());
        for (std::size_t i = 0; i < c.size(); ++i) {
            auto& row = rows[pg::index(c.unit[i])];
            const auto status = pg::detail::status_of(pg::detail::make_record(c, i, 0), day);
            ++row.by_status[static_cast<std::size_t>(status)];
            if (status == pg::task_status::cancelled) continue;
            const bool done = pg::is_done(status);
            row.weight += c.weight[i];
            if (done) row.weight_done += c.weight[i];
            if (c.flags[i] & pg::task_flag::summary) continue;
            row.duration += c.duration[i];
            row.duration_done += done ? c.duration[i] : c.duration[i] * (c.percent[i] / 100.0);
        }
        benchmark::DoNotOptimize(rows.data());
    }
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(streaming_columns)->Name("streaming/columns")->Apply(all_sizes);

void flat_sweep(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::flat_rollup flat(m);
    for (auto _ : state) benchmark::DoNotOptimize(flat(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
    check_against_reference(state, m, flat);
}
BENCHMARK(flat_sweep)->Name("flat/sweep")->Apply(all_sizes);

void flat_from_model(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(flat_from_model)->Name("flat/from_model")->Apply(all_sizes);

void recursive(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::recursive_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
    check_against_reference(state, m, strategy);
}
BENCHMARK(recursive)->Name("recursive")->Apply(all_sizes);

void bgl(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::bgl_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
    check_against_reference(state, m, strategy);
}
BENCHMARK(bgl)->Name("bgl/dfs")->Apply(all_sizes);

void parallel(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::parallel_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
    check_against_reference(state, m, strategy);
}
BENCHMARK(parallel)->Name("parallel/tbb")->Apply(all_sizes)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

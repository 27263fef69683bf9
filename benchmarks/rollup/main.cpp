// Rollup benchmarks: the same generated national model for every strategy, and the plain
// streaming passes over the same task records that the full rollups are measured against.
//   streaming/model    one pass over the model's tasks: status → ++count[unit][status]
//   streaming/records  the same pass over the compact records the flat strategy reads
// One file per strategy: flat.cpp, recursive.cpp, bgl.cpp, parallel.cpp, incremental.cpp.
#include "common.hpp"

#include <plangraph/status.hpp>

#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

namespace rollup_bench {

namespace {
std::map<std::size_t, std::unique_ptr<plangraph::model>>& cache() {
    static std::map<std::size_t, std::unique_ptr<plangraph::model>> models;
    return models;
}
}  // namespace

plangraph::model& mutable_national_model(std::size_t tasks) {
    auto& slot = cache()[tasks];
    if (!slot) {
        plangraph::generate_options o;
        o.task_count = tasks;
        slot = std::make_unique<plangraph::model>(plangraph::generate_model<plangraph::model>(o));
    }
    return *slot;
}

const plangraph::model& national_model(std::size_t tasks) { return mutable_national_model(tasks); }

void task_counts(benchmark::internal::Benchmark* b) {
    if (std::getenv("PLANGRAPH_BENCH_SMALL")) b->Arg(100'000);
    b->Arg(1'000'000)->Arg(10'000'000);
    b->Unit(benchmark::kMillisecond);
}

}  // namespace rollup_bench

namespace {

using namespace rollup_bench;

void streaming_model(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::vector<std::array<std::uint64_t, plangraph::task_status_count>> counts(m.units().size());
        for (const auto& t : m.tasks()) ++counts[plangraph::index(t.unit)][static_cast<std::size_t>(plangraph::status_as_of(t, as_of))];
        benchmark::DoNotOptimize(counts.data());
    }
    per_task(state, m.tasks().size());
}
BENCHMARK(streaming_model)->Name("streaming/model")->Apply(task_counts);

void streaming_records(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::flat_rollup flat(m);
    const auto day = static_cast<std::int32_t>(as_of.day_number());
    for (auto _ : state) {
        std::vector<std::array<std::uint64_t, plangraph::task_status_count>> counts(m.units().size());
        for (const auto& r : flat.records()) ++counts[r.owner][static_cast<std::size_t>(plangraph::detail::status_of(r, day))];
        benchmark::DoNotOptimize(counts.data());
    }
    per_task(state, m.tasks().size());
}
BENCHMARK(streaming_records)->Name("streaming/records")->Apply(task_counts);

}  // namespace

BENCHMARK_MAIN();

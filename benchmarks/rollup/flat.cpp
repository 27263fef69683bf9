// The flat strategy: compact records → per-unit rows → one post-order pass.
//   flat/sweep       the rollup of a prepared strategy (records built once per model)
//   flat/from_model  preparation included: what rollup_units(m, as_of) costs
#include "common.hpp"

namespace {

using namespace rollup_bench;

void flat_sweep(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::flat_rollup flat(m);
    for (auto _ : state) benchmark::DoNotOptimize(flat(as_of).data());
    per_task(state, m.tasks().size());
}
BENCHMARK(flat_sweep)->Name("flat/sweep")->Apply(task_counts);

void flat_from_model(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    per_task(state, m.tasks().size());
}
BENCHMARK(flat_from_model)->Name("flat/from_model")->Apply(task_counts);

}  // namespace

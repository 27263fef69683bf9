// The TBB strategy: provinces rolled up concurrently, then merged (tasks grouped once).
#include "common.hpp"

#include <plangraph/rollup_parallel.hpp>

namespace {

using namespace rollup_bench;

void parallel(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::parallel_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    per_task(state, m.tasks().size());
}
BENCHMARK(parallel)->Name("parallel/tbb")->Apply(task_counts)->UseRealTime();

}  // namespace

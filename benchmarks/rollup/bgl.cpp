// The Boost.Graph strategy: depth_first_search with a visitor over units and tasks (graph built once).
#include "common.hpp"

#include <plangraph/rollup_bgl.hpp>

namespace {

using namespace rollup_bench;

void bgl(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::bgl_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    per_task(state, m.tasks().size());
}
BENCHMARK(bgl)->Name("bgl/dfs")->Apply(task_counts);

}  // namespace

// The straightforward strategy: per-unit task lists, recursive descent (prepared once).
#include "common.hpp"

namespace {

using namespace rollup_bench;

void recursive(benchmark::State& state) {
    const auto& m = national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::recursive_rollup strategy(m);
    for (auto _ : state) benchmark::DoNotOptimize(strategy(as_of).data());
    per_task(state, m.tasks().size());
}
BENCHMARK(recursive)->Name("recursive")->Apply(task_counts);

}  // namespace

// The incremental engine: one recorded completion (or its undoing) of a random task, O(depth).
//   incremental/update         through the engine: the model's checked setter, then the rollup
//   incremental/full_rebuild   building the engine (a full rollup), for scale
#include "common.hpp"

#include <plangraph/incremental.hpp>

#include <random>
#include <vector>

namespace {

using namespace rollup_bench;

void incremental_update(benchmark::State& state) {
    auto& m = mutable_national_model(static_cast<std::size_t>(state.range(0)));
    plangraph::incremental_rollup<> engine(m, as_of);
    std::mt19937_64 rng(57);
    std::vector<plangraph::task_id> order(1 << 16);
    for (auto& t : order) t = plangraph::make_id<plangraph::task_id>(rng() % m.tasks().size());
    std::vector<std::optional<plangraph::date>> saved;
    for (auto t : order) saved.push_back(m[t].completed);
    const std::optional<plangraph::date> done{plangraph::date{2025, 10, 1}};
    std::size_t i = 0;
    for (auto _ : state) {
        auto t = order[i & (order.size() - 1)];
        engine.set_completed(t, m[t].completed ? std::nullopt : done);
        ++i;
    }
    benchmark::DoNotOptimize(engine.units().data());
    // Put the shared model back as it was for the other benchmarks.
    for (std::size_t k = order.size(); k-- > 0;) m.set_completed(order[k], saved[k]);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(incremental_update)->Name("incremental/update")->Arg(1'000'000)->Arg(10'000'000);

// The model's own checked setter alone, on the same tasks: the part of an update that is not
// the rollup's.
void model_setter(benchmark::State& state) {
    auto& m = mutable_national_model(static_cast<std::size_t>(state.range(0)));
    std::mt19937_64 rng(57);
    std::vector<plangraph::task_id> order(1 << 16);
    for (auto& t : order) t = plangraph::make_id<plangraph::task_id>(rng() % m.tasks().size());
    std::vector<std::optional<plangraph::date>> saved;
    for (auto t : order) saved.push_back(m[t].completed);
    const std::optional<plangraph::date> done{plangraph::date{2025, 10, 1}};
    std::size_t i = 0;
    for (auto _ : state) {
        auto t = order[i & (order.size() - 1)];
        m.set_completed(t, m[t].completed ? std::nullopt : done);
        ++i;
    }
    for (std::size_t k = order.size(); k-- > 0;) m.set_completed(order[k], saved[k]);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(model_setter)->Name("incremental/model_setter_only")->Arg(1'000'000)->Arg(10'000'000);

void incremental_build(benchmark::State& state) {
    auto& m = mutable_national_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        plangraph::incremental_rollup<> engine(m, as_of);
        benchmark::DoNotOptimize(engine.units().data());
    }
    per_task(state, m.tasks().size());
}
BENCHMARK(incremental_build)->Name("incremental/full_rebuild")->Apply(task_counts);

}  // namespace

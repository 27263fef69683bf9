// Question: what does one task update cost when the rollup is maintained incrementally, against
// recomputing the whole rollup?
//   incremental/update             engine.set_completed on a random task (the model's checked
//                                  setter, then O(depth) rollup rows): latency = time per
//                                  iteration, updates/s = items_per_second
//   incremental/model_setter_only  the model's checked setter alone, same tasks: the part of an
//                                  update that is not the rollup's
//   incremental/full_recompute     rollup_units(m, as_of): what each update would cost without the engine
//   incremental/full_rebuild       building the engine (a full rollup plus its records)
// The engine's rollup is checked against rollup_units after the updates, once per size.
#include "bench_common.hpp"

#include <plangraph/incremental.hpp>
#include <plangraph/rollup.hpp>

#include <optional>
#include <vector>

namespace {

using namespace plangraph_bench;

const std::optional<plangraph::date> done{plangraph::date{2025, 10, 1}};

/// 65,536 random tasks (the same for every benchmark) and the completion date each update sets:
/// done on the first pass over them, their own date again on the next, and so on. Known in
/// advance, as a caller's update is: the loop reads nothing of the model to choose it.
struct update_plan {
    std::vector<plangraph::task_id> order;
    std::vector<std::optional<plangraph::date>> saved;

    explicit update_plan(const plangraph::model& m) : order(1 << 16) {
        plangraph::splitmix64 rng(seed);
        for (auto& t : order) t = plangraph::make_id<plangraph::task_id>(rng.below(m.tasks().size()));
        for (auto t : order) saved.push_back(m[t].completed);
    }
    plangraph::task_id operator[](std::size_t i) const { return order[i & (order.size() - 1)]; }
    std::optional<plangraph::date> completed(std::size_t i) const {
        return (i / order.size()) % 2 ? saved[i & (order.size() - 1)] : done;
    }
    /// Puts the shared model back as it was, for the other benchmarks.
    void restore(plangraph::model& m) const {
        for (std::size_t k = order.size(); k-- > 0;) m.set_completed(order[k], saved[k]);
    }
};

void update(benchmark::State& state) {
    auto& m = mutable_national_model(size_arg(state));
    update_plan plan(m);
    heap_meter heap;
    plangraph::incremental_rollup<> engine(m, as_of);
    std::size_t i = 0;
    for (auto _ : state) {
        engine.set_completed(plan[i], plan.completed(i));
        ++i;
    }
    const auto rollup = engine(as_of);
    if (rollup.size() != m.units().size() || rollup.front().by_status != plangraph::rollup_units(m, as_of).front().by_status)
        state.SkipWithError("the engine's rollup disagrees with rollup_units after the updates");
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["heap_peak_B_per_task"] = static_cast<double>(heap.peak_above_start()) / static_cast<double>(m.tasks().size());
    plan.restore(m);
}
BENCHMARK(update)->Name("incremental/update")->Apply(all_sizes)->Unit(benchmark::kNanosecond);

void model_setter_only(benchmark::State& state) {
    auto& m = mutable_national_model(size_arg(state));
    update_plan plan(m);
    std::size_t i = 0;
    for (auto _ : state) {
        m.set_completed(plan[i], plan.completed(i));
        ++i;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    plan.restore(m);
}
BENCHMARK(model_setter_only)->Name("incremental/model_setter_only")->Apply(all_sizes)->Unit(benchmark::kNanosecond);

void full_recompute(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(full_recompute)->Name("incremental/full_recompute")->Apply(all_sizes);

void full_rebuild(benchmark::State& state) {
    auto& m = mutable_national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) {
        plangraph::incremental_rollup<> engine(m, as_of);
        benchmark::DoNotOptimize(engine.units().data());
    }
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(full_rebuild)->Name("incremental/full_rebuild")->Apply(all_sizes);

}  // namespace

BENCHMARK_MAIN();

// Question: what does the centre pay to merge the 34 province partials (make_partial on each
// province's server) into the national rollup, against rolling the whole model up itself?
//   merge/34_partials    merge_partials(m, as_of, parts): the partials made once beforehand
//   merge/flat_rollup    rollup_units(m, as_of) on the same model, for scale
// The merged rollup is checked against rollup_units once per size. merge_partials also reads
// the model's tasks (to count the units no part covers: the centre's own), so it is a pass over
// the tasks like the flat rollup, not a pass over the 3,356 units only.
#include "bench_common.hpp"

#include <plangraph/rollup.hpp>

#include <vector>

namespace {

using namespace plangraph_bench;

/// One partial per child of the root: what each province's server would send.
std::vector<plangraph::partial_rollup> province_partials(const plangraph::model& m) {
    const auto h = m.unit_hierarchy();
    std::vector<plangraph::partial_rollup> parts;
    for (auto province : h.children(h.roots().front())) parts.push_back(plangraph::make_partial(m, province, as_of));
    return parts;
}

void merge(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    const auto parts = province_partials(m);
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::merge_partials(m, as_of, parts).data());
    report_model_per_task(state, m.tasks().size(), heap);
    state.counters["partials"] = static_cast<double>(parts.size());
    const auto merged = plangraph::merge_partials(m, as_of, parts);
    const auto whole = plangraph::rollup_units(m, as_of);
    bool same = merged.size() == whole.size();
    for (std::size_t i = 0; same && i < merged.size(); ++i) same = merged[i].by_status == whole[i].by_status;
    if (!same) state.SkipWithError("merged partials disagree with rollup_units");
}
BENCHMARK(merge)->Name("merge/34_partials")->Apply(all_sizes);

void flat(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(flat)->Name("merge/flat_rollup")->Apply(all_sizes);

}  // namespace

BENCHMARK_MAIN();

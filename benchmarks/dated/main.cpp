// Question: what does the dated hierarchy cost? Placing every task on the map of a date and
// rolling up, against the undated rollup of the same tasks measured in the same run (target
// ≤ 1.5×), and the extra bytes per task a dated model holds (target ≤ 8).
//
// The model: the national model's units (1 centre, 34 provinces, 3,321 communes) with every
// commune ending on 2025-06-30, the generator's work on them (seed 57, N tasks), then 1,107 new
// communes from 2025-07-01: every three old communes of a province merge into one, and every
// fifth old commune is split 60/40 between its new commune and the next one. As of 2025-12-31:
//   undated/rollup_units   rollup_units(m, as_of): the tasks on their owners, the old communes
//   dated/place_and_rollup unit_map(m, as_of) then rollup_units(m, as_of, map), both timed: every
//                          task counted on the new communes
//   dated/rollup_on_map    the same with the map built once
//   undated/flat_sweep, dated/flat_sweep   flat_rollup(m) and flat_rollup(m, map), records built once
// Counters: as bench_common's, plus for the dated runs `dated_extra_B_per_task`: the bytes the
// dates add to the units (two optional dates each), the successions and the map, per task.
// The dated rollup's root row must equal the undated one's (counts exactly, sums to 1e-9
// relative: every task is on the map, none unmapped), and the new communes must hold every commune task; else the benchmark fails.
#include "bench_common.hpp"

#include <plangraph/generate.hpp>
#include <plangraph/placement.hpp>
#include <plangraph/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

namespace {

using namespace plangraph_bench;
using plangraph::date;

struct dated_model {
    std::unique_ptr<plangraph::model> model;
    std::size_t successions_bytes = 0;
};

const date last_old_day{2025, 6, 30}, first_new_day{2025, 7, 1};

plangraph::model with_old_communes(const plangraph::generate_options& o) {
    plangraph::model m;
    for (auto u : plangraph::detail::synthetic_units(o)) {
        if (!plangraph::is_none(u.parent) && !plangraph::is_none(m[u.parent].parent)) u.valid_to = last_old_day;
        m.add_unit(std::move(u));
    }
    return m;
}

void add_new_communes(plangraph::model& m) {
    const auto h = m.unit_hierarchy();
    std::vector<plangraph::succession> ss;
    for (auto root : h.roots())
        for (auto province : h.children(root)) {
            std::vector<plangraph::unit_id> fresh;
            const auto old = std::vector<plangraph::unit_id>(h.children(province).begin(), h.children(province).end());
            for (std::size_t i = 0; i < old.size(); i += 3)
                fresh.push_back(m.add_unit({.key = "new-" + m[old[i]].key, .name = "new commune", .parent = province,
                                            .valid_from = first_new_day}));
            for (std::size_t i = 0; i < old.size(); ++i) {
                auto to = fresh[i / 3];
                if (i % 5 == 0 && i / 3 + 1 < fresh.size()) {
                    ss.push_back({old[i], to, first_new_day, 0.6});
                    ss.push_back({old[i], fresh[i / 3 + 1], first_new_day, 0.4});
                } else {
                    ss.push_back({old[i], to, first_new_day});
                }
            }
        }
    m.add_successions(ss);
}

dated_model& generated_dated(std::size_t tasks) {
    static std::map<std::size_t, dated_model> cache;
    auto& slot = cache[tasks];
    if (!slot.model) {
        plangraph::generate_options o;
        o.seed = seed;
        o.task_count = tasks;
        slot.model = std::make_unique<plangraph::model>(with_old_communes(o));
        plangraph::generate_work(*slot.model, o);
        add_new_communes(*slot.model);
        slot.successions_bytes = slot.model->successions().size() * sizeof(plangraph::succession);
    }
    return slot;
}

/// The dates on every unit (two optional dates each), the successions and the map's own heap.
void report_dated_bytes(benchmark::State& state, const dated_model& d, std::size_t map_bytes) {
    const auto& m = *d.model;
    const auto unit_dates = m.units().size() * 2 * sizeof(std::optional<date>);
    state.counters["dated_extra_B_per_task"] =
        static_cast<double>(unit_dates + d.successions_bytes + map_bytes) / static_cast<double>(m.tasks().size());
}

std::size_t map_heap_bytes(const plangraph::model& m) {
    heap_meter heap;
    plangraph::unit_map map(m, as_of);
    benchmark::DoNotOptimize(&map);
    return heap.peak_above_start();
}

/// Every task is on the map of the as-of date: the root rows agree, and the old communes' rows
/// are empty while the new ones hold their tasks.
void check(benchmark::State& state, const plangraph::model& m, const std::vector<plangraph::status_counts>& dated) {
    const auto undated = plangraph::rollup_units(m, as_of);
    const auto units = m.unit_hierarchy();
    const auto root = plangraph::index(units.roots()[0]);
    plangraph::unit_map map(m, as_of);
    std::uint64_t old_rows = 0, commune_tasks = 0, new_rows = 0;
    for (std::size_t u = 0; u < m.units().size(); ++u) {
        const auto& unit = m.units()[u];
        if (unit.valid_to) old_rows += dated[u].total() + dated[u].cancelled(), commune_tasks += undated[u].total() + undated[u].cancelled();
        if (unit.valid_from) new_rows += dated[u].total() + dated[u].cancelled();
    }
    auto close = [](double x, double y) { return std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)}); };
    const bool same_root = dated[root].by_status == undated[root].by_status && close(dated[root].weight, undated[root].weight) &&
                           close(dated[root].duration_done, undated[root].duration_done);
    if (!same_root || old_rows != 0 || new_rows != commune_tasks ||
        dated[plangraph::index(map.unmapped())].total() != 0)
        state.SkipWithError("the dated rollup does not place every task on the new communes");
}

void undated_rollup_units(benchmark::State& state) {
    const auto& m = *generated_dated(size_arg(state)).model;
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(undated_rollup_units)->Name("undated/rollup_units")->Apply(all_sizes);

void dated_place_and_rollup(benchmark::State& state) {
    const auto& d = generated_dated(size_arg(state));
    const auto& m = *d.model;
    heap_meter heap;
    for (auto _ : state) {
        plangraph::unit_map map(m, as_of);
        benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of, map).data());
    }
    report_per_task(state, m.tasks().size(), heap);
    report_dated_bytes(state, d, map_heap_bytes(m));
    check(state, m, plangraph::rollup_units(m, as_of, plangraph::unit_map(m, as_of)));
}
BENCHMARK(dated_place_and_rollup)->Name("dated/place_and_rollup")->Apply(all_sizes);

void dated_rollup_on_map(benchmark::State& state) {
    const auto& m = *generated_dated(size_arg(state)).model;
    heap_meter heap;
    plangraph::unit_map map(m, as_of);
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of, map).data());
    report_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(dated_rollup_on_map)->Name("dated/rollup_on_map")->Apply(all_sizes);

void undated_flat_sweep(benchmark::State& state) {
    const auto& m = *generated_dated(size_arg(state)).model;
    heap_meter heap;
    plangraph::flat_rollup flat(m);
    for (auto _ : state) benchmark::DoNotOptimize(flat(as_of).data());
    report_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(undated_flat_sweep)->Name("undated/flat_sweep")->Apply(all_sizes);

void dated_flat_sweep(benchmark::State& state) {
    const auto& m = *generated_dated(size_arg(state)).model;
    heap_meter heap;
    plangraph::unit_map map(m, as_of);
    plangraph::flat_rollup flat(m, map);
    for (auto _ : state) benchmark::DoNotOptimize(flat(as_of).data());
    report_per_task(state, m.tasks().size(), heap);
    check(state, m, flat(as_of));
}
BENCHMARK(dated_flat_sweep)->Name("dated/flat_sweep")->Apply(all_sizes);

}  // namespace
BENCHMARK_MAIN();

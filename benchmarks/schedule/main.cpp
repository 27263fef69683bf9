// Question: how fast is the forward + backward pass, against Boost.Graph's topological_sort +
// dag_shortest_paths (longest path) computing the same early dates on the same graph?
//
// Workload per size N (seed 57): N tasks (durations 0–9) in one unit, 3N finish-to-start links
// with lags −1..3 from a lower to a higher index (span ≤ 1000), one start date. Not the
// generated national model: its links are of all four types within each plan, which
// dag_shortest_paths cannot express as one edge weight, and BGL must compute the same dates.
//   schedule/ours_run              schedule_network::run: bounds, forward and backward passes,
//                                  slack and dates for every task, on a network compiled once
//   schedule/ours_compile_and_run  schedule(model): also compiles the network every time
//   schedule/ours_schedule_and_deadlines  schedule(model) + propagate_deadlines(model, r), the CLI's
//                                  `deadlines` path, on the same network with a due date on every
//                                  100th task (two weeks after its early finish: every task gets a
//                                  bound, no conflict; at 10M none past 2199, the models' last year)
//   schedule/ours_deadlines_one_network  the same with the network compiled once and shared, as the
//                                  CLI does now: propagate_deadlines(model, net, r)
//   schedule/bgl_dag_shortest_paths  adjacency_list built once (plus a source vertex), timed
//                                  topological_sort + dag_shortest_paths with std::greater (early
//                                  starts only); checked to find the same early starts as ours
// Sizes up to 1M: at 10M (30M links) building the model and BGL's graph and the three
// benchmarks take over 4 minutes of the suite's 10 (figures in benchmarks/README.md).
#include "bench_common.hpp"

#include <plangraph/deadlines.hpp>
#include <plangraph/model.hpp>
#include <plangraph/schedule.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dag_shortest_paths.hpp>
#include <boost/graph/topological_sort.hpp>

#include <functional>
#include <map>
#include <memory>

namespace {

using namespace plangraph;
using namespace plangraph_bench;

const model& network_model(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<model>> cache;
    auto& slot = cache[n];
    if (slot) return *slot;
    slot = std::make_unique<model>();
    model& m = *slot;
    splitmix64 rng(seed);
    auto u = m.add_unit({.key = "U", .name = "U"});
    m.reserve(1, 0, n, 3 * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        task t{.name = "t", .unit = u};
        t.key = "T";  // (appended, not `"T" + ...`: GCC 12 -O3 warns falsely -Wrestrict there)
        t.key += std::to_string(i);
        t.duration = static_cast<int>(rng.below(10));
        if (i == 0) t.start = date(2025, 1, 6);
        m.add_task(std::move(t));
    }
    std::vector<plangraph::link> ls;
    ls.reserve(3 * n);
    for (std::size_t k = 0; k < 3 * n; ++k) {  // edges from lower to higher index, mostly local
        std::size_t a = rng.below(n - 1);
        std::size_t span = 1 + rng.below(std::min<std::size_t>(1000, n - 1 - a));
        ls.push_back({make_id<task_id>(a), make_id<task_id>(a + span), link_type::finish_to_start,
                      static_cast<int>(rng.below(5)) - 1});
    }
    m.add_links(ls);
    return m;
}

void ours_run(benchmark::State& state) {
    const auto& m = network_model(size_arg(state));
    heap_meter heap;
    schedule_network net(m);
    for (auto _ : state) {
        auto r = net.run(m);
        benchmark::DoNotOptimize(r.tasks.data());
    }
    report_per_task(state, m.tasks().size(), heap);
    state.counters["network_B_per_task"] = static_cast<double>(net.memory_bytes()) / static_cast<double>(m.tasks().size());
}
BENCHMARK(ours_run)->Name("schedule/ours_run")->Apply(up_to_1m);

void ours_compile_and_run(benchmark::State& state) {
    const auto& m = network_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) {
        auto r = schedule(m);
        benchmark::DoNotOptimize(r.tasks.data());
    }
    report_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(ours_compile_and_run)->Name("schedule/ours_compile_and_run")->Apply(up_to_1m);

const model& deadline_model(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<model>> cache;
    auto& slot = cache[n];
    if (slot) return *slot;
    slot = std::make_unique<model>(network_model(n));
    const auto r = schedule(*slot);
    for (std::size_t i = 99; i < n; i += 100) {
        const auto t = make_id<task_id>(i);
        const auto due = r[t].early_finish + boost::gregorian::days(14);
        // At 10M tasks the chain runs past the last date a model holds (2199): no due date there.
        if (limits::in_range(due)) slot->set_due(t, due);
    }
    return *slot;
}

void ours_schedule_and_deadlines(benchmark::State& state) {
    const auto& m = deadline_model(size_arg(state));
    heap_meter heap;
    std::size_t conflicts = 0;
    for (auto _ : state) {
        auto r = schedule(m);
        auto d = propagate_deadlines(m, r);
        conflicts = d.conflicts.size();
        benchmark::DoNotOptimize(d.tasks.data());
    }
    report_per_task(state, m.tasks().size(), heap);
    if (conflicts) state.SkipWithError("deadlines two weeks after early finishes conflict");
}
BENCHMARK(ours_schedule_and_deadlines)->Name("schedule/ours_schedule_and_deadlines")->Apply(up_to_1m);

void ours_deadlines_one_network(benchmark::State& state) {
    const auto& m = deadline_model(size_arg(state));
    heap_meter heap;
    std::size_t conflicts = 0;
    for (auto _ : state) {
        const schedule_network net(m);
        auto r = net.run(m);
        auto d = propagate_deadlines(m, net, r);
        conflicts = d.conflicts.size();
        benchmark::DoNotOptimize(d.tasks.data());
    }
    report_per_task(state, m.tasks().size(), heap);
    if (conflicts) state.SkipWithError("deadlines two weeks after early finishes conflict");
}
BENCHMARK(ours_deadlines_one_network)->Name("schedule/ours_deadlines_one_network")->Apply(up_to_1m);

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, int>>;

void bgl_dag_shortest_paths(benchmark::State& state) {
    const auto& m = network_model(size_arg(state));
    const std::size_t n = m.tasks().size();
    heap_meter heap;
    graph g(n + 1);  // vertex n: the schedule's start, linked to every task
    for (const plangraph::link& l : m.links()) boost::add_edge(index(l.from), index(l.to), m[l.from].duration + l.lag, g);
    for (std::size_t i = 0; i < n; ++i) boost::add_edge(n, i, 0, g);
    std::vector<int> dist(n + 1);
    std::vector<graph::vertex_descriptor> order;
    order.reserve(n + 1);
    for (auto _ : state) {
        order.clear();
        boost::topological_sort(g, std::back_inserter(order));
        boost::dag_shortest_paths(g, n,
                                  boost::distance_map(dist.data())
                                      .distance_compare(std::greater<int>())
                                      .distance_inf(std::numeric_limits<int>::min())
                                      .distance_zero(0));
        benchmark::DoNotOptimize(dist.data());
    }
    report_per_task(state, n, heap);
    // Same early dates as ours (the schedule's start moment subtracted).
    auto r = schedule(m);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n; ++i) differ += dist[i] != r.tasks[i].early_start_moment - r.start_moment;
    if (differ) state.SkipWithError("BGL and plangraph disagree on early dates");
}
BENCHMARK(bgl_dag_shortest_paths)->Name("schedule/bgl_dag_shortest_paths")->Apply(up_to_1m);

}  // namespace

BENCHMARK_MAIN();

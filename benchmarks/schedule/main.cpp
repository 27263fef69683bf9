// Forward + backward pass on 1M tasks / 3M links (random DAG, FS links with lags) against
// Boost.Graph's topological_sort + dag_shortest_paths (longest path) computing the same early
// dates on the same graph, in the same run.
//
//   cmake --build build/release --target bench_schedule && build/release/benchmarks/schedule/bench_schedule
#include <plangraph/model.hpp>
#include <plangraph/schedule.hpp>

#include <benchmark/benchmark.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dag_shortest_paths.hpp>
#include <boost/graph/topological_sort.hpp>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <random>

namespace {

using namespace plangraph;

struct workload {
    model m;
    std::vector<int> start_bound;  // per task, the earliest start moment (the same for both)
};

const workload& data() {
    static const workload w = [] {
        const std::size_t n = std::getenv("PG_TASKS") ? std::strtoul(std::getenv("PG_TASKS"), nullptr, 10) : 1'000'000;
        workload w;
        std::mt19937 rng(57);
        auto u = w.m.add_unit({.key = "U", .name = "U"});
        for (std::size_t i = 0; i < n; ++i) {
            task t{.name = "t", .unit = u};
            t.key = "T";  // (appended, not `"T" + ...`: GCC 12 -O3 warns falsely -Wrestrict there)
            t.key += std::to_string(i);
            t.duration = static_cast<int>(rng() % 10);
            if (i == 0) t.start = date(2025, 1, 6);
            w.m.add_task(std::move(t));
        }
        std::vector<plangraph::link> ls;
        ls.reserve(3 * n);
        for (std::size_t k = 0; k < 3 * n; ++k) {  // edges from lower to higher index, mostly local
            std::size_t a = rng() % (n - 1);
            std::size_t span = 1 + rng() % std::min<std::size_t>(1000, n - 1 - a);
            ls.push_back({make_id<task_id>(a), make_id<task_id>(a + span), link_type::finish_to_start,
                          static_cast<int>(rng() % 5) - 1});
        }
        w.m.add_links(ls);
        return w;
    }();
    return w;
}

void ours_run(benchmark::State& state) {
    const auto& w = data();
    schedule_network net(w.m);
    for (auto _ : state) {
        auto r = net.run(w.m);
        benchmark::DoNotOptimize(r.tasks.data());
    }
    auto r = net.run(w.m);
    state.counters["network_bytes_per_task"] = double(net.memory_bytes()) / double(w.m.tasks().size());
    state.counters["result_bytes_per_task"] = double(r.tasks.capacity() * sizeof(task_schedule) + r.driver.capacity() * 4) /
                                              double(w.m.tasks().size());
}

void ours_compile_and_run(benchmark::State& state) {
    const auto& w = data();
    for (auto _ : state) {
        auto r = schedule(w.m);
        benchmark::DoNotOptimize(r.tasks.data());
    }
}

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, int>>;

void bgl_topological_sort_and_dag_longest_paths(benchmark::State& state) {
    const auto& w = data();
    const std::size_t n = w.m.tasks().size();
    graph g(n + 1);  // vertex n: the schedule's start, linked to every task
    for (const plangraph::link& l : w.m.links()) boost::add_edge(index(l.from), index(l.to), w.m[l.from].duration + l.lag, g);
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
    // Same early dates as ours (schedule start moment subtracted).
    auto r = schedule(w.m);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n; ++i) differ += dist[i] != r.tasks[i].early_start_moment - r.start_moment;
    if (differ) state.SkipWithError("BGL and plangraph disagree on early dates");
    state.counters["graph_bytes_per_task_approx"] =
        double((n + 1) * sizeof(std::vector<int>) + boost::num_edges(g) * 16) / double(n);
}

}  // namespace

BENCHMARK(ours_run)->Unit(benchmark::kMillisecond);
BENCHMARK(ours_compile_and_run)->Unit(benchmark::kMillisecond);
BENCHMARK(bgl_topological_sort_and_dag_longest_paths)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();

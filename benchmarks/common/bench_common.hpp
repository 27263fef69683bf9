#pragma once
// Shared by every benchmark executable: the sizes, the generated national model (generate.hpp,
// seed 57: 1 centre, 34 provinces, 3,321 communes) built once per size and process, and the
// counters every benchmark reports.
//
// Memory is measured by counting the heap: heap_counter.cpp replaces operator new/delete and
// keeps the live and peak bytes. `heap_peak_B_per_task` is the peak of live heap bytes above
// what was live when the benchmark started (its preparation and every run included, the shared
// model excluded), divided by the tasks; `model_B_per_task` is the model's own heap.
#include <plangraph/generate.hpp>
#include <plangraph/model.hpp>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace plangraph_bench {

std::size_t heap_live_bytes();
std::size_t heap_peak_bytes();
/// Restarts the peak from the bytes live now.
void reset_heap_peak();

/// PLANGRAPH_BENCH_QUICK=1: the smallest size only (CTest runs it with --benchmark_min_time=0).
inline bool quick_mode() {
    const char* q = std::getenv("PLANGRAPH_BENCH_QUICK");
    return q && std::string_view(q) != "0" && std::string_view(q) != "";
}

/// 10k, 100k, 1M and 10M tasks, up to `largest`; 10k only in quick mode.
inline std::vector<std::int64_t> task_sizes(std::int64_t largest = 10'000'000) {
    if (quick_mode()) return {10'000};
    std::vector<std::int64_t> out;
    for (std::int64_t n : {10'000, 100'000, 1'000'000, 10'000'000})
        if (n <= largest) out.push_back(n);
    return out;
}

/// Registers the sizes on a benchmark, timed in milliseconds.
inline void all_sizes(benchmark::internal::Benchmark* b) {
    for (auto n : task_sizes()) b->Arg(n);
    b->Unit(benchmark::kMillisecond);
}
/// PLANGRAPH_BENCH_LARGEST=N: the largest size of the executables that stop at 1M by default
/// (their larger runs take minutes), raised for a full run, e.g. 10000000 to draw every stage
/// from 10k to 10M (benchmarks/README.md).
inline std::int64_t largest_size() {
    const char* n = std::getenv("PLANGRAPH_BENCH_LARGEST");
    if (!n || !*n) return 1'000'000;
    char* end = nullptr;
    const auto v = std::strtoll(n, &end, 10);
    if (*end != '\0' || v <= 0) {
        std::fprintf(stderr, "PLANGRAPH_BENCH_LARGEST=%s is not a positive count of tasks\n", n);
        std::exit(2);
    }
    return v;
}
/// 10k to 1M, or to PLANGRAPH_BENCH_LARGEST.
inline void up_to_1m(benchmark::internal::Benchmark* b) {
    for (auto n : task_sizes(largest_size())) b->Arg(n);
    b->Unit(benchmark::kMillisecond);
}

inline constexpr std::uint64_t seed = 57;
inline const plangraph::date as_of{2025, 12, 31};

struct generated_model {
    std::unique_ptr<plangraph::model> model;
    std::size_t heap_bytes = 0;
    double seconds = 0;
};

/// The national model with `tasks` tasks, generated on first use and kept for the process.
inline generated_model& generated(std::size_t tasks) {
    static std::map<std::size_t, generated_model> cache;
    auto& slot = cache[tasks];
    if (!slot.model) {
        plangraph::generate_options o;
        o.seed = seed;
        o.task_count = tasks;
        const auto before = heap_live_bytes();
        const auto start = std::chrono::steady_clock::now();
        slot.model = std::make_unique<plangraph::model>(plangraph::generate_model<plangraph::model>(o));
        slot.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        slot.heap_bytes = heap_live_bytes() - before;
    }
    return slot;
}

inline plangraph::model& mutable_national_model(std::size_t tasks) { return *generated(tasks).model; }
inline const plangraph::model& national_model(std::size_t tasks) { return *generated(tasks).model; }

/// Started after the shared data is ready: the peak heap from here on is the benchmark's own.
class heap_meter {
public:
    heap_meter() : base_(heap_live_bytes()) { reset_heap_peak(); }
    std::size_t peak_above_start() const {
        const auto p = heap_peak_bytes();
        return p > base_ ? p - base_ : 0;
    }

private:
    std::size_t base_;
};

inline double process_peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

/// Throughput in tasks/s (items_per_second), ns per task, and the memory counters.
inline void report_per_task(benchmark::State& state, std::size_t tasks, const heap_meter& heap) {
    const auto n = static_cast<double>(tasks);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(tasks));
    state.counters["ns_per_task"] = benchmark::Counter(static_cast<double>(state.iterations()) * n,
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["heap_peak_B_per_task"] = static_cast<double>(heap.peak_above_start()) / n;
    state.counters["process_peak_rss_MB"] = process_peak_rss_mb();
}

/// The same, plus the generated model's own heap per task.
inline void report_model_per_task(benchmark::State& state, std::size_t tasks, const heap_meter& heap) {
    report_per_task(state, tasks, heap);
    state.counters["model_B_per_task"] = static_cast<double>(generated(tasks).heap_bytes) / static_cast<double>(tasks);
}

inline std::size_t size_arg(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

}  // namespace plangraph_bench

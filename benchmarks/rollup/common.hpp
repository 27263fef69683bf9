#pragma once
// Shared by the rollup benchmarks: the generated national model (34 provinces, 3,321 communes)
// with N tasks, built once per size and kept for every strategy, and the as-of date.
#include <plangraph/generate.hpp>
#include <plangraph/model.hpp>
#include <plangraph/rollup.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>

namespace rollup_bench {

/// The national model with `tasks` tasks (generate.hpp, seed 57), generated on first use.
const plangraph::model& national_model(std::size_t tasks);
/// A mutable copy for the incremental engine.
plangraph::model& mutable_national_model(std::size_t tasks);

inline const plangraph::date as_of{2025, 12, 31};

/// 1M and 10M tasks; PLANGRAPH_BENCH_SMALL=1 adds 100k for a quick run.
void task_counts(benchmark::internal::Benchmark* b);

/// Figures per task, so every strategy reads in ns/task.
inline void per_task(benchmark::State& state, std::size_t tasks) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
    state.counters["ns_per_task"] = benchmark::Counter(static_cast<double>(state.iterations() * tasks),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace rollup_bench

// Question: how fast does a CSV model directory load into the model (read, check, build)?
//   load/csv_dir   load_model_dir(dir): the six files of a generated model, written once per size
//                  to a temporary directory with write_model_dir; bytes_per_second is the files'
//                  size over the time (MB/s), items_per_second tasks/s.
// The loaded model is checked to hold as many tasks and links as the generated one. A large
// table is read on two threads (io/csv.hpp), so the CPU time is the whole process's; the rates
// (MB/s, tasks/s) are over that CPU time, the wall time is the Time column.
#include "model_dir.hpp"

namespace {

using namespace plangraph_bench;

void load_csv_dir(benchmark::State& state) {
    const auto tasks = size_arg(state);
    const auto& generated_model = national_model(tasks);
    const written_dir dir(tasks);
    heap_meter heap;
    for (auto _ : state) {
        auto m = plangraph::load_model_dir(dir.path);
        if (m.tasks().size() != generated_model.tasks().size() || m.links().size() != generated_model.links().size())
            state.SkipWithError("the loaded model differs from the generated one");
        benchmark::DoNotOptimize(m.task_columns().unit.data());
    }
    report_per_task(state, tasks, heap);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(dir.bytes));
    state.counters["dir_MB"] = static_cast<double>(dir.bytes) / 1e6;
}
BENCHMARK(load_csv_dir)->Name("load/csv_dir")->Apply(up_to_1m)->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();

// Question: how fast does a CSV model directory load into the model (read, check, build)?
//   load/csv_dir   load_model_dir(dir): the six files of a generated model, written once per size
//                  to a temporary directory with write_model_dir; bytes_per_second is the files'
//                  size over the time (MB/s), items_per_second tasks/s.
// The loaded model is checked to hold as many tasks and links as the generated one.
#include "bench_common.hpp"

#include <plangraph/io/csv.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using namespace plangraph_bench;
namespace fs = std::filesystem;

/// A model directory written once, removed when the process ends.
struct written_dir {
    fs::path path;
    std::uintmax_t bytes = 0;

    explicit written_dir(std::size_t tasks)
        : path(fs::temp_directory_path() /
               ("plangraph-bench-load-" + std::to_string(::getpid()) + "-" + std::to_string(tasks))) {
        plangraph::write_model_dir(national_model(tasks), path);
        for (const auto& f : fs::directory_iterator(path)) bytes += f.file_size();
    }
    ~written_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    written_dir(const written_dir&) = delete;
    written_dir& operator=(const written_dir&) = delete;
};

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
BENCHMARK(load_csv_dir)->Name("load/csv_dir")->Apply(up_to_1m);

}  // namespace

BENCHMARK_MAIN();

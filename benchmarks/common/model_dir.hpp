#pragma once
// The generated national model (bench_common.hpp) written as a CSV model directory with
// write_model_dir, once per size and process, removed when the process ends: what the loading
// and end-to-end benchmarks read.
#include "bench_common.hpp"

#include <plangraph/io/csv.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace plangraph_bench {

struct written_dir {
    std::filesystem::path path;
    std::uintmax_t bytes = 0;

    explicit written_dir(std::size_t tasks)
        : path(std::filesystem::temp_directory_path() /
               ("plangraph-bench-" + std::to_string(::getpid()) + "-" + std::to_string(tasks))) {
        plangraph::write_model_dir(national_model(tasks), path);
        for (const auto& f : std::filesystem::directory_iterator(path)) bytes += f.file_size();
    }
    ~written_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    written_dir(const written_dir&) = delete;
    written_dir& operator=(const written_dir&) = delete;
};

}  // namespace plangraph_bench

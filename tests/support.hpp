#pragma once
// Helpers shared by the test files: scratch directories and whole-file reads.
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include <unistd.h>

namespace plangraph::test {

namespace fs = std::filesystem;

/// A fresh directory under the system's temporary directory, optionally holding `files`
/// (name, text), removed with everything in it at the end of the scope.
struct temp_dir {
    fs::path path;

    temp_dir() : temp_dir(std::initializer_list<std::pair<std::string, std::string>>{}) {}
    temp_dir(std::initializer_list<std::pair<std::string, std::string>> files) {
        static int counter = 0;  // with the process id: unique across parallel test processes
        path = fs::temp_directory_path() /
               ("plangraph_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
        for (const auto& [name, text] : files) write(name, text);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
    std::string str() const { return path.string(); }
};

/// The whole file, byte for byte.
inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace plangraph::test

#pragma once
// Shared plumbing of the plangraph command line: options, exit codes, output formats.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace plangraph::cli {

/// DESIGN.md's exit codes.
enum exit_code : int { success = 0, model_problems = 1, bad_usage = 2 };

/// Wrong arguments or unreadable input: reported on stderr, exit code 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// `--name value` options and bare flags after the command word.
class options {
public:
    options(int argc, char** argv, int first) {
        for (int i = first; i < argc; ++i) {
            std::string a = argv[i];
            if (a.rfind("--", 0) != 0) throw usage_error("unexpected argument '" + a + "'");
            auto eq = a.find('=');
            if (eq != std::string::npos) {
                values_[a.substr(2, eq - 2)] = a.substr(eq + 1);
            } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
                values_[a.substr(2)] = argv[++i];
            } else {
                values_[a.substr(2)] = "";
            }
        }
    }
    std::optional<std::string> get(const std::string& name) const {
        auto it = values_.find(name);
        if (it == values_.end()) return std::nullopt;
        used_.push_back(name);
        return it->second;
    }
    std::string require(const std::string& name) const {
        auto v = get(name);
        if (!v || v->empty()) throw usage_error("missing --" + name);
        return *v;
    }
    /// Rejects options no command asked for (typos must not pass silently).
    void reject_unknown() const {
        for (const auto& [k, v] : values_) {
            bool used = false;
            for (const auto& u : used_) used = used || u == k;
            if (!used) throw usage_error("unknown option --" + k);
        }
    }

private:
    std::map<std::string, std::string> values_;
    mutable std::vector<std::string> used_;
};

enum class format { table, json, csv };

inline format output_format(const options& opts) {
    auto f = opts.get("format").value_or("table");
    if (f == "table") return format::table;
    if (f == "json") return format::json;
    if (f == "csv") return format::csv;
    throw usage_error("unknown --format '" + f + "' (table, json or csv)");
}

}  // namespace plangraph::cli

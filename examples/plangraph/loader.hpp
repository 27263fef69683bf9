#pragma once
// The command line's one model loader: `--model DIR` (a directory of CSV files), `--model
// FILE.json` (a model JSON file) or `--mspdi FILE` (Microsoft Project XML), for every command.
// A model directory's `baseline.csv`, when there is one, is read here too (its problems are the
// model's: invalid_model with file:line:column), so every command sees the same agreed dates.
// It lets the library's errors through as they are: invalid_model with every problem of the
// model, parse_error for input that cannot be read. The dispatcher in main.cpp maps them to exit
// codes (1 and 2), in one place for every format.
#include "cli.hpp"

#include <plangraph/io/baseline.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>
#include <plangraph/validate.hpp>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plangraph::cli {

/// Where the model comes from, as the options name it.
struct model_source {
    std::string model{};  // --model DIR or FILE.json
    std::string mspdi{};  // --mspdi FILE
    bool with_baseline = true;  // read DIR/baseline.csv (not by `baseline`, which writes a new one)

    std::string path() const { return mspdi.empty() ? model : mspdi; }
    bool is_json() const { return model.size() > 5 && model.compare(model.size() - 5, 5, ".json") == 0; }
};

inline void add_model_options(CLI::App& app, model_source& src) {
    auto* dir = app.add_option("--model", src.model, "the model: a directory of CSV files, or a model JSON file")
                    ->type_name("DIR|FILE.json");
    app.add_option("--mspdi", src.mspdi, "the model: a Microsoft Project XML (MSPDI) file")
        ->type_name("FILE")
        ->excludes(dir);
}

/// A model as loaded, with what its reader noticed without refusing it.
struct loaded_model {
    plangraph::model model{};
    std::vector<problem> notes{};    // problems that do not block a build (a due date before the start)
    std::optional<date> start{};     // MSPDI: the project's start date, the schedule's default start
    std::optional<plangraph::baseline> agreed{};  // the directory's baseline.csv, when it has one
};

/// The baseline.csv of a model directory, absent when there is none.
inline std::optional<baseline> load_baseline(const std::string& dir, const model& m) {
    const auto path = std::filesystem::path(dir) / "baseline.csv";
    if (!std::filesystem::exists(path)) return std::nullopt;
    return load_baseline_csv(m, path);
}

/// Reads and builds the model; warnings of the MSPDI reader go to `warnings`.
inline loaded_model load_model(const model_source& src, std::ostream& warnings = std::cerr) {
    if (!src.mspdi.empty()) {
        auto p = io::read_mspdi(src.mspdi);
        for (const auto& w : p.warnings) warnings << src.mspdi << ": warning: " << w << '\n';
        return {std::move(p.tasks), {}, p.start};
    }
    if (src.model.empty()) throw usage_error("missing --model DIR (or --model FILE.json, or --mspdi FILE)");
    if (src.is_json()) return {io::load_model_json(src.model), {}, {}};
    std::vector<problem> notes;
    auto m = load_model_dir(src.model, notes);
    auto agreed = src.with_baseline ? load_baseline(src.model, m) : std::nullopt;
    return {std::move(m), std::move(notes), {}, std::move(agreed)};
}

}  // namespace plangraph::cli

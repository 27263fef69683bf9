#pragma once
// `plangraph baseline --model DIR|FILE.json | --mspdi FILE [--as-of DATE] [--start DATE]`
// Writes baseline.csv content (task, start, finish) to stdout: every scheduled task's early start
// and early finish as `plangraph schedule` shows them (a milestone's shown day), of the plan, or of
// the progress-aware schedule with --as-of. Cancelled tasks take no part and get no row. Saved as
// the model directory's baseline.csv, it makes `schedule` show zero variances until the plan moves.
// The directory's own baseline.csv is not read: it is what this replaces (and `plangraph baseline
// --model DIR > DIR/baseline.csv` has the shell empty it before the command runs).
#include "cli.hpp"
#include "loader.hpp"
#include "schedule.hpp"

#include <plangraph/baseline.hpp>
#include <plangraph/io/baseline.hpp>

#include <ostream>
#include <string>

namespace plangraph::cli {

struct baseline_command : command {
    model_source source{};
    schedule_options options{};

    void setup(CLI::App& app) override {
        source.with_baseline = false;
        add_model_options(app, source);
        add_schedule_options(app, options);
    }
    std::string input() const override { return source.path(); }

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        out << baseline_csv(loaded.model, baseline_from(schedule_or_usage(loaded, options)));
        return success;
    }
};

}  // namespace plangraph::cli

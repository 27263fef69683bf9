#pragma once
// `plangraph check --model DIR|FILE.json | --mspdi FILE`: reads and validates a model. Every
// problem goes to stderr as `file:line:col: message` (they are errors), the count to stdout
// ("2 problems in DIR", or "ok: …" with the model's sizes). Exit 0 when there is none, 1 when there
// are problems, 2 when the input cannot be read. A model that does not build reaches the
// dispatcher as invalid_model; problems that do not block a build are raised the same way here.
#include "cli.hpp"
#include "loader.hpp"

#include <ostream>

namespace plangraph::cli {

struct check_command : command {
    model_source source{};

    void setup(CLI::App& app) override { add_model_options(app, source); }
    std::string input() const override { return source.path(); }
    bool reports_problems() const override { return true; }

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        if (!loaded.notes.empty()) throw invalid_model(std::move(loaded.notes));
        const auto& m = loaded.model;
        out << "ok: " << m.units().size() << " units, " << m.plans().size() << " plans, " << m.tasks().size()
            << " tasks, " << m.links().size() << " links, " << m.indicators().size() << " indicators\n";
        return success;
    }
};

}  // namespace plangraph::cli

#pragma once
// `plangraph export --model DIR|FILE.json | --mspdi FILE --format json|dot|ics|mspdi
//                   [--graph dependencies|units] [--start DATE] [--as-of DATE] [--output FILE]`
// A model in the formats other tools read: the whole model as JSON, Graphviz DOT of the
// dependencies (critical path in red when the model can be scheduled) or of the unit hierarchy,
// the deadlines as an iCalendar file, and the schedule as MSPDI XML for Microsoft Project and
// ProjectLibre. Output goes to stdout unless --output; either way a failed write is exit 2.
#include "cli.hpp"
#include "loader.hpp"
#include "schedule.hpp"

#include <plangraph/io/dot.hpp>
#include <plangraph/io/ics.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>

#include <fstream>
#include <optional>
#include <ostream>
#include <string>

namespace plangraph::cli {

struct export_command : command {
    model_source source{};
    schedule_options options{};
    std::string format{}, graph{}, output{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_choice(app, "--format", format, {"json", "dot", "ics", "mspdi"}, "export format")->required();
        add_choice(app, "--graph", graph, {"dependencies", "units"}, "what the DOT graph shows");
        add_schedule_options(app, options);
        app.add_option("--output", output, "write to this file instead of stdout")->type_name("FILE");
    }
    std::string input() const override { return source.path(); }

    int run(std::ostream& out) override {
        auto text = render(load_model(source));
        if (output.empty()) {
            out << text;
            return success;
        }
        std::ofstream file(output, std::ios::binary | std::ios::trunc);
        file << text;
        if (!file.flush()) throw usage_error(output + ": cannot write file");
        return success;
    }

    std::string render(const loaded_model& loaded) const {
        const auto& m = loaded.model;
        if (format == "json") return io::write_model_json(m) + "\n";
        if (format == "ics") return io::deadlines_ics(m);
        if (format == "mspdi") return io::write_mspdi(m, schedule_or_usage(loaded, options));
        if (graph == "units") return io::hierarchy_dot(m);
        std::optional<schedule_result> r;
        try {
            r = schedule_or_usage(loaded, options);
        } catch (const usage_error&) {  // no start date: the graph without a critical path
        }
        return io::dependencies_dot(m, r ? &*r : nullptr);
    }
};

}  // namespace plangraph::cli

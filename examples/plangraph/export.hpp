#pragma once
// `plangraph export --model DIR|FILE.json --format json|dot|ics|mspdi [--graph dependencies|units]
//                   [--start DATE] [--as-of DATE] [--output FILE]`
// A model in the formats other tools read: the whole model as JSON, Graphviz DOT of the
// dependencies (critical path in red when the model can be scheduled) or of the unit hierarchy,
// the deadlines as an iCalendar file, and the schedule as MSPDI XML for Microsoft Project and
// ProjectLibre. --model also takes a model JSON file. Output goes to stdout unless --output.
#include "cli.hpp"
#include "schedule.hpp"

#include <plangraph/io/dot.hpp>
#include <plangraph/io/ics.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace plangraph::cli {

/// --model as a directory of CSV files or a model JSON file; problems go to stderr (exit 1).
inline std::optional<model> export_load_model(const std::string& path, int& exit) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".json") != 0) return schedule_load_model(path, exit);
    try {
        return io::load_model_json(path);
    } catch (const invalid_model& e) {
        for (const auto& p : e.problems()) std::cerr << path << ": " << to_string(p) << '\n';
        exit = model_problems;
    } catch (const parse_error& e) {
        throw usage_error(e.what());
    }
    return std::nullopt;
}

inline int run_export(const options& opts) {
    auto path = opts.require("model");
    auto fmt = opts.require("format");
    auto graph = opts.get("graph").value_or("dependencies");
    schedule_options o{.start = schedule_date_option(opts, "start"), .as_of = schedule_date_option(opts, "as-of")};
    auto output = opts.get("output");
    opts.reject_unknown();
    if (fmt != "json" && fmt != "dot" && fmt != "ics" && fmt != "mspdi")
        throw usage_error("unknown --format '" + fmt + "' (json, dot, ics or mspdi)");
    if (graph != "dependencies" && graph != "units")
        throw usage_error("unknown --graph '" + graph + "' (dependencies or units)");

    int exit = success;
    auto m = export_load_model(path, exit);
    if (!m) return exit;
    std::string text;
    if (fmt == "json") {
        text = io::write_model_json(*m) + "\n";
    } else if (fmt == "ics") {
        text = io::deadlines_ics(*m);
    } else if (fmt == "mspdi") {
        text = io::write_mspdi(*m, schedule_or_usage(*m, o));
    } else if (graph == "units") {
        text = io::hierarchy_dot(*m);
    } else {
        std::optional<schedule_result> r;
        try {
            r = schedule(*m, o);
        } catch (const no_start_date&) {  // no start date: the graph without a critical path
        }
        text = io::dependencies_dot(*m, r ? &*r : nullptr);
    }
    if (!output) {
        std::cout << text;
        return success;
    }
    std::ofstream out(*output, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw usage_error(*output + ": cannot write file");
    return success;
}

}  // namespace plangraph::cli

// plangraph: the library from the command line. One header per command; see DESIGN.md for the
// contract (commands, formats, exit codes).
#include "cli.hpp"
#include "check.hpp"
#include "demo.hpp"
#include "schedule.hpp"
#include "deadlines.hpp"
#include "rollup.hpp"
#include "export.hpp"

#include <cstring>
#include <exception>
#include <iostream>

namespace {

struct command {
    const char* name;
    const char* summary;
    int (*run)(const plangraph::cli::options&);
};

// Each command's header is included above and registered here.
const command commands[] = {
    {"check", "validate a model directory: --model DIR", plangraph::cli::run_check},
    {"demo", "generate the national model (34 provinces, 3,321 communes) and report: [--seed N] [--tasks N] [--as-of DATE]", plangraph::cli::run_demo},
    {"schedule", "critical path schedule: --model DIR | --mspdi FILE [--as-of DATE] [--start DATE] [--format table|json|csv]", plangraph::cli::run_schedule},
    {"deadlines", "effective deadlines and conflicts: --model DIR [--start DATE] [--as-of DATE] [--format table|json|csv]", plangraph::cli::run_deadlines},
    {"rollup", "per-unit completion rollup: --model DIR --as-of DATE [--format table|json|csv] [--rule default|all-children-green]", plangraph::cli::run_rollup},
    {"export", "the model for other tools: --model DIR|FILE.json --format json|dot|ics|mspdi [--graph dependencies|units] [--start DATE] [--as-of DATE] [--output FILE]", plangraph::cli::run_export},
};

void usage(std::ostream& out) {
    out << "usage: plangraph <command> [options]\n\ncommands:\n";
    for (const auto& c : commands) out << "  " << c.name << "\t" << c.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace plangraph::cli;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
        usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? bad_usage : success;
    }
    for (const auto& c : commands) {
        if (std::strcmp(argv[1], c.name) != 0) continue;
        try {
            options opts(argc, argv, 2);
            return c.run(opts);
        } catch (const usage_error& e) {
            std::cerr << "plangraph " << c.name << ": " << e.what() << "\n";
            return bad_usage;
        } catch (const std::exception& e) {
            std::cerr << "plangraph " << c.name << ": " << e.what() << "\n";
            return bad_usage;
        }
    }
    std::cerr << "plangraph: unknown command '" << argv[1] << "'\n";
    usage(std::cerr);
    return bad_usage;
}

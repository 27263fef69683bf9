// plangraph: the library from the command line. One header per command; see DESIGN.md for the
// contract (commands, formats, exit codes). This file is the dispatcher: it parses the command
// line with CLI11 and maps every failure to an exit code and a message on stderr, in one place:
//   bad usage (CLI11's errors, usage_error), unreadable input (parse_error)  -> 2
//   problems in the model, from any format (invalid_model, model_error)     -> 1, every problem listed
//   anything else                                                           -> 2, naming command and input
//   stdout that cannot be written                                           -> 2
#include "cli.hpp"
#include "baseline.hpp"
#include "check.hpp"
#include "deadlines.hpp"
#include "demo.hpp"
#include "export.hpp"
#include "loader.hpp"
#include "rollup.hpp"
#include "schedule.hpp"

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace plangraph;
using namespace plangraph::cli;

struct registered {
    std::unique_ptr<command> cmd;
    CLI::App* app;
};

/// What the user typed that the command does not take, or "" when nothing is left over:
/// "unknown option --modle (with x)".
std::string leftovers(const CLI::App& app) {
    std::string options, words;
    for (const auto& w : app.remaining()) {
        auto& list = w.rfind('-', 0) == 0 ? options : words;
        list += (list.empty() ? "" : " ") + w;
    }
    if (options.empty()) return words.empty() ? "" : "unexpected argument " + words;
    return "unknown option " + options + (words.empty() ? "" : " (with " + words + ")");
}

/// A parse failure. A misspelt option comes first: it is likelier the cause of a "required" error.
int usage_failure(const CLI::App& main_app, const CLI::ParseError& e) {
    auto chosen = main_app.get_subcommands();
    if (chosen.empty()) {
        auto words = main_app.remaining();  // the first word is no command
        std::cerr << "plangraph: " << (words.empty() ? std::string(e.what()) : "unknown command '" + words.front() + "'")
                  << "\n\n" << main_app.help();
        return bad_usage;
    }
    const CLI::App& sub = *chosen.front();
    auto extra = leftovers(sub);
    std::cerr << "plangraph " << sub.get_name() << ": "
              << (extra.empty() ? std::string(e.what()) : extra) << "\n"
              << "run 'plangraph " << sub.get_name() << " --help' for its options\n";
    return bad_usage;
}

/// Every problem on stderr (located, else prefixed with the input), then their count.
int model_failure(const command& cmd, const std::string& name, const invalid_model& e) {
    for (const auto& p : e.problems())
        std::cerr << (p.where.known() ? "" : cmd.input() + ": ") << to_string(p) << '\n';
    auto n = e.problems().size();
    (cmd.reports_problems() ? std::cout : std::cerr)
        << (cmd.reports_problems() ? "" : "plangraph " + name + ": ") << n << (n == 1 ? " problem" : " problems")
        << " in " << cmd.input() << '\n';
    return model_problems;
}

/// Runs the chosen command; every exception becomes an exit code here.
int run(command& cmd, const std::string& name) {
    const std::string prefix = "plangraph " + name + ": ";
    const std::string input = cmd.input().empty() ? "" : cmd.input() + ": ";
    int code = success;
    try {
        code = cmd.run(std::cout);
    } catch (const invalid_model& e) {
        code = model_failure(cmd, name, e);
    } catch (const usage_error& e) {
        std::cerr << prefix << e.what() << '\n';
        return bad_usage;
    } catch (const parse_error& e) {
        std::cerr << prefix << (e.where().known() ? "" : input) << e.what() << '\n';
        return bad_usage;
    } catch (const model_error& e) {
        std::cerr << prefix << input << e.what() << '\n';
        return model_problems;
    } catch (const schedule_error& e) {  // the model cannot be scheduled: a problem of the model
        std::cerr << prefix << input << e.what() << '\n';
        return model_problems;
    } catch (const std::exception& e) {
        std::cerr << prefix << input << "failed: " << e.what() << '\n';
        return bad_usage;
    }
    if (!std::cout.flush()) {
        std::cerr << prefix << "cannot write the output (standard output failed)\n";
        return bad_usage;
    }
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"plangraph: hierarchical plans, schedules, deadlines and rollups (DESIGN.md)", "plangraph"};
    app.require_subcommand(1);
    std::vector<registered> commands;
    auto add = [&](const char* name, const char* summary, std::unique_ptr<command> cmd) {
        CLI::App* sub = app.add_subcommand(name, summary);
        cmd->setup(*sub);
        commands.push_back({std::move(cmd), sub});
    };
    add("check", "validate a model; every problem with file:line:column", std::make_unique<check_command>());
    add("demo", "generate the national model (34 provinces, 3,321 communes), schedule it, roll it up",
        std::make_unique<demo_command>());
    add("schedule", "critical path schedule", std::make_unique<schedule_command>());
    add("deadlines", "effective deadlines and their conflicts", std::make_unique<deadlines_command>());
    add("rollup", "per-unit completion rollup as of a date", std::make_unique<rollup_command>());
    add("baseline", "the plan's early dates as baseline.csv (task, start, finish)",
        std::make_unique<baseline_command>());
    add("export", "the model for other tools (JSON, DOT, iCalendar, MSPDI)", std::make_unique<export_command>());

    if (argc == 2 && std::string(argv[1]) == "help") {  // as `plangraph --help`, as before CLI11
        std::cout << app.help();
        return success;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        return usage_failure(app, e);
    }
    for (auto& c : commands)
        if (c.app->parsed()) return run(*c.cmd, c.app->get_name());
    return bad_usage;  // unreachable: require_subcommand(1)
}

#pragma once
// Shared plumbing of the plangraph command line: DESIGN.md's exit codes, the shape of a command,
// and the options several commands take. Every value is checked where it comes in (dates through
// parse_date and limits::in_range, counts within stated bounds, words from a fixed list), so a bad
// one is named with its option and the program exits 2 before reading anything.
//
// To add an option to a command, declare it in the command's setup() with CLI11 or one of the
// helpers below (add_date, add_count, add_choice): one line, and --help lists it.
#include <plangraph/date.hpp>
#include <plangraph/limits.hpp>

#include <CLI/CLI.hpp>

#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <ostream>
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

/// One subcommand. setup() declares its options on its CLI11 app, bound to members of the
/// command; run() writes the result to `out` and returns the exit code. Exceptions are mapped to
/// exit codes in one place, the dispatcher of main.cpp.
struct command {
    virtual ~command() = default;
    virtual void setup(CLI::App& app) = 0;
    virtual int run(std::ostream& out) = 0;
    /// The input the command reads, for error messages ("" when it reads none).
    virtual std::string input() const { return {}; }
    /// True when the model's problems are the result (check): their count goes to stdout.
    virtual bool reports_problems() const { return false; }
};

/// A date as the command line takes it: YYYY-MM-DD within the documented range.
inline date checked_date(const std::string& option, const std::string& text) {
    auto d = parse_date(text);
    if (!d) throw CLI::ValidationError(option, "'" + text + "' is not a date YYYY-MM-DD");
    if (!limits::in_range(*d))
        throw CLI::ValidationError(option, "'" + text + "' is outside " + format_date(limits::min_date()) + " .. " +
                                               format_date(limits::max_date()));
    return *d;
}

inline CLI::Option* add_date(CLI::App& app, const std::string& name, std::optional<date>& into, const std::string& help) {
    return app
        .add_option_function<std::string>(
            name, [&into, name](const std::string& text) { into = checked_date(name, text); }, help)
        ->type_name("DATE");
}

/// A whole decimal number within [lo, hi]; a sign, a fraction or an overflow is refused (CLI11's
/// own conversion would wrap "-3" into an unsigned seed).
template <std::unsigned_integral Int>
Int checked_count(const std::string& option, const std::string& text, Int lo, Int hi) {
    Int v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || v < lo || v > hi)
        throw CLI::ValidationError(option, "'" + text + "' is not a whole number from " + std::to_string(lo) + " to " +
                                               std::to_string(hi));
    return v;
}

template <std::unsigned_integral Int>
CLI::Option* add_count(CLI::App& app, const std::string& name, Int& into, Int lo, Int hi, const std::string& help) {
    return app
        .add_option_function<std::string>(
            name, [&into, name, lo, hi](const std::string& text) { into = checked_count(name, text, lo, hi); }, help)
        ->type_name("N");
}

/// One word of a fixed list (the first is the default).
inline CLI::Option* add_choice(CLI::App& app, const std::string& name, std::string& into,
                               const std::vector<std::string>& words, const std::string& help) {
    into = words.front();
    std::string list;
    for (const auto& w : words) list += (list.empty() ? "" : "|") + w;
    return app.add_option(name, into, help)->check(CLI::IsMember(words))->capture_default_str()->type_name(list);
}

/// --format table|json|csv, the result formats of the reporting commands.
inline CLI::Option* add_format(CLI::App& app, std::string& into) {
    return add_choice(app, "--format", into, {"table", "json", "csv"}, "output format");
}

}  // namespace plangraph::cli

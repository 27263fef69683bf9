#pragma once
// Two ways things go wrong. Problems in data are values (`problem`), collected all at once by
// validation so a user sees every one. Failed loads and rejected mutations throw an exception from
// the hierarchy rooted at `plangraph::error`, and leave the model as it was.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace plangraph {

/// Where a problem was found: file, 1-based line and column; 0 means unknown.
struct location {
    std::string file{};
    std::size_t line = 0;
    std::size_t column = 0;

    bool known() const { return !file.empty(); }
    bool operator==(const location&) const = default;
};

inline std::string to_string(const location& where) {
    std::string s = where.file;
    if (where.line) s += ':' + std::to_string(where.line);
    if (where.column) s += ':' + std::to_string(where.column);
    return s;
}

enum class problem_kind {
    malformed,             // a cell, row or file that cannot be read
    missing_column,        // a required column is absent from a file's header
    duplicate_id,          // an id used twice within one kind
    unknown_reference,     // a reference to a unit, plan, task or indicator that does not exist
    cycle,                 // a cycle in a hierarchy or in the dependencies
    due_before_start,      // a task's due date precedes its start
    negative_duration,     // a task's duration is below zero
    percent_out_of_range,  // percent complete outside 0–100
    not_finite,            // a number that is NaN or infinite
    invalid_value,         // any other value outside its domain (negative weight, bad enum)
    out_of_range,          // a number or date past the documented bounds (limits.hpp)
};

inline const char* to_string(problem_kind k) {
    switch (k) {
        case problem_kind::malformed: return "malformed";
        case problem_kind::missing_column: return "missing column";
        case problem_kind::duplicate_id: return "duplicate id";
        case problem_kind::unknown_reference: return "unknown reference";
        case problem_kind::cycle: return "cycle";
        case problem_kind::due_before_start: return "due before start";
        case problem_kind::negative_duration: return "negative duration";
        case problem_kind::percent_out_of_range: return "percent out of range";
        case problem_kind::not_finite: return "not finite";
        case problem_kind::invalid_value: return "invalid value";
        case problem_kind::out_of_range: return "out of range";
    }
    return "problem";
}

/// Whether a model can be built despite the problem. A due date before the task's start is
/// valid data, a deadline that cannot be met (the schedule shows it as negative slack), so it
/// is reported by validation but does not stop a load; every other problem does.
constexpr bool blocks_build(problem_kind k) { return k != problem_kind::due_before_start; }

/// One problem in the input: what, which ids, where, and a plain sentence.
struct problem {
    problem_kind kind{};
    std::string message{};           // plain reason, naming the ids involved
    std::vector<std::string> ids{};  // the ids involved (for a cycle: its elements, in order)
    location where{};

    bool operator==(const problem&) const = default;
};

/// "file:line:col: message" or just the message when the location is unknown.
inline std::string to_string(const problem& p) {
    return p.where.known() ? to_string(p.where) + ": " + p.message : p.message;
}

/// Root of every exception the library throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Input that cannot be read at all (an unreadable file, a malformed date passed to the API).
class parse_error : public error {
public:
    parse_error(location where, const std::string& reason)
        : error(where.known() ? to_string(where) + ": " + reason : reason),
          where_(std::move(where)) {}
    const location& where() const noexcept { return where_; }

private:
    location where_;
};

/// A model that cannot be built: carries every problem found, not only the first. A class
/// template with one instance, `invalid_model`, so that a TU which never throws or catches one
/// does not compile its members (issue 13, the umbrella header's compile cost).
template <class D = void>
class basic_invalid_model : public error {
public:
    using problem_list = std::vector<problem>;

    explicit basic_invalid_model(problem_list problems)
        : error(summary(problems)), problems_(std::move(problems)) {}
    const problem_list& problems() const noexcept { return problems_; }

private:
    static std::string summary(const problem_list& ps) {
        std::string s = std::to_string(ps.size()).append(ps.size() == 1 ? " problem" : " problems");
        for (const auto& p : ps) s.append("\n  ").append(to_string(p));
        return s;
    }
    problem_list problems_{};
};

using invalid_model = basic_invalid_model<>;

/// A mutation refused because it would break the model (unknown id, duplicate id, bad value).
class model_error : public error {
public:
    using error::error;
};

/// A schedule that cannot be computed from its input: no start date at all, an argument outside
/// limits.hpp, or a chain of tasks that runs past the last day the calendar can count.
class schedule_error : public error {
public:
    using error::error;
};

/// The schedule has no start: no task has a `start` and none was given (a usage problem to a
/// command line, unlike the other schedule errors, which are the model's).
class no_start_date : public schedule_error {
public:
    using schedule_error::schedule_error;
};

/// A mutation or an algorithm that met a cycle; `cycle()` names its elements in order.
class cycle_error : public model_error {
public:
    /// `note` follows the cycle in the message (e.g. the summary tasks it passes through).
    cycle_error(const std::string& what_kind, std::vector<std::string> cycle, const std::string& note = {})
        : model_error(what_kind + " cycle: " + join(cycle) + note), cycle_(std::move(cycle)) {}
    const std::vector<std::string>& cycle() const noexcept { return cycle_; }

    /// "A -> B -> C -> A": the cycle written out, back to its first element.
    static std::string join(const std::vector<std::string>& cycle) {
        std::string s;
        for (const auto& id : cycle) s += id + " -> ";
        return cycle.empty() ? s : s + cycle.front();
    }

private:
    std::vector<std::string> cycle_{};
};

}  // namespace plangraph

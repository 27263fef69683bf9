#pragma once
// Checks of an entity's own values (not its references), shared by the model's mutations and by
// the validation of a draft, so both reject exactly the same things. Numbers and dates are held
// to the bounds of limits.hpp here, where every loader and every mutation passes, so nothing
// past them reaches the scheduler or a rollup.
#include "../error.hpp"
#include "../indicator.hpp"
#include "../limits.hpp"
#include "../link.hpp"
#include "../task.hpp"
#include "../unit.hpp"
#include "deferred.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph::detail {

struct field_problem {
    problem_kind kind;
    const char* field;  // the CSV column it concerns
    std::string message;
};

/// A number as a message shows it: "150", "0.5", and past the everyday range the shortest form
/// that reads back exactly ("1e+308", "1.5e-07") rather than hundreds of digits.
inline std::string number_text(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (const double a = std::fabs(v); a != 0 && (a < 1e-4 || a >= 1e15)) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        return std::string(buf, end);
    }
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

/// A finite number within lo..hi (the bounds of limits.hpp). `what()` names the entity; it is
/// called only for a problem found, so the happy path allocates nothing.
template <class What>
void check_range(deferred_vector<field_problem, What>& out, const What& what, const char* field, double v, double lo,
                 double hi) {
    if (std::isfinite(v) && (v < lo || v > hi))
        out.push_back({problem_kind::out_of_range, field,
                       what() + ": " + field + " " + number_text(v) + " is outside " + number_text(lo) + ".." +
                           number_text(hi)});
}

template <class What>
void check_range(deferred_vector<field_problem, What>& out, const What& what, const char* field,
                 const std::optional<double>& v, double lo, double hi) {
    if (v) check_range(out, what, field, *v, lo, hi);
}

/// A date within the years loaders accept (limits::in_range).
template <class What>
void check_date(deferred_vector<field_problem, What>& out, const What& what, const char* field, const std::optional<date>& d) {
    if (d && !limits::in_range(*d))
        out.push_back({problem_kind::out_of_range, field,
                       what() + ": " + field + " " + (d->is_special() ? std::string("(not a date)") : format_date(*d)) +
                           " is outside " + format_date(limits::min_date()) + ".." + format_date(limits::max_date())});
}

template <class D = void>
void check_number(deferred_vector<field_problem, D>& out, const std::string& what, const char* field, double v,
                  bool non_negative) {
    if (!std::isfinite(v))
        out.push_back({problem_kind::not_finite, field, what + ": " + field + " is not a finite number (" + number_text(v) + ")"});
    else if (non_negative && v < 0)
        out.push_back({problem_kind::invalid_value, field, what + ": " + field + " is negative (" + number_text(v) + ")"});
}

template <class D = void>
void check_number(deferred_vector<field_problem, D>& out, const std::string& what, const char* field,
                  const std::optional<double>& v) {
    if (v) check_number(out, what, field, *v, false);
}

template <class D = void>
void check_key(deferred_vector<field_problem, D>& out, const std::string& kind, std::string_view key) {
    if (key.empty()) out.push_back({problem_kind::invalid_value, "id", kind + " without an id"});
}

template <class D = void>
std::vector<field_problem> check_fields(const deferred<unit, D>& u) {
    deferred_vector<field_problem, D> out;
    check_key(out, "unit", u.key);
    check_number(out, "unit " + u.key, "weight", u.weight, true);
    if (u.weight >= 0) check_range(out, [&u] { return "unit " + u.key; }, "weight", u.weight, 0, limits::max_weight);
    return out;
}

// A task's rules one field at a time: check_fields runs them all, a setter only its field's.
// `what()` names the task; the happy path allocates nothing.
template <class What>
void check_duration(deferred_vector<field_problem, What>& out, const What& what, int duration) {
    if (duration < 0)
        out.push_back({problem_kind::negative_duration, "duration",
                       what() + ": duration " + std::to_string(duration) + " is negative"});
    else
        check_range(out, what, "duration", duration, 0, limits::max_duration);
}

template <class What>
void check_percent(deferred_vector<field_problem, What>& out, const What& what, double percent) {
    if (!std::isfinite(percent))
        out.push_back({problem_kind::not_finite, "percent", what() + ": percent is not a finite number"});
    else if (percent < 0 || percent > 100)
        out.push_back({problem_kind::percent_out_of_range, "percent",
                       what() + ": percent " + number_text(percent) + " is outside 0-100"});
}

/// A task's or an indicator's weight: finite, not negative, at most limits::max_weight.
template <class What>
void check_weight(deferred_vector<field_problem, What>& out, const What& what, double weight) {
    if (!std::isfinite(weight) || weight < 0) check_number(out, what(), "weight", weight, true);
    if (weight >= 0) check_range(out, what, "weight", weight, 0, limits::max_weight);
}

/// Every kind but ASAP and ALAP needs a date.
template <class What>
void check_constraint_kind(deferred_vector<field_problem, What>& out, const What& what, const task_constraint& c) {
    if (c.kind != constraint_kind::as_soon_as_possible && c.kind != constraint_kind::as_late_as_possible && !c.on)
        out.push_back({problem_kind::invalid_value, "constraint",
                       what() + ": constraint " + std::string(to_string(c.kind)) + " needs a date"});
}

template <class D = void>
std::vector<field_problem> check_fields(const deferred<task_view, D>& t) {
    deferred_vector<field_problem, D> out;
    auto what = [&t] { return std::string("task ").append(t.key); };
    if (t.key.empty()) check_key(out, "task", t.key);
    if (t.start && t.due && *t.due < *t.start)
        out.push_back({problem_kind::due_before_start, "due",
                       what() + ": due " + format_date(*t.due) + " is before start " + format_date(*t.start)});
    check_duration(out, what, t.duration);
    check_date(out, what, "start", t.start);
    check_date(out, what, "due", t.due);
    check_date(out, what, "completed", t.completed);
    check_date(out, what, "constraint_date", t.constraint.on);
    check_percent(out, what, t.percent);
    check_weight(out, what, t.weight);
    check_constraint_kind(out, what, t.constraint);
    return out;
}

/// Whether a change with these problems is refused (some blocks a build).
template <class D = void>
bool refused(const deferred_vector<field_problem, D>& ps) {
    for (const auto& p : ps)
        if (blocks_build(p.kind)) return true;
    return false;
}

template <class D = void>
std::vector<field_problem> check_fields(const deferred<indicator, D>& i) {
    deferred_vector<field_problem, D> out;
    auto what = [&i] { return "indicator " + i.key; };
    if (i.key.empty()) check_key(out, "indicator", i.key);
    auto finite = [&](const char* field, const std::optional<double>& v) {
        if (v && !std::isfinite(*v)) check_number(out, what(), field, *v, false);
    };
    finite("target", i.target);
    finite("actual", i.actual);
    finite("numerator", i.numerator);
    finite("denominator", i.denominator);
    for (auto [field, v] : {std::pair{"target", &i.target}, std::pair{"actual", &i.actual},
                            std::pair{"numerator", &i.numerator}, std::pair{"denominator", &i.denominator}})
        check_range(out, what, field, *v, -limits::max_value, limits::max_value);
    check_weight(out, what, i.weight);
    if (static_cast<int>(i.agg) > static_cast<int>(aggregation::count_met))
        out.push_back({problem_kind::invalid_value, "aggregation", what() + ": unknown aggregation kind"});
    return out;
}

/// A link's lag within ±limits::max_lag; `what()` names the link by its tasks, which the link
/// itself holds only as ids.
template <class What>
std::vector<field_problem> check_fields(const link& l, const What& what) {
    deferred_vector<field_problem, What> out;
    check_range(out, what, "lag", l.lag, -limits::max_lag, limits::max_lag);
    return out;
}

/// Joins field problems into one exception message for a refused mutation.
template <class D = void>
std::string join_messages(const deferred_vector<field_problem, D>& ps) {
    deferred<std::string, D> s;
    for (const auto& p : ps) s += (s.empty() ? "" : "; ") + p.message;
    return s;
}

}  // namespace plangraph::detail

#pragma once
// Checks of an entity's own values (not its references), shared by the model's mutations and by
// the validation of a draft, so both reject exactly the same things.
#include "../error.hpp"
#include "../indicator.hpp"
#include "../link.hpp"
#include "../task.hpp"
#include "../unit.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace plangraph::detail {

struct field_problem {
    problem_kind kind;
    const char* field;  // the CSV column it concerns
    std::string message;
};

inline std::string number_text(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

inline void check_number(std::vector<field_problem>& out, const std::string& what, const char* field,
                         double v, bool non_negative) {
    if (!std::isfinite(v))
        out.push_back({problem_kind::not_finite, field, what + ": " + field + " is not a finite number (" + number_text(v) + ")"});
    else if (non_negative && v < 0)
        out.push_back({problem_kind::invalid_value, field, what + ": " + field + " is negative (" + number_text(v) + ")"});
}

inline void check_number(std::vector<field_problem>& out, const std::string& what, const char* field,
                         const std::optional<double>& v) {
    if (v) check_number(out, what, field, *v, false);
}

inline void check_key(std::vector<field_problem>& out, const std::string& kind, const std::string& key) {
    if (key.empty()) out.push_back({problem_kind::invalid_value, "id", kind + " without an id"});
}

inline std::vector<field_problem> check_fields(const unit& u) {
    std::vector<field_problem> out;
    check_key(out, "unit", u.key);
    check_number(out, "unit " + u.key, "weight", u.weight, true);
    return out;
}

inline std::vector<field_problem> check_fields(const task& t) {
    std::vector<field_problem> out;
    // The happy path allocates nothing: messages are written only for a problem found.
    auto what = [&t] { return "task " + t.key; };
    if (t.key.empty()) check_key(out, "task", t.key);
    if (t.start && t.due && *t.due < *t.start)
        out.push_back({problem_kind::due_before_start, "due",
                       what() + ": due " + format_date(*t.due) + " is before start " + format_date(*t.start)});
    if (t.duration < 0)
        out.push_back({problem_kind::negative_duration, "duration",
                       what() + ": duration " + std::to_string(t.duration) + " is negative"});
    if (!std::isfinite(t.percent))
        out.push_back({problem_kind::not_finite, "percent", what() + ": percent is not a finite number"});
    else if (t.percent < 0 || t.percent > 100)
        out.push_back({problem_kind::percent_out_of_range, "percent",
                       what() + ": percent " + number_text(t.percent) + " is outside 0-100"});
    if (!std::isfinite(t.weight) || t.weight < 0) check_number(out, what(), "weight", t.weight, true);
    auto k = t.constraint.kind;
    if (k != constraint_kind::as_soon_as_possible && k != constraint_kind::as_late_as_possible &&
        !t.constraint.on)
        out.push_back({problem_kind::invalid_value, "constraint",
                       what() + ": constraint " + std::string(to_string(k)) + " needs a date"});
    return out;
}

inline std::vector<field_problem> check_fields(const indicator& i) {
    std::vector<field_problem> out;
    auto what = [&i] { return "indicator " + i.key; };
    if (i.key.empty()) check_key(out, "indicator", i.key);
    auto finite = [&](const char* field, const std::optional<double>& v) {
        if (v && !std::isfinite(*v)) check_number(out, what(), field, *v, false);
    };
    finite("target", i.target);
    finite("actual", i.actual);
    finite("numerator", i.numerator);
    finite("denominator", i.denominator);
    if (!std::isfinite(i.weight) || i.weight < 0) check_number(out, what(), "weight", i.weight, true);
    if (static_cast<int>(i.agg) > static_cast<int>(aggregation::count_met))
        out.push_back({problem_kind::invalid_value, "aggregation", what() + ": unknown aggregation kind"});
    return out;
}

/// Joins field problems into one exception message for a refused mutation.
inline std::string join_messages(const std::vector<field_problem>& ps) {
    std::string s;
    for (const auto& p : ps) s += (s.empty() ? "" : "; ") + p.message;
    return s;
}

}  // namespace plangraph::detail

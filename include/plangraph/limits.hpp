#pragma once
// The documented bounds on what plangraph accepts. Every loader (CSV, JSON, MSPDI, the command
// line) and every model mutation checks its numbers and dates against these where they come in,
// so nothing inside can overflow: day arithmetic stays far from the ends of `int` and of the
// Gregorian calendar Boost can count (1400-01-01 .. 9999-12-31).
//
// Why these values: planning data lives in decades, not centuries. 100,000 working days is about
// 380 years, more than any real duration or lag; dates from 1900 to 2199 cover every plan with
// room on both sides, and a schedule that runs past the calendar anyway (a long chain of long
// tasks) is reported by the scheduler, naming the task, rather than wrapped or thrown bare.
#include "date.hpp"

#include <cstddef>
#include <cstdint>

namespace plangraph::limits {

/// Largest duration of a task, in working days.
inline constexpr int max_duration = 100'000;
/// Largest magnitude of a link's lag, in working days (lags may be negative).
inline constexpr int max_lag = 100'000;

/// Earliest and latest date a loader accepts (start, due, completion, constraint, calendar, as-of).
inline constexpr int min_year = 1900;
inline constexpr int max_year = 2199;
inline date min_date() { return date(min_year, 1, 1); }
inline date max_date() { return date(max_year, 12, 31); }
inline bool in_range(date d) {
    // Day numbers, made once: every date of every row is checked, and Boost checks a y-m-d it builds.
    static const auto first = min_date().day_number(), last = max_date().day_number();
    return !d.is_special() && d.day_number() >= first && d.day_number() <= last;
}

/// Largest weight of a unit, task or indicator: a sum over ten million rows stays finite and exact
/// enough.
inline constexpr double max_weight = 1e9;
/// Largest magnitude of an indicator's target, actual, numerator or denominator.
inline constexpr double max_value = 1e15;

/// Largest capacity of a resource and amount of a demand, in whole units a day: more people than
/// any team has, and small enough that a day's use summed over every task stays far inside an int
/// in the levelling's resource profiles.
inline constexpr int max_capacity = 1'000'000;

/// Most dates in one series (series.hpp): a series holds a rollup row per unit and date, so this
/// bounds its memory (about 240 MB for 1,000 dates over the 3,356 units of the reference case);
/// 1,000 is nearly three years day by day, twenty years week by week.
inline constexpr std::size_t max_series_dates = 1'000;

/// Deepest nesting an XML reader accepts before it parses (a guard against stack exhaustion).
inline constexpr int max_xml_depth = 256;

}  // namespace plangraph::limits

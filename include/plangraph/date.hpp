#pragma once
// Dates are boost::gregorian::date; this header adds strict ISO parsing and formatting and
// calendar periods (year, quarter, month, day) for indicator values.
//
// Boost counts days from 1400-01-01 to 9999-12-31 and throws its own bad_year, bad_month or
// bad_day_of_month past them. Day arithmetic past the range does not throw, but turning such a
// day back into a year, month and day does: every place here that makes or writes a date checks
// the range first and throws plangraph's own error instead.
#include "error.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph {

using date = boost::gregorian::date;
using date_period = boost::gregorian::date_period;

/// The first and the last day Boost's calendar can count; loaders accept a narrower range
/// (limits.hpp), and a schedule that runs past these is refused by the scheduler.
inline date first_countable_day() { return date(1400, 1, 1); }
inline date last_countable_day() { return date(9999, 12, 31); }
inline bool countable(date d) {
    static const auto first = first_countable_day().day_number(), last = last_countable_day().day_number();
    return !d.is_special() && d.day_number() >= first && d.day_number() <= last;
}

namespace detail {
/// The decimal digits `s` as a number; false when empty, not all digits, or too large for an
/// int. A plain loop: a CSV load parses millions of dates.
inline bool parse_digits(std::string_view s, int& out) {
    if (s.empty()) return false;
    int v = 0;
    for (char c : s) {
        const unsigned digit = static_cast<unsigned char>(c) - unsigned{'0'};
        if (digit > 9 || v > (std::numeric_limits<int>::max() - static_cast<int>(digit)) / 10) return false;
        v = v * 10 + static_cast<int>(digit);
    }
    out = v;
    return true;
}
inline bool valid_ymd(int y, int m, int d) {
    if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    return d <= boost::gregorian::gregorian_calendar::end_of_month_day(
                    static_cast<unsigned short>(y), static_cast<unsigned short>(m));
}
inline void append_padded(std::string& s, int v, int width) {
    std::string digits = std::to_string(v);
    if (static_cast<int>(digits.size()) < width) s.append(static_cast<std::size_t>(width) - digits.size(), '0');
    s += digits;
}
}  // namespace detail

/// The date of year `y`, month `m`, day `d`; throws plangraph::error (not Boost's bad_year,
/// bad_month or bad_day_of_month) when it is not a day the calendar can count.
inline date make_date(int y, int m, int d) {
    if (!detail::valid_ymd(y, m, d))
        throw error("no such date: year " + std::to_string(y) + ", month " + std::to_string(m) + ", day " +
                    std::to_string(d) + " (dates run from 1400-01-01 to 9999-12-31)");
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

/// Parses a strict ISO date `YYYY-MM-DD`; nullopt when malformed or not a real day.
inline std::optional<date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!detail::parse_digits(s.substr(0, 4), y) || !detail::parse_digits(s.substr(5, 2), m) ||
        !detail::parse_digits(s.substr(8, 2), d) || !detail::valid_ymd(y, m, d))
        return std::nullopt;
    // Boost's own day number of a y-m-d already checked, not its date constructor, which checks
    // the day against its month again (the profile of a CSV load gave it 9 %).
    using calendar = boost::gregorian::gregorian_calendar;
    return date(calendar::day_number(calendar::ymd_type(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                                        static_cast<unsigned short>(d))));
}

/// Formats a date as ISO `YYYY-MM-DD` (without the iostream machinery of to_iso_extended_string).
/// Throws plangraph::error for a day past the calendar (reached by arithmetic, never parsed).
inline std::string format_date(date d) {
    if (!d.is_special() && !countable(d))
        throw error("a date past 9999-12-31 or before 1400-01-01 cannot be written");
    auto ymd = d.year_month_day();
    std::string s;
    s.reserve(10);
    detail::append_padded(s, ymd.year, 4);
    s += '-';
    detail::append_padded(s, ymd.month, 2);
    s += '-';
    detail::append_padded(s, ymd.day, 2);
    return s;
}

/// Parses a reporting period: `YYYY` (year), `YYYY-Qn` (quarter), `YYYY-MM` (month) or
/// `YYYY-MM-DD` (one day). The result is a half-open Boost period [begin, end). A period whose
/// end (the day after it) the calendar cannot count, one ending 9999-12-31, is refused.
inline std::optional<date_period> parse_period(std::string_view s) {
    using boost::gregorian::days;
    int y = 0, m = 0;
    auto first_of = [](int yy, int mm) { return make_date(yy, mm, 1); };
    // [b, last]: the end is counted in days, as Boost's years() and months() would throw past 9999.
    auto period = [](date b, date last) -> std::optional<date_period> {
        if (!countable(last + days(1))) return std::nullopt;
        return date_period(b, last + days(1));
    };
    auto month_end = [](int yy, int mm) {
        return make_date(yy, mm, boost::gregorian::gregorian_calendar::end_of_month_day(
                                     static_cast<unsigned short>(yy), static_cast<unsigned short>(mm)));
    };
    if (s.size() == 4 && detail::parse_digits(s, y) && detail::valid_ymd(y, 1, 1))
        return period(first_of(y, 1), make_date(y, 12, 31));
    if (s.size() == 7 && s[4] == '-' && detail::parse_digits(s.substr(0, 4), y)) {
        if (s[5] == 'Q' && s[6] >= '1' && s[6] <= '4' && detail::valid_ymd(y, 1, 1)) {
            const int q = (s[6] - '1') * 3 + 1;
            return period(first_of(y, q), month_end(y, q + 2));
        }
        if (detail::parse_digits(s.substr(5, 2), m) && detail::valid_ymd(y, m, 1))
            return period(first_of(y, m), month_end(y, m));
        return std::nullopt;
    }
    if (auto d = parse_date(s)) return period(*d, *d);
    return std::nullopt;
}

}  // namespace plangraph

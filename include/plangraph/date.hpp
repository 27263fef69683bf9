#pragma once
// Dates are boost::gregorian::date; this header adds strict ISO parsing and formatting and
// calendar periods (year, quarter, month, day) for indicator values.
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph {

using date = boost::gregorian::date;
using date_period = boost::gregorian::date_period;

namespace detail {
inline bool parse_digits(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
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

/// Parses a strict ISO date `YYYY-MM-DD`; nullopt when malformed or not a real day.
inline std::optional<date> parse_date(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!detail::parse_digits(s.substr(0, 4), y) || !detail::parse_digits(s.substr(5, 2), m) ||
        !detail::parse_digits(s.substr(8, 2), d) || !detail::valid_ymd(y, m, d))
        return std::nullopt;
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                static_cast<unsigned short>(d));
}

/// Formats a date as ISO `YYYY-MM-DD` (without the iostream machinery of to_iso_extended_string).
inline std::string format_date(date d) {
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
/// `YYYY-MM-DD` (one day). The result is a half-open Boost period [begin, end).
inline std::optional<date_period> parse_period(std::string_view s) {
    using boost::gregorian::days;
    int y = 0, m = 0;
    auto first_of = [](int yy, int mm) {
        return date(static_cast<unsigned short>(yy), static_cast<unsigned short>(mm), 1);
    };
    if (s.size() == 4 && detail::parse_digits(s, y) && detail::valid_ymd(y, 1, 1))
        return date_period(first_of(y, 1), first_of(y, 1) + boost::gregorian::years(1));
    if (s.size() == 7 && s[4] == '-' && detail::parse_digits(s.substr(0, 4), y)) {
        if (s[5] == 'Q' && s[6] >= '1' && s[6] <= '4' && detail::valid_ymd(y, 1, 1)) {
            date b = first_of(y, (s[6] - '1') * 3 + 1);
            return date_period(b, b + boost::gregorian::months(3));
        }
        if (detail::parse_digits(s.substr(5, 2), m) && detail::valid_ymd(y, m, 1))
            return date_period(first_of(y, m), first_of(y, m) + boost::gregorian::months(1));
        return std::nullopt;
    }
    if (auto d = parse_date(s)) return date_period(*d, *d + days(1));
    return std::nullopt;
}

}  // namespace plangraph

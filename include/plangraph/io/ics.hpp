#pragma once
// Deadlines as an iCalendar file (RFC 5545), so they land in people's calendars: one all-day
// VEVENT per task with a due date (DTSTART;VALUE=DATE on the due day, DTEND the day after),
// cancelled tasks left out. The UID is derived from the task key alone, so a calendar that
// imports the file again updates its events rather than duplicating them. Text is escaped
// (backslash, semicolon, comma, newline), lines end with CRLF and are folded at 75 octets without
// splitting a UTF-8 sequence. DTSTAMP is required by the RFC: pass it for byte-identical output,
// else it is the current UTC time.
#include "../date.hpp"
#include "../model.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph::io {

struct ics_options {
    std::string calendar_name{};                      // X-WR-CALNAME, shown by calendar apps; none when empty
    std::string uid_domain = "plangraph";             // the right-hand side of every UID
    std::optional<std::chrono::sys_seconds> dtstamp{};  // when the file was made; default: now
    bool include_done = true;                         // also the deadlines of completed tasks
};

/// RFC 5545 TEXT escaping: \\ \; \, and \n for a line break (CR dropped).
inline std::string ics_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default: out += c;
        }
    }
    return out;
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, continuation
/// lines start with a space, a UTF-8 sequence is never split; every line ends with CRLF.
inline std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t limit = 75;  // octets on this physical line, the leading space included
    bool first = true;
    while (true) {
        std::size_t room = first ? limit : limit - 1;
        if (line.size() <= room) {
            if (!first) out += ' ';
            out.append(line);
            out += "\r\n";
            return out;
        }
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a sequence
        if (cut == 0) cut = room;  // not UTF-8 at all: cut anywhere rather than loop
        if (!first) out += ' ';
        out.append(line.substr(0, cut));
        out += "\r\n";
        line.remove_prefix(cut);
        first = false;
    }
}

namespace detail {

inline std::string ics_day(date d) {
    auto s = format_date(d);
    return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

inline std::string ics_stamp(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd{day};
    hh_mm_ss<seconds> hms{t - day};
    auto two = [](long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return ics_day(date(static_cast<unsigned short>(int(ymd.year())), static_cast<unsigned short>(unsigned(ymd.month())),
                        static_cast<unsigned short>(unsigned(ymd.day())))) +
           "T" + two(hms.hours().count()) + two(hms.minutes().count()) + two(hms.seconds().count()) + "Z";
}

/// A UID character set safe in every client: letters, digits, '-', '.', '_'; others as %XX.
inline std::string ics_uid_part(std::string_view key) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : key) {
        const auto c = static_cast<unsigned char>(ch);
        bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        if (safe) out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

}  // namespace detail

/// The deadlines of the model's tasks as an .ics file's text.
template <class U, class T, class I>
std::string deadlines_ics(const basic_model<U, T, I>& m, const ics_options& o = {}) {
    using detail::ics_day;
    auto stamp = detail::ics_stamp(o.dtstamp ? *o.dtstamp
                                             : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    std::string out;
    auto line = [&out](std::string_view l) { out += ics_fold(l); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//plangraph//deadlines//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    if (!o.calendar_name.empty()) line("X-WR-CALNAME:" + ics_escape(o.calendar_name));
    for (const task_view t : m.tasks()) {
        if (!t.due || t.cancelled || (!o.include_done && t.completed)) continue;
        std::string description = std::string("Task ").append(t.key);
        if (!is_none(t.unit)) description += ", unit " + m[t.unit].key + " (" + m[t.unit].name + ")";
        if (!is_none(t.plan)) description += ", plan " + m[t.plan].key;
        description += "\ndue " + format_date(*t.due);
        if (t.completed) description += ", completed " + format_date(*t.completed);
        line("BEGIN:VEVENT");
        line("UID:task-" + detail::ics_uid_part(t.key) + "@" + detail::ics_uid_part(o.uid_domain));
        line("DTSTAMP:" + stamp);
        line("DTSTART;VALUE=DATE:" + ics_day(*t.due));
        line("DTEND;VALUE=DATE:" + ics_day(*t.due + boost::gregorian::days(1)));
        line("SUMMARY:" + ics_escape(t.name.empty() ? t.key : t.name));
        line("DESCRIPTION:" + ics_escape(description));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace plangraph::io

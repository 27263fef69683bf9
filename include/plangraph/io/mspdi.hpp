#pragma once
// Import of Microsoft Project's XML interchange format (MSPDI) into a model: tasks, the outline
// (summaries), predecessor links with type and lag, the project calendar with its exceptions,
// constraints and deadlines. Optional header (not in the umbrella): it pulls in
// Boost.PropertyTree's XML parser.
//
// Units (see MPXJ's MSPDIReader): durations are ISO-8601 working time (PT8H0M0S), lags are tenths
// of a minute, slack is tenths of a working minute; a working day is `MinutesPerDay`.
// plangraph counts whole working days on one calendar, so whatever else a file uses is reported
// in `warnings`, naming the task, never silently guessed: manually scheduled tasks, elapsed or
// percentage durations and lags, durations or lags that are not whole days, task calendars, and
// tasks whose span differs from their duration (split or resource-driven: the span is used).
// Inactive tasks (Active false, Project 2010+) are read as cancelled; blank rows (IsNull true)
// and the project summary task (UID 0, OutlineLevel 0) are skipped.
//
// Resources and assignments (DESIGN.md, "Resources and levelling"), unless the options say not
// to (`resources = false` reads the schedule network alone): a work resource (Type 1) is a
// resource keyed by its UID whose capacity is MaxUnits, and an assignment (TaskUID, ResourceUID,
// Units) a demand of Units; MSPDI writes 1.00 for 100 %, one person. A file MS Project accepts is
// read, repaired with a warning where the repair is sound (DESIGN's demand rules are for
// demands.csv):
//   - fractional units: a resource whose MaxUnits or any of its assignments' Units is not whole
//     (a half-time assignment, 1.5 people) is read in hundredths of a person, capacity = MaxUnits
//     x 100 and each amount = Units x 100, rounded to the nearest whole number (Σ amounts ≤
//     capacity means the same at any scale); the others keep 1 = one person. Decided per
//     resource once all its assignments are read; one warning per scaled resource;
//   - an assignment on a summary task or a milestone (which demand nothing) is left out;
//   - an amount above its resource's capacity, after scaling (MS Project shows it overallocated;
//     it could never be levelled), is cut to the capacity, naming assignment, task and resource.
// Still problems, each at the line of its <Resource> or <Assignment>, and the file does not load:
// a negative Units or MaxUnits, one beyond limits::max_capacity once scaled, a TaskUID or
// ResourceUID not in the file, the same task and resource twice (and, as for any value, one that
// does not convert is a parse_error). The null resource (UID 0 or no name), assignments to it
// (MS Project writes ResourceUID -65535 for a task without resources) and to the project summary
// are left out; material (Type 0) and cost (Type 2) resources hold no capacity and are skipped
// with their assignments, with a warning. Resource calendars and availability periods are not
// read: every resource works on the project calendar.
//
// Nothing is read on trust: the text must be UTF-8 and nested at most limits::max_xml_depth deep
// before the (recursive) XML parser sees it; every value is converted checked (xsd integers,
// decimals, booleans true/false/1/0, PTnHnMnS durations, date-times), and one that does not
// convert is a parse_error naming the file, the task's line, UID and name, and the element. An
// absent or empty element takes MSPDI's default. Values that convert but are out of bounds
// (limits.hpp: durations and lags, dates, codes such as ConstraintType 0–7 and link Type 0–3),
// duplicate UIDs, unknown predecessors and dependency cycles are problems, all reported together
// in an invalid_model naming the file and the task, as build() reports a CSV model's.
//
// Export (write_mspdi) writes a schedule in the same encoding, as Microsoft Project and
// ProjectLibre open it: the Standard calendar (Mon–Fri 08–12, 13–17, 480 minutes a day) with the
// model calendar's weekdays and exceptions; tasks in outline order (OutlineLevel; MS Project
// numbers the outline and the WBS itself, so the output stays linear in the outline's depth) with
// their computed dates and slack; links with type and lag; resources (UID = index + 1, MaxUnits =
// capacity) and their assignments (Units = amount, on the task's scheduled dates). Reading the
// file back and scheduling it gives the same dates and slack for every task, and the same
// resources and demands (tests/test_io.cpp). What MSPDI cannot hold is simplified, and said
// here: a task has one constraint, so a task's `start` becomes a start-no-earlier-than
// constraint (merged with an SNET one, dropped next to any other kind); cancelled tasks are
// written inactive at the outline's top level, and a task below a cancelled one is written at
// the top level too (it is not rolled up in plangraph either).
#include <plangraph/calendar.hpp>
#include <plangraph/date.hpp>
#include <plangraph/detail/utf8.hpp>
#include <plangraph/draft.hpp>
#include <plangraph/error.hpp>
#include <plangraph/io/xml.hpp>
#include <plangraph/limits.hpp>
#include <plangraph/model.hpp>
#include <plangraph/schedule.hpp>
#include <plangraph/validate.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace plangraph::io {

/// What Microsoft Project itself computed for a task, as written in the file.
struct mspdi_computed {
    std::string early_start{}, early_finish{}, late_start{}, late_finish{};  // local date-times
    long total_slack = 0, free_slack = 0;  // tenths of a working minute
    bool critical = false;
};

struct mspdi_project {
    model tasks{};                          // one unit ("project"); task keys are MSPDI UIDs
    std::optional<date> start{};            // the project's StartDate: the schedule's start
    std::string finish_stamp{};             // the project's FinishDate as written
    int minutes_per_day = 480;
    std::vector<std::string> warnings{};    // what the file uses that plangraph does not model
    std::vector<bool> exact{};              // per task id: no warning concerns it
    std::vector<mspdi_computed> computed{};  // per task id
};

struct mspdi_read_options {
    bool resources = true;  // read <Resources> and <Assignments>; false reads the schedule network alone
};

namespace detail {

using boost::property_tree::ptree;

/// A date-time of the file, local time as MSPDI writes it (2014-10-17T08:00:00): its day and hour.
struct mspdi_stamp {
    date day;
    int hour = 0;
};

/// The text between XML white space, as xsd reads numbers, booleans and dates.
inline std::string_view xsd_trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n";
    auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

/// An xsd:integer, saturated at the ends of long long so that a range check reports it.
inline std::optional<long long> xsd_integer(std::string_view s) {
    if (s.starts_with('+')) s.remove_prefix(1);
    if (s.empty() || s.front() == '+') return std::nullopt;
    long long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (end != s.data() + s.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) return s.front() == '-' ? LLONG_MIN : LLONG_MAX;
    return ec == std::errc{} ? std::optional(v) : std::nullopt;
}

/// An xsd:decimal or xsd:double written in digits (no NaN, no infinity); a magnitude beyond
/// double comes back infinite so that a range check reports it.
inline std::optional<double> xsd_decimal(std::string_view s) {
    if (s.starts_with('+')) s.remove_prefix(1);
    if (s.empty() || s.find_first_not_of("0123456789.eE+-") != std::string_view::npos) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (end != s.data() + s.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        auto e = s.find_first_of("eE");
        bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
        return tiny ? 0.0 : s.front() == '-' ? -HUGE_VAL : HUGE_VAL;
    }
    return ec == std::errc{} ? std::optional(v) : std::nullopt;
}

/// An xsd:boolean: true, false, 1 or 0.
inline std::optional<bool> xsd_boolean(std::string_view s) {
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
    return std::nullopt;
}

/// "PT57H8M24S" → minutes; nullopt when malformed, infinite when beyond double.
inline std::optional<double> mspdi_minutes(std::string_view s) {
    if (!s.starts_with("PT") || s.size() == 2) return std::nullopt;
    double total = 0;
    for (std::size_t i = 2; i < s.size();) {
        std::size_t unit = s.find_first_not_of("0123456789.", i);
        if (unit == std::string_view::npos || unit == i) return std::nullopt;
        auto value = xsd_decimal(s.substr(i, unit - i));
        if (!value) return std::nullopt;
        switch (s[unit]) {
            case 'H': total += *value * 60; break;
            case 'M': total += *value; break;
            case 'S': total += *value / 60; break;
            default: return std::nullopt;
        }
        i = unit + 1;
    }
    return total;
}

/// "2014-10-17T08:00:00" (the time, seconds and a zone optional); nullopt when malformed.
inline std::optional<mspdi_stamp> mspdi_stamp_of(std::string_view s) {
    auto day = parse_date(s.substr(0, 10));
    if (!day) return std::nullopt;
    mspdi_stamp out{*day, 0};
    if (s.size() == 10) return out;
    int minute = 0;
    if (s.size() < 16 || s[10] != 'T' || s[13] != ':' || !plangraph::detail::parse_digits(s.substr(11, 2), out.hour) ||
        !plangraph::detail::parse_digits(s.substr(14, 2), minute) || out.hour > 24 || minute > 59 ||
        s.find_first_not_of("0123456789:.+-Z", 16) != std::string_view::npos)
        return std::nullopt;
    return out;
}

/// Where a text quoted in a message ends: at most 40 bytes, not inside a UTF-8 sequence.
inline std::string quoted(std::string_view s) {
    if (s.size() <= 40) return "'" + std::string(s) + "'";
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return "'" + std::string(s.substr(0, n)) + "...'";
}

inline bool elapsed_format(long long f) {
    f &= ~32LL;  // the "estimated" bit
    return f == 4 || f == 6 || f == 8 || f == 10 || f == 12 || f == 20;
}

/// The children of one element (a task, a link, a calendar), each converted and checked. Text that
/// does not convert throws parse_error naming the file, the line, the owner and the element; a
/// value outside its bounds is a problem (the load then fails with invalid_model) and reads as
/// absent. An absent or empty element is absent: the caller applies MSPDI's default.
class mspdi_fields {
public:
    mspdi_fields(const ptree& node, location where, std::string who, std::vector<problem>& problems, std::string id = {})
        : node_(node), where_(std::move(where)), who_(std::move(who)), id_(std::move(id)), problems_(problems) {}

    const std::string& who() const { return who_; }

    std::optional<std::string_view> text(const char* name) const {
        auto it = node_.find(name);
        if (it == node_.not_found()) return std::nullopt;
        auto t = xsd_trim(it->second.data());
        return t.empty() ? std::nullopt : std::optional(t);
    }
    std::optional<bool> boolean(const char* name) const { return convert(name, xsd_boolean); }
    std::optional<double> decimal(const char* name) const { return convert(name, xsd_decimal); }
    std::optional<double> minutes(const char* name) const { return convert(name, mspdi_minutes); }

    /// An integer within [lo, hi].
    std::optional<long long> integer(const char* name, long long lo = LLONG_MIN, long long hi = LLONG_MAX) const {
        auto v = convert(name, xsd_integer);
        if (!v || (*v >= lo && *v <= hi)) return v;
        out_of_bounds(std::string(name) + " " + std::to_string(*v) + " is outside " + std::to_string(lo) + ".." +
                      std::to_string(hi));
        return std::nullopt;
    }
    /// A date-time whose day is within the limits.
    std::optional<mspdi_stamp> stamp(const char* name) const {
        auto v = convert(name, mspdi_stamp_of);
        if (!v || limits::in_range(v->day)) return v;
        out_of_bounds(std::string(name) + " " + format_date(v->day) + " is outside " + format_date(limits::min_date()) +
                      ".." + format_date(limits::max_date()));
        return std::nullopt;
    }

    void out_of_bounds(const std::string& what) const {
        problems_.push_back({problem_kind::invalid_value, who_ + ": " + what, id_.empty() ? std::vector<std::string>{} : std::vector{id_}, where_});
    }

private:
    template <class Convert>
    auto convert(const char* name, Convert convert_text) const -> decltype(convert_text(std::string_view{})) {
        auto t = text(name);
        if (!t) return std::nullopt;
        auto v = convert_text(*t);
        if (!v) throw parse_error(where_, who_ + ": unreadable " + name + " " + quoted(*t));
        return v;
    }

    const ptree& node_;
    location where_;
    std::string who_, id_;
    std::vector<problem>& problems_;
};

/// Calendar exception periods, applied in order (a later one wins), as one entry per day in date
/// order. Each day is decided once, by the last period covering it: linear in the days covered
/// whatever the order or the overlap of the periods.
struct exception_period {
    date from, to;
    bool working;
};
inline std::vector<std::pair<date, bool>> exception_days(const std::vector<exception_period>& periods) {
    if (periods.empty()) return {};
    date lo = periods.front().from, hi = periods.front().to;
    for (const auto& p : periods) lo = std::min(lo, p.from), hi = std::max(hi, p.to);
    auto offset = [&](date d) { return static_cast<std::size_t>((d - lo).days()); };
    const std::size_t n = offset(hi) + 1;
    std::vector<signed char> state(n, -1);
    std::vector<std::size_t> next(n + 1);  // next[k] leads to the first undecided day ≥ k
    std::iota(next.begin(), next.end(), std::size_t{0});
    auto undecided = [&](std::size_t k) {
        while (next[k] != k) k = next[k] = next[next[k]];
        return k;
    };
    for (auto p = periods.rbegin(); p != periods.rend(); ++p)
        for (std::size_t k = undecided(offset(p->from)); k <= offset(p->to); k = undecided(k + 1)) {
            state[k] = p->working ? 1 : 0;
            next[k] = k + 1;
        }
    std::vector<std::pair<date, bool>> days;
    for (std::size_t k = 0; k < n; ++k)
        if (state[k] >= 0) days.emplace_back(lo + boost::gregorian::days(static_cast<long>(k)), state[k] == 1);
    return days;
}

inline std::string read_whole_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))  // a FIFO would hang, a directory reads as empty
        throw parse_error({file.string(), 0, 0}, std::filesystem::exists(file, ec) ? "not a regular file" : "no such file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw parse_error({file.string(), 0, 0}, "cannot open file");
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw parse_error({file.string(), 0, 0}, "cannot read file");
    return text;
}

/// Refuses text that is not UTF-8, naming the line and column (in characters) of the first bad byte.
inline void check_utf8(const std::string& file, std::string_view text) {
    auto bad = plangraph::detail::first_invalid_utf8(text);
    if (!bad) return;
    std::size_t line_start = text.rfind('\n', *bad) == std::string_view::npos ? 0 : text.rfind('\n', *bad) + 1;
    std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
    std::size_t column = 1;
    for (std::size_t i = line_start; i < *bad; ++column) plangraph::detail::decode_utf8(text, i);
    throw parse_error({file, line, column}, "not valid UTF-8");
}

/// The line of each <Task>, <Resource> and <Assignment> of the project's lists, in order, for
/// the messages.
struct mspdi_lines {
    std::vector<std::size_t> tasks{}, resources{}, assignments{};
};

/// Refuses nesting deeper than limits::max_xml_depth before the recursive parser sees it, and
/// finds the lines of the project's list items (the first list of each kind, as the tree reader
/// takes it).
inline mspdi_lines mspdi_element_lines(const std::string& file, std::string_view text) {
    struct list {
        std::string_view name, item;
        std::vector<std::size_t> mspdi_lines::*lines;
        int seen = 0;
    };
    list lists[] = {{"Tasks", "Task", &mspdi_lines::tasks},
                    {"Resources", "Resource", &mspdi_lines::resources},
                    {"Assignments", "Assignment", &mspdi_lines::assignments}};
    mspdi_lines out;
    std::string_view path[3];
    auto deep = scan_xml_elements(text, limits::max_xml_depth, [&](int depth, std::string_view name, std::size_t line) {
        if (depth <= 2) path[static_cast<std::size_t>(depth)] = name;
        if (depth < 2 || depth > 3 || path[1] != "Project") return;
        for (auto& l : lists) {
            if (depth == 2 && name == l.name) ++l.seen;
            if (depth == 3 && l.seen == 1 && path[2] == l.name && name == l.item) (out.*l.lines).push_back(line);
        }
    });
    if (deep)
        throw parse_error({file, deep->line, 0}, "XML nested deeper than " + std::to_string(limits::max_xml_depth) + " elements");
    return out;
}

inline ptree parse_xml(const std::string& file, const std::string& text) {
    ptree doc;
    std::istringstream in(text);
    try {
        boost::property_tree::read_xml(in, doc);
    } catch (const boost::property_tree::xml_parser_error& e) {
        throw parse_error({file, e.line(), 0}, "not readable as XML: " + e.message());
    } catch (const boost::property_tree::ptree_error& e) {
        throw parse_error({file, 0, 0}, std::string("not readable as XML: ") + e.what());
    }
    return doc;
}

}  // namespace detail

/// A date-time of the file as a working-day moment (see schedule.hpp): a time before noon is the
/// start of its day, a time from noon on the end of it (MS Project writes a finish as 17:00 and
/// may write the same instant as 08:00 of the next working day).
inline int mspdi_moment(const working_days& days, const detail::mspdi_stamp& s) {
    return s.hour < 12 ? days.on_or_after(s.day) : days.on_or_before(s.day) + 1;
}
/// The same of a stamp as written; nullopt when it is not a date-time.
inline std::optional<int> mspdi_moment(const working_days& days, const std::string& stamp) {
    auto s = detail::mspdi_stamp_of(detail::xsd_trim(stamp));
    if (!s) return std::nullopt;
    return mspdi_moment(days, *s);
}

namespace detail {

/// One read of one file: the project's fields, its calendar and its tasks go into a draft, which
/// build() checks as it checks CSV (duplicate UIDs, cycles, values out of range) before any model
/// exists.
class mspdi_reader {
public:
    mspdi_reader(std::string file, mspdi_lines lines, const mspdi_read_options& options)
        : file_(std::move(file)), lines_(std::move(lines)), options_(options) {
        draft_.task_columns.file = draft_.link_columns.file = file_;
        draft_.resource_columns.file = draft_.demand_columns.file = file_;
    }

    mspdi_project read(const ptree& project) {
        mspdi_fields p(project, {file_, 0, 0}, "project", draft_.problems);
        out_.minutes_per_day = static_cast<int>(p.integer("MinutesPerDay", 1, 24 * 60).value_or(480));
        if (auto s = p.stamp("StartDate")) out_.start = s->day;
        out_.finish_stamp = project.get<std::string>("FinishDate", "");
        auto cal = read_calendar(project, project.get<std::string>("CalendarUID", "1"));
        draft_.units.push_back({.value = {.key = "project", .name = project.get<std::string>("Name", "project")}});
        if (auto tasks = project.get_child_optional("Tasks")) {
            auto days = span_days(*tasks, cal);
            std::size_t position = 0;
            for (const auto& [name, t] : *tasks)
                if (name == "Task") read_task(t, position++, days ? &*days : nullptr);
        }
        drop_unknown_predecessors();
        if (options_.resources) {
            if (auto resources = project.get_child_optional("Resources")) read_resources(*resources);
            if (auto assignments = project.get_child_optional("Assignments")) read_assignments(*assignments);
            settle_units();
        }
        out_.tasks = plangraph::build(draft_);
        out_.tasks.set_calendar(std::move(cal));
        return std::move(out_);
    }

private:
    location at_task(std::size_t position) const {
        return at_item(lines_.tasks, position);
    }
    location at_item(const std::vector<std::size_t>& lines, std::size_t position) const {
        return {file_, position < lines.size() ? lines[position] : 0, 0};
    }

    calendar read_calendar(const ptree& project, const std::string& uid) {
        calendar cal(std::array<bool, 7>{false, true, true, true, true, true, false});
        auto calendars = project.get_child_optional("Calendars");
        if (!calendars) return cal;
        std::map<std::string, const ptree*> by_uid;
        for (const auto& [name, c] : *calendars)
            if (name == "Calendar") by_uid[c.get<std::string>("UID", "")] = &c;
        // A derived calendar starts from its base: apply the chain base first.
        std::vector<const ptree*> chain;
        for (std::string u = uid; by_uid.count(u) && chain.size() < 8;) {
            chain.insert(chain.begin(), by_uid[u]);
            u = by_uid[u]->get<std::string>("BaseCalendarUID", "-1");
        }
        std::vector<exception_period> periods;
        for (const ptree* c : chain) {
            std::string who = "calendar " + c->get<std::string>("Name", c->get<std::string>("UID", ""));
            if (auto week = c->get_child_optional("WeekDays"))
                for (const auto& [name, w] : *week) {
                    if (name != "WeekDay") continue;
                    mspdi_fields f(w, {file_, 0, 0}, who, draft_.problems);
                    auto type = f.integer("DayType", 0, 7);
                    bool working = f.boolean("DayWorking").value_or(false);
                    if (type && *type >= 1) cal.set_weekday(static_cast<boost::date_time::weekdays>(*type - 1), working);
                    else if (type && *type == 0)
                        if (auto p = w.get_child_optional("TimePeriod")) read_period(*p, who, working, periods);
                }
            if (auto exceptions = c->get_child_optional("Exceptions"))
                for (const auto& [name, e] : *exceptions) {
                    if (name != "Exception") continue;
                    mspdi_fields f(e, {file_, 0, 0}, who, draft_.problems);
                    auto type = f.integer("Type").value_or(1);
                    if (type != 1)
                        out_.warnings.push_back(who + ": recurring exception (type " + std::to_string(type) +
                                                ") read as its whole period");
                    bool working = f.boolean("DayWorking").value_or(false);
                    if (auto p = e.get_child_optional("TimePeriod")) read_period(*p, who, working, periods);
                }
        }
        if (std::none_of(cal.weekly().begin(), cal.weekly().end(), [](bool w) { return w; }))
            draft_.problems.push_back({problem_kind::invalid_value, "calendar " + uid + ": no weekday is working", {}, {file_, 0, 0}});
        for (const auto& [day, working] : exception_days(periods)) cal.set_exception(day, working);
        return cal;
    }

    void read_period(const ptree& period, const std::string& who, bool working, std::vector<exception_period>& out) {
        mspdi_fields f(period, {file_, 0, 0}, who, draft_.problems);
        if (!f.text("FromDate") || !f.text("ToDate")) return f.out_of_bounds("a TimePeriod needs a FromDate and a ToDate");
        auto from = f.stamp("FromDate"), to = f.stamp("ToDate");
        if (!from || !to) return;
        if (to->day < from->day) return f.out_of_bounds("TimePeriod ToDate " + format_date(to->day) + " is before its FromDate");
        out.push_back({from->day, to->day, working});
    }

    /// One table of working days over every task's Start..Finish, for the spans: built once, not
    /// once per task (its size is bounded by the limits on dates). Malformed dates are left for
    /// read_task to report.
    std::optional<working_days> span_days(const ptree& tasks, const calendar& cal) const {
        std::optional<date> lo, hi;
        for (const auto& [name, t] : tasks) {
            if (name != "Task") continue;
            for (const char* field : {"Start", "Finish"}) {
                auto s = mspdi_stamp_of(xsd_trim(t.get<std::string>(field, "")));
                if (!s || !limits::in_range(s->day)) continue;
                lo = lo ? std::min(*lo, s->day) : s->day;
                hi = hi ? std::max(*hi, s->day) : s->day;
            }
        }
        if (!lo || !draft_.problems.empty()) return std::nullopt;  // a calendar that cannot count
        return working_days(cal, *lo, *hi + boost::gregorian::days(1));
    }

    void read_task(const ptree& t, std::size_t position, const working_days* days) {
        auto uid = t.get<std::string>("UID", "");
        mspdi_fields f(t, at_task(position), "task " + uid + " (" + t.get<std::string>("Name", "") + ")", draft_.problems, uid);
        if (f.boolean("IsNull").value_or(false)) return skip(uid);  // a blank row
        auto level = f.integer("OutlineLevel", 0, INT_MAX).value_or(1);
        if (uid == "0" || level == 0) return skip(uid);  // the project summary task
        bool exact = true;
        auto warn = [&](const std::string& what) {
            out_.warnings.push_back(f.who() + ": " + what);
            exact = false;
        };
        task_row row{.value = {.key = uid, .name = t.get<std::string>("Name", uid)}, .unit = "project", .line = at_task(position).line};
        task& v = row.value;
        while (!outline_.empty() && outline_.back().first >= level) outline_.pop_back();
        if (!outline_.empty()) row.parent = outline_.back().second;
        bool summary = f.boolean("Summary").value_or(false);
        f.boolean("Milestone");  // checked; the duration decides (a milestone has none)
        if (f.boolean("Manual").value_or(false)) warn("manually scheduled: scheduled here as automatic");
        if (!summary) read_duration(f, v, days, exact, warn);
        if (auto dl = f.stamp("Deadline")) v.due = dl->day;
        read_constraint(f, v, warn);
        v.cancelled = !f.boolean("Active").value_or(true);  // an inactive task (Project 2010+) takes no part
        v.percent = f.decimal("PercentComplete").value_or(0);
        if (v.percent >= 100) {
            auto done = f.stamp("ActualFinish");
            if (!f.text("ActualFinish")) done = f.stamp("Finish");
            if (done) v.completed = done->day;
        }
        for (const auto& [name, l] : t)
            if (name == "PredecessorLink") read_link(l, f, uid, row.line, warn);
        out_.computed.push_back(read_computed(f, t));
        out_.exact.push_back(exact);
        if (summary) outline_.emplace_back(level, uid);
        draft_.tasks.push_back(std::move(row));
    }

    template <class Warn>
    void read_duration(const mspdi_fields& f, task& v, const working_days* days, bool& exact, Warn& warn) {
        const double minutes = f.minutes("Duration").value_or(0), day = out_.minutes_per_day;
        if (elapsed_format(f.integer("DurationFormat").value_or(7)))
            warn("elapsed duration (calendar time) is not modelled: read as working time");
        if (minutes / day > limits::max_duration)
            return f.out_of_bounds("Duration is longer than " + std::to_string(limits::max_duration) + " working days");
        if (double d = minutes / day; std::abs(d - std::round(d)) > 1e-9)
            warn("duration of " + std::to_string(minutes / 60) + " h is not a whole number of working days: rounded up");
        v.duration = static_cast<int>(std::ceil(minutes / day - 1e-9));
        if (f.integer("CalendarUID").value_or(-1) != -1) warn("task calendar not modelled: uses the project calendar");
        auto s = f.stamp("Start"), e = f.stamp("Finish");
        if (!days || !s || !e || e->day < s->day || v.duration <= 0 || !exact) return;
        int span = mspdi_moment(*days, *e) - mspdi_moment(*days, *s);
        if (span == v.duration) return;
        if (span > limits::max_duration)
            return f.out_of_bounds("spans more than " + std::to_string(limits::max_duration) + " working days");
        warn("spans " + std::to_string(span) + " working days but its Duration is " + std::to_string(v.duration) +
             " (resource-driven or split): the span is used");
        v.duration = span;
    }

    template <class Warn>
    void read_constraint(const mspdi_fields& f, task& v, Warn& warn) {
        constexpr constraint_kind kinds[] = {
            constraint_kind::as_soon_as_possible,    constraint_kind::as_late_as_possible,
            constraint_kind::must_start_on,          constraint_kind::must_finish_on,
            constraint_kind::start_no_earlier_than,  constraint_kind::start_no_later_than,
            constraint_kind::finish_no_earlier_than, constraint_kind::finish_no_later_than};
        auto type = f.integer("ConstraintType", 0, 7);
        if (!type) return;
        v.constraint.kind = kinds[*type];
        if (*type < 2) return;
        if (!f.text("ConstraintDate")) {
            warn("constraint without a date: ignored");
            v.constraint = {};
        } else if (auto on = f.stamp("ConstraintDate")) {
            v.constraint.on = on->day;
        }
    }

    template <class Warn>
    void read_link(const ptree& l, const mspdi_fields& task_fields, const std::string& uid, std::size_t line, Warn& warn) {
        constexpr link_type types[] = {link_type::finish_to_finish, link_type::finish_to_start,
                                       link_type::start_to_finish, link_type::start_to_start};
        const auto uid_text = l.get<std::string>("PredecessorUID", "");
        const std::string from(xsd_trim(uid_text));
        mspdi_fields f(l, at_line(line), task_fields.who() + ", link from " + from, draft_.problems, uid);
        auto type = f.integer("Type", 0, 3).value_or(1);
        double tenths = f.decimal("LinkLag").value_or(0);
        auto format = f.integer("LagFormat").value_or(7);
        bool percent = (format & ~32LL) == 19 || (format & ~32LL) == 20;
        if (percent) warn("percentage lag not modelled: read as 0");
        else if (elapsed_format(format)) warn("elapsed lag not modelled: read as working time");
        double days = percent ? 0 : tenths / 10.0 / out_.minutes_per_day;
        if (std::abs(days) > limits::max_lag)
            return f.out_of_bounds("LinkLag is more than " + std::to_string(limits::max_lag) + " working days either way");
        if (std::abs(days - std::round(days)) > 1e-9)
            warn("lag of " + std::to_string(tenths / 600.0) + " h is not a whole number of working days: rounded");
        draft_.links.push_back({.value = {.type = types[type], .lag = static_cast<int>(std::lround(days))},
                                .from = from, .to = uid, .line = line});
    }

    mspdi_computed read_computed(const mspdi_fields& f, const ptree& t) const {
        auto slack = [&](const char* name) {
            double v = f.decimal(name).value_or(0);
            if (std::abs(v) <= 1e15) return std::lround(v);
            f.out_of_bounds(std::string(name) + " is beyond 1e15 tenths of a minute either way");
            return 0L;
        };
        return {.early_start = t.get<std::string>("EarlyStart", ""),
                .early_finish = t.get<std::string>("EarlyFinish", ""),
                .late_start = t.get<std::string>("LateStart", ""),
                .late_finish = t.get<std::string>("LateFinish", ""),
                .total_slack = slack("TotalSlack"),
                .free_slack = slack("FreeSlack"),
                .critical = f.boolean("Critical").value_or(false)};
    }

    /// Work resources are kept by UID with MaxUnits (1.00 = one person) until settle_units()
    /// knows their scale; the null resource (UID 0, or no name) and blank rows are left out,
    /// material and cost resources skipped with a warning.
    void read_resources(const ptree& resources) {
        std::size_t position = 0;
        for (const auto& [name, r] : resources) {
            if (name != "Resource") continue;
            const auto where = at_item(lines_.resources, position++);
            const std::string uid(xsd_trim(r.get<std::string>("UID", "")));  // as an assignment names it
            auto label = r.get<std::string>("Name", "");
            mspdi_fields f(r, where, "resource " + uid + " (" + label + ")", draft_.problems, uid);
            if (f.boolean("IsNull").value_or(false) || uid == "0" || !f.text("Name")) {
                not_capacity_.insert(uid);
                continue;
            }
            auto type = f.integer("Type", 0, 2).value_or(1);
            const double units = f.decimal("MaxUnits").value_or(1);
            if (type != 1) {
                out_.warnings.push_back(f.who() + ": " + (type == 0 ? "material" : "cost") +
                                        " resource, not a capacity: skipped with its assignments");
                not_capacity_.insert(uid);
                continue;
            }
            resources_.push_back({.who = f.who(), .row = {.value = {.key = uid, .name = label}, .capacity = units, .line = where.line}});
        }
    }

    /// Assignments of Units (1.00 = one person) on every working day the task runs; those to the
    /// null resource (MS Project writes -65535 for a task without any), a material or cost
    /// resource, the project summary or a blank row are left out, and one to a UID that is not in
    /// the file is a problem, as an unknown predecessor is. MS Project accepts an assignment on a
    /// summary task or a milestone, which demand nothing here: it is left out with a warning.
    void read_assignments(const ptree& assignments) {
        std::unordered_map<std::string, const task_row*> tasks;
        std::unordered_set<std::string> summaries, resources;
        for (const auto& row : draft_.tasks) {
            tasks.emplace(row.value.key, &row);
            if (!row.parent.empty()) summaries.insert(row.parent);
        }
        for (const auto& r : resources_) resources.insert(r.row.value.key);
        std::size_t position = 0;
        for (const auto& [name, a] : assignments) {
            if (name != "Assignment") continue;
            const auto where = at_item(lines_.assignments, position++);
            const std::string task(xsd_trim(a.get<std::string>("TaskUID", ""))), res(xsd_trim(a.get<std::string>("ResourceUID", "")));
            mspdi_fields f(a, where, "assignment " + a.get<std::string>("UID", "") + " (task " + task + ", resource " + res + ")",
                           draft_.problems, task);
            const double units = f.decimal("Units").value_or(1);
            if (res.starts_with('-') || not_capacity_.count(res) || skipped_.count(task)) continue;
            const auto t = tasks.find(task);
            if (t == tasks.end() || !resources.count(res)) {
                auto what = t != tasks.end() ? "ResourceUID " + res + " is not a resource" : "TaskUID " + task + " is not a task";
                draft_.problems.push_back({problem_kind::unknown_reference, f.who() + ": " + what + " of the file", {task, res}, where});
                continue;
            }
            const plangraph::task& v = t->second->value;
            if (!v.cancelled && (summaries.count(task) || v.is_milestone())) {
                out_.warnings.push_back(f.who() + ": task " + task + " is " +
                                        (summaries.count(task) ? "a summary task" : "a milestone") +
                                        ", which demands nothing: left out");
                continue;
            }
            assignments_.push_back({.who = f.who(), .row = {.task = task, .resource = res, .amount = units, .line = where.line}});
        }
    }

    /// MS Project's units become whole ones, with a warning wherever the file is repaired: a
    /// resource whose MaxUnits or any assignment's Units is fractional (a half-time assignment, 1.5
    /// people) is read in hundredths of a person, which keeps Σ amounts ≤ capacity meaning the
    /// same; then an amount above its resource's capacity (an overallocation, which could never be
    /// levelled) is cut to it. Negative and out-of-bounds values are left as read, for build() to
    /// report as it reports demands.csv's.
    void settle_units() {
        using plangraph::detail::number_text;
        std::unordered_map<std::string, std::size_t> at;
        std::vector<bool> hundredths(resources_.size());
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            at.emplace(resources_[i].row.value.key, i);
            hundredths[i] = fractional(resources_[i].row.capacity);
        }
        for (const auto& a : assignments_)
            if (fractional(a.row.amount)) hundredths[at.at(a.row.resource)] = true;
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            auto& r = resources_[i];
            if (hundredths[i]) {
                const double read = r.row.capacity;
                r.row.capacity = in_hundredths(read);
                out_.warnings.push_back(r.who + ": units read in hundredths of a person (MaxUnits " + number_text(read) + " → capacity " +
                                        number_text(r.row.capacity) + ")");
            }
            draft_.resources.push_back(std::move(r.row));
        }
        for (auto& a : assignments_) {
            const std::size_t i = at.at(a.row.resource);
            if (hundredths[i]) a.row.amount = in_hundredths(a.row.amount);
            const double capacity = draft_.resources[i].capacity;
            if (a.row.amount > capacity && capacity >= 0 && a.row.amount <= limits::max_capacity) {
                out_.warnings.push_back(a.who + ": amount " + number_text(a.row.amount) + " is above the capacity " + number_text(capacity) +
                                        " of resource " + a.row.resource + ": cut to " + number_text(capacity) + " (overallocated)");
                a.row.amount = capacity;
            }
            draft_.demands.push_back(std::move(a.row));
        }
    }

    static bool fractional(double v) { return v >= 0 && std::isfinite(v) && v != std::floor(v); }
    static double in_hundredths(double v) { return v >= 0 && std::isfinite(v) ? std::round(v * 100) : v; }

    location at_line(std::size_t line) const { return {file_, line, 0}; }

    void skip(const std::string& uid) { skipped_.insert(uid); }

    /// Links from the project summary or a blank row are dropped with a warning (MS Project
    /// writes them); a link from any other UID that is not a task is a problem.
    void drop_unknown_predecessors() {
        std::unordered_set<std::string> keys;
        for (const auto& row : draft_.tasks) keys.insert(row.value.key);
        std::erase_if(draft_.links, [&](const link_row& l) {
            if (keys.count(l.from)) return false;
            std::string what = "link " + l.from + " -> " + l.to;
            if (skipped_.count(l.from))
                out_.warnings.push_back(what + ": unknown task (the project summary or a blank row): ignored");
            else
                draft_.problems.push_back({problem_kind::unknown_reference, what + ": PredecessorUID " + l.from + " is not a task of the file",
                                           {l.from, l.to}, at_line(l.line)});
            return true;
        });
    }

    std::string file_;
    mspdi_lines lines_;
    mspdi_read_options options_;
    mspdi_project out_{};
    model_draft draft_{};
    std::vector<std::pair<long long, std::string>> outline_{};  // open summaries: level, UID
    std::unordered_set<std::string> skipped_{};                 // the project summary, blank rows
    std::unordered_set<std::string> not_capacity_{};            // null, material and cost resources
    struct pending_resource {
        std::string who;
        resource_row row;
    };
    struct pending_demand {
        std::string who;
        demand_row row;
    };
    std::vector<pending_resource> resources_{};  // work resources and their assignments as read,
    std::vector<pending_demand> assignments_{};  // until settle_units() knows each resource's scale
};

}  // namespace detail

/// Reads MSPDI XML held in memory; `file` names it in errors. The same checks as read_mspdi, for
/// sources other than files (and the fuzzers, which must not touch the disk).
inline mspdi_project parse_mspdi(std::string_view text, const std::filesystem::path& file, const mspdi_read_options& options = {}) {
    const std::string name = file.string();
    detail::check_utf8(name, text);
    auto lines = detail::mspdi_element_lines(name, text);
    auto doc = detail::parse_xml(name, std::string(text));
    auto root = doc.get_child_optional("Project");
    if (!root) throw parse_error({name, 0, 0}, "not an MSPDI file: no <Project> element");
    return detail::mspdi_reader(name, std::move(lines), options).read(*root);
}

/// Reads an MSPDI file. Throws parse_error naming the file (and line, where known) when it cannot
/// be read: not UTF-8, nested too deep, not MSPDI XML, a value that does not convert. Throws
/// invalid_model with every problem, each naming the file and the task, when what it says cannot
/// be a model: duplicate UIDs, unknown predecessors, a dependency cycle, values out of bounds.
inline mspdi_project read_mspdi(const std::filesystem::path& file, const mspdi_read_options& options = {}) {
    return parse_mspdi(detail::read_whole_file(file), file, options);
}

// ---- export ---------------------------------------------------------------------------------

struct mspdi_export_options {
    std::string project_name{};  // default: the name of the first root unit
};

namespace detail {

inline constexpr int export_minutes_per_day = 480;

/// A small element writer: <name>value</name> on its own indented line.
struct xml_out {
    std::string text{};
    int depth = 0;
    void open(std::string_view name) {
        text.append(static_cast<std::size_t>(depth) * 2, ' ').append("<").append(name).append(">\n");
        ++depth;
    }
    void close(std::string_view name) {
        --depth;
        text.append(static_cast<std::size_t>(depth) * 2, ' ').append("</").append(name).append(">\n");
    }
    void field(std::string_view name, std::string_view value) {
        text.append(static_cast<std::size_t>(depth) * 2, ' ').append("<").append(name).append(">");
        text.append(xml_escape(value)).append("</").append(name).append(">\n");
    }
    void field(std::string_view name, long long value) { field(name, std::to_string(value)); }
};

inline std::string start_stamp(date d) { return format_date(d) + "T08:00:00"; }
inline std::string finish_stamp(date d) { return format_date(d) + "T17:00:00"; }
/// "PT16H0M0S" for two working days of 480 minutes.
inline std::string mspdi_duration(int working_days) {
    return "PT" + std::to_string(working_days * export_minutes_per_day / 60) + "H0M0S";
}
/// Working days as tenths of a working minute (slack) or of a minute (lag).
inline long long tenths(int working_days) { return static_cast<long long>(working_days) * export_minutes_per_day * 10; }

inline void working_times(xml_out& x) {
    x.open("WorkingTimes");
    for (auto [from, to] : {std::pair{"08:00:00", "12:00:00"}, std::pair{"13:00:00", "17:00:00"}}) {
        x.open("WorkingTime");
        x.field("FromTime", from);
        x.field("ToTime", to);
        x.close("WorkingTime");
    }
    x.close("WorkingTimes");
}

/// The Standard calendar: the model's working weekdays, 08–12 and 13–17, and its exceptions in
/// both forms MS Project writes (a DayType 0 weekday and an Exceptions entry), runs of days merged.
inline void write_calendar(xml_out& x, const calendar& cal) {
    std::vector<std::pair<date_period, bool>> runs;
    for (const auto& [day, working] : cal.exceptions()) {
        if (!runs.empty() && runs.back().second == working && runs.back().first.end() == day)
            runs.back().first = date_period(runs.back().first.begin(), day + boost::gregorian::days(1));
        else
            runs.push_back({date_period(day, day + boost::gregorian::days(1)), working});
    }
    x.open("Calendars");
    x.open("Calendar");
    x.field("UID", 1);
    x.field("Name", "Standard");
    x.field("IsBaseCalendar", 1);
    x.field("IsBaselineCalendar", 0);
    x.field("BaseCalendarUID", -1);
    x.open("WeekDays");
    for (int d = 0; d < 7; ++d) {
        bool working = cal.weekly()[static_cast<std::size_t>(d)];
        x.open("WeekDay");
        x.field("DayType", d + 1);
        x.field("DayWorking", working ? 1 : 0);
        if (working) working_times(x);
        x.close("WeekDay");
    }
    for (const auto& [period, working] : runs) {
        x.open("WeekDay");
        x.field("DayType", 0);
        x.field("DayWorking", working ? 1 : 0);
        x.open("TimePeriod");
        x.field("FromDate", format_date(period.begin()) + "T00:00:00");
        x.field("ToDate", format_date(period.last()) + "T23:59:00");
        x.close("TimePeriod");
        if (working) working_times(x);
        x.close("WeekDay");
    }
    x.close("WeekDays");
    if (!runs.empty()) {
        x.open("Exceptions");
        for (const auto& [period, working] : runs) {
            x.open("Exception");
            x.field("EnteredByOccurrences", 0);
            x.open("TimePeriod");
            x.field("FromDate", format_date(period.begin()) + "T00:00:00");
            x.field("ToDate", format_date(period.last()) + "T23:59:00");
            x.close("TimePeriod");
            x.field("Occurrences", 1);
            x.field("Name", working ? "Working day" : "Holiday");
            x.field("Type", 1);
            x.field("DayWorking", working ? 1 : 0);
            if (working) working_times(x);
            x.close("Exception");
        }
        x.close("Exceptions");
    }
    x.close("Calendar");
    x.close("Calendars");
}

/// MSPDI's ConstraintType of a kind: 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT.
inline int mspdi_constraint_type(constraint_kind k) {
    using enum constraint_kind;
    switch (k) {
        case as_soon_as_possible: return 0;
        case as_late_as_possible: return 1;
        case must_start_on: return 2;
        case must_finish_on: return 3;
        case start_no_earlier_than: return 4;
        case start_no_later_than: return 5;
        case finish_no_earlier_than: return 6;
        case finish_no_later_than: return 7;
    }
    return 0;
}

/// The task's one MSPDI constraint: its own, with its `start` folded in as SNET when it can be.
inline task_constraint export_constraint(const task_view& t) {
    task_constraint c = t.constraint;
    if (!t.start) return c;
    if (c.kind == constraint_kind::as_soon_as_possible) return {constraint_kind::start_no_earlier_than, t.start};
    if (c.kind == constraint_kind::start_no_earlier_than && c.on) c.on = std::max(*c.on, *t.start);
    return c;
}

inline int mspdi_link_type(link_type t) {
    switch (t) {
        case link_type::finish_to_finish: return 0;
        case link_type::finish_to_start: return 1;
        case link_type::start_to_finish: return 2;
        case link_type::start_to_start: return 3;
    }
    return 1;
}

/// The work resources (UID = index + 1: UID 0 is MS Project's null resource) and one assignment
/// per demand, its Work the task's working hours times the amount, on the task's scheduled dates.
template <class Model>
void write_resources(xml_out& x, const Model& m, const schedule_result& r) {
    if (m.resources().empty()) return;
    x.open("Resources");
    for (std::size_t i = 0; i < m.resources().size(); ++i) {
        const resource& res = m.resources()[i];
        x.open("Resource");
        x.field("UID", static_cast<long long>(i) + 1);
        x.field("ID", static_cast<long long>(i) + 1);
        x.field("Name", res.name.empty() ? res.key : res.name);
        x.field("Type", 1);  // work
        x.field("IsNull", 0);
        x.field("Initials", res.key);
        if (!is_none(res.unit)) x.field("Group", m[res.unit].key);
        x.field("MaxUnits", res.capacity);
        x.close("Resource");
    }
    x.close("Resources");
    x.open("Assignments");
    for (std::size_t k = 0; k < m.demands().size(); ++k) {
        const demand& d = m.demands()[k];
        const task_schedule& s = r.tasks[index(d.task)];
        const long long hours = static_cast<long long>(m[d.task].duration) * d.amount * export_minutes_per_day / 60;
        x.open("Assignment");
        x.field("UID", static_cast<long long>(k) + 1);
        x.field("TaskUID", static_cast<long long>(index(d.task)) + 1);
        x.field("ResourceUID", static_cast<long long>(index(d.resource)) + 1);
        x.field("Units", d.amount);
        x.field("Work", "PT" + std::to_string(hours) + "H0M0S");
        if (s.scheduled) {
            x.field("Start", start_stamp(s.start));
            x.field("Finish", finish_stamp(s.finish));
        }
        x.close("Assignment");
    }
    x.close("Assignments");
}

}  // namespace detail

/// A schedule of `m` (from schedule(m)) as MSPDI XML. Task UIDs are task index + 1, so the i-th
/// task of the model is UID i + 1 in the file (and the task key of read_mspdi's model).
template <class U, class T, class I>
std::string write_mspdi(const basic_model<U, T, I>& m, const schedule_result& r, const mspdi_export_options& o = {}) {
    using namespace detail;
    const std::size_t n = m.tasks().size();
    if (r.tasks.size() != n)
        throw error("write_mspdi: a schedule of " + std::to_string(r.tasks.size()) + " tasks for " + std::to_string(n) + " tasks");
    auto tasks = m.tasks();

    // The outline: a task sits below its parent when both take part (as plangraph rolls up).
    std::vector<std::vector<std::uint32_t>> children(n);
    std::vector<std::uint32_t> roots;
    for (std::size_t i = 0; i < n; ++i) {
        const task_view t = tasks[i];
        if (!t.cancelled && !is_none(t.parent) && !tasks[index(t.parent)].cancelled)
            children[index(t.parent)].push_back(static_cast<std::uint32_t>(i));
        else
            roots.push_back(static_cast<std::uint32_t>(i));
    }
    struct entry {
        std::uint32_t task;
        int level;
    };
    std::vector<entry> order;
    order.reserve(n);
    std::vector<entry> stack;
    for (std::size_t k = roots.size(); k-- > 0;) stack.push_back({roots[k], 1});
    while (!stack.empty()) {
        entry e = stack.back();
        stack.pop_back();
        const auto& kids = children[e.task];
        for (std::size_t k = kids.size(); k-- > 0;) stack.push_back({kids[k], e.level + 1});
        order.push_back(e);
    }
    std::vector<std::vector<std::uint32_t>> preds(n);
    for (std::size_t l = 0; l < m.links().size(); ++l) preds[index(m.links()[l].to)].push_back(static_cast<std::uint32_t>(l));

    std::string name = o.project_name;
    if (name.empty()) name = m.units().empty() ? std::string("plangraph") : m.units().front().name;
    xml_out x;
    x.text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    x.text += "<Project xmlns=\"http://schemas.microsoft.com/project\">\n";
    x.depth = 1;
    x.field("SaveVersion", 14);
    x.field("Name", name);
    x.field("Title", name);
    x.field("ScheduleFromStart", 1);
    x.field("StartDate", start_stamp(r.start));
    x.field("FinishDate", finish_stamp(r.finish));
    x.field("FYStartDate", 1);
    x.field("CriticalSlackLimit", 0);
    x.field("CalendarUID", 1);
    x.field("DefaultStartTime", "08:00:00");
    x.field("DefaultFinishTime", "17:00:00");
    x.field("MinutesPerDay", export_minutes_per_day);
    x.field("MinutesPerWeek", export_minutes_per_day * 5);
    x.field("DaysPerMonth", 20);
    x.field("DurationFormat", 7);
    x.field("HonorConstraints", 0);
    x.field("NewTasksAreManual", 0);
    write_calendar(x, m.calendar());
    x.open("Tasks");
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
        const std::uint32_t i = order[pos].task;
        const task_view t = tasks[i];
        const task_schedule& s = r.tasks[i];
        const bool summary = !children[i].empty();
        x.open("Task");
        x.field("UID", static_cast<long long>(i) + 1);
        x.field("ID", static_cast<long long>(pos) + 1);
        x.field("Name", t.name.empty() ? t.key : t.name);
        x.field("Active", t.cancelled ? 0 : 1);
        x.field("Manual", 0);
        x.field("Type", 1);  // fixed duration
        x.field("IsNull", 0);
        if (!is_none(t.unit)) x.field("Contact", m[t.unit].key);
        x.field("OutlineLevel", order[pos].level);
        x.field("Priority", 500);
        if (s.scheduled) {
            bool instant = s.early_start_moment == s.early_finish_moment && !summary;
            // A milestone placed by a link sits at the end of its predecessor's day.
            x.field("Start", instant && s.placed_by_link ? finish_stamp(s.start) : start_stamp(s.start));
            x.field("Finish", instant && !s.placed_by_link ? start_stamp(s.finish) : finish_stamp(s.finish));
            x.field("Duration", mspdi_duration(summary ? r.days.count(s.start, s.finish) : t.duration));
        } else {
            x.field("Start", start_stamp(r.start));
            x.field("Finish", finish_stamp(r.days.add(r.start, std::max(t.duration, 1) - 1)));
            x.field("Duration", mspdi_duration(t.duration));
        }
        x.field("DurationFormat", 7);
        x.field("Estimated", 0);
        x.field("Milestone", !summary && t.duration == 0 ? 1 : 0);
        x.field("Summary", summary ? 1 : 0);
        x.field("Critical", s.scheduled && s.critical ? 1 : 0);
        if (s.scheduled) {
            auto at_start = [&](int moment) { return start_stamp(r.days.day(moment)); };
            auto at_finish = [&](int moment) { return finish_stamp(r.days.day(moment - 1)); };
            x.field("EarlyStart", at_start(s.early_start_moment));
            x.field("EarlyFinish", at_finish(s.early_finish_moment));
            x.field("LateStart", at_start(s.late_start_moment));
            x.field("LateFinish", at_finish(s.late_finish_moment));
            x.field("FreeSlack", tenths(s.free_slack));
            x.field("TotalSlack", tenths(s.total_slack));
            x.field("StartSlack", tenths(s.late_start_moment - s.early_start_moment));
            x.field("FinishSlack", tenths(s.late_finish_moment - s.early_finish_moment));
        }
        x.field("PercentComplete", t.completed ? 100 : std::lround(t.percent));
        if (t.completed) {
            x.field("ActualStart", start_stamp(std::min(t.start.value_or(*t.completed), *t.completed)));
            x.field("ActualFinish", finish_stamp(*t.completed));
        }
        auto c = export_constraint(t);
        x.field("ConstraintType", mspdi_constraint_type(c.kind));
        x.field("CalendarUID", -1);
        if (c.on) {
            using enum constraint_kind;
            bool on_finish = c.kind == must_finish_on || c.kind == finish_no_earlier_than || c.kind == finish_no_later_than;
            x.field("ConstraintDate", on_finish ? finish_stamp(*c.on) : start_stamp(*c.on));
        }
        if (t.due) x.field("Deadline", finish_stamp(*t.due));
        for (auto l : preds[i]) {
            const link& k = m.links()[l];
            x.open("PredecessorLink");
            x.field("PredecessorUID", static_cast<long long>(index(k.from)) + 1);
            x.field("Type", mspdi_link_type(k.type));
            x.field("CrossProject", 0);
            x.field("LinkLag", tenths(k.lag));
            x.field("LagFormat", 7);
            x.close("PredecessorLink");
        }
        x.close("Task");
    }
    x.close("Tasks");
    write_resources(x, m, r);
    x.text += "</Project>\n";
    return x.text;
}

/// Writes write_mspdi's text to a file.
template <class U, class T, class I>
void save_mspdi(const basic_model<U, T, I>& m, const schedule_result& r, const std::filesystem::path& file,
                const mspdi_export_options& o = {}) {
    auto text = write_mspdi(m, r, o);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) throw error(file.string() + ": cannot write file");
}

}  // namespace plangraph::io

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
// Inactive tasks (Active = 0, Project 2010+) are read as cancelled.
//
// Export (write_mspdi) writes a schedule in the same encoding, as Microsoft Project and
// ProjectLibre open it: the Standard calendar (Mon–Fri 08–12, 13–17, 480 minutes a day) with the
// model calendar's weekdays and exceptions; tasks in outline order with their computed dates and
// slack; links with type and lag. Reading the file back and scheduling it gives the same dates
// and slack for every task (tests/test_io.cpp). What MSPDI cannot hold is simplified, and said
// here: a task has one constraint, so a task's `start` becomes a start-no-earlier-than
// constraint (merged with an SNET one, dropped next to any other kind); cancelled tasks are
// written inactive at the outline's top level, and a task below a cancelled one is written at
// the top level too (it is not rolled up in plangraph either).
#include <plangraph/calendar.hpp>
#include <plangraph/date.hpp>
#include <plangraph/error.hpp>
#include <plangraph/model.hpp>
#include <plangraph/schedule.hpp>
#include <plangraph/io/xml.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
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

namespace detail {

using boost::property_tree::ptree;

/// "2014-10-17T08:00:00" → the date part.
inline std::optional<date> mspdi_date(const std::string& s) { return s.size() >= 10 ? parse_date(s.substr(0, 10)) : std::nullopt; }

/// "PT57H8M24S" → minutes (seconds rounded); nullopt when malformed.
inline std::optional<double> mspdi_minutes(const std::string& s) {
    if (s.rfind("PT", 0) != 0) return std::nullopt;
    double total = 0, value = 0;
    std::string number;
    for (std::size_t i = 2; i < s.size(); ++i) {
        char c = s[i];
        if ((c >= '0' && c <= '9') || c == '.' || c == '-') { number += c; continue; }
        if (number.empty()) return std::nullopt;
        value = std::stod(number);
        number.clear();
        if (c == 'H') total += value * 60;
        else if (c == 'M') total += value;
        else if (c == 'S') total += value / 60;
        else return std::nullopt;
    }
    return number.empty() ? std::optional<double>(total) : std::nullopt;
}

inline bool elapsed_format(int f) {
    f &= ~32;  // the "estimated" bit
    return f == 4 || f == 6 || f == 8 || f == 10 || f == 12 || f == 20;
}

inline calendar mspdi_calendar(const ptree& project, const std::string& uid, std::vector<std::string>& warnings) {
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
    auto set_range = [&](const ptree& period, bool working) {
        auto from = mspdi_date(period.get<std::string>("FromDate", ""));
        auto to = mspdi_date(period.get<std::string>("ToDate", ""));
        if (!from || !to) return;
        for (date x = *from; x <= *to && (x - *from).days() < 3700; x += boost::gregorian::days(1))
            cal.set_exception(x, working);
    };
    for (const ptree* c : chain) {
        if (auto week = c->get_child_optional("WeekDays"))
            for (const auto& [name, w] : *week) {
                if (name != "WeekDay") continue;
                int type = w.get<int>("DayType", -1);
                bool working = w.get<int>("DayWorking", 0) != 0;
                if (type >= 1 && type <= 7) cal.set_weekday(static_cast<boost::date_time::weekdays>(type - 1), working);
                else if (type == 0)
                    if (auto p = w.get_child_optional("TimePeriod")) set_range(*p, working);
            }
        if (auto exceptions = c->get_child_optional("Exceptions"))
            for (const auto& [name, e] : *exceptions) {
                if (name != "Exception") continue;
                int type = e.get<int>("Type", 1);
                if (type != 1)
                    warnings.push_back("calendar " + c->get<std::string>("Name", uid) +
                                       ": recurring exception (type " + std::to_string(type) +
                                       ") read as its whole period");
                if (auto p = e.get_child_optional("TimePeriod")) set_range(*p, e.get<int>("DayWorking", 0) != 0);
            }
    }
    return cal;
}

}  // namespace detail

/// A date-time of the file as a working-day moment (see schedule.hpp): a time before noon is the
/// start of its day, a time from noon on the end of it (MS Project writes a finish as 17:00 and
/// may write the same instant as 08:00 of the next working day).
inline std::optional<int> mspdi_moment(const working_days& days, const std::string& stamp) {
    auto d = detail::mspdi_date(stamp);
    if (!d) return std::nullopt;
    int hour = stamp.size() >= 13 ? std::stoi(stamp.substr(11, 2)) : 0;
    return hour < 12 ? days.on_or_after(*d) : days.on_or_before(*d) + 1;
}

/// Reads MSPDI XML held in memory; `file` names it in errors. Throws parse_error when it is not
/// MSPDI XML. For sources other than files (and the fuzzers, which must not touch the disk).
inline mspdi_project parse_mspdi(std::string_view xml, const std::filesystem::path& file) {
    using detail::ptree;
    ptree doc;
    try {
        std::istringstream in{std::string(xml)};
        boost::property_tree::read_xml(in, doc);
    } catch (const boost::property_tree::xml_parser_error& e) {
        throw parse_error({file.string(), e.line(), 0}, "not readable as XML: " + e.message());
    }
    auto root = doc.get_child_optional("Project");
    if (!root) throw parse_error({file.string(), 0, 0}, "not an MSPDI file: no <Project> element");
    const ptree& project = *root;

    mspdi_project out;
    out.minutes_per_day = project.get<int>("MinutesPerDay", 480);
    if (out.minutes_per_day <= 0) throw parse_error({file.string(), 0, 0}, "MinutesPerDay is not positive");
    out.start = detail::mspdi_date(project.get<std::string>("StartDate", ""));
    out.finish_stamp = project.get<std::string>("FinishDate", "");
    auto& warnings = out.warnings;
    out.tasks.set_calendar(detail::mspdi_calendar(project, project.get<std::string>("CalendarUID", "1"), warnings));
    auto unit = out.tasks.add_unit({.key = "project", .name = project.get<std::string>("Name", "project")});
    const double day = out.minutes_per_day;
    const auto& cal = out.tasks.calendar();

    struct pending_link {
        std::string from, to;
        link_type type;
        int lag;
    };
    std::vector<pending_link> pending;
    std::vector<std::pair<int, task_id>> outline;  // open summaries: level, id
    auto tasks_node = project.get_child_optional("Tasks");
    if (tasks_node)
        for (const auto& [name, t] : *tasks_node) {
            if (name != "Task" || t.get<int>("IsNull", 0) != 0) continue;
            auto uid = t.get<std::string>("UID", "");
            int level = t.get<int>("OutlineLevel", 1);
            if (uid == "0" || level == 0) continue;  // the project summary task
            std::string who = "task " + uid + " (" + t.get<std::string>("Name", "") + ")";
            bool exact = true;
            auto warn = [&](const std::string& what) {
                warnings.push_back(who + ": " + what);
                exact = false;
            };
            task row{.key = uid, .name = t.get<std::string>("Name", uid), .unit = unit};
            while (!outline.empty() && outline.back().first >= level) outline.pop_back();
            if (!outline.empty()) row.parent = outline.back().second;
            bool summary = t.get<int>("Summary", 0) != 0;
            if (t.get<int>("Manual", 0) != 0) warn("manually scheduled: scheduled here as automatic");
            if (!summary) {
                auto minutes = detail::mspdi_minutes(t.get<std::string>("Duration", "PT0H0M0S"));
                if (!minutes) throw parse_error({file.string(), 0, 0}, who + ": unreadable Duration");
                if (detail::elapsed_format(t.get<int>("DurationFormat", 7)))
                    warn("elapsed duration (calendar time) is not modelled: read as working time");
                double days = *minutes / day;
                if (std::abs(days - std::round(days)) > 1e-9)
                    warn("duration of " + std::to_string(*minutes / 60) + " h is not a whole number of working days: rounded up");
                row.duration = static_cast<int>(std::ceil(days - 1e-9));
                if (t.get<int>("CalendarUID", -1) != -1) warn("task calendar not modelled: uses the project calendar");
                auto start_stamp = t.get<std::string>("Start", ""), finish_stamp = t.get<std::string>("Finish", "");
                auto s = detail::mspdi_date(start_stamp);
                auto f = detail::mspdi_date(finish_stamp);
                if (s && f && *s <= *f && row.duration > 0 && exact) {
                    working_days wd(cal, *s, *f);
                    int span = *mspdi_moment(wd, finish_stamp) - *mspdi_moment(wd, start_stamp);
                    if (span != row.duration) {
                        warn("spans " + std::to_string(span) + " working days but its Duration is " +
                             std::to_string(row.duration) + " (resource-driven or split): the span is used");
                        row.duration = span;
                    }
                }
            }
            if (auto dl = detail::mspdi_date(t.get<std::string>("Deadline", ""))) row.due = dl;
            int ctype = t.get<int>("ConstraintType", 0);
            constexpr constraint_kind kinds[] = {
                constraint_kind::as_soon_as_possible,    constraint_kind::as_late_as_possible,
                constraint_kind::must_start_on,          constraint_kind::must_finish_on,
                constraint_kind::start_no_earlier_than,  constraint_kind::start_no_later_than,
                constraint_kind::finish_no_earlier_than, constraint_kind::finish_no_later_than};
            if (ctype >= 0 && ctype <= 7) {
                row.constraint.kind = kinds[ctype];
                if (ctype >= 2) {
                    row.constraint.on = detail::mspdi_date(t.get<std::string>("ConstraintDate", ""));
                    if (!row.constraint.on) {
                        warn("constraint without a date: ignored");
                        row.constraint = {};
                    }
                }
            }
            row.cancelled = t.get<int>("Active", 1) == 0;  // an inactive task (Project 2010+) takes no part
            row.percent = t.get<double>("PercentComplete", 0);
            if (row.percent >= 100)
                row.completed = detail::mspdi_date(t.get<std::string>("ActualFinish", t.get<std::string>("Finish", "")));
            for (const auto& [lname, l] : t) {
                if (lname != "PredecessorLink") continue;
                int type = l.get<int>("Type", 1);
                constexpr link_type types[] = {link_type::finish_to_finish, link_type::finish_to_start,
                                               link_type::start_to_finish, link_type::start_to_start};
                if (type < 0 || type > 3) throw parse_error({file.string(), 0, 0}, who + ": unknown link type " + std::to_string(type));
                long raw = l.get<long>("LinkLag", 0);
                int format = l.get<int>("LagFormat", 7);
                if ((format & ~32) == 19 || (format & ~32) == 20) warn("percentage lag not modelled: read as 0");
                else if (detail::elapsed_format(format)) warn("elapsed lag not modelled: read as working time");
                double lag_days = (format & ~32) == 19 || (format & ~32) == 20 ? 0 : raw / 10.0 / day;
                if (std::abs(lag_days - std::round(lag_days)) > 1e-9)
                    warn("lag of " + std::to_string(raw / 600.0) + " h is not a whole number of working days: rounded");
                pending.push_back({l.get<std::string>("PredecessorUID", ""), uid, types[type],
                                   static_cast<int>(std::lround(lag_days))});
            }
            mspdi_computed c;
            c.early_start = t.get<std::string>("EarlyStart", "");
            c.early_finish = t.get<std::string>("EarlyFinish", "");
            c.late_start = t.get<std::string>("LateStart", "");
            c.late_finish = t.get<std::string>("LateFinish", "");
            c.total_slack = t.get<long>("TotalSlack", 0);
            c.free_slack = t.get<long>("FreeSlack", 0);
            c.critical = t.get<int>("Critical", 0) != 0;
            task_id id;
            try {
                id = out.tasks.add_task(std::move(row));
            } catch (const model_error& e) {
                throw parse_error({file.string(), 0, 0}, who + ": " + e.what());
            }
            out.computed.push_back(std::move(c));
            out.exact.push_back(exact);
            if (summary) outline.push_back({level, id});
        }
    std::vector<link> links;
    for (const auto& p : pending) {
        auto from = out.tasks.find_task(p.from), to = out.tasks.find_task(p.to);
        if (!from || !to) {
            warnings.push_back("link " + p.from + " -> " + p.to + ": unknown task (the project summary or a blank row): ignored");
            continue;
        }
        links.push_back({*from, *to, p.type, p.lag});
    }
    try {
        if (!links.empty()) out.tasks.add_links(links);
    } catch (const cycle_error& e) {
        throw parse_error({file.string(), 0, 0}, e.what());
    }
    return out;
}

/// Reads an MSPDI file. Throws parse_error naming the file when it cannot be read or is not
/// MSPDI XML.
inline mspdi_project read_mspdi(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw parse_error({file.string(), 0, 0}, "not readable as XML: cannot open file");
    std::ostringstream text;
    text << in.rdbuf();  // an empty file sets failbit here, and is refused by the parser below
    return parse_mspdi(text.view(), file);
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
inline task_constraint export_constraint(const task& t) {
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
        const task& t = tasks[i];
        if (!t.cancelled && !is_none(t.parent) && !tasks[index(t.parent)].cancelled)
            children[index(t.parent)].push_back(static_cast<std::uint32_t>(i));
        else
            roots.push_back(static_cast<std::uint32_t>(i));
    }
    struct entry {
        std::uint32_t task;
        int level;
        std::string outline;
    };
    std::vector<entry> order;
    order.reserve(n);
    std::vector<entry> stack;
    for (std::size_t k = roots.size(); k-- > 0;) stack.push_back({roots[k], 1, std::to_string(k + 1)});
    while (!stack.empty()) {
        entry e = std::move(stack.back());
        stack.pop_back();
        const auto& kids = children[e.task];
        for (std::size_t k = kids.size(); k-- > 0;) stack.push_back({kids[k], e.level + 1, e.outline + "." + std::to_string(k + 1)});
        order.push_back(std::move(e));
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
        const task& t = tasks[i];
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
        x.field("WBS", order[pos].outline);
        x.field("OutlineNumber", order[pos].outline);
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

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
#include <plangraph/calendar.hpp>
#include <plangraph/date.hpp>
#include <plangraph/error.hpp>
#include <plangraph/model.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
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

/// Reads an MSPDI file. Throws parse_error naming the file when it is not MSPDI XML.
inline mspdi_project read_mspdi(const std::filesystem::path& file) {
    using detail::ptree;
    ptree doc;
    try {
        boost::property_tree::read_xml(file.string(), doc);
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

}  // namespace plangraph::io

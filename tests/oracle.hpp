#pragma once
// Independent reference computations of DESIGN.md's rules, for tests. Nothing here uses the
// library: the input is plain rows with string ids (as in the CSV files), dates are Boost
// dates, and every rule is recomputed the slow, obvious way (ancestor walks for rollups,
// day-by-day walking and relaxation until nothing moves for schedules).
//
// Where DESIGN.md leaves a choice to the developers, the oracle follows plangraph's documented
// choice and says so: the default traffic light (traffic_light.hpp) and, in progress-aware
// scheduling, where a done task's start lies and how much of a task under way is left.
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace oracle {

using boost::gregorian::date;
using boost::gregorian::days;

struct unit_row {
    std::string id{}, parent{};
};

struct task_row {
    std::string id{}, unit{};
    std::optional<date> start{}, due{}, completed{};
    int duration = 0;  // 0: a milestone
    int percent = 0;
    bool cancelled = false;
};

struct link_row {
    std::string from{}, to{}, type{"FS"};
    int lag = 0;
};

struct model_rows {
    std::vector<unit_row> units{};
    std::vector<task_row> tasks{};
    std::vector<link_row> links{};
    std::map<date, bool> exceptions{};  // calendar.csv: date -> working
};

inline std::string iso(date x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(x.year()), int(x.month()), int(x.day()));
    return buf;
}

// ---- status and rollup ----------------------------------------------------------------------

/// DESIGN.md's table: the status of a task as of D.
inline std::string status(const task_row& t, date as_of) {
    if (t.cancelled) return "cancelled";
    const bool done = t.completed && *t.completed <= as_of;  // completed after D: not yet done
    if (done) return t.due && *t.completed > *t.due ? "done_late" : "done_on_time";
    return t.due && *t.due < as_of ? "overdue" : "in_progress";
}

struct rollup_row {
    std::string unit{};
    std::map<std::string, std::uint64_t> n{};  // by status
    std::uint64_t total = 0, done = 0;
    std::optional<double> completion_rate{}, on_time_rate{};
    /// The default light of traffic_light.hpp with every indicator met: red when at least 5%
    /// of the counted tasks are overdue (and one is), green when every counted task is done.
    std::string light_if_indicators_met{};
    std::uint64_t count(const std::string& s) const {
        auto it = n.find(s);
        return it == n.end() ? 0 : it->second;
    }
};

/// Per unit, in units order: its own tasks and all its descendants' tasks.
inline std::vector<rollup_row> rollup(const model_rows& m, date as_of) {
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < m.units.size(); ++i) at[m.units[i].id] = i;
    std::vector<rollup_row> out(m.units.size());
    for (std::size_t i = 0; i < m.units.size(); ++i) out[i].unit = m.units[i].id;
    for (const auto& t : m.tasks) {
        const auto s = status(t, as_of);
        std::size_t guard = 0;
        for (std::string u = t.unit; !u.empty() && guard++ <= m.units.size(); u = m.units[at.at(u)].parent)
            ++out[at.at(u)].n[s];
    }
    for (auto& r : out) {
        r.done = r.count("done_on_time") + r.count("done_late");
        r.total = r.done + r.count("in_progress") + r.count("overdue");
        if (r.total) r.completion_rate = static_cast<double>(r.done) / static_cast<double>(r.total);
        if (r.done) r.on_time_rate = static_cast<double>(r.count("done_on_time")) / static_cast<double>(r.done);
        const auto overdue = r.count("overdue");
        r.light_if_indicators_met = overdue > 0 && overdue * 20 >= r.total ? "red"
                                    : r.done == r.total                    ? "green"
                                                                           : "amber";
    }
    return out;
}

// ---- calendar ---------------------------------------------------------------------------------

/// Saturday and Sunday off unless calendar.csv says otherwise.
struct calendar {
    std::map<date, bool> exceptions{};
    bool working(date x) const {
        if (auto it = exceptions.find(x); it != exceptions.end()) return it->second;
        const auto w = x.day_of_week().as_number();
        return w != 0 && w != 6;
    }
    date next_working(date x) const {  // x itself when it is a working day
        while (!working(x)) x += days(1);
        return x;
    }
    date prev_working(date x) const {
        while (!working(x)) x -= days(1);
        return x;
    }
    date step(date x, int n) const {  // from working day x, n working days on (or back)
        for (; n > 0; --n) x = next_working(x + days(1));
        for (; n < 0; ++n) x = prev_working(x - days(1));
        return x;
    }
    int between(date a, date b) const {  // working days from a to b, signed
        int n = 0;
        for (; a < b; ++n) a = next_working(a + days(1));
        for (; b < a; --n) b = next_working(b + days(1));
        return n;
    }
    date last_day_before(date x) const { return prev_working(x - days(1)); }
};

// ---- schedule ---------------------------------------------------------------------------------

struct schedule_row {
    std::string id{}, early_start{}, early_finish{}, late_start{}, late_finish{};
    int total_slack = 0, free_slack = 0;
    bool critical = false;
};

struct no_start : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The schedule of every task that is not cancelled, in tasks order. A task occupies working
/// days; its start is named by its first working day and its finish by the working day right
/// after its last one, so a milestone starts and finishes on the same boundary.
///
/// With `as_of` (progress-aware), plangraph's choices where DESIGN.md leaves them open: a task
/// completed on or before as-of keeps its finish (shown as recorded, even on a non-working day),
/// starts at its `start` (else its duration before its finish), and its late dates span those
/// actual dates, so that total slack = LS − ES still; any other task starts no earlier than
/// as-of with what is left of it (duration × (100 − percent)%, rounded up, when 0 < percent < 100).
inline std::vector<schedule_row> schedule(const model_rows& m, std::optional<date> start = {},
                                          std::optional<date> as_of = {}) {
    const calendar c{m.exceptions};
    std::vector<std::size_t> act;  // the tasks that take part
    std::map<std::string, std::size_t> pos;
    for (std::size_t i = 0; i < m.tasks.size(); ++i)
        if (!m.tasks[i].cancelled) pos[m.tasks[i].id] = act.size(), act.push_back(i);
    struct edge {
        std::size_t from, to;
        std::string type;
        int lag;
    };
    std::vector<edge> links;
    for (const auto& l : m.links)
        if (pos.count(l.from) && pos.count(l.to)) links.push_back({pos[l.from], pos[l.to], l.type, l.lag});

    std::optional<date> first = start;
    if (!first)
        for (auto i : act)
            if (m.tasks[i].start && (!first || *m.tasks[i].start < *first)) first = m.tasks[i].start;
    if (!first) throw no_start("no start");
    const date begin = c.next_working(*first);

    const std::size_t n = act.size();
    std::vector<date> es(n, begin), ef(n, begin), ls(n), lf(n), own(n, begin);
    std::vector<int> dur(n);
    std::vector<bool> done(n, false), by_link(n, false);
    for (std::size_t k = 0; k < n; ++k) {
        const auto& t = m.tasks[act[k]];
        dur[k] = t.duration;
        if (as_of && t.completed && *t.completed <= *as_of) {
            done[k] = true;
            ef[k] = c.step(c.prev_working(*t.completed), 1);
            es[k] = t.start ? std::min(c.next_working(*t.start), ef[k]) : c.step(ef[k], -dur[k]);
            dur[k] = c.between(es[k], ef[k]);  // late dates span what it actually took
            continue;
        }
        if (t.start) own[k] = std::max(own[k], c.next_working(*t.start));
        if (as_of) {
            own[k] = std::max(own[k], c.next_working(*as_of));
            if (t.percent > 0 && t.percent < 100) dur[k] = (t.duration * (100 - t.percent) + 99) / 100;
        }
        es[k] = own[k];
        ef[k] = c.step(es[k], dur[k]);
    }
    for (bool moved = true; moved;) {  // forward: relax until nothing moves
        moved = false;
        for (std::size_t k = 0; k < n; ++k) {
            if (done[k]) continue;
            date best = own[k];
            bool link_wins = false;
            for (const auto& e : links) {
                if (e.to != k) continue;
                date b;
                if (e.type == "FS") b = c.step(ef[e.from], e.lag);
                else if (e.type == "SS") b = c.step(es[e.from], e.lag);
                else if (e.type == "FF") b = c.step(ef[e.from], e.lag - dur[k]);
                else b = c.step(es[e.from], e.lag - dur[k]);
                if (b > best) best = b, link_wins = true;
            }
            if (best != es[k] || link_wins != by_link[k]) {
                es[k] = best, by_link[k] = link_wins, ef[k] = c.step(best, dur[k]);
                moved = true;
            }
        }
    }
    date finish = begin;
    for (std::size_t k = 0; k < n; ++k) finish = std::max(finish, ef[k]);
    auto own_late = [&](std::size_t k) {  // the end of the schedule, or the deadline if sooner
        const auto& t = m.tasks[act[k]];
        return t.due ? std::min(finish, c.step(c.prev_working(*t.due), 1)) : finish;
    };
    for (std::size_t k = 0; k < n; ++k) lf[k] = own_late(k), ls[k] = c.step(lf[k], -dur[k]);
    for (bool moved = true; moved;) {  // backward
        moved = false;
        for (std::size_t k = 0; k < n; ++k) {
            date f = own_late(k);
            for (const auto& e : links) {
                if (e.from != k) continue;
                if (e.type == "FS") f = std::min(f, c.step(ls[e.to], -e.lag));
                else if (e.type == "FF") f = std::min(f, c.step(lf[e.to], -e.lag));
                else if (e.type == "SS") f = std::min(f, c.step(ls[e.to], dur[k] - e.lag));
                else f = std::min(f, c.step(lf[e.to], dur[k] - e.lag));
            }
            if (f != lf[k]) lf[k] = f, ls[k] = c.step(f, -dur[k]), moved = true;
        }
    }
    std::vector<schedule_row> out(n);
    for (std::size_t k = 0; k < n; ++k) {
        auto& o = out[k];
        o.id = m.tasks[act[k]].id;
        if (es[k] == ef[k]) {  // a moment: the day before it when a link (or completion) places it
            o.early_start = o.early_finish = iso(by_link[k] || done[k] ? c.last_day_before(es[k]) : es[k]);
            o.late_start = o.late_finish = iso(c.last_day_before(lf[k]));
        } else {
            o.early_start = iso(es[k]);
            o.early_finish = iso(c.last_day_before(ef[k]));
            o.late_start = iso(ls[k]);
            o.late_finish = iso(c.last_day_before(lf[k]));
        }
        if (done[k]) {  // its actual finish as it was recorded
            const auto& t = m.tasks[act[k]];
            if (es[k] == ef[k]) o.early_start = iso(*t.completed);
            o.early_finish = iso(*t.completed);
        }
        o.total_slack = c.between(es[k], ls[k]);
        int free = c.between(ef[k], finish);
        for (const auto& e : links) {
            if (e.from != k) continue;
            if (e.type == "FS") free = std::min(free, c.between(ef[k], es[e.to]) - e.lag);
            else if (e.type == "SS") free = std::min(free, c.between(es[k], es[e.to]) - e.lag);
            else if (e.type == "FF") free = std::min(free, c.between(ef[k], ef[e.to]) - e.lag);
            else free = std::min(free, c.between(es[k], ef[e.to]) - e.lag);
        }
        o.free_slack = std::max(0, std::min(free, std::max(o.total_slack, 0)));
        o.critical = o.total_slack <= 0;
    }
    return out;
}

}  // namespace oracle

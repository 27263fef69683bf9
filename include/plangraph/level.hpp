#pragma once
// Levelling a model's schedule on its resources (DESIGN.md, "Resources and levelling"): the
// critical path (schedule.hpp) becomes a resource-constrained project (rcpsp.hpp) on its
// working-day moments, is levelled (levelling.hpp), and comes back as dates by the scheduler's
// own day arithmetic.
//
//   - An activity per scheduled leaf task; its duration is what the critical path gives it (the
//     work left, as of a date), its release its early start. The early start is the least start
//     any schedule keeping the links can have, so taking it as a release date loses no schedule
//     and writes no rule of starts, constraints or the as-of date a second time.
//   - Done tasks (progress-aware schedule) keep their actual dates: they demand nothing and no
//     arc enters them, so nothing moves them.
//   - A link becomes start-to-start arcs (rcpsp::start_distance) between the leaves below each
//     end. A link into a summary binds every leaf below it and an FS or FF link out of one is
//     bound by its last finish, both exactly; an SS or SF link out of a summary is bound by its
//     first start, which arcs can only over-approximate (every leaf), so such a link holds with
//     room to spare.
//   - Summaries span their levelled leaves; a milestone moved by levelling is placed by its
//     links, so it shows the working day before its moment, as the critical path shows one.
//   - Without demands on a scheduled task levelling changes nothing: the critical path's dates
//     are returned as they are.
// Deadlines are not constraints of levelling: a task that finishes after its effective deadline
// (deadlines.hpp) because of levelling is reported with its lateness in working days.
#include "deadlines.hpp"
#include "levelling.hpp"
#include "model.hpp"
#include "rcpsp.hpp"
#include "schedule.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace plangraph {

struct levelled_task {
    bool scheduled = false;  // false for cancelled tasks, as in the critical path
    date start{}, finish{};  // as shown
    int start_moment = 0, finish_moment = 0;
    int delay = 0;  // working days after its early start
    std::vector<resource_id> delayed_by{};
};

/// A task that finishes after its effective deadline in the levelled schedule, and not in the
/// critical path's.
struct levelling_lateness {
    task_id task = no_id<task_id>;
    date deadline{};
    int days_late = 0;  // working days past the deadline
};

struct levelled_schedule {
    std::vector<levelled_task> tasks{};  // indexed by task id
    date finish{};                       // the last day shown
    int span = 0;                        // working days from the schedule's start to its last finish
    std::vector<levelling_lateness> late{};
    std::size_t schedules = 0;           // serial passes made
};

namespace detail {

/// The scheduled leaves below each task (a leaf: itself).
template <class Model>
std::vector<std::vector<std::uint32_t>> scheduled_leaves(const Model& m, const schedule_result& cpm) {
    std::vector<std::vector<std::uint32_t>> out(m.tasks().size());
    for (std::uint32_t i = 0; i < out.size(); ++i) {
        if (!cpm.tasks[i].scheduled || cpm.tasks[i].summary) continue;
        for (auto t = make_id<task_id>(i); !is_none(t); t = m[t].parent) out[index(t)].push_back(i);
    }
    return out;
}

template <class Model>
bool levels_anything(const Model& m, const schedule_result& cpm) {
    return std::any_of(m.demands().begin(), m.demands().end(), [&](const demand& d) {
        const auto& s = cpm[d.task];
        return d.amount > 0 && s.scheduled && !s.done && !s.summary;
    });
}

/// The levelled dates as the critical path shows them: a summary spans its leaves.
inline void show(levelled_task& out, const task_schedule& s, int start, int finish, working_days& days) {
    out.scheduled = true;
    out.start_moment = start;
    out.finish_moment = finish;
    out.delay = start - s.early_start_moment;
    if (out.delay == 0 && finish == s.early_finish_moment) {
        out.start = s.early_start;
        out.finish = s.early_finish;
    } else if (start == finish) {  // a milestone moved behind its links
        out.start = out.finish = days.day(start - 1);
    } else {
        out.start = days.day(start);
        out.finish = days.day(finish - 1);
    }
}

/// level() with the network compiled from `m`, or none (then compiled again for the deadlines).
template <class U, class T, class I>
levelled_schedule level_on(const basic_model<U, T, I>& m, const schedule_network* net, const schedule_result& cpm,
                           const rcpsp::options& opts) {
    const std::size_t n = m.tasks().size();
    levelled_schedule out;
    out.tasks.resize(n);
    out.finish = cpm.finish;
    out.span = cpm.finish_moment - cpm.start_moment;
    working_days days = cpm.days;
    if (!detail::levels_anything(m, cpm)) {
        for (std::size_t i = 0; i < n; ++i)
            if (const auto& s = cpm.tasks[i]; s.scheduled)
                detail::show(out.tasks[i], s, s.early_start_moment, s.early_finish_moment, days);
        return out;
    }

    // The project: an activity per scheduled leaf, on days counted from the earliest start.
    const auto leaves = detail::scheduled_leaves(m, cpm);
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> activity(n, none);
    std::vector<std::uint32_t> task_of;
    int base = cpm.start_moment;
    for (std::uint32_t i = 0; i < n; ++i)
        if (leaves[i].size() == 1 && leaves[i][0] == i) base = std::min(base, cpm.tasks[i].early_start_moment);
    rcpsp::project p;
    for (const auto& r : m.resources()) p.resources.push_back({r.key, r.capacity});
    for (std::uint32_t i = 0; i < n; ++i) {
        if (leaves[i].size() != 1 || leaves[i][0] != i) continue;
        const auto& s = cpm.tasks[i];
        activity[i] = static_cast<std::uint32_t>(p.activities.size());
        task_of.push_back(i);
        p.activities.push_back({std::string(m.tasks()[i].key), s.early_finish_moment - s.early_start_moment, s.early_start_moment - base, {}});
    }
    for (const auto& d : m.demands())
        if (auto a = activity[index(d.task)]; a != none && d.amount > 0 && !cpm[d.task].done)
            p.activities[a].demands.push_back({index(d.resource), d.amount});
    for (const auto& l : m.links())
        for (auto from : leaves[index(l.from)])
            for (auto to : leaves[index(l.to)]) {
                if (cpm.tasks[to].done) continue;
                auto af = activity[from], at = activity[to];
                p.arcs.push_back({af, at, rcpsp::start_distance(l.type, l.lag, p.activities[af].duration, p.activities[at].duration)});
            }

    const auto levelled = rcpsp::level(p, opts);
    out.schedules = levelled.schedules;
    std::vector<int> start(n, std::numeric_limits<int>::max()), finish(n, std::numeric_limits<int>::min());
    int last = cpm.start_moment;
    std::size_t latest = 0;  // the activity finishing last
    for (std::size_t a = 0; a < task_of.size(); ++a) {
        const int s = base + levelled.start[a];
        const int f = s + p.activities[a].duration;
        if (f > last) last = f, latest = a;
        for (auto t = make_id<task_id>(task_of[a]); !is_none(t); t = m[t].parent) {
            start[index(t)] = std::min(start[index(t)], s);
            finish[index(t)] = std::max(finish[index(t)], f);
        }
        for (auto r : levelled.delayed_by[a]) out.tasks[task_of[a]].delayed_by.push_back(make_id<resource_id>(r));
    }
    try {
        days.extend_to_number(last + 1);
    } catch (const error&) {  // serialised by its resources, the work runs past the calendar
        throw schedule_error(std::string("level: task ").append(m.tasks()[task_of[latest]].key) +
                             " would finish after 9999-12-31, the last day the calendar can count");
    }
    for (std::size_t i = 0; i < n; ++i)
        if (cpm.tasks[i].scheduled && !leaves[i].empty()) detail::show(out.tasks[i], cpm.tasks[i], start[i], finish[i], days);
    out.span = last - cpm.start_moment;
    out.finish = cpm.start;
    for (const auto& t : out.tasks)
        if (t.scheduled && t.finish > out.finish) out.finish = t.finish;

    const auto deadlines = net ? propagate_deadlines(m, *net, cpm) : propagate_deadlines(m, cpm);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& d = deadlines.tasks[i];
        const auto& s = cpm.tasks[i];
        if (!d.deadline || !out.tasks[i].scheduled || s.summary) continue;
        const int late = out.tasks[i].finish_moment - d.finish_moment;
        if (late > 0 && out.tasks[i].finish_moment > s.early_finish_moment && s.early_finish_moment <= d.finish_moment)
            out.late.push_back({make_id<task_id>(i), *d.deadline, late});
    }
    return out;
}

}  // namespace detail

/// The model levelled on its resources from its critical path `cpm` (net.run(m, opts), the same
/// options), with the search's budget and seed; `net` is the network compiled from `m`, shared
/// with the deadlines that report lateness. Throws schedule_error, naming the task, when the
/// levelled work would finish past the calendar's last day.
template <class U, class T, class I>
levelled_schedule level(const basic_model<U, T, I>& m, const schedule_network& net, const schedule_result& cpm,
                        const rcpsp::options& opts = {}) {
    return detail::level_on(m, &net, cpm, opts);
}

/// The same from schedule(m, opts), compiling the network again when deadlines need it.
template <class U, class T, class I>
levelled_schedule level(const basic_model<U, T, I>& m, const schedule_result& cpm, const rcpsp::options& opts = {}) {
    return detail::level_on(m, nullptr, cpm, opts);
}

}  // namespace plangraph

#pragma once
// Critical path scheduling on a working-day calendar (DESIGN.md, "Day arithmetic").
//
// Internally every date is a working-day number and every task an interval of *moments*, the
// boundaries between working days: a task of duration n starting on working day s occupies
// [s, s + n), shows start day s and finish day s + n - 1. A milestone is one moment m and shows
// day m - 1 when a link places it, day m when its own start (or the schedule's start) does. With
// moments the four link types are uniform: FS bounds start(succ) by finish(pred) + lag, SS start by
// start, FF finish by finish, SF finish by start.
//
// Summary tasks (tasks with active sub-tasks) span their sub-tasks: their dates are rolled up,
// never scheduled from their own duration. A link into a summary binds every leaf below it; a
// link out of a summary starts from its rolled-up dates; its start, due and constraint bind the
// tasks below it.
//
// The network is compiled once (topological order, vertices relabelled by position so the passes
// walk contiguous arrays) and can be run again with other options.
//
// No arithmetic here can overflow: durations and lags are within limits.hpp (checked by the model,
// and again when the network is compiled from plain rows), and every moment is checked against
// the days the calendar can count as it is computed, so it stays within a few million of zero. A
// schedule that runs past them (a long chain of long tasks) throws schedule_error naming the task.
#include "calendar.hpp"
#include "date.hpp"
#include "detail/dependency_network.hpp"
#include "detail/field_checks.hpp"
#include "digraph.hpp"
#include "error.hpp"
#include "ids.hpp"
#include "limits.hpp"
#include "link.hpp"
#include "task.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace plangraph {

template <class U, class T, class I>
class basic_model;

struct schedule_options {
    std::optional<date> start{};  // the schedule's start; default: the earliest `start` of a task
    std::optional<date> as_of{};  // progress-aware when set: done tasks keep their actual dates
    bool honour_deadlines = true;  // `due` bounds late finishes
};

/// One task's schedule. Dates as planning tools show them; the `*_moment` fields are the
/// underlying working-day moments (finish moments are one past the last working day).
struct task_schedule {
    date early_start{}, early_finish{}, late_start{}, late_finish{};
    date start{}, finish{};  // the scheduled dates: early ones, late ones for ALAP
    int total_slack = 0;     // late start - early start, working days (summaries: or finish slack if less)
    int free_slack = 0;
    bool critical = false;
    bool scheduled = false;  // false for cancelled tasks, which take no part
    bool summary = false;
    bool done = false;               // progress-aware mode: completed on or before as-of
    bool placed_by_link = false;     // the early start is set by a link, not by a start bound
    int early_start_moment = 0, early_finish_moment = 0, late_start_moment = 0, late_finish_moment = 0;
};

inline constexpr std::uint32_t no_driver = std::numeric_limits<std::uint32_t>::max();

struct schedule_result {
    date start{};   // the schedule's start day
    date finish{};  // the project's last day: the latest early finish shown
    int start_moment = 0, finish_moment = 0;
    std::vector<task_schedule> tasks{};  // indexed by task id
    /// Per task: the link (index into model.links()) that set its early start, or no_driver.
    /// For a leaf below a summary that a link enters, it is that link.
    std::vector<std::uint32_t> driver{};
    working_days days{};

    const task_schedule& operator[](task_id id) const { return tasks[index(id)]; }
};

namespace detail {

// An edge of the compiled network: the other end's position, and lag·8 + kind (|lag| is at most
// limits::max_lag, far inside the 28 bits this leaves it).
enum edge_kind : std::int32_t { fs = 0, ss = 1, ff = 2, sf = 3, rollup = 4 };
struct sched_edge {
    std::uint32_t other = 0;
    std::int32_t lag_kind = 0;
    edge_kind kind() const { return static_cast<edge_kind>(lag_kind & 7); }
    std::int32_t lag() const { return lag_kind >> 3; }  // arithmetic shift: floor division by 8
};
inline edge_kind kind_of(link_type t) {
    switch (t) {
        case link_type::finish_to_start: return fs;
        case link_type::start_to_start: return ss;
        case link_type::finish_to_finish: return ff;
        case link_type::start_to_finish: return sf;
    }
    return fs;
}

inline constexpr std::int32_t minus_inf = std::numeric_limits<std::int32_t>::min() / 4;
inline constexpr std::int32_t plus_inf = std::numeric_limits<std::int32_t>::max() / 4;

}  // namespace detail

/// The dependency network of a model, compiled for repeated passes. Vertex p is the task at
/// position p of a topological order of links (and child → summary roll-up edges).
class schedule_network {
public:
    enum flag : std::uint8_t { active = 1, summary = 2 };

    schedule_network() = default;

    template <class U, class T, class I>
    explicit schedule_network(const basic_model<U, T, I>& m) {
        build(m.tasks(), m.links());
    }
    /// The same from plain rows (the model's tasks and links).
    schedule_network(std::span<const task> tasks, std::span<const link> links) { build(tasks, links); }

    std::size_t size() const { return order_.size(); }
    /// Task ids in topological order.
    std::span<const std::uint32_t> order() const { return order_; }
    std::uint32_t position(task_id t) const { return position_[index(t)]; }
    bool is_summary(task_id t) const { return flags_[position(t)] & summary; }
    bool is_active(task_id t) const { return flags_[position(t)] & active; }

    /// Bytes held by the compiled network.
    std::size_t memory_bytes() const {
        return (order_.capacity() + position_.capacity() + in_offsets_.capacity() +
                out_offsets_.capacity() + in_link_.capacity()) * 4 +
               (in_.capacity() + out_.capacity()) * sizeof(detail::sched_edge) + duration_.capacity() * 4 +
               flags_.capacity();
    }

    /// Runs the forward and backward passes over the model the network was compiled from.
    template <class U, class T, class I>
    schedule_result run(const basic_model<U, T, I>& m, const schedule_options& opts = {}) const {
        return run(m.tasks(), m.calendar(), opts);
    }
    schedule_result run(std::span<const task> tasks, const calendar& cal, const schedule_options& opts) const;

private:
    void build(std::span<const task> tasks, std::span<const link> links);

    static void require_in_range(const char* what, const std::optional<date>& d) {
        if (d && !limits::in_range(*d))
            throw schedule_error("schedule: " + std::string(what) + " " +
                                 (d->is_special() ? std::string("(not a date)") : format_date(*d)) + " is outside " +
                                 format_date(limits::min_date()) + ".." + format_date(limits::max_date()));
    }
    schedule_error runs_past_calendar(std::span<const task> tasks, std::size_t p) const {
        return schedule_error("schedule: task " + tasks[order_[p]].key + " would finish after " +
                              format_date(last_countable_day()) +
                              ", the last day the calendar can count (its predecessors, durations and lags add up past it)");
    }
    schedule_error runs_before_calendar(std::span<const task> tasks, std::size_t p) const {
        return schedule_error("schedule: task " + tasks[order_[p]].key + " would have to start before " +
                              format_date(first_countable_day()) +
                              ", the first day the calendar can count, to meet the deadlines after it");
    }

    std::vector<std::uint32_t> order_;     // position -> task index
    std::vector<std::uint32_t> position_;  // task index -> position
    std::vector<std::uint32_t> in_offsets_, out_offsets_;
    std::vector<detail::sched_edge> in_, out_;  // by position, other = position
    std::vector<std::uint32_t> in_link_;        // per in-edge: the model link, or no_driver
    std::vector<std::int32_t> duration_;
    std::vector<std::uint8_t> flags_;
    bool has_summaries_ = false;
};

inline void schedule_network::build(std::span<const task> tasks, std::span<const link> links) {
    const std::size_t n = tasks.size();
    // A model's rows are checked already; plain rows are checked here, as the passes rely on it.
    for (const task& t : tasks)
        for (const auto& fp : detail::check_fields(t))
            if (blocks_build(fp.kind)) throw schedule_error(fp.message);
    for (const link& l : links) {
        if (index(l.from) >= n || index(l.to) >= n) throw schedule_error("link: unknown task");
        for (const auto& fp : detail::check_fields(l, [&] { return "link " + tasks[index(l.from)].key + " -> " + tasks[index(l.to)].key; }))
            throw schedule_error(fp.message);
    }
    auto net = detail::expand_dependencies(
        n, [&](std::size_t i) { return is_none(tasks[i].parent) ? detail::no_task : static_cast<std::uint32_t>(index(tasks[i].parent)); },
        [&](std::size_t i) { return !tasks[i].cancelled; }, links.size(),
        [&](std::size_t e) { return std::pair{static_cast<std::uint32_t>(index(links[e].from)), static_cast<std::uint32_t>(index(links[e].to))}; });
    std::vector<std::uint8_t> flags(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        flags[i] = static_cast<std::uint8_t>((tasks[i].cancelled ? 0 : active) | (net.is_summary[i] ? summary : 0));
    const auto& src = net.source;
    const auto& dst = net.target;
    const auto& via = net.via;
    std::vector<std::int32_t> lag_kind(via.size());
    for (std::size_t e = 0; e < via.size(); ++e)
        lag_kind[e] = via[e] == detail::rollup_edge ? detail::rollup
                                                    : links[via[e]].lag * 8 + detail::kind_of(links[via[e]].type);

    auto topo = topological_order(digraph(n, src, dst));
    if (!topo.acyclic()) {
        std::vector<std::string> names;
        for (auto v : topo.cycles.front()) names.push_back(tasks[v].key);
        throw cycle_error("dependency", std::move(names));
    }
    order_ = std::move(topo.order);
    position_.assign(n, 0);
    for (std::uint32_t p = 0; p < n; ++p) position_[order_[p]] = p;
    duration_.resize(n);
    flags_.resize(n);
    for (std::uint32_t p = 0; p < n; ++p) {
        duration_[p] = tasks[order_[p]].duration;
        flags_[p] = flags[order_[p]];
        has_summaries_ = has_summaries_ || (flags_[p] & summary);
    }
    // CSR by position, in both directions.
    const std::size_t m = src.size();
    in_offsets_.assign(n + 1, 0);
    out_offsets_.assign(n + 1, 0);
    for (std::size_t e = 0; e < m; ++e) {
        ++in_offsets_[position_[dst[e]] + 1];
        ++out_offsets_[position_[src[e]] + 1];
    }
    for (std::size_t p = 0; p < n; ++p) {
        in_offsets_[p + 1] += in_offsets_[p];
        out_offsets_[p + 1] += out_offsets_[p];
    }
    in_.resize(m);
    out_.resize(m);
    in_link_.resize(m);
    std::vector<std::uint32_t> in_next(in_offsets_.begin(), in_offsets_.end() - 1);
    std::vector<std::uint32_t> out_next(out_offsets_.begin(), out_offsets_.end() - 1);
    for (std::size_t e = 0; e < m; ++e) {
        auto a = position_[src[e]], b = position_[dst[e]];
        auto i = in_next[b]++;
        in_[i] = {a, lag_kind[e]};
        in_link_[i] = via[e];
        out_[out_next[a]++] = {b, lag_kind[e]};
    }
}

inline schedule_result schedule_network::run(std::span<const task> tasks, const calendar& cal,
                                             const schedule_options& opts) const {
    using namespace detail;
    const std::size_t n = order_.size();
    schedule_result r;
    // The number of the first day the calendar can count, found when a late date reaches back
    // before the precomputed range (rare: a deadline missed by far).
    std::optional<int> first_number;
    auto first_countable = [&] {
        if (!first_number) first_number = r.days.on_or_after(first_countable_day());
        return *first_number;
    };

    // The date range the bounds live in: every date of the model, the start and the as-of date.
    std::optional<date> lo_day = opts.start, hi_day = opts.start, first_start;
    auto see = [&](const std::optional<date>& d) {
        if (!d) return;
        if (!lo_day || *d < *lo_day) lo_day = d;
        if (!hi_day || *d > *hi_day) hi_day = d;
    };
    for (const task& t : tasks) {
        if (t.cancelled) continue;
        if (t.start && (!first_start || *t.start < *first_start)) first_start = t.start;
        see(t.start);
        see(t.due);
        see(t.completed);
        see(t.constraint.on);
    }
    see(opts.as_of);
    require_in_range("start", opts.start);
    require_in_range("as-of date", opts.as_of);
    date start_day = opts.start ? *opts.start : first_start ? *first_start : date();
    if (start_day.is_special())
        throw no_start_date("no start date: no task has a start, so the schedule needs one (--start DATE)");
    r.days = working_days(cal, *lo_day - boost::gregorian::days(7), *hi_day + boost::gregorian::days(7));
    const working_days& wd = r.days;
    r.start = wd.day(wd.on_or_after(start_day));
    r.start_moment = wd.on_or_after(start_day);
    const int as_of = opts.as_of ? wd.on_or_after(*opts.as_of) : minus_inf;

    // Bounds by position: earliest start moment, latest finish moment, fixed (done) dates.
    std::vector<std::int32_t> es(n), ef(n), ls(n), lf(n), min_start(n), max_finish(n), dur(duration_);
    std::vector<std::uint8_t> done(n, 0), by_link(n, 0);
    std::vector<std::uint32_t> driver(n, no_driver);
    for (std::uint32_t i = 0; i < n; ++i) {  // by task, reading the rows in memory order
        const std::uint32_t p = position_[i];
        const task& t = tasks[i];
        std::int32_t lo = r.start_moment, hi = plus_inf;
        const int d = duration_[p];
        auto finish_lower = [&](date x) { return wd.on_or_after(x) + (d > 0 ? 1 : 0) - d; };
        if (t.start) lo = std::max(lo, wd.on_or_after(*t.start));
        if (t.due && opts.honour_deadlines) hi = std::min(hi, wd.on_or_before(*t.due) + 1);
        if (const auto& c = t.constraint; c.on) {
            using enum constraint_kind;
            if (c.kind == start_no_earlier_than || c.kind == must_start_on) lo = std::max(lo, wd.on_or_after(*c.on));
            if (c.kind == finish_no_earlier_than || c.kind == must_finish_on) lo = std::max(lo, finish_lower(*c.on));
            if (c.kind == start_no_later_than || c.kind == must_start_on)
                hi = std::min(hi, wd.on_or_before(*c.on) + std::max(d, 1));
            if (c.kind == finish_no_later_than || c.kind == must_finish_on) hi = std::min(hi, wd.on_or_before(*c.on) + 1);
        }
        if (opts.as_of && t.completed && *t.completed <= *opts.as_of && !(flags_[p] & summary)) {
            done[p] = 1;
            ef[p] = wd.on_or_before(*t.completed) + 1;
            es[p] = t.start ? std::min(wd.on_or_after(*t.start), ef[p]) : ef[p] - d;
            dur[p] = ef[p] - es[p];  // its actual span: late dates keep total slack = LS - ES = LF - EF
        } else if (opts.as_of) {
            lo = std::max(lo, as_of);
            if (t.percent > 0 && t.percent < 100)  // what is left of a task under way
                dur[p] = static_cast<std::int32_t>((d * (100.0 - t.percent) + 99.999) / 100.0);
        }
        min_start[p] = lo;
        max_finish[p] = hi;
    }
    // A summary's start bounds bind the tasks below it (parents come after children in the
    // order, so push them down walking positions backwards along roll-up edges).
    if (has_summaries_)
        for (std::size_t p = n; p-- > 0;)
            for (auto k = out_offsets_[p]; k < out_offsets_[p + 1]; ++k)
                if (out_[k].kind() == rollup) min_start[p] = std::max(min_start[p], min_start[out_[k].other]);

    // Forward pass.
    std::int32_t project_finish = r.start_moment;
    for (std::uint32_t p = 0; p < n; ++p) {
        if (!(flags_[p] & active)) continue;
        if (flags_[p] & summary) {
            std::int32_t s = plus_inf, f = minus_inf;
            for (auto k = in_offsets_[p]; k < in_offsets_[p + 1]; ++k)
                if (in_[k].kind() == rollup) {
                    s = std::min(s, es[in_[k].other]);
                    f = std::max(f, ef[in_[k].other]);
                }
            es[p] = s;
            ef[p] = f;
        } else if (!done[p]) {
            std::int32_t link_lo = minus_inf;
            std::uint32_t best = no_driver;
            const std::int32_t d = dur[p];
            for (auto k = in_offsets_[p]; k < in_offsets_[p + 1]; ++k) {
                const sched_edge e = in_[k];
                std::int32_t b;
                switch (e.kind()) {
                    case fs: b = ef[e.other] + e.lag(); break;
                    case ss: b = es[e.other] + e.lag(); break;
                    case ff: b = ef[e.other] + e.lag() - d; break;
                    default: b = es[e.other] + e.lag() - d; break;
                }
                if (b > link_lo) {
                    link_lo = b;
                    best = k;
                }
            }
            if (link_lo > min_start[p]) {
                es[p] = link_lo;
                by_link[p] = 1;
                driver[p] = best;
            } else {
                es[p] = min_start[p];
            }
            ef[p] = es[p] + d;
        }
        if (ef[p] + 1 >= r.days.size() && !r.days.reach_number(ef[p] + 1)) throw runs_past_calendar(tasks, p);
        project_finish = std::max(project_finish, ef[p]);
    }

    // Backward pass. A summary keeps, in ls/lf, the bounds its successors and its own deadline
    // put on the tasks below it; its rolled-up late dates come after.
    for (std::size_t p = n; p-- > 0;) {
        if (!(flags_[p] & active)) continue;
        std::int32_t hi = std::min(project_finish, max_finish[p]), hs = plus_inf;
        for (auto k = out_offsets_[p]; k < out_offsets_[p + 1]; ++k) {
            const sched_edge e = out_[k];
            switch (e.kind()) {
                case fs: hi = std::min(hi, ls[e.other] - e.lag()); break;
                case ss: hs = std::min(hs, ls[e.other] - e.lag()); break;
                case ff: hi = std::min(hi, lf[e.other] - e.lag()); break;
                case sf: hs = std::min(hs, lf[e.other] - e.lag()); break;
                case rollup:
                    hi = std::min(hi, lf[e.other]);
                    hs = std::min(hs, ls[e.other]);
                    break;
            }
        }
        if (flags_[p] & summary) {
            lf[p] = hi;
            ls[p] = hs;
        } else {
            lf[p] = std::min(hi, hs == plus_inf ? plus_inf : hs + dur[p]);
            ls[p] = lf[p] - dur[p];
            if (ls[p] <= 0 && ls[p] - 1 < first_countable()) throw runs_before_calendar(tasks, p);
        }
    }
    // Summaries: late dates rolled up from children (children come first in the order).
    for (std::uint32_t p = 0; p < n && has_summaries_; ++p) {
        if ((flags_[p] & (active | summary)) != (active | summary)) continue;
        std::int32_t s = plus_inf, f = minus_inf;
        for (auto k = in_offsets_[p]; k < in_offsets_[p + 1]; ++k)
            if (in_[k].kind() == rollup) {
                s = std::min(s, ls[in_[k].other]);
                f = std::max(f, lf[in_[k].other]);
            }
        ls[p] = s;
        lf[p] = f;
    }

    // Results, by task id.
    r.finish_moment = project_finish;
    r.days.extend_to_number(std::max(project_finish, r.start_moment) + 1);
    r.finish = r.start;
    r.tasks.assign(n, {});
    r.driver.assign(n, no_driver);
    for (std::uint32_t p = 0; p < n; ++p) {
        if (!(flags_[p] & active)) continue;
        auto& s = r.tasks[order_[p]];
        s.scheduled = true;
        s.summary = flags_[p] & summary;
        s.done = done[p];
        s.placed_by_link = by_link[p];
        s.early_start_moment = es[p];
        s.early_finish_moment = ef[p];
        s.late_start_moment = ls[p];
        s.late_finish_moment = lf[p];
        // Equal for a leaf; a summary takes the smaller of its start and finish slack, as MS
        // Project does.
        s.total_slack = std::min(ls[p] - es[p], lf[p] - ef[p]);
        s.critical = s.total_slack <= 0;
        std::int32_t free = project_finish - ef[p];
        for (auto k = out_offsets_[p]; k < out_offsets_[p + 1]; ++k) {
            const sched_edge e = out_[k];
            switch (e.kind()) {
                case fs: free = std::min(free, es[e.other] - e.lag() - ef[p]); break;
                case ss: free = std::min(free, es[e.other] - e.lag() - es[p]); break;
                case ff: free = std::min(free, ef[e.other] - e.lag() - ef[p]); break;
                case sf: free = std::min(free, ef[e.other] - e.lag() - es[p]); break;
                case rollup: break;
            }
        }
        s.free_slack = std::max(0, std::min(free, std::max(s.total_slack, 0)));
        if (driver[p] != no_driver) r.driver[order_[p]] = in_link_[driver[p]];
        if (s.summary) continue;
        // Dates as shown.
        if (es[p] == ef[p]) {  // a milestone (or nothing left to do)
            s.early_start = s.early_finish = r.days.day(by_link[p] || done[p] ? es[p] - 1 : es[p]);
            s.late_start = s.late_finish = r.days.day(lf[p] - 1);
        } else {
            s.early_start = r.days.day(es[p]);
            s.early_finish = r.days.day(ef[p] - 1);
            s.late_start = r.days.day(ls[p]);
            s.late_finish = r.days.day(lf[p] - 1);
        }
        if (done[p]) {  // it keeps its actual finish, a non-working day included (a weekend's overtime)
            const date c = *tasks[order_[p]].completed;
            if (es[p] == ef[p]) s.early_start = c;
            s.early_finish = c;
        }
        s.start = s.early_start;
        s.finish = s.early_finish;
        if (r.finish < s.early_finish) r.finish = s.early_finish;
    }
    // ALAP tasks are scheduled on their late dates.
    for (std::size_t i = 0; i < n; ++i)
        if (tasks[i].constraint.kind == constraint_kind::as_late_as_possible && r.tasks[i].scheduled &&
            !r.tasks[i].done) {
            r.tasks[i].start = r.tasks[i].late_start;
            r.tasks[i].finish = r.tasks[i].late_finish;
        }
    // Summaries span the shown dates of their children.
    for (std::uint32_t p = 0; p < n && has_summaries_; ++p) {
        if ((flags_[p] & (active | summary)) != (active | summary)) continue;
        auto& s = r.tasks[order_[p]];
        {
            bool first = true;
            for (auto k = in_offsets_[p]; k < in_offsets_[p + 1]; ++k) {
                if (in_[k].kind() != rollup) continue;
                const auto& c = r.tasks[order_[in_[k].other]];
                if (first) {
                    s.early_start = c.early_start, s.early_finish = c.early_finish;
                    s.late_start = c.late_start, s.late_finish = c.late_finish;
                    first = false;
                } else {
                    s.early_start = std::min(s.early_start, c.early_start);
                    s.early_finish = std::max(s.early_finish, c.early_finish);
                    s.late_start = std::min(s.late_start, c.late_start);
                    s.late_finish = std::max(s.late_finish, c.late_finish);
                }
            }
        }
        s.start = s.early_start;
        s.finish = s.early_finish;
        r.finish = std::max(r.finish, s.early_finish);
    }
    return r;
}

/// Schedules a model: compiles its network (throws cycle_error naming the cycle's tasks) and runs
/// both passes. Throws no_start_date (a schedule_error) when there is no start date at all, and
/// schedule_error when the schedule would run past the days the calendar can count.
template <class U, class T, class I>
schedule_result schedule(const basic_model<U, T, I>& m, const schedule_options& opts = {}) {
    return schedule_network(m).run(m, opts);
}

/// The critical paths: one chain per critical task that ends the schedule (or drives nothing
/// critical), walked back through the links that set early starts while the tasks stay critical.
/// Each path is in order, first task first; summaries are left out.
template <class U, class T, class I>
std::vector<std::vector<task_id>> critical_paths(const basic_model<U, T, I>& m, const schedule_result& r) {
    const auto& tasks = r.tasks;
    std::vector<std::uint8_t> drives_critical(tasks.size(), 0);
    for (std::size_t t = 0; t < tasks.size(); ++t)
        if (tasks[t].critical && r.driver[t] != no_driver) {
            auto from = index(m.links()[r.driver[t]].from);
            if (tasks[from].critical) drives_critical[from] = 1;
        }
    std::vector<std::vector<task_id>> paths;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        if (!tasks[t].scheduled || tasks[t].summary || !tasks[t].critical || drives_critical[t]) continue;
        std::vector<task_id> path{make_id<task_id>(t)};
        for (auto v = t; r.driver[v] != no_driver;) {
            v = index(m.links()[r.driver[v]].from);
            if (!tasks[v].critical || tasks[v].summary) break;
            path.push_back(make_id<task_id>(v));
        }
        std::reverse(path.begin(), path.end());
        paths.push_back(std::move(path));
    }
    return paths;
}

}  // namespace plangraph

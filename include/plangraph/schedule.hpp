#pragma once
// Critical path scheduling on a working-day calendar (DESIGN.md, "Day arithmetic").
//
// Internally every date is a working-day number and every task an interval of *moments*, the
// boundaries between working days: a task of duration n starting on working day s occupies
// [s, s + n), shows start day s and finish day s + n - 1. A milestone is one moment m and shows
// day m - 1 when a link places it, day m when its own start (or the schedule's start) does. With
// moments the four link types are uniform: FS bounds start(succ) by finish(pred) + lag, SS start by
// start, FF finish by finish, SF finish by start (detail/link_rules.hpp, the one place they are
// written).
//
// Summary tasks (tasks with active sub-tasks) span their sub-tasks: their dates are rolled up,
// never scheduled from their own duration. A link into a summary binds every leaf below it; a
// link out of a summary starts from its rolled-up dates; its start, due and constraint bind the
// tasks below it.
//
// The network is compiled once (topological order, vertices relabelled by position so the passes
// walk contiguous arrays) and can be run again with other options, and handed on to what needs
// the same order (propagate_deadlines, level). A run is a sequence of passes over one state:
// bounds, forward, backward, results (schedule_network::pass_state).
//
// No arithmetic here can overflow: durations and lags are within limits.hpp (checked by the model,
// and again when the network is compiled from plain rows), and every moment is checked against
// the days the calendar can count as it is computed, so it stays within a few million of zero. A
// schedule that runs past them (a long chain of long tasks) throws schedule_error naming the task.
#include "calendar.hpp"
#include "date.hpp"
#include "detail/deferred.hpp"
#include "detail/dependency_network.hpp"
#include "detail/field_checks.hpp"
#include "detail/link_rules.hpp"
#include "digraph.hpp"
#include "error.hpp"
#include "ids.hpp"
#include "limits.hpp"
#include "link.hpp"
#include "task.hpp"
#include "task_table.hpp"

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

// An edge of the compiled network: the other end's position, and lag·8 + kind, the kind a
// link_type or rollup (|lag| is at most limits::max_lag, far inside the 28 bits this leaves it).
inline constexpr std::int32_t rollup = 4;
struct sched_edge {
    std::uint32_t other = 0;
    std::int32_t lag_kind = 0;
    bool is_rollup() const { return (lag_kind & 7) == rollup; }
    link_type type() const { return static_cast<link_type>(lag_kind & 7); }  // of a link edge
    std::int32_t lag() const { return lag_kind >> 3; }  // arithmetic shift: floor division by 8
};
inline std::int32_t lag_kind_of(const link& l) { return l.lag * 8 + static_cast<std::int32_t>(l.type); }

inline constexpr std::int32_t minus_inf = std::numeric_limits<std::int32_t>::min() / 4;
inline constexpr std::int32_t plus_inf = std::numeric_limits<std::int32_t>::max() / 4;

}  // namespace detail

/// The dependency network of a model, compiled for repeated passes. Vertex p is the task at
/// position p of a topological order of links (and child → summary roll-up edges).
/// A class template with one instance, `schedule_network`, so that its code is compiled where it
/// is used only (detail/deferred.hpp).
template <class Defer = void>
class basic_schedule_network {
public:
    enum flag : std::uint8_t { active = 1, summary = 2 };

    basic_schedule_network() = default;

    template <class U, class T, class I>
    explicit basic_schedule_network(const basic_model<U, T, I>& m) {
        build(m.tasks(), m.links(), rows::checked);
    }
    /// The same from plain rows, laid out as a model's (task_table.hpp) to be checked and compiled.
    basic_schedule_network(std::span<const task> tasks, std::span<const link> links) {
        detail::deferred<task_table, Defer> table;
        table.reserve(tasks.size());
        for (const task& t : tasks) table.push_back(t);
        build(table.range(), links, rows::unchecked);
    }

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
    schedule_result run(task_range tasks, const calendar& cal, const schedule_options& opts) const;

private:
    struct pass_state;

    /// A model's rows were checked when they went in (model.hpp refuses what blocks a build);
    /// plain rows are checked here, as the passes rely on it.
    enum class rows { checked, unchecked };
    void build(task_range tasks, std::span<const link> links, rows checked);
    static void check_rows(task_range tasks, std::span<const link> links);

    static void require_in_range(const char* what, const std::optional<date>& d) {
        if (d && !limits::in_range(*d))
            throw schedule_error("schedule: " + std::string(what) + " " +
                                 (d->is_special() ? std::string("(not a date)") : format_date(*d)) + " is outside " +
                                 format_date(limits::min_date()) + ".." + format_date(limits::max_date()));
    }
    schedule_error runs_past_calendar(task_range tasks, std::size_t p) const {
        return schedule_error(std::string("schedule: task ").append(tasks[order_[p]].key).append(" would finish after ")
                                  .append(format_date(last_countable_day()))
                                  .append(", the last day the calendar can count (its predecessors, durations and lags add up past it)"));
    }
    schedule_error runs_before_calendar(task_range tasks, std::size_t p) const {
        return schedule_error(std::string("schedule: task ").append(tasks[order_[p]].key).append(" would have to start before ")
                                  .append(format_date(first_countable_day()))
                                  .append(", the first day the calendar can count, to meet the deadlines after it"));
    }

    template <class T>
    using array = detail::deferred_vector<T, Defer>;

    array<std::uint32_t> order_;     // position -> task index
    array<std::uint32_t> position_;  // task index -> position
    array<std::uint32_t> in_offsets_, out_offsets_;
    array<detail::sched_edge> in_, out_;  // by position, other = position
    array<std::uint32_t> in_link_;        // per in-edge: the model link, or no_driver
    array<std::int32_t> duration_;
    array<std::uint8_t> flags_;
    bool has_summaries_ = false;
};

using schedule_network = basic_schedule_network<>;

template <class Defer>
void basic_schedule_network<Defer>::check_rows(task_range tasks, std::span<const link> links) {
    const std::size_t n = tasks.size();
    for (const task_view t : tasks)
        for (const auto& fp : detail::check_fields<Defer>(t))
            if (blocks_build(fp.kind)) throw schedule_error(fp.message);
    for (const link& l : links) {
        if (index(l.from) >= n || index(l.to) >= n) throw schedule_error("link: unknown task");
        for (const auto& fp : detail::check_fields(l, [&] {
                 return std::string("link ").append(tasks[index(l.from)].key).append(" -> ").append(tasks[index(l.to)].key);
             }))
            throw schedule_error(fp.message);
    }
}

template <class Defer>
void basic_schedule_network<Defer>::build(task_range tasks, std::span<const link> links, rows checked) {
    if (checked == rows::unchecked) check_rows(tasks, links);
    // The columns, not views: at 10M tasks a view per random access is a cache miss per column.
    const std::size_t n = tasks.size();
    const auto columns = tasks.columns();
    const auto parent = columns.parent;
    const auto task_flags = columns.flags;
    auto is_active = [task_flags](std::size_t i) { return (task_flags[i] & task_flag::cancelled) == 0; };
    auto net = detail::expand_dependencies(
        n, [parent](std::size_t i) { return is_none(parent[i]) ? detail::no_task : static_cast<std::uint32_t>(index(parent[i])); },
        is_active, links.size(),
        [links](std::size_t e) { return std::pair{static_cast<std::uint32_t>(index(links[e].from)), static_cast<std::uint32_t>(index(links[e].to))}; });
    array<std::uint8_t> flags(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        flags[i] = static_cast<std::uint8_t>((is_active(i) ? active : 0) | (net.is_summary[i] ? summary : 0));
    const auto& src = net.source;
    const auto& dst = net.target;
    const auto& via = net.via;
    array<std::int32_t> lag_kind(via.size());
    for (std::size_t e = 0; e < via.size(); ++e)
        lag_kind[e] = via[e] == detail::rollup_edge ? detail::rollup : detail::lag_kind_of(links[via[e]]);

    auto topo = topological_order(detail::deferred<digraph, Defer>(n, src, dst));
    if (!topo.acyclic()) {
        array<std::string> names;
        for (auto v : topo.cycles.front()) names.emplace_back(tasks[v].key);
        throw cycle_error("dependency", std::move(names));
    }
    order_ = std::move(topo.order);
    position_.assign(n, 0);
    for (std::uint32_t p = 0; p < n; ++p) position_[order_[p]] = p;
    duration_.resize(n);
    flags_.resize(n);
    for (std::uint32_t p = 0; p < n; ++p) {
        duration_[p] = columns.duration[order_[p]];
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
    array<std::uint32_t> in_next(in_offsets_.begin(), in_offsets_.end() - 1);
    array<std::uint32_t> out_next(out_offsets_.begin(), out_offsets_.end() - 1);
    for (std::size_t e = 0; e < m; ++e) {
        auto a = position_[src[e]], b = position_[dst[e]];
        auto i = in_next[b]++;
        in_[i] = {a, lag_kind[e]};
        in_link_[i] = via[e];
        out_[out_next[a]++] = {b, lag_kind[e]};
    }
}

/// One run's shared state, by position: the bounds each task's own dates put on it, its early
/// and late moments, what placed it, and the schedule being written. Each pass is a member
/// function; run() calls them in order.
template <class Defer>
struct basic_schedule_network<Defer>::pass_state {
    using span_of_moments = detail::moments<std::int32_t>;

    const basic_schedule_network& net;
    detail::deferred<task_range, Defer> tasks;  // spelled so, the class builds no basic_task_table<>
    const schedule_options& opts;
    std::size_t n;
    detail::deferred<schedule_result, Defer> r{};
    std::int32_t as_of = detail::minus_inf;  // the as-of moment when progress-aware
    array<std::int32_t> min_start{}, max_finish{};  // from starts, due dates, constraints, as-of
    array<std::int32_t> duration{};  // what is scheduled: the work left, a done task's actual span
    array<span_of_moments> early{}, late{};
    array<std::uint8_t> done{}, by_link{};
    array<std::uint32_t> driver{};  // the in-edge that set the early start, or no_driver
    std::int32_t project_finish = 0;
    // The number of the first day the calendar can count, found when a late date reaches back
    // before the days counted (rare: a deadline missed by far).
    detail::deferred<std::optional<int>, Defer> first_number{};

    pass_state(const basic_schedule_network& network, task_range rows, const schedule_options& o)
        : net(network), tasks(rows), opts(o), n(network.size()) {}

    bool is(std::size_t p, std::uint8_t f) const { return (net.flags_[p] & f) == f; }
    int first_countable() {
        if (!first_number) first_number = r.days.on_or_after(first_countable_day());
        return *first_number;
    }

    /// The working days the bounds live in (every date of the model, the start and the as-of
    /// date, a week either side), the schedule's start and the as-of moment.
    void count_days(const calendar& cal) {
        std::optional<date> lo = opts.start, hi = opts.start, first_start;
        auto see = [&](const std::optional<date>& d) {
            if (!d) return;
            if (!lo || *d < *lo) lo = d;
            if (!hi || *d > *hi) hi = d;
        };
        for (const task_view t : tasks) {
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
        const date start_day = opts.start ? *opts.start : first_start ? *first_start : date();
        if (start_day.is_special())
            throw no_start_date("no start date: no task has a start, so the schedule needs one (--start DATE)");
        r.days = detail::deferred<working_days, Defer>(cal, *lo - boost::gregorian::days(7), *hi + boost::gregorian::days(7));
        r.start_moment = r.days.on_or_after(start_day);
        r.start = r.days.day(r.start_moment);
        as_of = opts.as_of ? r.days.on_or_after(*opts.as_of) : detail::minus_inf;
    }

    /// Every task's bounds from its own start, due date and constraint, and in progress-aware
    /// mode the as-of date: a done task is fixed on its actual dates, a task under way is
    /// scheduled for what is left.
    void bound_tasks() {
        min_start.resize(n);
        max_finish.resize(n);
        duration = net.duration_;
        early.resize(n);
        late.resize(n);
        done.assign(n, 0);
        by_link.assign(n, 0);
        driver.assign(n, no_driver);
        for (std::uint32_t i = 0; i < n; ++i) bound_task(i);  // by task, reading the rows in memory order
    }

    void bound_task(std::uint32_t i) {
        const detail::deferred<working_days, Defer>& wd = r.days;
        const std::uint32_t p = net.position_[i];
        const task_view t = tasks[i];
        std::int32_t lo = r.start_moment, hi = detail::plus_inf;
        const int d = net.duration_[p];
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
        if (opts.as_of && t.completed && *t.completed <= *opts.as_of && !is(p, summary)) {
            done[p] = 1;
            early[p].finish = wd.on_or_before(*t.completed) + 1;
            early[p].start = t.start ? std::min(wd.on_or_after(*t.start), early[p].finish) : early[p].finish - d;
            duration[p] = early[p].finish - early[p].start;  // late dates keep total slack = LS - ES = LF - EF
        } else if (opts.as_of) {
            lo = std::max(lo, as_of);
            if (t.percent > 0 && t.percent < 100)  // what is left of a task under way
                duration[p] = static_cast<std::int32_t>((d * (100.0 - t.percent) + 99.999) / 100.0);
        }
        min_start[p] = lo;
        max_finish[p] = hi;
    }

    /// A summary's start bounds bind the tasks below it (parents come after children in the
    /// order, so walk positions backwards along roll-up edges).
    void push_summary_bounds_down() {
        for (std::size_t p = n; p-- > 0;)
            for (auto k = net.out_offsets_[p]; k < net.out_offsets_[p + 1]; ++k)
                if (net.out_[k].is_rollup()) min_start[p] = std::max(min_start[p], min_start[net.out_[k].other]);
    }

    /// The span of a summary's sub-tasks in `dates` (early or late).
    span_of_moments rolled_up(const array<span_of_moments>& dates, std::size_t p) const {
        span_of_moments s{detail::plus_inf, detail::minus_inf};
        for (auto k = net.in_offsets_[p]; k < net.in_offsets_[p + 1]; ++k)
            if (net.in_[k].is_rollup()) {
                s.start = std::min(s.start, dates[net.in_[k].other].start);
                s.finish = std::max(s.finish, dates[net.in_[k].other].finish);
            }
        return s;
    }

    /// Early dates, predecessors first: a leaf after its links and bounds, a summary over its
    /// sub-tasks, a done task where it is.
    void forward_pass() {
        project_finish = r.start_moment;
        for (std::uint32_t p = 0; p < n; ++p) {
            if (!is(p, active)) continue;
            if (is(p, summary)) early[p] = rolled_up(early, p);
            else if (!done[p]) place_after_links(p);
            if (early[p].finish + 1 >= r.days.size() && !r.days.reach_number(early[p].finish + 1))
                throw net.runs_past_calendar(tasks, p);
            project_finish = std::max(project_finish, early[p].finish);
        }
    }

    /// A leaf starts at its own bound, or later when a link says so; that link then drives it.
    void place_after_links(std::uint32_t p) {
        std::int32_t link_lo = detail::minus_inf;
        std::uint32_t best = no_driver;
        for (auto k = net.in_offsets_[p]; k < net.in_offsets_[p + 1]; ++k) {
            const detail::sched_edge e = net.in_[k];  // a leaf's in-edges are all links
            const std::int32_t b = detail::earliest_start(e.type(), e.lag(), early[e.other], duration[p]);
            if (b > link_lo) {
                link_lo = b;
                best = k;
            }
        }
        if (link_lo > min_start[p]) {
            early[p].start = link_lo;
            by_link[p] = 1;
            driver[p] = best;
        } else {
            early[p].start = min_start[p];
        }
        early[p].finish = early[p].start + duration[p];
    }

    /// Late dates, successors first. A summary keeps, in `late`, the bounds its successors and
    /// its own deadline put on the tasks below it, on their starts and on their finishes apart;
    /// its rolled-up late dates come after. A leaf's bound on its start bounds its finish
    /// `duration` later.
    void backward_pass() {
        for (std::size_t p = n; p-- > 0;) {
            if (!is(p, active)) continue;
            std::int32_t finish_by = std::min(project_finish, max_finish[p]), start_by = detail::plus_inf;
            for (auto k = net.out_offsets_[p]; k < net.out_offsets_[p + 1]; ++k) {
                const detail::sched_edge e = net.out_[k];
                const span_of_moments& next = late[e.other];
                if (e.is_rollup()) {
                    finish_by = std::min(finish_by, next.finish);
                    start_by = std::min(start_by, next.start);
                } else {
                    auto& by = detail::ends_of(e.type()).from_finish ? finish_by : start_by;
                    by = std::min(by, detail::latest_linked_end(e.type(), e.lag(), next));
                }
            }
            if (is(p, summary)) {
                late[p] = {start_by, finish_by};
                continue;
            }
            late[p].finish = std::min(finish_by, start_by == detail::plus_inf ? detail::plus_inf : start_by + duration[p]);
            late[p].start = late[p].finish - duration[p];
            if (late[p].start <= 0 && late[p].start - 1 < first_countable()) throw net.runs_before_calendar(tasks, p);
        }
    }

    /// A summary's late dates span its sub-tasks' (children come first in the order).
    void roll_up_late_dates() {
        for (std::uint32_t p = 0; p < n; ++p)
            if (is(p, active | summary)) late[p] = rolled_up(late, p);
    }

    /// How far the task can slip without moving a successor or the end of the schedule.
    std::int32_t free_slack(std::size_t p) const {
        std::int32_t free = project_finish - early[p].finish;
        for (auto k = net.out_offsets_[p]; k < net.out_offsets_[p + 1]; ++k)
            if (const detail::sched_edge e = net.out_[k]; !e.is_rollup())
                free = std::min(free, detail::free_slack(e.type(), e.lag(), early[p], early[e.other]));
        return free;
    }

    /// Slack, criticality, drivers and dates as shown, by task id.
    void write_results() {
        r.finish_moment = project_finish;
        r.days.extend_to_number(std::max(project_finish, r.start_moment) + 1);
        r.finish = r.start;
        r.tasks.assign(n, {});
        r.driver.assign(n, no_driver);
        for (std::uint32_t p = 0; p < n; ++p) {
            if (!is(p, active)) continue;
            auto& s = r.tasks[net.order_[p]];
            s.scheduled = true;
            s.summary = is(p, summary);
            s.done = done[p];
            s.placed_by_link = by_link[p];
            s.early_start_moment = early[p].start;
            s.early_finish_moment = early[p].finish;
            s.late_start_moment = late[p].start;
            s.late_finish_moment = late[p].finish;
            // Equal for a leaf; a summary takes the smaller of its start and finish slack, as MS
            // Project does.
            s.total_slack = std::min(late[p].start - early[p].start, late[p].finish - early[p].finish);
            s.critical = s.total_slack <= 0;
            s.free_slack = std::max(0, std::min(free_slack(p), std::max(s.total_slack, 0)));
            if (driver[p] != no_driver) r.driver[net.order_[p]] = net.in_link_[driver[p]];
            if (s.summary) continue;
            show_dates(s, p);
            if (r.finish < s.early_finish) r.finish = s.early_finish;
        }
    }

    /// A leaf's dates as planning tools show them (see the header comment on milestones).
    void show_dates(task_schedule& s, std::size_t p) const {
        const detail::deferred<working_days, Defer>& wd = r.days;
        if (early[p].start == early[p].finish) {  // a milestone (or nothing left to do)
            s.early_start = s.early_finish = wd.day(by_link[p] || done[p] ? early[p].start - 1 : early[p].start);
            s.late_start = s.late_finish = wd.day(late[p].finish - 1);
        } else {
            s.early_start = wd.day(early[p].start);
            s.early_finish = wd.day(early[p].finish - 1);
            s.late_start = wd.day(late[p].start);
            s.late_finish = wd.day(late[p].finish - 1);
        }
        if (done[p]) {  // it keeps its actual finish, a non-working day included (a weekend's overtime)
            const date c = *tasks[net.order_[p]].completed;
            if (early[p].start == early[p].finish) s.early_start = c;
            s.early_finish = c;
        }
        s.start = s.early_start;
        s.finish = s.early_finish;
    }

    /// ALAP tasks are scheduled on their late dates.
    void schedule_alap() {
        for (std::size_t i = 0; i < n; ++i)
            if (tasks[i].constraint.kind == constraint_kind::as_late_as_possible && r.tasks[i].scheduled &&
                !r.tasks[i].done) {
                r.tasks[i].start = r.tasks[i].late_start;
                r.tasks[i].finish = r.tasks[i].late_finish;
            }
    }

    /// Summaries span the shown dates of their sub-tasks (children come first in the order).
    void span_summaries() {
        for (std::uint32_t p = 0; p < n; ++p) {
            if (!is(p, active | summary)) continue;
            auto& s = r.tasks[net.order_[p]];
            bool first = true;
            for (auto k = net.in_offsets_[p]; k < net.in_offsets_[p + 1]; ++k) {
                if (!net.in_[k].is_rollup()) continue;
                const auto& c = r.tasks[net.order_[net.in_[k].other]];
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
            s.start = s.early_start;
            s.finish = s.early_finish;
            r.finish = std::max(r.finish, s.early_finish);
        }
    }
};

template <class Defer>
schedule_result basic_schedule_network<Defer>::run(task_range tasks, const calendar& cal,
                                                   const schedule_options& opts) const {
    pass_state s(*this, tasks, opts);
    s.count_days(cal);
    s.bound_tasks();
    if (has_summaries_) s.push_summary_bounds_down();
    s.forward_pass();
    s.backward_pass();
    if (has_summaries_) s.roll_up_late_dates();
    s.write_results();
    s.schedule_alap();
    if (has_summaries_) s.span_summaries();
    return std::move(s.r);
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
    detail::deferred_vector<std::uint8_t, U> drives_critical(tasks.size(), 0);
    for (std::size_t t = 0; t < tasks.size(); ++t)
        if (tasks[t].critical && r.driver[t] != no_driver) {
            auto from = index(m.links()[r.driver[t]].from);
            if (tasks[from].critical) drives_critical[from] = 1;
        }
    detail::deferred_vector<std::vector<task_id>, U> paths;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        if (!tasks[t].scheduled || tasks[t].summary || !tasks[t].critical || drives_critical[t]) continue;
        detail::deferred_vector<task_id, U> path{make_id<task_id>(t)};
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

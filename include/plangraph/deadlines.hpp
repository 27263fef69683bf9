#pragma once
// Deadline propagation. A task's due date bounds
//  - its sub-tasks (decomposition: a summary's deadline is every part's deadline). The plan
//    cascade is the same relation: a province's task that concretises a central task names it
//    as `parent`, a commune's task names the province's, so "complete by 15/11/2025" at the
//    centre reaches every commune through the parents;
//  - every task it waits on, backward through links by type and lag (an FS predecessor must
//    finish `lag` working days before the successor's latest start, and so on).
// Each task gets the tightest such bound (its effective deadline) and where it comes from.
// Conflicts are reported, not hidden: a task whose early finish is past its effective deadline,
// with the chain of links that makes it late, and a sub-task due after its parent's deadline.
//
// Bounds are carried in 64 bits: a long chain of long predecessors moves a bound back by up to
// 2 * limits::max_lag per link, which 32 bits would not hold. A bound before the first day the
// calendar can count throws schedule_error naming the task.
#include "detail/deferred.hpp"
#include "detail/link_rules.hpp"
#include "schedule.hpp"

#include <cstdint>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace plangraph {

/// A task's effective deadline: the last day it may finish, the task whose due date sets it,
/// and the next step towards that task (the parent, or the successor through `via_link`).
struct effective_deadline {
    std::optional<date> deadline{};      // absent when nothing bounds the task
    int finish_moment = 0;               // the bound as a working-day moment (see schedule.hpp)
    task_id source = no_id<task_id>;     // whose `due` it is
    task_id via = no_id<task_id>;        // the next task on the way to `source`; none at the source
    link_id via_link = no_id<link_id>;   // the link to `via`; none when `via` is the parent
};

enum class conflict_kind : std::uint8_t {
    finishes_late,           // early finish after the effective deadline
    due_after_parent,        // a sub-task's own due date is after its parent's deadline
};

struct deadline_conflict {
    conflict_kind kind = conflict_kind::finishes_late;
    task_id task = no_id<task_id>;
    int days_late = 0;                  // working days past the deadline (finishes_late)
    std::vector<task_id> chain{};       // finishes_late: the driving tasks, first to `task`
    std::vector<link_id> links{};       // the links between consecutive tasks of `chain`
    std::string message{};
};

struct deadline_report {
    std::vector<effective_deadline> tasks{};  // indexed by task id
    std::vector<deadline_conflict> conflicts{};
};

/// Propagates the due dates of `m` over the schedule `r` computed for it (its calendar and
/// durations, and its early finishes for the conflicts), in the order of `net`, the network
/// compiled from `m` that `r` was run on: compiled once, shared with the schedule.
template <class U, class T, class I>
deadline_report propagate_deadlines(const basic_model<U, T, I>& m, const detail::deferred<schedule_network, U>& net,
                                    const detail::deferred<schedule_result, U>& r) {
    // Types spelled through detail::deferred: compiled where it is called (issue 13).
    const auto tasks = m.tasks();
    const std::size_t n = tasks.size();
    if (net.size() != n || r.tasks.size() != n)
        throw schedule_error("deadlines: the network or the schedule was made for another model (" + std::to_string(net.size()) +
                             " and " + std::to_string(r.tasks.size()) + " tasks, the model has " + std::to_string(n) + ")");
    const detail::deferred<working_days, U>& wd = r.days;
    constexpr std::int64_t none = detail::plus_inf;
    detail::deferred<deadline_report, U> out;
    out.tasks.assign(n, {});
    detail::deferred_vector<std::int64_t, U> bound(n, none);
    // The number of the first day the calendar can count, found when a bound reaches back before
    // the schedule's days (rare: a deadline that cannot be met by far).
    detail::deferred<std::optional<std::int64_t>, U> first_number, last_number;
    auto first_countable = [&] {
        if (!first_number) first_number = wd.on_or_after(first_countable_day());
        return *first_number;
    };
    auto last_countable = [&] {  // likewise past them (negative lags push a bound forward)
        if (!last_number) last_number = wd.on_or_before(last_countable_day());
        return *last_number;
    };
    auto duration = [&](std::size_t t) -> std::int64_t { return r.tasks[t].early_finish_moment - r.tasks[t].early_start_moment; };

    // Out-links per task, so the sweep visits successors.
    detail::deferred_vector<std::uint32_t, U> offsets(n + 1, 0), by_source(m.links().size());
    for (const auto& l : m.links()) ++offsets[index(l.from) + 1];
    for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
    {
        detail::deferred_vector<std::uint32_t, U> next(offsets.begin(), offsets.end() - 1);
        for (std::size_t e = 0; e < m.links().size(); ++e)
            by_source[next[index(m.links()[e].from)]++] = static_cast<std::uint32_t>(e);
    }

    // Successors and parents come later in the network's order: sweep it backwards.
    auto order = net.order();
    for (std::size_t k = order.size(); k-- > 0;) {
        const std::size_t t = order[k];
        if (!r.tasks[t].scheduled) continue;
        auto& eff = out.tasks[t];
        auto offer = [&](std::int64_t b, task_id source, task_id via, link_id via_link) {
            if (b < bound[t]) {
                bound[t] = b;
                eff.source = source;
                eff.via = via;
                eff.via_link = via_link;
            }
        };
        if (tasks[t].due) offer(wd.on_or_before(*tasks[t].due) + 1, make_id<task_id>(t), no_id<task_id>, no_id<link_id>);
        if (auto p = tasks[t].parent; !is_none(p) && r.tasks[index(p)].scheduled && bound[index(p)] != none)
            offer(bound[index(p)], out.tasks[index(p)].source, p, no_id<link_id>);
        for (auto i = offsets[t]; i < offsets[t + 1]; ++i) {
            const auto& l = m.links()[by_source[i]];
            auto s = index(l.to);
            if (!r.tasks[s].scheduled || bound[s] == none) continue;
            const detail::moments<std::int64_t> late{bound[s] - duration(s), bound[s]};
            offer(detail::latest_finish(l.type, l.lag, late, duration(t)), out.tasks[s].source, l.to,
                  make_id<link_id>(by_source[i]));
        }
        if (bound[t] != none) {
            if (bound[t] <= 0 && bound[t] - 1 < first_countable())
                throw schedule_error(std::string("deadlines: task ").append(tasks[t].key) + " would have to finish before " +
                                     format_date(first_countable_day()) +
                                     ", the first day the calendar can count, to meet the deadlines after it");
            if (bound[t] > wd.size() && bound[t] - 1 > last_countable())
                throw schedule_error(std::string("deadlines: task ").append(tasks[t].key) + "'s deadline falls after " +
                                     format_date(last_countable_day()) +
                                     ", the last day the calendar can count (negative lags push it past)");
            eff.finish_moment = static_cast<int>(bound[t]);
            eff.deadline = wd.day(eff.finish_moment - 1);
        }
    }

    // Conflicts.
    for (std::size_t t = 0; t < n; ++t) {
        const auto& eff = out.tasks[t];
        const auto& s = r.tasks[t];
        if (!s.scheduled) continue;
        // Compared in working days: a due date on a Saturday is the same bound as the Friday.
        if (auto p = tasks[t].parent; tasks[t].due && !is_none(p) && out.tasks[index(p)].deadline &&
                                       wd.on_or_before(*tasks[t].due) + 1 > out.tasks[index(p)].finish_moment) {
            detail::deferred<deadline_conflict, U> c{.kind = conflict_kind::due_after_parent, .task = make_id<task_id>(t)};
            c.message = std::string("task ").append(tasks[t].key) + " is due " + format_date(*tasks[t].due) + ", after its parent " +
                        std::string(tasks[index(p)].key) + "'s deadline " + format_date(*out.tasks[index(p)].deadline);
            if (out.tasks[index(p)].source != p) c.message.append(" (from ").append(tasks[index(out.tasks[index(p)].source)].key).append(")");
            out.conflicts.push_back(std::move(c));
        }
        if (!eff.deadline || s.summary || s.early_finish_moment <= eff.finish_moment) continue;
        detail::deferred<deadline_conflict, U> c{.kind = conflict_kind::finishes_late, .task = make_id<task_id>(t)};
        c.days_late = s.early_finish_moment - eff.finish_moment;
        c.chain.push_back(make_id<task_id>(t));
        for (auto v = t; r.driver[v] != no_driver;) {
            c.links.push_back(make_id<link_id>(r.driver[v]));
            v = index(m.links()[r.driver[v]].from);
            c.chain.push_back(make_id<task_id>(v));
        }
        std::reverse(c.chain.begin(), c.chain.end());
        std::reverse(c.links.begin(), c.links.end());
        c.message = std::string("task ").append(tasks[t].key) + " finishes " + format_date(s.early_finish) + ", " +
                    std::to_string(c.days_late) + " working day" + (c.days_late == 1 ? "" : "s") +
                    " after its deadline " + format_date(*eff.deadline) + " (due of " + std::string(tasks[index(eff.source)].key);
        for (auto v = make_id<task_id>(t); out.tasks[index(v)].source != v && !is_none(out.tasks[index(v)].via);) {
            const auto& step = out.tasks[index(v)];
            c.message += is_none(step.via_link) ? ", via parent " : ", via ";
            c.message += tasks[index(step.via)].key;
            if (!is_none(step.via_link)) {
                const auto& l = m.links()[index(step.via_link)];
                // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict on `"(" + std::string&&`.
                c.message += " (";
                c.message += to_string(l.type);
                if (l.lag > 0) c.message += '+';
                if (l.lag) c.message += std::to_string(l.lag);
                c.message += ")";
            }
            v = step.via;
        }
        c.message += ")";
        if (c.chain.size() > 1) {
            c.message += "; driven by ";
            for (std::size_t i = 0; i < c.chain.size(); ++i) {
                if (i) {
                    const auto& l = m.links()[index(c.links[i - 1])];
                    c.message += " -";
                    c.message += to_string(l.type);
                    if (l.lag > 0) c.message += '+';
                    if (l.lag) c.message += std::to_string(l.lag);
                    c.message += "-> ";
                }
                c.message += tasks[index(c.chain[i])].key;
            }
        }
        out.conflicts.push_back(std::move(c));
    }
    return out;
}

/// The same, compiling the network of `m` again.
template <class U, class T, class I>
deadline_report propagate_deadlines(const basic_model<U, T, I>& m, const schedule_result& r) {
    return propagate_deadlines(m, schedule_network(m), r);
}

}  // namespace plangraph

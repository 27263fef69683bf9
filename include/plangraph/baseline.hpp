#pragma once
// Baselines and variance (DESIGN.md, "Progress over time").
//
// A baseline holds the agreed start and finish of tasks (a plan's first approved schedule), by
// task id; tasks without an entry take no part in variance or earned schedule. baseline_from(r)
// takes every scheduled task's early start and early finish as the schedule shows them (a
// milestone's shown day; with a progress-aware schedule, its dates). A plan is often re-baselined:
// baseline_set keeps several under their names ("original", "re-baseline 2025-09", …) in the
// order they were added.
//
// Variance of a task, in working days: start_variance = early start − baseline start,
// finish_variance = early finish − baseline finish (positive = later than agreed), each date taken
// as its working-day number, the count of working days up to and including it (so a date on a
// non-working day counts as the working day before it). Absent for a task without a baseline
// entry or without a schedule (cancelled).
//
// Entries are checked where they come in: both dates within limits.hpp's bounds and the finish
// not before the start, else model_error. Reading baseline.csv is io/baseline.hpp; JSON is
// io/baseline_json.hpp.
//
// The functions are templates with one instance and the classes class templates under their
// names' `basic_` spelling, their types spelled through detail::deferred, so that a translation
// unit that includes this header and never uses a baseline compiles none of their code (issue 13).
#include "calendar.hpp"
#include "date.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"
#include "ids.hpp"
#include "limits.hpp"
#include "schedule.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph {

/// A task's agreed dates.
struct baseline_dates {
    date start{};
    date finish{};

    bool operator==(const baseline_dates&) const = default;
};

/// Why `dates` cannot be a baseline entry (a date out of range, the finish before the start), or
/// empty when they can.
template <class D = void>
std::string baseline_dates_problem(const detail::deferred<baseline_dates, D>& d) {
    auto range = [](date x) {
        return format_date(x) + " is outside " + format_date(limits::min_date()) + ".." + format_date(limits::max_date());
    };
    if (!limits::in_range(d.start)) return "start " + range(d.start);
    if (!limits::in_range(d.finish)) return "finish " + range(d.finish);
    if (d.finish < d.start) return "finish " + format_date(d.finish) + " is before start " + format_date(d.start);
    return {};
}

/// One named baseline: agreed dates by task id.
template <class Defer = void>
class basic_baseline {
public:
    basic_baseline() = default;
    explicit basic_baseline(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    void rename(std::string name) { name_ = std::move(name); }

    /// Sets a task's agreed dates; throws model_error (and changes nothing) when they cannot be.
    void set(task_id t, baseline_dates d) {
        if (auto why = baseline_dates_problem(d); !why.empty())
            throw model_error("baseline " + name_ + ": task #" + std::to_string(index(t)) + ": " + why);
        if (index(t) >= dates_.size()) dates_.resize(index(t) + 1);
        if (!dates_[index(t)]) ++count_;
        dates_[index(t)] = d;
    }
    void erase(task_id t) {
        if (index(t) < dates_.size() && dates_[index(t)]) {
            dates_[index(t)].reset();
            --count_;
        }
    }
    /// The task's agreed dates, absent without an entry.
    std::optional<baseline_dates> operator[](task_id t) const {
        return index(t) < dates_.size() ? dates_[index(t)] : std::nullopt;
    }
    /// How many tasks have an entry.
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    /// Entries by task id (absent past the last task with one).
    std::span<const std::optional<baseline_dates>> entries() const { return dates_; }

    bool operator==(const basic_baseline& o) const {
        if (name_ != o.name_ || count_ != o.count_) return false;
        const std::size_t n = std::max(dates_.size(), o.dates_.size());
        for (std::size_t i = 0; i < n; ++i)
            if ((*this)[make_id<task_id>(i)] != o[make_id<task_id>(i)]) return false;
        return true;
    }

private:
    detail::deferred<std::string, Defer> name_{};
    detail::deferred_vector<std::optional<baseline_dates>, Defer> dates_{};
    std::size_t count_ = 0;
};
using baseline = basic_baseline<>;

/// Several baselines by name, in the order they were added.
template <class Defer = void>
class basic_baseline_set {
public:
    /// Adds `b`, replacing a baseline of the same name (in its place); returns the one kept.
    baseline& add(baseline b) {
        for (auto& x : all_)
            if (x.name() == b.name()) return x = std::move(b);
        return all_.emplace_back(std::move(b));
    }
    const baseline* find(std::string_view name) const {
        for (const auto& x : all_)
            if (x.name() == name) return &x;
        return nullptr;
    }
    bool remove(std::string_view name) {
        auto it = std::find_if(all_.begin(), all_.end(), [&](const baseline& x) { return x.name() == name; });
        if (it == all_.end()) return false;
        all_.erase(it);
        return true;
    }
    /// The last one added (the current agreement); nullptr when there is none.
    const baseline* latest() const { return all_.empty() ? nullptr : &all_.back(); }
    std::span<const baseline> all() const { return all_; }
    std::size_t size() const { return all_.size(); }

private:
    detail::deferred_vector<baseline, Defer> all_{};
};
using baseline_set = basic_baseline_set<>;

/// A baseline from a schedule: every scheduled task's early start and early finish as shown.
/// Throws model_error when a date lies outside limits.hpp's range (a schedule may run past the
/// dates a model accepts, and a baseline must read back).
template <class D = void>
baseline baseline_from(const detail::deferred<schedule_result, D>& r, std::string name = {}) {
    detail::deferred<baseline, D> b(std::move(name));
    for (std::size_t i = 0; i < r.tasks.size(); ++i)
        if (const auto& s = r.tasks[i]; s.scheduled) b.set(make_id<task_id>(i), {s.early_start, s.early_finish});
    return b;
}

/// A task's baseline and variance; every field absent without an entry, the variances absent too
/// without a schedule.
struct task_variance {
    std::optional<date> baseline_start{}, baseline_finish{};
    std::optional<int> start_variance{}, finish_variance{};

    bool operator==(const task_variance&) const = default;
};

/// Working-day numbers of the dates a variance reads: the count of working days up to and
/// including a date, up to a constant that differences cancel.
template <class D = void>
int working_day_number(const detail::deferred<working_days, D>& wd, date d) { return wd.on_or_before(d); }

/// One task's variance, its dates numbered by `wd` (the schedule's calendar).
template <class D = void>
task_variance variance(const detail::deferred<working_days, D>& wd, const task_schedule& s,
                       detail::deferred<std::optional<baseline_dates>, D> b) {
    detail::deferred<task_variance, D> v;
    if (!b) return v;
    v.baseline_start = b->start;
    v.baseline_finish = b->finish;
    if (!s.scheduled) return v;
    v.start_variance = working_day_number(wd, s.early_start) - working_day_number(wd, b->start);
    v.finish_variance = working_day_number(wd, s.early_finish) - working_day_number(wd, b->finish);
    return v;
}

/// Every task's variance (indexed by task id) against `b`, on the schedule's calendar.
template <class D = void>
std::vector<task_variance> variances(const detail::deferred<schedule_result, D>& r, const baseline& b) {
    // Number days over the range every compared date lies in, once, for O(1) look-ups.
    detail::deferred<std::optional<date>, D> lo, hi;
    auto see = [&](date d) {
        if (!lo || d < *lo) lo = d;
        if (!hi || *hi < d) hi = d;
    };
    for (std::size_t i = 0; i < r.tasks.size(); ++i)
        if (auto e = b[make_id<task_id>(i)]; e && r.tasks[i].scheduled) {
            see(e->start), see(e->finish);
            see(r.tasks[i].early_start), see(r.tasks[i].early_finish);
        }
    detail::deferred_vector<task_variance, D> out(r.tasks.size());
    if (!lo) lo = hi = r.start;
    const detail::deferred<working_days, D> wd(r.days.week_calendar(), *lo, *hi);
    for (std::size_t i = 0; i < r.tasks.size(); ++i) out[i] = variance(wd, r.tasks[i], b[make_id<task_id>(i)]);
    return out;
}

}  // namespace plangraph

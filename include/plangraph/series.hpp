#pragma once
// Rollups at many dates at once (DESIGN.md, "Progress over time"): the rollup as of each of
// D1 < D2 < … < Dk, computed together in one pass over the tasks, equal date by date to the
// single-date rollups of rollup.hpp bit for bit, floating sums included (==).
//
// How. As D grows a task's status changes at most twice: in progress until its due date, overdue
// after it, done from its completion date on (done on time or late for good). Each task finds
// the index of those two dates among the sorted series dates (a lookup table over the days the
// series spans, O(1)) and writes what changes there into its node's row of differences; a prefix
// sum over the dates and one post-order pass per date give every node's counts at every date.
// Cost: O(tasks + nodes × dates), memory O(nodes × dates).
//
// Why bit for bit. A node's own sums are rollup.hpp's exact_counts: integers, so the differences
// added date by date come to exactly what the single-date rollup adds task by task; each is
// rounded once and added up the tree in the same post-order as there.
//
// Dates. A series' dates must be strictly increasing and within the documented bounds
// (limits.hpp), at most limits::max_series_dates of them; anything else throws series_error naming
// the offending date and its 1-based position. expand_dates(from, to, every) gives the dates
// from `from` stepping by a day, a week or a month (from + n months, so the 31st stays at the
// end of shorter months) while they are ≤ `to`; `to` itself is a date of the series only when a
// step lands on it.
//
// Indicators carry no date of their own as of which they were recorded (a row is its period's
// figure), so they, and the indicator counts the lights read, are the same at every date of a
// series: report_series computes them once and the traffic lights at each date from them.
//
// The functions are templates, their types spelled through detail::deferred where they would
// not depend on a parameter, so that a translation unit that includes this header and never
// rolls up a series compiles none of their code (issue 13).
#include "aggregate.hpp"
#include "date.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "limits.hpp"
#include "rollup.hpp"
#include "task.hpp"
#include "traffic_light.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph {

/// Dates of a series out of order, duplicated, out of range, malformed, or too many.
class series_error : public error {
public:
    using error::error;
};

/// The step of expand_dates.
enum class date_step : std::uint8_t { day, week, month };

/// A template (detail/deferred.hpp): std::optional<date_step> is compiled where it is
/// called; `parse_date_step<>` names it as a function.
template <class D = void>
constexpr detail::deferred<std::optional<date_step>, D> parse_date_step(std::string_view s) {
    if (s == "day") return date_step::day;
    if (s == "week") return date_step::week;
    if (s == "month") return date_step::month;
    return std::nullopt;
}

namespace detail {

template <class D = void>
std::string date_at(deferred<date, D> d, std::size_t i) { return format_date(d) + " (date " + std::to_string(i + 1) + ")"; }

template <class D = void>
void check_in_range(deferred<date, D> d, std::size_t i) {
    if (!limits::in_range(d))
        throw series_error("as-of date " + date_at(d, i) + " is outside " + format_date(limits::min_date()) + ".." +
                           format_date(limits::max_date()));
}

}  // namespace detail

/// Throws series_error unless `dates` is a non-empty, strictly increasing list of dates in range.
template <class D = void>
void check_series_dates(detail::deferred<std::span<const date>, D> dates) {
    if (dates.empty()) throw series_error("a series needs at least one as-of date");
    if (dates.size() > limits::max_series_dates)
        throw series_error(std::to_string(dates.size()) + " as-of dates: a series holds at most " +
                           std::to_string(limits::max_series_dates));
    for (std::size_t i = 0; i < dates.size(); ++i) {
        detail::check_in_range(dates[i], i);
        if (i == 0 || dates[i - 1] < dates[i]) continue;
        if (dates[i - 1] == dates[i])
            throw series_error("as-of date " + detail::date_at(dates[i], i) + " repeats date " + std::to_string(i));
        throw series_error("as-of dates must be increasing: " + detail::date_at(dates[i], i) + " comes after " +
                           detail::date_at(dates[i - 1], i - 1));
    }
}

/// The dates of a comma-separated list "D1,D2,…" (spaces around a date are allowed), checked by
/// check_series_dates; a malformed one throws series_error naming it and its position.
template <class D = void>
std::vector<date> parse_date_list(detail::deferred<std::string_view, D> text) {
    detail::deferred_vector<date, D> out;
    for (std::size_t i = 0;; ++i) {
        auto comma = text.find(',');
        auto item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        auto d = parse_date(item);
        if (!d)
            throw series_error("as-of date " + std::to_string(i + 1) + " '" + std::string(item) +
                               "' is not a date YYYY-MM-DD");
        out.push_back(*d);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    check_series_dates(out);
    return out;
}

/// The dates from `from` to `to` by `every` (see the top of this header). Throws series_error
/// when `to` is before `from`, a date is out of range or the series would be too long.
template <class D = void>
std::vector<date> expand_dates(detail::deferred<date, D> from, date to, date_step every) {
    detail::check_in_range(from, 0);
    if (!limits::in_range(to))
        throw series_error("end date " + format_date(to) + " is outside " + format_date(limits::min_date()) + ".." +
                           format_date(limits::max_date()));
    if (to < from) throw series_error("end date " + format_date(to) + " is before start date " + format_date(from));
    detail::deferred_vector<date, D> out;
    for (int n = 0;; ++n) {
        date d = every == date_step::day    ? from + boost::gregorian::days(n)
                 : every == date_step::week ? from + boost::gregorian::weeks(n)
                                            : from + boost::gregorian::months(n);
        if (to < d) break;
        if (out.size() == limits::max_series_dates)
            throw series_error("from " + format_date(from) + " to " + format_date(to) + " is more than " +
                               std::to_string(limits::max_series_dates) + " dates");
        out.push_back(d);
    }
    return out;
}

namespace detail {

/// For a day number x, the index of the first series date on or after x (k when there is none),
/// by a table over the days from the first date to the last.
template <class Defer = void>
class basic_series_index {
public:
    explicit basic_series_index(deferred<std::span<const date>, Defer> dates)
        : first_(static_cast<std::int64_t>(dates.front().day_number())),
          k_(static_cast<std::uint32_t>(dates.size())) {
        const auto last = static_cast<std::int64_t>(dates.back().day_number());
        table_.resize(static_cast<std::size_t>(last - first_ + 1));
        std::uint32_t j = 0;
        for (std::size_t off = 0; off < table_.size(); ++off) {
            while (static_cast<std::int64_t>(dates[j].day_number()) < first_ + static_cast<std::int64_t>(off)) ++j;
            table_[off] = j;
        }
    }
    std::uint32_t size() const { return k_; }
    std::uint32_t first_on_or_after(std::int64_t x) const {
        if (x <= first_) return 0;
        auto off = static_cast<std::uint64_t>(x - first_);
        return off < table_.size() ? table_[off] : k_;
    }
    /// The first date index at which a task with this completion (no_day: none) is done.
    std::uint32_t done_from(std::int32_t completed) const { return first_on_or_after(completed); }
    /// The first date index at which a task with this due date (no_day: none) is late.
    std::uint32_t late_from(std::int32_t due) const {
        return due == no_day ? k_ : first_on_or_after(static_cast<std::int64_t>(due) + 1);
    }

private:
    std::int64_t first_;
    std::uint32_t k_;
    deferred_vector<std::uint32_t, Defer> table_;
};
using series_index = basic_series_index<>;

/// Writes what task `r` changes, date by date, into `diff` (k + 1 rows; row k is never read):
/// row 0 holds what it is at the first date, row j what changes at date j.
template <class D = void>
void add_series_changes(deferred<std::span<exact_counts>, D> diff, const task_record& r, const series_index& at) {
    auto n = [](task_status s) { return static_cast<std::size_t>(s); };
    exact_counts& first = diff[0];
    if (r.cancelled) {
        ++first.by_status[n(task_status::cancelled)];
        return;
    }
    const std::uint32_t done = at.done_from(r.completed), late = at.late_from(r.due);
    const std::int32_t leaf_duration = r.leaf ? r.duration : 0;
    const double partial = leaf_duration * (r.percent / 100.0);
    first.weight += r.weight;
    first.duration += leaf_duration;
    first.duration_done += partial;
    ++first.by_status[n(task_status::in_progress)];
    --diff[std::min(done, late)].by_status[n(task_status::in_progress)];
    if (late < done) {
        ++diff[late].by_status[n(task_status::overdue)];
        --diff[done].by_status[n(task_status::overdue)];
    }
    exact_counts& d = diff[done];
    ++d.by_status[n(r.completed <= r.due ? task_status::done_on_time : task_status::done_late)];
    d.weight_done += r.weight;
    d.duration_done += leaf_duration;  // done counts 100%: the whole duration in place of the part
    d.duration_done -= partial;
}

/// rows[j][node] as of dates[j]: the records added into their owner's row, then up the tree.
template <strong_id Id, class Records>
std::vector<std::vector<status_counts>> series_rows(const hierarchy<Id>& tree, const Records& records,
                                                    std::span<const date> dates) {
    check_series_dates(dates);
    const deferred<series_index, Records> at(dates);
    const std::size_t k = dates.size(), width = k + 1, nodes = tree.size();
    deferred_vector<exact_counts, Records> diff(nodes * width);
    records([&](const task_record& r) { add_series_changes(std::span(diff).subspan(r.owner * width, width), r, at); });
    deferred_vector<std::vector<status_counts>, Records> rows(k, std::vector<status_counts>(nodes));
    for (std::size_t v = 0; v < nodes; ++v) {
        exact_counts run;
        for (std::size_t j = 0; j < k; ++j) rows[j][v] = (run += diff[v * width + j]).value();
    }
    for (auto& row : rows) accumulate_up<Id>(tree, row);
    return rows;
}

/// Calls `f(record)` for every task with an owner (owner_of returns an index or none).
template <class Tasks, class OwnerOf>
auto record_source(Tasks tasks, OwnerOf owner_of) {
    return [tasks, owner_of](auto&& f) {
        const auto leaf = leaf_tasks(tasks);
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            auto owner = owner_of(tasks[i], i);
            if (owner != std::numeric_limits<std::uint32_t>::max()) f(make_record(tasks[i], owner, leaf[i]));
        }
    };
}

}  // namespace detail

/// A rollup at each date of a series: rows[j] is what the single-date rollup returns as of
/// dates[j] (indexed by node id).
struct series_rollup {
    std::vector<date> dates{};
    std::vector<std::vector<status_counts>> rows{};

    std::size_t size() const { return dates.size(); }
    /// A template (detail/deferred.hpp): the span's constructor is compiled where it is called.
    template <class D = void>
    std::span<const status_counts> at(std::size_t j) const {
        const detail::deferred<std::vector<status_counts>, D>& row = rows[j];
        return row;
    }
};

/// Per unit and date: rollup_units(m, dates[j]) for every j, in one pass over the tasks.
template <class Model>
series_rollup rollup_series(const Model& m, std::span<const date> dates) {
    auto source = detail::record_source(m.tasks(), [](const task_view& t, std::size_t) {
        return static_cast<std::uint32_t>(index(t.unit));
    });
    return {{dates.begin(), dates.end()}, detail::series_rows<unit_id>(m.unit_hierarchy(), source, dates)};
}

/// Per task and date: rollup_tasks(m, dates[j]) for every j.
template <class Model>
series_rollup rollup_series_tasks(const Model& m, std::span<const date> dates) {
    auto source = detail::record_source(m.tasks(), [](const task_view&, std::size_t i) { return static_cast<std::uint32_t>(i); });
    return {{dates.begin(), dates.end()}, detail::series_rows<task_id>(m.task_hierarchy(), source, dates)};
}

/// Per plan and date: rollup_plans(m, dates[j]) for every j.
template <class Model>
series_rollup rollup_series_plans(const Model& m, std::span<const date> dates) {
    auto source = detail::record_source(m.tasks(), [](const task_view& t, std::size_t) {
        return static_cast<std::uint32_t>(index(t.plan));
    });
    return {{dates.begin(), dates.end()}, detail::series_rows<plan_id>(m.plan_hierarchy(), source, dates)};
}

/// The whole per-unit report at each date: counts, rates and sums (units), the indicators and
/// their counts (the same at every date, see the top of this header) and the traffic lights.
struct report_series {
    series_rollup units{};
    std::vector<indicator_value> indicators{};
    std::vector<unit_indicator_counts> indicator_counts{};
    std::vector<std::vector<traffic_light>> lights{};  // lights[j][unit]
};

template <class Model>
report_series rollup_report_series(const Model& m, std::span<const date> dates, const light_rules& rules = {}) {
    detail::deferred<report_series, Model> out{.units = rollup_series(m, dates)};
    out.indicators = aggregate_indicators(m);
    out.indicator_counts = count_indicators(m, out.indicators);
    const auto& tree = m.unit_hierarchy();
    for (const auto& row : out.units.rows) out.lights.push_back(traffic_lights(tree, row, out.indicator_counts, rules));
    return out;
}

}  // namespace plangraph

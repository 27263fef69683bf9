#pragma once
// The status of a task as of a date D, exactly as DESIGN.md defines it. With due date d (may be
// absent) and completion date c (absent while not done):
//
//   cancelled     explicitly cancelled: counted apart, excluded from every denominator
//   done_on_time  c ≤ D and (d absent or c ≤ d)
//   done_late     c ≤ D and c > d
//   in_progress   not done as of D and (d absent or D ≤ d)   ("in progress within deadline")
//   overdue       not done as of D and d < D
//
// A task completed after D is not yet done as of D, so a report can be reproduced for any past
// date from today's data.
#include "date.hpp"
#include "task.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace plangraph {

enum class task_status : std::uint8_t { done_on_time, done_late, in_progress, overdue, cancelled };

inline constexpr std::size_t task_status_count = 5;

constexpr std::string_view to_string(task_status s) {
    constexpr std::string_view names[] = {"done_on_time", "done_late", "in_progress", "overdue",
                                          "cancelled"};
    return names[static_cast<std::size_t>(s)];
}

constexpr bool is_done(task_status s) {
    return s == task_status::done_on_time || s == task_status::done_late;
}

/// The status as of `as_of` of a task with these dates.
inline task_status status_as_of(bool cancelled, const std::optional<date>& due,
                                const std::optional<date>& completed, date as_of) {
    if (cancelled) return task_status::cancelled;
    if (completed && *completed <= as_of)
        return !due || *completed <= *due ? task_status::done_on_time : task_status::done_late;
    return !due || as_of <= *due ? task_status::in_progress : task_status::overdue;
}

inline task_status status_as_of(const task_view& t, date as_of) {
    return status_as_of(t.cancelled, t.due, t.completed, as_of);
}

}  // namespace plangraph

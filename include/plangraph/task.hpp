#pragma once
// A task of a plan: `task`, the value users build with, and `task_view`, what the model hands
// out (its tasks are kept in columns, task_table.hpp). Both have the same members, so code that
// reads a task reads either; every reader of a task takes a task_view, which a task converts to.
#include "date.hpp"
#include "detail/deferred.hpp"
#include "ids.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph {

/// The scheduling constraints planning tools offer. `start` and `due` of a task are always
/// honoured as start-no-earlier-than and deadline; this is one extra constraint on top.
enum class constraint_kind : std::uint8_t {
    as_soon_as_possible,
    as_late_as_possible,
    start_no_earlier_than,
    start_no_later_than,
    finish_no_earlier_than,
    finish_no_later_than,
    must_start_on,
    must_finish_on,
};

constexpr std::string_view to_string(constraint_kind k) {
    constexpr std::string_view names[] = {"ASAP", "ALAP", "SNET", "SNLT",
                                          "FNET", "FNLT", "MSO",  "MFO"};
    return names[static_cast<int>(k)];
}

/// A template (detail/deferred.hpp): std::optional<constraint_kind> is compiled where it is
/// called; `parse_constraint_kind<>` names it as a function.
template <class D = void>
constexpr detail::deferred<std::optional<constraint_kind>, D> parse_constraint_kind(std::string_view s) {
    for (int i = 0; i < 8; ++i) {
        auto k = static_cast<constraint_kind>(i);
        if (to_string(k) == s) return k;
    }
    return std::nullopt;
}

struct task_constraint {
    constraint_kind kind = constraint_kind::as_soon_as_possible;
    std::optional<date> on{};  // required by every kind but ASAP and ALAP

    bool operator==(const task_constraint&) const = default;
};

/// A task of a plan, owned by a unit. Dates are days; `duration` is in working days and 0 makes a
/// milestone. `completed` is the completion date (absent while not done); `start` is the
/// earliest start; `due` the deadline.
struct task {
    std::string key{};
    std::string name{};
    unit_id unit = no_id<unit_id>;
    plan_id plan = no_id<plan_id>;
    task_id parent = no_id<task_id>;  // the summary task this one decomposes
    std::optional<date> start{};
    std::optional<date> due{};
    int duration = 0;
    std::optional<date> completed{};
    double percent = 0.0;
    double weight = 1.0;
    bool cancelled = false;
    bool recurring = false;
    task_constraint constraint{};

    bool is_milestone() const { return duration == 0; }
    bool operator==(const task&) const = default;
};

/// A task read from the model or from a `task`, by value: the key and name view characters held
/// elsewhere (the model's text arena, or the task), valid while that holder is unchanged.
struct task_view {
    std::string_view key{};
    std::string_view name{};
    unit_id unit = no_id<unit_id>;
    plan_id plan = no_id<plan_id>;
    task_id parent = no_id<task_id>;
    std::optional<date> start{};
    std::optional<date> due{};
    int duration = 0;
    std::optional<date> completed{};
    double percent = 0.0;
    double weight = 1.0;
    bool cancelled = false;
    bool recurring = false;
    task_constraint constraint{};

    task_view() = default;
    task_view(const task& t) noexcept  // implicit: whatever reads a view reads a task
        : key(t.key), name(t.name), unit(t.unit), plan(t.plan), parent(t.parent), start(t.start), due(t.due),
          duration(t.duration), completed(t.completed), percent(t.percent), weight(t.weight),
          cancelled(t.cancelled), recurring(t.recurring), constraint(t.constraint) {}

    bool is_milestone() const { return duration == 0; }
    /// An owning copy.
    task to_task() const {
        return {std::string(key), std::string(name), unit, plan, parent, start, due, duration, completed,
                percent, weight, cancelled, recurring, constraint};
    }
    bool operator==(const task_view&) const = default;
};

}  // namespace plangraph

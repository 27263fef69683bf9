#pragma once
// Resources and demands (DESIGN.md, "Resources and levelling"). A resource offers `capacity`
// whole units on every working day (a commune's officials, a province's IT team) and may name the
// unit it belongs to; a demand says a task uses `amount` units of a resource on every working day
// it runs. The rules they keep, written once for validate() on a draft and for the model's
// mutations:
//   - a capacity and an amount are whole numbers in 0..limits::max_capacity;
//   - an amount is at most its resource's capacity (else the task could never run);
//   - summary tasks and milestones demand nothing;
//   - one demand per task and resource (checked where the demands are listed).
// A cancelled task takes no part in the schedule: its demands are kept (and written back) but
// ignored, so they are not held to the rules that concern running the task.
#include "detail/deferred.hpp"
#include "detail/field_checks.hpp"
#include "ids.hpp"
#include "limits.hpp"
#include "task.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace plangraph {

struct resource {
    std::string key{};
    std::string name{};
    unit_id unit = no_id<unit_id>;  // the unit it belongs to, if any
    int capacity = 0;

    bool operator==(const resource&) const = default;
};

/// `task` uses `amount` units of `resource` on every working day it runs.
struct demand {
    task_id task = no_id<task_id>;
    resource_id resource = no_id<resource_id>;
    int amount = 0;

    bool operator==(const demand&) const = default;
};

namespace detail {

/// A whole number in 0..limits::max_capacity. Taken as a double so that a fractional amount
/// read from a file is caught here, with the integers the model holds.
template <class What>
void check_whole(deferred_vector<field_problem, What>& out, const What& what, const char* field, double v) {
    if (!std::isfinite(v) || v < 0) check_number(out, what(), field, v, true);
    else if (v != std::floor(v))
        out.push_back({problem_kind::invalid_value, field, what() + ": " + field + " " + number_text(v) + " is not a whole number"});
    else check_range(out, what, field, v, 0, limits::max_capacity);
}

template <class D = void>
std::vector<field_problem> check_fields(const deferred<resource, D>& r, double capacity) {
    deferred_vector<field_problem, D> out;
    if (r.key.empty()) check_key(out, "resource", r.key);
    check_whole(out, [&r] { return "resource " + r.key; }, "capacity", capacity);
    return out;
}

inline std::string demand_name(std::string_view task, std::string_view resource) {
    return std::string("demand of task ").append(task).append(" on resource ").append(resource);
}

/// The rules a demand of `amount` keeps against its task (a summary task when `summary`) and its
/// resource of `capacity` (as read: a draft's is checked beside it).
template <class D = void>
std::vector<field_problem> check_demand(double amount, const deferred<task_view, D>& t, bool summary, const resource& r,
                                        double capacity) {
    deferred_vector<field_problem, D> out;
    auto what = [&] { return demand_name(t.key, r.key); };
    check_whole(out, what, "amount", amount);
    if (t.cancelled) return out;
    if (summary)
        out.push_back({problem_kind::invalid_value, "task", what().append(": task ").append(t.key).append(" is a summary task, which demands nothing")});
    else if (t.is_milestone())
        out.push_back({problem_kind::invalid_value, "task", what().append(": task ").append(t.key).append(" is a milestone, which demands nothing")});
    if (out.empty() && amount > capacity)
        out.push_back({problem_kind::invalid_value, "amount",
                       what() + ": amount " + number_text(amount) + " is above the capacity " +
                           number_text(capacity) + " of resource " + r.key});
    return out;
}

}  // namespace detail

}  // namespace plangraph

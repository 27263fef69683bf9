#pragma once
// The use of every resource over time as a step function: sorted breakpoints, each opening a
// segment of constant use that lasts to the next (the last one, empty, to infinity). Finding
// where an activity fits and booking it cost a walk over segments, never over days, so a
// duration of 100,000 days costs what a duration of one does. A class template with one
// instance, compiled only where levelling uses it (detail/deferred.hpp, issue 13).
#include "../rcpsp.hpp"
#include "deferred.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace plangraph::detail {

template <class Defer = void>
class basic_resource_profile {
public:
    explicit basic_resource_profile(const deferred_vector<rcpsp::resource, Defer>& resources) {
        capacity_.reserve(resources.size());
        for (const auto& r : resources) capacity_.push_back(r.capacity);
        clear();
    }

    /// Nothing booked.
    void clear() {
        times_.assign(1, 0);
        used_.assign(capacity_.size(), 0);
    }

    /// The first day >= from on which `demands` fit for `duration` days in a row.
    int earliest_fit(int from, int duration, const deferred_vector<rcpsp::demand, Defer>& demands) const {
        if (duration == 0 || demands.empty()) return from;
        int t = from;
        std::size_t k = segment_of(t);
        for (;;) {
            std::size_t j = k;
            while (j < times_.size() && times_[j] < t + duration && fits(j, demands)) ++j;
            if (j == times_.size() || times_[j] >= t + duration) return t;
            t = times_[j + 1];  // segment j is full: start after it (the last segment never is)
            k = j + 1;
        }
    }

    /// Books `demands` on days start .. start + duration - 1.
    void book(int start, int duration, const deferred_vector<rcpsp::demand, Defer>& demands) {
        if (duration == 0 || demands.empty()) return;
        std::size_t first = split_at(start), last = split_at(start + duration);
        for (std::size_t k = first; k < last; ++k)
            for (const auto& d : demands) used_[k * capacity_.size() + d.resource] += d.amount;
    }

    /// Units of resource r in use on `day`.
    int used(int day, std::size_t r) const {
        return day < 0 ? 0 : used_[segment_of(day) * capacity_.size() + r];
    }

private:
    std::size_t segment_of(int day) const {
        return static_cast<std::size_t>(std::upper_bound(times_.begin(), times_.end(), day) - times_.begin()) - 1;
    }

    bool fits(std::size_t k, const deferred_vector<rcpsp::demand, Defer>& demands) const {
        const int* use = used_.data() + k * capacity_.size();
        return std::all_of(demands.begin(), demands.end(),
                           [&](const rcpsp::demand& d) { return use[d.resource] + d.amount <= capacity_[d.resource]; });
    }

    /// The segment that begins on `day`, splitting the one that holds it if needed.
    std::size_t split_at(int day) {
        std::size_t k = segment_of(day);
        if (times_[k] == day) return k;
        auto r = capacity_.size();
        times_.insert(times_.begin() + static_cast<std::ptrdiff_t>(k + 1), day);
        used_.insert(used_.begin() + static_cast<std::ptrdiff_t>((k + 1) * r), r, 0);
        std::copy_n(used_.begin() + static_cast<std::ptrdiff_t>(k * r), r,
                    used_.begin() + static_cast<std::ptrdiff_t>((k + 1) * r));
        return k + 1;
    }

    using array = deferred_vector<int, Defer>;

    array capacity_{};
    array times_{};  // segment k covers [times_[k], times_[k + 1])
    array used_{};   // segment k, resource r at k * resources + r
};
using resource_profile = basic_resource_profile<>;

}  // namespace plangraph::detail

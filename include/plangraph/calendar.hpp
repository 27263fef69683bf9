#pragma once
// A working-day calendar: which weekdays are worked, plus dated exceptions (public holidays,
// make-up working days). Without exceptions, Saturday and Sunday are non-working.
#include "date.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace plangraph {

class calendar {
public:
    /// Monday to Friday working, no exceptions.
    calendar() : weekly_{false, true, true, true, true, true, false} {}

    /// `working[d]` for d = 0 (Sunday) … 6 (Saturday), as boost::gregorian numbers weekdays.
    explicit calendar(std::array<bool, 7> working) : weekly_(working) {}

    bool weekday_working(boost::date_time::weekdays d) const { return weekly_[d]; }
    void set_weekday(boost::date_time::weekdays d, bool working) { weekly_[d] = working; }

    /// Marks one day as working or not, overriding its weekday; replaces an earlier exception.
    void set_exception(date day, bool working) {
        auto it = lower(day);
        if (it != exceptions_.end() && it->first == day)
            it->second = working;
        else
            exceptions_.insert(it, {day, working});
    }

    bool is_working(date day) const {
        auto it = lower(day);
        if (it != exceptions_.end() && it->first == day) return it->second;
        return weekly_[day.day_of_week()];
    }

    /// The exceptions, sorted by day.
    const std::vector<std::pair<date, bool>>& exceptions() const { return exceptions_; }
    const std::array<bool, 7>& weekly() const { return weekly_; }

    bool operator==(const calendar&) const = default;

private:
    std::vector<std::pair<date, bool>>::const_iterator lower(date day) const {
        return std::lower_bound(exceptions_.begin(), exceptions_.end(), day,
                                [](const auto& e, date d) { return e.first < d; });
    }
    std::vector<std::pair<date, bool>>::iterator lower(date day) {
        return std::lower_bound(exceptions_.begin(), exceptions_.end(), day,
                                [](const auto& e, date d) { return e.first < d; });
    }

    std::array<bool, 7> weekly_;
    std::vector<std::pair<date, bool>> exceptions_;
};

}  // namespace plangraph

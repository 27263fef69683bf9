#pragma once
// A working-day calendar: which weekdays are worked, plus dated exceptions (public holidays,
// make-up working days). Without exceptions, Saturday and Sunday are non-working.
//
// Both are class templates with one instance (`calendar`, `working_days`), their members' types
// spelled through detail::deferred, so that a TU that includes this header compiles their code
// only where it uses them (issue 13).
#include "date.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <utility>
#include <vector>

namespace plangraph {

template <class Defer = void>
class basic_calendar {
    using exception_list = detail::deferred_vector<std::pair<date, bool>, Defer>;

public:
    /// Monday to Friday working, no exceptions.
    basic_calendar() : weekly_{false, true, true, true, true, true, false} {}

    /// `working[d]` for d = 0 (Sunday) … 6 (Saturday), as boost::gregorian numbers weekdays.
    explicit basic_calendar(std::array<bool, 7> working) : weekly_(working) {}

    bool weekday_working(boost::date_time::weekdays d) const { return weekly_[d]; }
    void set_weekday(boost::date_time::weekdays d, bool working) { weekly_[d] = working; }

    /// Marks one day as working or not, overriding its weekday; replaces an earlier exception.
    /// Linear in the exceptions held (a sorted insert): to set many, use set_exceptions.
    void set_exception(date day, bool working) {
        auto it = lower(day);
        if (it != exceptions_.end() && it->first == day)
            it->second = working;
        else
            exceptions_.insert(it, {day, working});
    }

    /// Sets many exceptions at once, in any order, as if set_exception were called for each in
    /// turn (a later one for the same day wins, over those held too), in O(k log k + n) for k new
    /// and n held: one sort and one merge. `exceptions` is a range of pairs (date, bool) or of
    /// rows with `day` and `working` members. The loaders (CSV, JSON, MSPDI) build calendars
    /// with it, so exceptions in reverse order cost no more than sorted ones.
    template <class Range>
    void set_exceptions(const Range& exceptions) {
        exception_list added;
        if constexpr (std::ranges::sized_range<Range>) added.reserve(std::ranges::size(exceptions));
        for (const auto& e : exceptions) added.push_back(as_exception(e));
        // Stable: rows of one day keep their order, and the last of them is kept.
        std::stable_sort(added.begin(), added.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        exception_list merged;
        merged.reserve(exceptions_.size() + added.size());
        auto held = exceptions_.begin();
        for (auto it = added.begin(); it != added.end(); ++it) {
            if (std::next(it) != added.end() && std::next(it)->first == it->first) continue;
            while (held != exceptions_.end() && held->first < it->first) merged.push_back(*held++);
            if (held != exceptions_.end() && held->first == it->first) ++held;  // replaced
            merged.push_back(*it);
        }
        merged.insert(merged.end(), held, exceptions_.end());
        exceptions_ = std::move(merged);
    }

    bool is_working(date day) const {
        auto it = lower(day);
        if (it != exceptions_.end() && it->first == day) return it->second;
        return weekly_[day.day_of_week()];
    }

    /// Working days in [from, to): whole weeks by the weekly pattern, then the exceptions in the
    /// span corrected one by one, so a span of centuries costs no more than a week.
    long count_working(date from, date to) const {
        if (!(from < to)) return 0;
        const long span = (to - from).days();
        const long per_week = std::count(weekly_.begin(), weekly_.end(), true);
        long n = span / 7 * per_week;
        for (long k = 0, first = from.day_of_week(); k < span % 7; ++k)
            n += weekly_[static_cast<std::size_t>((first + k) % 7)];
        for (auto it = lower(from); it != exceptions_.end() && it->first < to; ++it)
            n += long{it->second} - long{weekly_[it->first.day_of_week()]};
        return n;
    }

    /// The exceptions, sorted by day.
    const exception_list& exceptions() const { return exceptions_; }
    const std::array<bool, 7>& weekly() const { return weekly_; }

    bool operator==(const basic_calendar&) const = default;

private:
    static std::pair<date, bool> as_exception(const std::pair<date, bool>& e) { return e; }
    template <class Row>
        requires requires(const Row& r) {
            { r.day } -> std::convertible_to<date>;
            { r.working } -> std::convertible_to<bool>;
        }
    static std::pair<date, bool> as_exception(const Row& r) {
        return {r.day, r.working};
    }

    typename exception_list::const_iterator lower(date day) const {
        return std::lower_bound(exceptions_.begin(), exceptions_.end(), day,
                                [](const auto& e, date d) { return e.first < d; });
    }
    typename exception_list::iterator lower(date day) {
        return std::lower_bound(exceptions_.begin(), exceptions_.end(), day,
                                [](const auto& e, date d) { return e.first < d; });
    }

    std::array<bool, 7> weekly_;
    exception_list exceptions_;
};

/// The one instance, a class of its own rather than an alias so that its name stays a class
/// name (an alias would be shadowed, under -Wshadow, by enumerators such as model_file::calendar).
class calendar : public basic_calendar<> {
public:
    using basic_calendar::basic_calendar;
};

/// Working days numbered over a range of dates, for O(1) conversion both ways. Number 0 is the
/// first working day on or after `first()`; days before the range get negative numbers. Dates
/// and numbers outside the precomputed range still convert (in closed form, see count_working), and
/// `extend_to_number` grows the range in amortised O(1) per day. Only the days Boost can count
/// (first_countable_day() .. last_countable_day()) have numbers: asking past them throws
/// plangraph::error, never Boost's bad_year.
template <class Defer = void>
class basic_working_days {
public:
    basic_working_days() : basic_working_days(plangraph::calendar{}, date(2000, 1, 1), date(2000, 1, 1)) {}

    basic_working_days(plangraph::calendar cal, date first, date last) : cal_(std::move(cal)), first_(first) {
        require_countable(first);
        require_countable(last);
        if (last < first) last = first;
        if (std::none_of(cal_.weekly().begin(), cal_.weekly().end(), [](bool w) { return w; }))
            throw error("calendar: no weekday is working, so working days cannot be counted");
        before_.push_back(0);
        while (first_ + boost::gregorian::days(span()) <= last) push_day();
    }

    const plangraph::calendar& week_calendar() const { return cal_; }
    date first() const { return first_; }
    /// The last day of the precomputed range.
    date last() const { return first_ + boost::gregorian::days(span() - 1); }
    /// How many working days the precomputed range holds.
    int size() const { return static_cast<int>(offset_.size()); }

    bool is_working(date d) const { return cal_.is_working(d); }

    /// The number of `d` when it is a working day, else of the first working day after it.
    int on_or_after(date d) const {
        require_countable(d);
        long k = (d - first_).days();
        if (k >= 0 && k < span()) return before_[static_cast<std::size_t>(k)];
        if (k >= span()) return before_.back() + static_cast<int>(cal_.count_working(past_range(), d));
        return -static_cast<int>(cal_.count_working(d, first_));
    }
    /// The number of `d` when it is a working day, else of the last working day before it.
    int on_or_before(date d) const {
        if (d == last_countable_day()) return is_working(d) ? on_or_after(d) : on_or_after(d) - 1;
        return on_or_after(d + boost::gregorian::days(1)) - 1;
    }

    /// The date of working day number `n`. Outside the range, found by bisection over days with
    /// count_working, so a number centuries away costs a few dozen counts, not a walk.
    date day(int n) const {
        if (n >= 0 && n < size()) return first_ + boost::gregorian::days(offset_[static_cast<std::size_t>(n)]);
        if (n >= size()) {  // the first day x past the range with n - size() + 1 working days in [past, x]
            const long wanted = long{n} - size() + 1;
            const date past = past_range();
            const date beyond = last_countable_day() + boost::gregorian::days(1);
            if (past > last_countable_day() || cal_.count_working(past, beyond) < wanted) throw_outside(n);
            return past + boost::gregorian::days(least((last_countable_day() - past).days(), [&](long k) {
                       return cal_.count_working(past, past + boost::gregorian::days(k + 1)) >= wanted;
                   }));
        }
        const long wanted = -long{n};  // the last day x before first with `wanted` working days in [x, first)
        if (cal_.count_working(first_countable_day(), first_) < wanted) throw_outside(n);
        return first_ - boost::gregorian::days(least((first_ - first_countable_day()).days(), [&](long k) {
                   return cal_.count_working(first_ - boost::gregorian::days(k), first_) >= wanted;
               }));
    }

    /// Working days in [a, b] (inclusive, as planning tools count durations); 0 when b < a.
    int count(date a, date b) const { return b < a ? 0 : on_or_before(b) - on_or_after(a) + 1; }

    /// The working day `n` working days after `d` (before it when n < 0), counting from the
    /// first working day on or after `d` (n = 0 gives that day).
    date add(date d, int n) const { return day(on_or_after(d) + n); }

    /// Grows the precomputed range towards working day `n`, no further than the last day the
    /// calendar can count; whether `n` then lies in it.
    bool reach_number(int n) {
        while (size() <= n) {
            if (first_ + boost::gregorian::days(span()) > last_countable_day()) return false;
            push_day();
        }
        return true;
    }

    /// Grows the precomputed range until working day `n` lies in it.
    void extend_to_number(int n) {
        if (!reach_number(n))
            throw error("calendar: working day " + std::to_string(n) + " falls past " +
                        format_date(last_countable_day()) + ", the last day the calendar can count");
    }

private:
    long span() const { return static_cast<long>(before_.size()) - 1; }
    void push_day() {
        date x = first_ + boost::gregorian::days(span());
        if (cal_.is_working(x)) offset_.push_back(static_cast<std::int32_t>(span()));
        before_.push_back(static_cast<std::int32_t>(offset_.size()));
    }

    static void require_countable(date d) {
        if (!countable(d))
            throw error("calendar: " + (d.is_special() ? std::string("not a date") : std::string("a day")) +
                        " outside " + format_date(first_countable_day()) + ".." + format_date(last_countable_day()) +
                        " cannot be counted");
    }
    /// The least k in [0, hi] for which `holds(k)`, a predicate false then true as k grows.
    template <class Predicate>
    static long least(long hi, Predicate holds) {
        long lo = 0;
        while (lo < hi) {
            const long mid = lo + (hi - lo) / 2;
            if (holds(mid)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// The first day after the precomputed range.
    date past_range() const { return first_ + boost::gregorian::days(span()); }

    [[noreturn]] static void throw_outside(int n) {
        throw error("calendar: working day " + std::to_string(n) + " falls outside " +
                    format_date(first_countable_day()) + ".." + format_date(last_countable_day()) +
                    ", the days the calendar can count");
    }

    detail::deferred<plangraph::calendar, Defer> cal_;
    date first_;
    detail::deferred_vector<std::int32_t, Defer> before_;  // before_[k]: working days in [first, first + k)
    detail::deferred_vector<std::int32_t, Defer> offset_;  // offset_[n]: days from first to working day n
};
using working_days = basic_working_days<>;

}  // namespace plangraph

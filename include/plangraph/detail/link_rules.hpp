#pragma once
// What a link means for dates, written once. A link of type T and lag L from task P to task S
// says one end of S comes no earlier than one end of P plus L working days: FS start(S) >=
// finish(P) + L, SS start by start, FF finish by finish, SF finish(S) by start(P). The
// scheduler's passes, the deadlines and levelling all take their arithmetic from here.
//
// Dates are working-day moments, as in schedule.hpp: a task occupies [start, finish), its finish
// one past its last working day, so finish = start + duration and a milestone is one moment.
// The functions are templates on the moment type: the scheduler counts in 32 bits, the deadlines
// in 64 (a bound carried back through a long chain of lags needs them).
#include "../link.hpp"

#include <type_traits>

namespace plangraph::detail {

/// A task's span in moments: [start, finish).
template <class Moment>
struct moments {
    Moment start{}, finish{};
    bool operator==(const moments&) const = default;
};

/// The ends a link joins: its predecessor's finish (or start), its successor's finish (or start).
struct linked_ends {
    bool from_finish = true, to_finish = false;
};

constexpr linked_ends ends_of(link_type t) {
    // FS, SS, FF, SF are 0..3: bit 0 set when the link leaves the predecessor's start, bit 1 when
    // it enters the successor's finish (bits, not a table: the passes call this on every edge).
    const auto bits = static_cast<unsigned>(t);
    return {(bits & 1u) == 0, (bits & 2u) != 0};
}
static_assert(ends_of(link_type::finish_to_start).from_finish && !ends_of(link_type::finish_to_start).to_finish);
static_assert(!ends_of(link_type::start_to_start).from_finish && !ends_of(link_type::start_to_start).to_finish);
static_assert(ends_of(link_type::finish_to_finish).from_finish && ends_of(link_type::finish_to_finish).to_finish);
static_assert(!ends_of(link_type::start_to_finish).from_finish && ends_of(link_type::start_to_finish).to_finish);

template <class Moment>
constexpr Moment end_of(const moments<Moment>& s, bool finish) {
    return finish ? s.finish : s.start;
}

/// The earliest start the link allows its successor, of `successor_duration`, after the
/// predecessor's dates.
template <class Moment>
constexpr Moment earliest_start(link_type t, std::type_identity_t<Moment> lag, const moments<Moment>& predecessor,
                                std::type_identity_t<Moment> successor_duration) {
    const auto e = ends_of(t);
    return end_of(predecessor, e.from_finish) + lag - (e.to_finish ? successor_duration : Moment{0});
}

/// The latest moment the link allows the predecessor's linked end (its finish for FS and FF, its
/// start for SS and SF) before the successor's late dates. Kept apart from latest_finish for
/// summary tasks, whose start and finish bounds bind their sub-tasks separately.
template <class Moment>
constexpr Moment latest_linked_end(link_type t, std::type_identity_t<Moment> lag, const moments<Moment>& successor) {
    return end_of(successor, ends_of(t).to_finish) - lag;
}

/// The latest finish the link allows its predecessor, of `predecessor_duration`, before the
/// successor's late dates.
template <class Moment>
constexpr Moment latest_finish(link_type t, std::type_identity_t<Moment> lag, const moments<Moment>& successor,
                               std::type_identity_t<Moment> predecessor_duration) {
    return latest_linked_end(t, lag, successor) + (ends_of(t).from_finish ? Moment{0} : predecessor_duration);
}

/// How far the predecessor can slip before the link moves its successor (negative when the link
/// does not hold; callers clamp).
template <class Moment>
constexpr Moment free_slack(link_type t, std::type_identity_t<Moment> lag, const moments<Moment>& predecessor,
                            const moments<Moment>& successor) {
    const auto e = ends_of(t);
    return end_of(successor, e.to_finish) - lag - end_of(predecessor, e.from_finish);
}

/// The least start-to-start distance the link puts between tasks of fixed durations:
/// start(S) >= start(P) + distance (what levelling's arcs carry).
constexpr int start_distance(link_type t, int lag, int from_duration, int to_duration) {
    return earliest_start<int>(t, lag, {0, from_duration}, to_duration);
}

}  // namespace plangraph::detail

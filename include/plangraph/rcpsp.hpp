#pragma once
// A resource-constrained project (RCPSP) on a whole-day axis, independent of plangraph::model so
// the calendar layer can be put on top: day 0 is the schedule's first working day, an activity
// of duration D starting on day s runs on days s .. s + D - 1, a resource offers the same whole
// capacity every day; an activity of duration 0 (a milestone) runs on no day and uses nothing.
// Precedence is one kind of arc, a minimum start-to-start distance S_to >= S_from + distance;
// every link type with a lag reduces to it on fixed durations (`start_distance`), and the
// distance may be negative. The arcs must form an acyclic graph.
//
// `validate` reports every problem as a value; `network` checks and compiles the project once
// (throws invalid_model), and the critical path, the levelling passes and the search
// (levelling.hpp) run on the compiled network. Bounds (limits.hpp) keep every start within
// `max_horizon`, so no day arithmetic can overflow an int.
//
// The functions are templates with one instance and the classes class templates under their
// names' `basic_` spelling, so that a translation unit that includes this header (the umbrella
// does) and never levels compiles none of their code (detail/deferred.hpp, issue 13).
#include "detail/deferred.hpp"
#include "detail/link_rules.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "link.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace plangraph::rcpsp {

/// `amount` units of resource number `resource` on every day the activity runs.
struct demand {
    std::size_t resource = 0;
    int amount = 0;
    bool operator==(const demand&) const = default;
};

struct activity {
    std::string id{};  // names the activity in problems and in delayed_by's caller
    int duration = 0;  // whole days, 0 for a milestone
    int release = 0;   // earliest start day
    std::vector<demand> demands{};
    bool operator==(const activity&) const = default;
};

struct resource {
    std::string id{};
    int capacity = 0;
    bool operator==(const resource&) const = default;
};

/// S_to >= S_from + distance (activity indices).
struct arc {
    std::size_t from = 0, to = 0;
    int distance = 0;
    bool operator==(const arc&) const = default;
};

struct project {
    std::vector<resource> resources{};
    std::vector<activity> activities{};
    std::vector<arc> arcs{};
};

/// The start-to-start distance of a link between two activities of fixed durations
/// (detail/link_rules.hpp): FS bounds start by finish + lag, SS start by start, FF finish by
/// finish, SF finish by start.
constexpr int start_distance(link_type type, int lag, int from_duration, int to_duration) {
    return plangraph::detail::start_distance(type, lag, from_duration, to_duration);
}

/// Largest distance an arc may carry: a duration plus a lag, both within limits.hpp.
inline constexpr int max_distance = limits::max_duration + limits::max_lag;
/// Latest day any schedule of an accepted project can reach: a serial schedule never starts an
/// activity later than the sum of every duration, positive distance and the latest release.
inline constexpr std::int64_t max_horizon = std::numeric_limits<int>::max() / 4;

namespace detail {

using plangraph::detail::deferred;
using plangraph::detail::deferred_vector;

template <class D = void>
std::string name(const detail::deferred<activity, D>& a, std::size_t i) {
    return a.id.empty() ? "activity " + std::to_string(i + 1) : a.id;
}
template <class D = void>
std::string name(const detail::deferred<resource, D>& r, std::size_t i) {
    return r.id.empty() ? "resource " + std::to_string(i + 1) : r.id;
}

/// One end of an arc as seen from the other: that activity and the distance.
struct edge {
    std::uint32_t other;
    int distance;
};

/// The arcs of n activities as compressed rows: out of each activity (`outgoing`) or into it.
template <class Defer = void>
struct basic_arc_rows {
    plangraph::detail::deferred_vector<std::uint32_t, Defer> offsets{};
    plangraph::detail::deferred_vector<edge, Defer> edges{};

    basic_arc_rows() = default;
    basic_arc_rows(std::size_t n, const plangraph::detail::deferred_vector<arc, Defer>& arcs, bool outgoing)
        : offsets(n + 1, 0), edges(arcs.size()) {
        for (const auto& a : arcs) ++offsets[(outgoing ? a.from : a.to) + 1];
        for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
        auto fill = offsets;
        for (const auto& a : arcs) {
            auto [at, other] = outgoing ? std::pair{a.from, a.to} : std::pair{a.to, a.from};
            edges[fill[at]++] = {static_cast<std::uint32_t>(other), a.distance};
        }
    }
    std::pair<const edge*, const edge*> of(std::size_t i) const {
        return {edges.data() + offsets[i], edges.data() + offsets[i + 1]};
    }
    std::vector<std::uint32_t> sizes() const {
        std::vector<std::uint32_t> d(offsets.size() - 1);
        for (std::size_t i = 0; i < d.size(); ++i) d[i] = offsets[i + 1] - offsets[i];
        return d;
    }
};
using arc_rows = basic_arc_rows<>;

/// Kahn's algorithm over `successors`, always taking the ready activity with the smallest key
/// (ties by index); returns fewer than n activities when the arcs hold a cycle.
template <class Key>
std::vector<std::size_t> keyed_topological_order(const deferred<arc_rows, Key>& successors,
                                                 deferred_vector<std::uint32_t, Key> indegree, Key key) {
    using entry = std::pair<decltype(key(std::size_t{})), std::size_t>;
    std::priority_queue<entry, std::vector<entry>, std::greater<>> ready;
    for (std::size_t i = 0; i < indegree.size(); ++i)
        if (indegree[i] == 0) ready.emplace(key(i), i);
    deferred_vector<std::size_t, Key> order;
    order.reserve(indegree.size());
    while (!ready.empty()) {
        auto i = ready.top().second;
        ready.pop();
        order.push_back(i);
        for (auto [x, end] = successors.of(i); x != end; ++x)
            if (--indegree[x->other] == 0) ready.emplace(key(x->other), x->other);
    }
    return order;
}

template <class D = void>
std::vector<std::size_t> topological_order(const detail::deferred<arc_rows, D>& successors,
                                           std::vector<std::uint32_t> indegree) {
    return keyed_topological_order(successors, std::move(indegree), [](std::size_t i) { return i; });
}

/// Collects problems as validate() reports them (no location: the project is not a file).
template <class Defer = void>
struct basic_problem_list {
    plangraph::detail::deferred_vector<problem, Defer> out{};
    void add(problem_kind k, std::string message, std::vector<std::string> ids = {}) {
        out.push_back({k, std::move(message), std::move(ids), {}});
    }
};
using problem_list = basic_problem_list<>;

template <class D = void>
void check_resources(const detail::deferred<project, D>& p, detail::deferred<problem_list, D>& problems) {
    for (std::size_t r = 0; r < p.resources.size(); ++r)
        if (p.resources[r].capacity < 0) {
            auto who = name(p.resources[r], r);
            problems.add(problem_kind::invalid_value, who + ": negative capacity", {who});
        }
}

template <class D = void>
void check_demands(const detail::deferred<project, D>& p, std::size_t i, detail::deferred<problem_list, D>& problems) {
    auto who = name(p.activities[i], i);
    deferred_vector<bool, D> seen(p.resources.size(), false);
    for (const auto& d : p.activities[i].demands) {
        if (d.resource >= p.resources.size()) {
            problems.add(problem_kind::unknown_reference,
                         who + ": demand on unknown resource " + std::to_string(d.resource + 1), {who});
            continue;
        }
        const auto& res = p.resources[d.resource];
        auto what = name(res, d.resource);
        if (seen[d.resource]) problems.add(problem_kind::duplicate_id, who + ": two demands on " + what, {who, what});
        seen[d.resource] = true;
        if (d.amount < 0)
            problems.add(problem_kind::invalid_value, who + ": negative demand on " + what, {who, what});
        else if (d.amount > res.capacity)
            problems.add(problem_kind::invalid_value,
                         who + ": demand " + std::to_string(d.amount) + " on " + what + " above its capacity " +
                             std::to_string(res.capacity),
                         {who, what});
    }
}

/// Checks durations, releases and demands; returns the days they add to the horizon.
template <class D = void>
std::int64_t check_activities(const detail::deferred<project, D>& p, detail::deferred<problem_list, D>& problems) {
    std::int64_t horizon = 0;
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        const auto& a = p.activities[i];
        auto who = name(a, i);
        if (a.duration < 0) problems.add(problem_kind::negative_duration, who + ": negative duration", {who});
        if (a.duration > limits::max_duration)
            problems.add(problem_kind::out_of_range, who + ": duration above " + std::to_string(limits::max_duration),
                         {who});
        if (a.release < 0) problems.add(problem_kind::invalid_value, who + ": negative release", {who});
        horizon = std::max<std::int64_t>(horizon + std::max(a.duration, 0), a.release);
        check_demands(p, i, problems);
    }
    return horizon;
}

/// Checks the arcs' ends and distances; returns the days they add to the horizon, or -1 when an
/// end is unknown (the graph cannot be walked then).
template <class D = void>
std::int64_t check_arcs(const detail::deferred<project, D>& p, detail::deferred<problem_list, D>& problems) {
    std::int64_t horizon = 0;
    bool ends_known = true;
    for (const auto& a : p.arcs) {
        if (a.from >= p.activities.size() || a.to >= p.activities.size()) {
            problems.add(problem_kind::unknown_reference,
                         "arc " + std::to_string(a.from + 1) + " -> " + std::to_string(a.to + 1) + ": unknown activity");
            ends_known = false;
            continue;
        }
        auto ids = std::vector<std::string>{name(p.activities[a.from], a.from), name(p.activities[a.to], a.to)};
        if (a.distance < -max_distance || a.distance > max_distance)
            problems.add(problem_kind::out_of_range,
                         ids[0] + " -> " + ids[1] + ": distance outside +-" + std::to_string(max_distance), ids);
        horizon += std::max(a.distance, 0);
    }
    return ends_known ? horizon : -1;
}

/// A cycle of the arcs, in order, or nothing. Every activity Kahn's order leaves out has a
/// predecessor left out: walking back along those must come round, and the loop is a cycle.
template <class D = void>
std::vector<std::size_t> find_cycle(const detail::deferred<project, D>& p) {
    std::size_t n = p.activities.size();
    const deferred<arc_rows, D> predecessors(n, p.arcs, false);
    auto order = topological_order(deferred<arc_rows, D>(n, p.arcs, true), predecessors.sizes());
    if (order.size() == n) return {};
    deferred_vector<bool, D> placed(n, false);
    for (auto i : order) placed[i] = true;
    deferred_vector<std::size_t, D> back(n, n), seen_at(n, n), walk;
    for (const auto& a : p.arcs)
        if (!placed[a.from]) back[a.to] = a.from;
    auto i = static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
    while (seen_at[i] == n) seen_at[i] = walk.size(), walk.push_back(i), i = back[i];
    return {walk.rbegin(), walk.rend() - static_cast<std::ptrdiff_t>(seen_at[i])};
}

}  // namespace detail

/// Every problem of the project at once: negative or too long durations, negative releases,
/// negative capacities, demands on unknown resources, twice on one resource, negative or above
/// capacity, arcs to unknown activities or too long, a cycle, a horizon past max_horizon.
template <class D = void>
std::vector<problem> validate(const detail::deferred<project, D>& p) {
    detail::deferred<detail::problem_list, D> problems;
    detail::check_resources(p, problems);
    auto horizon = detail::check_activities(p, problems);
    auto arc_days = detail::check_arcs(p, problems);
    if (horizon + std::max<std::int64_t>(arc_days, 0) > max_horizon)
        problems.add(problem_kind::out_of_range, "the project could run past day " + std::to_string(max_horizon));
    if (arc_days < 0) return problems.out;
    if (auto cycle = detail::find_cycle(p); !cycle.empty()) {
        detail::deferred_vector<std::string, D> ids;
        for (auto i : cycle) ids.push_back(detail::name(p.activities[i], i));
        auto message = "cycle: " + cycle_error::join(ids);
        problems.add(problem_kind::cycle, std::move(message), std::move(ids));
    }
    return problems.out;
}

/// A validated project with its arcs as compressed rows both ways, a topological order and the
/// critical path: what every pass reads, computed once.
template <class Defer = void>
class basic_network {
public:
    explicit basic_network(project p) : p_(std::move(p)) {
        if (auto problems = validate(p_); !problems.empty()) throw invalid_model(std::move(problems));
        for (auto& a : p_.activities)  // a zero demand is no demand: the passes skip it
            std::erase_if(a.demands, [](const demand& d) { return d.amount == 0; });
        compile();
    }

    /// The same project seen from its end: an activity's start there is the span minus its
    /// finish here, so arcs turn round (distance D_from - D_to + d) and releases no longer bind.
    basic_network reversed() const {
        basic_network r = *this;
        for (auto& a : r.p_.activities) a.release = 0;
        for (auto& a : r.p_.arcs) {
            a.distance = duration(a.from) - duration(a.to) + a.distance;
            std::swap(a.from, a.to);
        }
        r.compile();
        return r;
    }

    const project& problem() const { return p_; }
    std::size_t size() const { return p_.activities.size(); }
    const activity& at(std::size_t i) const { return p_.activities[i]; }
    int duration(std::size_t i) const { return p_.activities[i].duration; }

    /// Arcs out of / into activity i as (other end, distance).
    using edge = detail::edge;
    std::pair<const edge*, const edge*> successors(std::size_t i) const { return succ_.of(i); }
    std::pair<const edge*, const edge*> predecessors(std::size_t i) const { return pred_.of(i); }
    bool has_arc(std::size_t from, std::size_t to) const {
        auto [b, e] = successors(from);
        return std::any_of(b, e, [&](const edge& x) { return x.other == to; });
    }

    /// A topological order, smallest index first among the ready.
    const std::vector<std::size_t>& order() const { return order_; }
    /// The precedence-feasible order that takes the smallest key (then index) among the ready.
    template <class Key>
    std::vector<std::size_t> order_by(Key key) const {
        return detail::keyed_topological_order(succ_, pred_.sizes(), key);
    }

    /// Resource-free earliest starts, latest starts against the critical path's span, the span.
    const std::vector<int>& early_start() const { return early_; }
    const std::vector<int>& late_start() const { return late_; }
    int critical_path() const { return critical_path_; }
    /// A lower bound on any schedule's span: the critical path, or the days each resource needs
    /// for all its work at full capacity, whichever is larger.
    int lower_bound() const { return lower_bound_; }

private:
    void compile() {
        succ_ = detail::arc_rows(size(), p_.arcs, true);
        pred_ = detail::arc_rows(size(), p_.arcs, false);
        order_ = detail::topological_order(succ_, pred_.sizes());
        forward_pass();
        backward_pass();
        lower_bound_ = std::max(critical_path_, resource_bound());
    }

    void forward_pass() {
        early_.assign(size(), 0);
        critical_path_ = 0;
        for (auto j : order_) {
            int es = p_.activities[j].release;
            for (auto [x, end] = predecessors(j); x != end; ++x) es = std::max(es, early_[x->other] + x->distance);
            early_[j] = es;
            critical_path_ = std::max(critical_path_, es + duration(j));
        }
    }

    void backward_pass() {
        late_.assign(size(), 0);
        for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
            int ls = critical_path_ - duration(*it);
            for (auto [x, end] = successors(*it); x != end; ++x) ls = std::min(ls, late_[x->other] - x->distance);
            late_[*it] = ls;
        }
    }

    /// The most days any resource needs for all its work at full capacity.
    int resource_bound() const {
        array<std::int64_t> work(p_.resources.size(), 0);
        for (const auto& a : p_.activities)
            for (const auto& d : a.demands) work[d.resource] += std::int64_t{d.amount} * a.duration;
        std::int64_t days = 0;
        for (std::size_t r = 0; r < work.size(); ++r)
            if (work[r] > 0) days = std::max(days, (work[r] + p_.resources[r].capacity - 1) / p_.resources[r].capacity);
        return static_cast<int>(days);
    }

    template <class T>
    using array = plangraph::detail::deferred_vector<T, Defer>;

    plangraph::detail::deferred<project, Defer> p_;
    plangraph::detail::deferred<detail::arc_rows, Defer> succ_{}, pred_{};
    array<std::size_t> order_{};
    array<int> early_{}, late_{};
    int critical_path_ = 0, lower_bound_ = 0;
};
using network = basic_network<>;

/// What a schedule breaks, one sentence each: an arc, a release, or a resource over its
/// capacity (the first day of each overload). Checked by a sweep over start and finish events,
/// independent of the levelling code, so tests and benchmarks can trust it.
template <class D = void>
std::vector<std::string> violations(const detail::deferred<project, D>& p,
                                    const detail::deferred_vector<int, D>& start) {
    detail::deferred_vector<std::string, D> out;
    if (start.size() != p.activities.size())
        return detail::deferred_vector<std::string, D>{"one start per activity expected"};
    auto who = [&](std::size_t i) { return detail::name(p.activities[i], i); };
    for (const auto& a : p.arcs)
        if (start[a.to] < start[a.from] + a.distance) out.push_back(who(a.from) + " -> " + who(a.to) + " broken");
    detail::deferred_vector<std::pair<int, std::size_t>, D> events;  // (day, activity), finishes before starts
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        if (start[i] < p.activities[i].release) out.push_back(who(i) + " starts before its release");
        if (p.activities[i].duration == 0) continue;
        events.emplace_back(start[i], i);
        events.emplace_back(start[i] + p.activities[i].duration, i);
    }
    std::sort(events.begin(), events.end(), [&](const auto& a, const auto& b) {
        bool a_ends = a.first != start[a.second], b_ends = b.first != start[b.second];
        return a.first != b.first ? a.first < b.first : a_ends > b_ends;
    });
    detail::deferred_vector<std::int64_t, D> used(p.resources.size(), 0);
    detail::deferred_vector<bool, D> reported(p.resources.size(), false);
    for (const auto& [day, i] : events) {
        bool ends = day != start[i];
        for (const auto& d : p.activities[i].demands) {
            used[d.resource] += ends ? -d.amount : d.amount;
            if (!ends && used[d.resource] > p.resources[d.resource].capacity && !reported[d.resource]) {
                reported[d.resource] = true;
                out.push_back(detail::name(p.resources[d.resource], d.resource) + " over capacity on day " +
                              std::to_string(day));
            }
        }
    }
    return out;
}

}  // namespace plangraph::rcpsp

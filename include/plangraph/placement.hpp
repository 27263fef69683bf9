#pragma once
// Placement on the map of a date (DESIGN.md, "Units over time: a dated hierarchy"), and the
// rollups on such a map.
//
// The map of date M is the hierarchy of the units that exist on M. A unit_map computes, once for
// every unit of the model, where what it owns lands on that map:
//   - a unit that exists on M: itself;
//   - a unit whose valid_from is after M: nowhere (`unmapped`);
//   - a unit that ended before M: its successors, each taken as of M in turn (so chains over
//     several dates are followed through every date ≤ M), or, without a succession, its parent,
//     which receives on the day after the unit's valid_to; a root that ends without one passes to
//     nothing and is unmapped too.
// Tasks go whole: to the successor with the largest share (equal parts when no share is given),
// ties to the first such row in the file, step by step along the chain: place(owner). Indicator
// values go by share: shares(owner) lists the units of the map with the part each receives
// (the product of the shares along each path, paths to one unit added); `sum` values and both
// parts of `ratio` are multiplied by it (placed_value), the other kinds go unchanged to each.
// Statuses never depend on M: only where a task counts.
//
// Rows. Rollups on a map keep the undated rollups' shape: one row per unit of the model, indexed
// by unit id, plus one last row, index(map.unmapped()), the `(unmapped)` tally. Units not on the
// map are detached from the map's tree and receive nothing, so their rows are empty; a report
// shows the units for which map.on_map(u) holds, and the unmapped row apart. map.tree() is that
// hierarchy (the units' parents on the map, with the unmapped row a root of its own), so every
// strategy of rollup.hpp, the traffic lights and the incremental engine run on it unchanged:
//   rollup_units(m, as_of, map)          flat_rollup(m, map)      recursive_rollup(m, map)
//   parallel_rollup(m, map)              bgl_rollup(m, map)       incremental_rollup(m, as_of, map)
//   make_partial(m, root, as_of, map)    merge_partials(m, as_of, parts, map)
//   count_indicators(m, values, map)     place_indicators(m, values, map)
//   traffic_lights(map.tree(), rows, counts, rules)               rank_units(m, map, level, score)
//   rollup_series(m, dates, map)         rollup_report_series(m, dates, map, rules)
// A series whose dates each want their own map splits where the map changes: map_change_days(m)
// lists the days it can change on, so dates between two of them share one map and one pass.
// A task costs one more array lookup than undated (its owner's place); nothing walks a chain at
// rollup time. The default map is the as-of date itself: unit_map(m, as_of).
//
// A report on the map (report_rows) shows, in this order: the unmapped row, keyed "(unmapped)",
// when the model is dated (DESIGN.md: even when nothing is unmapped), then the units on the map
// in model order. rollup_csv (io/csv.hpp) writes it; rollup_to_json (io/json.hpp) writes the
// same rows, the units in hierarchy order, and rollup_from_json reads them back.
#include "aggregate.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "rollup.hpp"
#include "series.hpp"
#include "succession.hpp"
#include "traffic_light.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph {

/// A unit of the map and the part of something it receives.
struct placed_share {
    unit_id unit = no_id<unit_id>;
    double share = 1.0;

    bool operator==(const placed_share&) const = default;
};

/// A class template with one instance, `unit_map`, so that its code is compiled where it is
/// used (detail/deferred.hpp).
template <class Defer = void>
class basic_unit_map {
public:
    basic_unit_map() = default;

    template <class Model>
    basic_unit_map(const Model& m, date on) : day_(on), n_(m.units().size()) {
        const auto units = m.units();
        index_successions(m.successions());
        place_.assign(n_, unresolved);
        share_lists_.resize(n_);
        state_.assign(n_, 0);
        for (std::size_t u = 0; u < n_; ++u) resolve(units, m.successions(), static_cast<std::uint32_t>(u));
        detail::deferred_vector<unit_id, Defer> parents(n_ + 1, no_id<unit_id>);
        for (std::size_t u = 0; u < n_; ++u)
            if (place_[u] == u && !is_none(units[u].parent) && place_[index(units[u].parent)] == index(units[u].parent))
                parents[u] = units[u].parent;
        tree_ = hierarchy<unit_id>(std::move(parents));
        flatten_shares();
        counting_units();
    }

    date day() const { return day_; }
    /// The units of the model's hierarchy that exist on the map's date, detached from the rest,
    /// plus the unmapped row as a root of its own.
    const hierarchy<unit_id>& tree() const& { return tree_; }
    const hierarchy<unit_id>& tree() const&& = delete;
    /// The row of the tasks and values that are on no unit of the map.
    unit_id unmapped() const { return make_id<unit_id>(n_); }
    std::size_t rows() const { return n_ + 1; }
    bool on_map(unit_id u) const { return index(u) < n_ && place_[index(u)] == index(u); }

    /// The row that receives the tasks of `owner`: a unit on the map, or unmapped().
    std::uint32_t place(unit_id owner) const { return place_[index(owner)]; }
    unit_id place_unit(unit_id owner) const { return make_id<unit_id>(place_[index(owner)]); }
    /// The units of the map receiving `owner`'s indicator values, with their shares; empty when
    /// unmapped.
    std::span<const placed_share> shares(unit_id owner) const& {
        return {shares_.data() + share_offsets_[index(owner)], shares_.data() + share_offsets_[index(owner) + 1]};
    }
    /// The rows whose subtree counts an indicator of `owner` (once each, however many of their
    /// descendants receive a part): the ancestors of its placed units, or the unmapped row.
    std::span<const unit_id> counted_in(unit_id owner) const& {
        return {counted_.data() + counted_offsets_[index(owner)], counted_.data() + counted_offsets_[index(owner) + 1]};
    }

private:
    static constexpr std::uint32_t unresolved = std::numeric_limits<std::uint32_t>::max();

    void index_successions(std::span<const succession> ss) {
        succ_offsets_.assign(n_ + 1, 0);
        for (const auto& s : ss) ++succ_offsets_[index(s.from) + 1];
        for (std::size_t i = 0; i < n_; ++i) succ_offsets_[i + 1] += succ_offsets_[i];
        succ_.resize(ss.size());
        std::vector<std::uint32_t> next(succ_offsets_.begin(), succ_offsets_.end() - 1);
        for (std::uint32_t e = 0; e < ss.size(); ++e) succ_[next[index(ss[e].from)]++] = e;  // stable: file order
    }

    bool has_succession_by_day(std::span<const succession> ss, std::uint32_t u) const {
        for (auto i = succ_offsets_[u]; i < succ_offsets_[u + 1]; ++i)
            if (ss[succ_[i]].on <= day_) return true;
        return false;
    }

    /// The successions of `u` on or before the map's date, with each one's effective share.
    template <class F>
    void for_each_succession(std::span<const succession> ss, std::uint32_t u, F f) const {
        std::size_t parts = 0;
        for (auto i = succ_offsets_[u]; i < succ_offsets_[u + 1]; ++i) parts += ss[succ_[i]].on <= day_;
        for (auto i = succ_offsets_[u]; i < succ_offsets_[u + 1]; ++i) {
            const auto& s = ss[succ_[i]];
            if (s.on <= day_) f(s, s.share.value_or(1.0 / static_cast<double>(parts)));
        }
    }

    // Memoised depth-first resolution; a unit met again before it is resolved (a cycle, which a
    // valid model cannot have) resolves to unmapped rather than looping.
    void resolve(std::span<const unit> units, std::span<const succession> ss, std::uint32_t u) {
        if (state_[u] != 0) return;
        state_[u] = 1;
        const unit& x = units[u];
        auto unmapped_here = [&] { place_[u] = static_cast<std::uint32_t>(n_); };
        if (alive_on(x, day_)) {
            place_[u] = u;
            share_lists_[u] = {{make_id<unit_id>(u), 1.0}};
        } else if (x.valid_from && day_ < *x.valid_from) {
            unmapped_here();
        } else if (has_succession_by_day(ss, u)) {
            double best = -1.0;
            std::uint32_t heir = static_cast<std::uint32_t>(n_);
            for_each_succession(ss, u, [&](const succession& s, double share) {
                auto to = static_cast<std::uint32_t>(index(s.to));
                resolve(units, ss, to);
                if (share > best) best = share, heir = state_[to] == 2 ? place_[to] : static_cast<std::uint32_t>(n_);
                for (auto p : share_lists_[to]) add_share(share_lists_[u], {p.unit, p.share * share});
            });
            place_[u] = heir;
        } else if (!is_none(x.parent)) {
            auto p = static_cast<std::uint32_t>(index(x.parent));
            resolve(units, ss, p);
            place_[u] = state_[p] == 2 ? place_[p] : static_cast<std::uint32_t>(n_);
            share_lists_[u] = share_lists_[p];
        } else {
            unmapped_here();
        }
        state_[u] = 2;
    }

    template <class List>
    static void add_share(List& list, placed_share s) {
        for (auto& p : list)
            if (p.unit == s.unit) {
                p.share += s.share;
                return;
            }
        list.push_back(s);
    }

    void flatten_shares() {
        share_offsets_.assign(n_ + 1, 0);
        for (std::size_t u = 0; u < n_; ++u) share_offsets_[u + 1] = share_offsets_[u] + static_cast<std::uint32_t>(share_lists_[u].size());
        shares_.reserve(share_offsets_[n_]);
        for (auto& l : share_lists_) shares_.insert(shares_.end(), l.begin(), l.end());
        share_lists_ = {};
        state_ = {};
    }

    void counting_units() {
        counted_offsets_.assign(n_ + 1, 0);
        std::vector<std::uint32_t> stamp(n_ + 1, unresolved);
        for (std::size_t u = 0; u < n_; ++u) {
            auto owner = make_id<unit_id>(u);
            auto mark = [&](unit_id w) {
                for (; !is_none(w) && stamp[index(w)] != u; w = tree_.parent(w)) {
                    stamp[index(w)] = static_cast<std::uint32_t>(u);
                    counted_.push_back(w);
                }
            };
            if (shares(owner).empty()) mark(unmapped());
            for (auto p : shares(owner)) mark(p.unit);
            counted_offsets_[u + 1] = static_cast<std::uint32_t>(counted_.size());
        }
    }

    date day_{boost::gregorian::not_a_date_time};
    std::size_t n_ = 0;
    template <class T>
    using array = detail::deferred_vector<T, Defer>;

    detail::deferred<hierarchy<unit_id>, Defer> tree_;
    array<std::uint32_t> place_;
    array<std::uint32_t> succ_offsets_, succ_;
    array<std::vector<placed_share>> share_lists_;  // while building
    array<std::uint8_t> state_;                      // while building: 0 new, 1 open, 2 done
    array<std::uint32_t> share_offsets_;
    array<placed_share> shares_;
    array<std::uint32_t> counted_offsets_;
    array<unit_id> counted_;
};

using unit_map = basic_unit_map<>;

// ---- reports -----------------------------------------------------------------------------------

/// The key a report gives the unmapped row.
inline constexpr std::string_view unmapped_key = "(unmapped)";

/// The rows a report on the map shows, in order (see the header comment).
template <class Model>
std::vector<unit_id> report_rows(const Model& m, const detail::deferred<unit_map, Model>& map) {
    detail::deferred_vector<unit_id, Model> out;
    if (m.dated()) out.push_back(map.unmapped());
    for (std::size_t u = 0; u < m.units().size(); ++u)
        if (map.on_map(make_id<unit_id>(u))) out.push_back(make_id<unit_id>(u));
    return out;
}

/// A row's unit as a report names it: key, parent's key, name and level name; the unmapped row
/// is "(unmapped)" with the other three empty. A unit on the map has its parent on the map
/// (a parent exists on every day of its child).
struct report_unit {
    std::string key, parent, name, level;
};

template <class Model>
report_unit report_unit_of(const Model& m, const detail::deferred<unit_map, Model>& map, unit_id row) {
    if (row == map.unmapped()) return {std::string(unmapped_key), {}, {}, {}};
    const auto& u = m[row];
    return {u.key, is_none(u.parent) ? std::string{} : m[u.parent].key, u.name, m.level_name(row)};
}

// ---- tasks -------------------------------------------------------------------------------------

/// Per row of the map (units by id, then the unmapped row): its tasks placed on the map plus all
/// its descendants', as of `as_of`.
template <class Model>
std::vector<status_counts> rollup_units(const Model& m, date as_of, const detail::deferred<unit_map, Model>& map) {
    return detail::rollup_owned(map.tree(), m.task_columns(), as_of, [&map](unit_id u) { return map.place(u); });
}

/// The rollup of the subtree of `root` (a unit on the map) from the tasks placed in it. Throws
/// model_error for any other root, the unmapped row included: it has no key to travel under, and
/// merge_partials counts it from the model.
template <class Model>
partial_rollup make_partial(const Model& m, unit_id root, date as_of, const detail::deferred<unit_map, Model>& map) {
    if (!map.on_map(root))
        throw model_error(index(root) < m.units().size()
                              ? "unit " + m[root].key + " is not on the map of " + format_date(map.day())
                              : std::string("the unmapped row has no partial rollup"));
    return detail::make_partial(m, map.tree(), root, as_of, [&map](unit_id u) { return map.place(u); });
}

/// The rows of rollup_units(m, as_of, map) from parts made on the same map (see merge_partials);
/// the unmapped row counts the model's tasks that are on no unit of the map.
template <class Model>
std::vector<status_counts> merge_partials(const Model& m, date as_of, std::span<const partial_rollup> parts,
                                          const detail::deferred<unit_map, Model>& map) {
    return detail::merge_partials(m, map.tree(), as_of, parts, [&map](unit_id u) { return map.place(u); });
}

/// Per row of the map and date: rollup_units(m, dates[j], map) for every j, in one pass over the
/// tasks (series.hpp).
template <class Model>
series_rollup rollup_series(const Model& m, std::span<const date> dates, const detail::deferred<unit_map, Model>& map) {
    auto source = detail::record_source(m.tasks(), [&map](const task_view& t, std::size_t) { return map.place(t.unit); });
    return {{dates.begin(), dates.end()}, detail::series_rows<unit_id>(map.tree(), source, dates)};
}

/// The days on which the map of a date can change, increasing: a unit's valid_from, the day after
/// its valid_to, a succession's date. unit_map(m, a) and unit_map(m, b) place everything alike
/// when as many of these days are on or before a as on or before b; empty for an undated model.
template <class Model>
std::vector<date> map_change_days(const Model& m) {
    detail::deferred_vector<date, Model> days;
    for (const auto& u : m.units()) {
        if (u.valid_from) days.push_back(*u.valid_from);
        if (u.valid_to) days.push_back(*u.valid_to + boost::gregorian::days(1));
    }
    for (const auto& s : m.successions()) days.push_back(s.on);
    std::ranges::sort(days);
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

// ---- indicators --------------------------------------------------------------------------------

/// What a unit receives of an indicator's figures for `share`: `sum` values and both parts of a
/// `ratio` multiplied by it, the other kinds unchanged. Whether it meets its target stays the
/// indicator's own: a part of a value is not compared with the whole target.
inline indicator_value placed_value(const indicator& row, indicator_value v, double share) {
    auto scale = [share](std::optional<double>& x) {
        if (x) *x *= share;
    };
    if (row.agg == aggregation::sum) scale(v.value);
    if (row.agg == aggregation::ratio || (row.agg == aggregation::sum && v.numerator)) {
        scale(v.numerator);
        scale(v.denominator);
    }
    return v;
}

/// An indicator's figures as one unit of the map receives them.
struct placed_indicator {
    indicator_id id = no_id<indicator_id>;
    unit_id unit = no_id<unit_id>;  // a unit on the map, or map.unmapped()
    double share = 1.0;
    indicator_value value{};

    bool operator==(const placed_indicator&) const = default;
};

/// Every indicator placed on the map: one entry per receiving unit, in indicator order; an
/// unmapped indicator has one entry on map.unmapped(). `values` as aggregate_indicators gives them.
template <class Model>
std::vector<placed_indicator> place_indicators(const Model& m, std::span<const indicator_value> values,
                                               const detail::deferred<unit_map, Model>& map) {
    detail::deferred_vector<placed_indicator, Model> out;
    for (std::size_t i = 0; i < m.indicators().size(); ++i) {
        const auto& row = m.indicators()[i];
        auto id = make_id<indicator_id>(i);
        auto shares = map.shares(row.unit);
        if (shares.empty()) out.push_back({id, map.unmapped(), 1.0, values[i]});
        for (auto s : shares) out.push_back({id, s.unit, s.share, placed_value(row, values[i], s.share)});
    }
    return out;
}

/// "n of m indicators met" per row of the map: `own` counts an indicator in every unit that
/// receives a part of it, `subtree` counts it once in every unit above those.
template <class Model>
std::vector<unit_indicator_counts> count_indicators(const Model& m, std::span<const indicator_value> values,
                                                    const detail::deferred<unit_map, Model>& map) {
    detail::deferred_vector<unit_indicator_counts, Model> out(map.rows());
    for (std::size_t i = 0; i < m.indicators().size(); ++i) {
        const auto& row = m.indicators()[i];
        if (!row.target) continue;
        const std::uint32_t met = values[i].met.value_or(false) ? 1 : 0;
        auto shares = map.shares(row.unit);
        if (shares.empty()) out[index(map.unmapped())].own += {1, met};
        for (auto s : shares) out[index(s.unit)].own += {1, met};
        for (unit_id w : map.counted_in(row.unit)) out[index(w)].subtree += {1, met};
    }
    return out;
}

/// rollup_report_series on the map: rows, indicator counts and traffic lights per row of the map.
template <class Model>
report_series rollup_report_series(const Model& m, std::span<const date> dates, const detail::deferred<unit_map, Model>& map,
                                   const light_rules& rules = {}) {
    detail::deferred<report_series, Model> out{.units = rollup_series(m, dates, map)};
    out.indicators = aggregate_indicators(m);
    out.indicator_counts = count_indicators(m, out.indicators, map);
    for (const auto& row : out.units.rows) out.lights.push_back(traffic_lights(map.tree(), row, out.indicator_counts, rules));
    return out;
}

// ---- explanations ------------------------------------------------------------------------------

/// explain() on the map: the tasks placed in u's subtree of the map, the indicators counted there
/// (counted_in), its children on the map; `lights` as traffic_lights(map.tree(), …) gives them. A
/// task is named with the unit that owns it in the model (an old commune, say), so the reader
/// finds where it was recorded. u may be the unmapped row.
template <class Model>
explanation explain(const Model& m, const detail::deferred<unit_map, Model>& map, unit_id u, date as_of,
                    std::span<const traffic_light> lights,
                    std::span<const indicator_value> values, const light_rules& r = {}) {
    const auto& h = map.tree();
    return detail::explain(
        m, h, u, as_of, lights, values, r, [&](unit_id owner) { return h.contains(u, map.place_unit(owner)); },
        [&](unit_id owner) { return std::ranges::find(map.counted_in(owner), u) != map.counted_in(owner).end(); },
        [&](unit_id w) {
            return w == map.unmapped() ? std::string(unmapped_key) : "unit " + m[w].key + " (" + m[w].name + ")";
        });
}

// ---- ranking -----------------------------------------------------------------------------------

/// rank_units over the units of `level` that are on the map.
template <class Model, class Score>
std::vector<ranked_unit> rank_units(const Model& m, const detail::deferred<unit_map, Model>& map, unit_level level, Score score,
                                    bool lower_is_better = false) {
    return rank_units(m, level, score, lower_is_better, [&map](unit_id u) { return map.on_map(u); });
}

}  // namespace plangraph

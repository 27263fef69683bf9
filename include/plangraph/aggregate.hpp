#pragma once
// Indicators aggregated up the indicator hierarchy, each by its own kind, and their achievement
// against target.
//
// A leaf indicator's value is its `actual`, else numerator / denominator when both are given (a
// `ratio` leaf prefers numerator / denominator). An indicator with children takes the aggregate
// of the children that have a value, by its own kind:
//   sum, mean, min, max          of the children's values
//   weighted_mean                Σ weight × value / Σ weight (the children's weights)
//   ratio                        Σ numerator / Σ denominator of the children — never the mean of
//                                their ratios; a child's numerator and denominator are its own
//                                (leaf) or the sums of its children's
//   last                         the value of the child with the latest period (latest begin,
//                                then latest end, then the later id); children without a period
//                                take no part
//   count_met                    how many children meet their target
// When no child has a value (a denominator of zero, no child with a period…), the indicator's
// own `actual` stands. Nothing is NaN: an undefined figure is absent.
//
// Achievement: with higher_is_better an indicator meets its target when value ≥ target, and its
// percent of target is value / target × 100; with lower_is_better it meets it when value ≤ target
// and the percent is inverted, target / value × 100. Absent without a target or a value.
//
// The functions with loops are templates with one instance, their types spelled through
// detail::deferred, so that a TU that includes this and aggregates nothing compiles none of
// their code (issue 13).
#include "detail/deferred.hpp"
#include "detail/field_checks.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "indicator.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace plangraph {

/// An indicator's figures after aggregation.
struct indicator_value {
    std::optional<double> value{};
    std::optional<double> numerator{};    // Σ numerators (own for a leaf)
    std::optional<double> denominator{};  // Σ denominators (own for a leaf)
    std::optional<bool> met{};            // absent without a target or a value
    std::optional<double> percent_of_target{};

    bool operator==(const indicator_value&) const = default;
};

/// Whether `value` meets `target` in direction `dir`.
inline std::optional<bool> meets_target(std::optional<double> value, std::optional<double> target, direction dir) {
    if (!value || !target) return std::nullopt;
    return dir == direction::higher_is_better ? *value >= *target : *value <= *target;
}

/// value / target × 100, inverted (target / value × 100) when lower is better; absent when a
/// figure is missing or the divisor is 0.
inline std::optional<double> percent_of_target(std::optional<double> value, std::optional<double> target,
                                               direction dir) {
    if (!value || !target) return std::nullopt;
    double num = dir == direction::higher_is_better ? *value : *target;
    double den = dir == direction::higher_is_better ? *target : *value;
    if (den == 0.0) return std::nullopt;
    return num / den * 100.0;
}

/// Throws model_error naming the indicator when its aggregation kind is unknown or a number is
/// not finite (the model refuses such indicators; rows from elsewhere are checked here).
template <class D = void>
void check_indicator(const detail::deferred<indicator, D>& i) {
    auto problems = detail::check_fields(i);
    if (!problems.empty()) throw model_error(detail::join_messages(problems));
}

namespace detail {

struct child_tally {
    std::uint32_t n = 0;
    double sum = 0.0, weighted = 0.0, weights = 0.0, lo = 0.0, hi = 0.0;
    std::uint32_t met = 0;
    bool has_parts = false;
    double num = 0.0, den = 0.0;
    std::optional<double> last{};
    std::tuple<date, date, std::size_t> last_key{};
};

/// One indicator's figures from its own row and its children's figures.
template <class D = void>
indicator_value aggregate_one(deferred<std::span<const indicator>, D> rows, indicator_id self,
                              deferred<std::span<const indicator_id>, D> children,
                              deferred<std::span<const indicator_value>, D> values) {
    const indicator& me = rows[index(self)];
    deferred<indicator_value, D> out;
    deferred<child_tally, D> t;
    for (indicator_id c : children) {
        const auto& cv = values[index(c)];
        if (cv.met.value_or(false)) ++t.met;
        if (cv.numerator && cv.denominator) {
            t.has_parts = true;
            t.num += *cv.numerator;
            t.den += *cv.denominator;
        }
        if (!cv.value) continue;
        double v = *cv.value;
        t.lo = t.n ? std::min(t.lo, v) : v;
        t.hi = t.n ? std::max(t.hi, v) : v;
        ++t.n;
        t.sum += v;
        t.weighted += rows[index(c)].weight * v;
        t.weights += rows[index(c)].weight;
        if (const auto& p = rows[index(c)].period) {
            auto key = std::make_tuple(p->begin(), p->end(), index(c));
            if (!t.last || key > t.last_key) t.last = v, t.last_key = key;
        }
    }
    if (children.empty()) {
        if (me.numerator && me.denominator) out.numerator = me.numerator, out.denominator = me.denominator;
        bool ratio_ok = out.denominator && *out.denominator != 0.0;
        if (me.agg == aggregation::ratio && ratio_ok) out.value = *out.numerator / *out.denominator;
        else if (me.actual) out.value = me.actual;
        else if (ratio_ok) out.value = *out.numerator / *out.denominator;
    } else {
        if (t.has_parts) out.numerator = t.num, out.denominator = t.den;
        switch (me.agg) {
            case aggregation::sum: if (t.n) out.value = t.sum; break;
            case aggregation::mean: if (t.n) out.value = t.sum / t.n; break;
            case aggregation::weighted_mean: if (t.weights != 0.0) out.value = t.weighted / t.weights; break;
            case aggregation::ratio: if (t.has_parts && t.den != 0.0) out.value = t.num / t.den; break;
            case aggregation::min: if (t.n) out.value = t.lo; break;
            case aggregation::max: if (t.n) out.value = t.hi; break;
            case aggregation::last: out.value = t.last; break;
            case aggregation::count_met: out.value = static_cast<double>(t.met); break;
        }
        if (!out.value) out.value = me.actual;
    }
    out.met = meets_target(out.value, me.target, me.dir);
    out.percent_of_target = percent_of_target(out.value, me.target, me.dir);
    return out;
}

}  // namespace detail

/// Every indicator's figures (indexed by indicator id), children before parents. Checks every
/// row first (check_indicator), so a bad one is reported by id and nothing is computed.
template <class D = void>
std::vector<indicator_value> aggregate_indicators(detail::deferred<std::span<const indicator>, D> rows,
                                                  const detail::deferred<hierarchy<indicator_id>, D>& tree) {
    for (const auto& i : rows) check_indicator(i);
    detail::deferred_vector<indicator_value, D> values(rows.size());
    for (indicator_id v : tree.post_order()) values[index(v)] = detail::aggregate_one(rows, v, tree.children(v), values);
    return values;
}

template <class Model>
std::vector<indicator_value> aggregate_indicators(const Model& m) {
    return aggregate_indicators(m.indicators(), m.indicator_hierarchy());
}

/// "39 of 65 indicators met": the indicators with a target, and how many of them meet it.
struct indicator_counts {
    std::uint32_t total = 0;  // indicators with a target
    std::uint32_t met = 0;

    std::optional<double> met_rate() const {
        return total ? std::optional<double>(static_cast<double>(met) / total) : std::nullopt;
    }
    indicator_counts& operator+=(const indicator_counts& o) { total += o.total; met += o.met; return *this; }
    bool operator==(const indicator_counts&) const = default;
};

/// Per unit: `own` counts the unit's own indicators, `subtree` adds all its descendants'.
struct unit_indicator_counts {
    indicator_counts own{};
    indicator_counts subtree{};

    bool operator==(const unit_indicator_counts&) const = default;
};

template <class D = void>
std::vector<unit_indicator_counts> count_indicators(detail::deferred<std::span<const indicator>, D> rows,
                                                    detail::deferred<std::span<const indicator_value>, D> values,
                                                    const detail::deferred<hierarchy<unit_id>, D>& units) {
    detail::deferred_vector<unit_indicator_counts, D> out(units.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].target) continue;
        auto& own = out[index(rows[i].unit)].own;
        ++own.total;
        if (values[i].met.value_or(false)) ++own.met;
    }
    for (auto& u : out) u.subtree = u.own;
    for (unit_id v : units.post_order())
        if (unit_id p = units.parent(v); !is_none(p)) out[index(p)].subtree += out[index(v)].subtree;
    return out;
}

template <class Model>
std::vector<unit_indicator_counts> count_indicators(const Model& m, std::span<const indicator_value> values) {
    return count_indicators(m.indicators(), values, m.unit_hierarchy());
}

}  // namespace plangraph

#pragma once
#include "date.hpp"
#include "detail/deferred.hpp"
#include "ids.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph {

/// How an indicator's children combine into it.
enum class aggregation : std::uint8_t {
    sum,
    mean,
    weighted_mean,
    ratio,      // Σ numerator / Σ denominator, never the mean of ratios
    min,
    max,
    last,       // the value of the latest period
    count_met,  // how many children meet their target
};

constexpr std::string_view to_string(aggregation a) {
    constexpr std::string_view names[] = {"sum", "mean", "weighted_mean", "ratio",
                                          "min", "max",  "last",          "count_met"};
    return names[static_cast<int>(a)];
}

/// A template (detail/deferred.hpp): std::optional<aggregation> is compiled where it is
/// called; `parse_aggregation<>` names it as a function.
template <class D = void>
constexpr detail::deferred<std::optional<aggregation>, D> parse_aggregation(std::string_view s) {
    for (int i = 0; i < 8; ++i) {
        auto a = static_cast<aggregation>(i);
        if (to_string(a) == s) return a;
    }
    return std::nullopt;
}

enum class direction : std::uint8_t { higher_is_better, lower_is_better };

constexpr std::string_view to_string(direction d) {
    return d == direction::higher_is_better ? "higher" : "lower";
}

/// A template (detail/deferred.hpp): std::optional<direction> is compiled where it is
/// called; `parse_direction<>` names it as a function.
template <class D = void>
constexpr detail::deferred<std::optional<direction>, D> parse_direction(std::string_view s) {
    if (s == "higher" || s == "higher_is_better") return direction::higher_is_better;
    if (s == "lower" || s == "lower_is_better") return direction::lower_is_better;
    return std::nullopt;
}

/// A key performance indicator ("chỉ tiêu") of a unit and plan.
struct indicator {
    std::string key{};
    std::string name{};
    unit_id unit = no_id<unit_id>;
    plan_id plan = no_id<plan_id>;
    indicator_id parent = no_id<indicator_id>;
    aggregation agg = aggregation::sum;
    direction dir = direction::higher_is_better;
    std::optional<double> target{};
    std::optional<double> actual{};
    std::optional<double> numerator{};
    std::optional<double> denominator{};
    double weight = 1.0;
    std::optional<date_period> period{};

    bool operator==(const indicator&) const = default;
};

}  // namespace plangraph

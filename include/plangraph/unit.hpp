#pragma once
#include "date.hpp"
#include "ids.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace plangraph {

/// Level index meaning "the unit's depth in the hierarchy" (0 = root).
inline constexpr std::uint16_t level_from_depth = 0xFFFF;

/// An organisational unit: the centre, a province, a commune… Levels are indices into the
/// model's level names (centre → province → commune by default), so depth stays generic.
struct unit {
    std::string key{};  // the unit's id in the input, unique among units
    std::string name{};
    unit_id parent = no_id<unit_id>;
    std::uint16_t level = level_from_depth;
    double weight = 1.0;
    // The first and the last day the unit exists, inclusive; absent = unbounded (succession.hpp).
    std::optional<date> valid_from{};
    std::optional<date> valid_to{};

    bool operator==(const unit&) const = default;
};

}  // namespace plangraph

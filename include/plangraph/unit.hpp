#pragma once
#include "date.hpp"
#include "ids.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace plangraph {

/// A unit's level: an index into the model's level names. 32 bits, as wide as the depth of a
/// hierarchy of 32-bit ids can be: a 16-bit level wrapped past 65,534 levels (a deep hierarchy or
/// a `level` column of 70000), and widening rules that out where bounding it would refuse a deep
/// but valid hierarchy with a problem of its own. A level number at or past level_from_depth is
/// refused by validation.
using unit_level = std::uint32_t;

/// Level index meaning "the unit's depth in the hierarchy" (0 = root). No unit is this deep:
/// depths are below the number of units, which ids hold in 32 bits.
inline constexpr unit_level level_from_depth = 0xFFFF'FFFF;

/// An organisational unit: the centre, a province, a commune… Levels are indices into the
/// model's level names (centre → province → commune by default), so depth stays generic.
struct unit {
    std::string key{};  // the unit's id in the input, unique among units
    std::string name{};
    unit_id parent = no_id<unit_id>;
    unit_level level = level_from_depth;
    double weight = 1.0;
    // The first and the last day the unit exists, inclusive; absent = unbounded (succession.hpp).
    std::optional<date> valid_from{};
    std::optional<date> valid_to{};

    bool operator==(const unit&) const = default;
};

}  // namespace plangraph

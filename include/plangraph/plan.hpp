#pragma once
#include "date.hpp"
#include "ids.hpp"

#include <optional>
#include <string>

namespace plangraph {

/// A plan issued by a unit; it may concretise a parent plan (a province's plan concretises the
/// central one), which makes plans a cascade of their own.
struct plan {
    std::string key{};
    std::string name{};
    unit_id unit = no_id<unit_id>;
    plan_id parent = no_id<plan_id>;
    std::optional<date> issued{};

    bool operator==(const plan&) const = default;
};

}  // namespace plangraph

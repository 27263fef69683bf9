#pragma once
// The default payload of units, tasks and indicators: the extra CSV columns a model did not
// recognise, kept as name/value pairs so nothing the user wrote is lost.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph {

/// An empty payload for users who attach nothing.
struct no_data {
    bool operator==(const no_data&) const = default;
};

struct attributes {
    std::vector<std::pair<std::string, std::string>> items{};

    /// The value of attribute `name`, or nullptr.
    const std::string* find(std::string_view name) const {
        for (const auto& [k, v] : items)
            if (k == name) return &v;
        return nullptr;
    }
    bool operator==(const attributes&) const = default;
};

}  // namespace plangraph

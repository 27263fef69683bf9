#pragma once
// Maps the string ids of the input to dense indices, with lookups by string_view (no copies).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plangraph::detail {

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class key_index {
public:
    std::optional<std::uint32_t> find(std::string_view key) const {
        auto it = map_.find(key);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }
    bool contains(std::string_view key) const { return map_.find(key) != map_.end(); }
    /// Adds key → index; false (and no change) when the key is already there.
    bool insert(const std::string& key, std::uint32_t index) { return map_.try_emplace(key, index).second; }
    void erase(std::string_view key) {
        if (auto it = map_.find(key); it != map_.end()) map_.erase(it);
    }
    void reserve(std::size_t n) { map_.reserve(n); }
    bool operator==(const key_index&) const = default;

private:
    std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>> map_;
};

}  // namespace plangraph::detail

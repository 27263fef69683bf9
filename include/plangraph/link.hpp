#pragma once
#include "detail/deferred.hpp"
#include "ids.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace plangraph {

enum class link_type : std::uint8_t { finish_to_start, start_to_start, finish_to_finish, start_to_finish };

/// "FS", "SS", "FF" or "SF", as planning tools write them.
constexpr std::string_view to_string(link_type t) {
    constexpr std::string_view names[] = {"FS", "SS", "FF", "SF"};
    return names[static_cast<int>(t)];
}

/// A template (detail/deferred.hpp): std::optional<link_type> is compiled where it is
/// called; `parse_link_type<>` names it as a function.
template <class D = void>
constexpr detail::deferred<std::optional<link_type>, D> parse_link_type(std::string_view s) {
    for (auto t : {link_type::finish_to_start, link_type::start_to_start,
                   link_type::finish_to_finish, link_type::start_to_finish})
        if (to_string(t) == s) return t;
    return std::nullopt;
}

/// A dependency: `to` waits on `from` as `type` says, shifted by `lag` working days (negative =
/// lead).
struct link {
    task_id from = no_id<task_id>;
    task_id to = no_id<task_id>;
    link_type type = link_type::finish_to_start;
    int lag = 0;

    bool operator==(const link&) const = default;
};

}  // namespace plangraph

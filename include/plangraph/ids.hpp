#pragma once
// Strong ids: one enum per kind, so a unit id can never be passed where a task id is expected.
// An id is the dense index of its entity in the model; string keys are mapped to ids once, at load.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace plangraph {

enum class unit_id : std::uint32_t {};
enum class plan_id : std::uint32_t {};
enum class task_id : std::uint32_t {};
enum class indicator_id : std::uint32_t {};
enum class link_id : std::uint32_t {};
enum class resource_id : std::uint32_t {};

template <class T>
concept strong_id = std::same_as<T, unit_id> || std::same_as<T, plan_id> ||
                    std::same_as<T, task_id> || std::same_as<T, indicator_id> ||
                    std::same_as<T, link_id> || std::same_as<T, resource_id>;

/// The "no such entity" value of every id kind (a root's parent, a task without a plan).
template <strong_id Id>
inline constexpr Id no_id{std::numeric_limits<std::uint32_t>::max()};

/// The dense index of an id, for indexing arrays of rows.
template <strong_id Id>
constexpr std::size_t index(Id id) noexcept {
    return static_cast<std::size_t>(id);
}

template <strong_id Id>
constexpr Id make_id(std::size_t i) noexcept {
    return Id{static_cast<std::uint32_t>(i)};
}

template <strong_id Id>
constexpr bool is_none(Id id) noexcept {
    return id == no_id<Id>;
}

}  // namespace plangraph

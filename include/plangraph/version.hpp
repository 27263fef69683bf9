#pragma once
// One source of truth for the version: CMakeLists.txt reads these lines.
#define PLANGRAPH_VERSION_MAJOR 0
#define PLANGRAPH_VERSION_MINOR 1
#define PLANGRAPH_VERSION_PATCH 0
#define PLANGRAPH_VERSION \
    (PLANGRAPH_VERSION_MAJOR * 10000 + PLANGRAPH_VERSION_MINOR * 100 + PLANGRAPH_VERSION_PATCH)

namespace plangraph {
/// The library version as major·10000 + minor·100 + patch.
constexpr int version() noexcept { return PLANGRAPH_VERSION; }
}  // namespace plangraph

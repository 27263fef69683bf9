#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

using namespace plangraph;

TEST_CASE("model.add_unit.resolves_levels_by_depth") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto p = m.add_unit({.key = "P", .name = "Province", .parent = c});
    auto k = m.add_unit({.key = "K", .name = "Commune", .parent = p});
    CHECK(m[k].level == 2);
    CHECK(m.level_name(p) == "province");
    CHECK(m.find_unit("K") == k);
    CHECK_FALSE(m.find_unit("X"));
}

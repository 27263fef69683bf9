// Builds a tiny model through the installed package and checks it, so the package is proven
// usable, not only findable.
#include <plangraph/plangraph.hpp>

#include <iostream>

int main() {
    plangraph::model m;
    auto centre = m.add_unit({.key = "C", .name = "Centre"});
    auto province = m.add_unit({.key = "P", .name = "Province", .parent = centre});
    auto a = m.add_task({.key = "A", .name = "Draft", .unit = province, .duration = 3});
    auto b = m.add_task({.key = "B", .name = "Adopt", .unit = province, .duration = 1});
    m.add_link({.from = a, .to = b});
    bool ok = m.unit_hierarchy().depth(province) == 1 && m.links().size() == 1 &&
              plangraph::version() == PLANGRAPH_VERSION;
    std::cout << (ok ? "consumer ok" : "consumer FAILED") << "\n";
    return ok ? 0 : 1;
}

#pragma once
// `deferred<T, D>` is T, spelled so that it depends on the template parameter D. A class
// template whose members are declared with it (or a non-template class made a template with a
// defaulted parameter for that purpose) has its members' uses checked and instantiated when it
// is instantiated, not where it is defined: a translation unit that includes the header and
// never uses the class pays for parsing it, not for the standard templates its code calls
// (issue 13, the umbrella header's compile cost; g++ and clang both defer dependent code).

#include <vector>

namespace plangraph::detail {

template <class T, class D>
struct deferred_type {
    using type = T;
};

template <class T, class D>
using deferred = typename deferred_type<T, D>::type;

// The vector is what most deferred members and locals hold: one spelling for it.
template <class T, class D>
using deferred_vector = deferred<std::vector<T>, D>;

}  // namespace plangraph::detail

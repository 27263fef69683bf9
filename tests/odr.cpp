// A second translation unit including everything: catches headers that are not self-contained
// and definitions missing `inline` (they would be defined twice at link time).
#include <plangraph/plangraph.hpp>

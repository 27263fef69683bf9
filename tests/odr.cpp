// A second translation unit including every header, the umbrella and the optional ones: catches
// headers that are not self-contained and definitions missing `inline` (they would be defined
// twice at link time, once here and once in a test).
#include <plangraph/plangraph.hpp>

#include <plangraph/bgl.hpp>
#include <plangraph/generate.hpp>
#include <plangraph/level.hpp>
#include <plangraph/levelling.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/dot.hpp>
#include <plangraph/io/ics.hpp>
#include <plangraph/io/baseline.hpp>
#include <plangraph/io/baseline_json.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>
#include <plangraph/io/psplib.hpp>
#include <plangraph/io/rollup_json.hpp>
#include <plangraph/io/vn_admin.hpp>
#include <plangraph/io/xml.hpp>
#include <plangraph/rollup_bgl.hpp>
#include <plangraph/rollup_parallel.hpp>

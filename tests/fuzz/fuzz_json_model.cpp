// libFuzzer harness: the JSON model reader (io/json.hpp) on the input as a document. What
// loads runs the whole pipeline (pipeline.hpp).
#include "pipeline.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace plangraph;
    if (size > fuzz::max_input) return -1;
    model m;
    try {
        m = io::read_model_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const error&) {
        return 0;  // refused, as documented
    }
    fuzz::run(m, fuzz::input_hash({data, size}));
    return 0;
}

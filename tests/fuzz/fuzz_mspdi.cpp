// libFuzzer harness: the MSPDI reader (io/mspdi.hpp) on the input as an XML document, in
// memory. What loads runs the whole pipeline (pipeline.hpp), from the project's StartDate when
// it has one, as the CLI does.
#include "pipeline.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace plangraph;
    if (size > fuzz::max_input) return -1;
    io::mspdi_project p;
    try {
        p = io::parse_mspdi(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
    } catch (const error&) {
        return 0;  // refused, as documented
    }
    fuzz::run(p.tasks, fuzz::input_hash({data, size}), p.start);
    return 0;
}

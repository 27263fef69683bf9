// libFuzzer harness: the PSPLIB reader (io/psplib.hpp) on the input as a `.sm` file, in memory.
// What reads is validated; what validates is levelled on a small budget and the schedule checked
// (every arc and capacity, span >= critical path): a broken schedule aborts like a crash.
#include <plangraph/io/psplib.hpp>
#include <plangraph/levelling.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace plangraph;
    if (size > 64 * 1024) return -1;
    rcpsp::project p;
    try {
        p = io::read_psplib(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.sm");
    } catch (const parse_error&) {
        return 0;  // refused, as documented
    }
    if (!rcpsp::validate(p).empty()) {
        try {
            rcpsp::network refused(p);
        } catch (const invalid_model&) {
            return 0;
        }
        std::abort();  // validation found problems the network did not refuse
    }
    rcpsp::network net(p);
    auto s = rcpsp::level(net, {3, 1});  // three passes: the rule, its justification
    if (!rcpsp::violations(p, s.start).empty() || s.span < net.critical_path()) std::abort();
    return 0;
}

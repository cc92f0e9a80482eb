// The intent parser.
#include "common.hpp"
#include "minrole/intent.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)minrole::parse_intent(fuzz::input(data, size));
    } catch (const minrole::Error&) {
    }
    return 0;
}

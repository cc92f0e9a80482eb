// The policy parser.
#include "common.hpp"
#include "minrole/audit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)minrole::parse_policy(fuzz::input(data, size, "policy/.minrole.yaml"));
    } catch (const minrole::Error&) {
    }
    return 0;
}

// The role parser, against the default catalog.
#include "common.hpp"
#include "minrole/role.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const minrole::Model& m = fuzz::model();
    try {
        (void)minrole::parse_role(m, fuzz::input(data, size));
    } catch (const minrole::Error&) {
    }
    return 0;
}

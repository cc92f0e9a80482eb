// The instance parser (kind: instance) against the default model. Scans are switched off (every
// path excluded) so an input naming "/" cannot walk the disk; files it names (intent:, import:)
// are read like the CLI reads them, relative to the working directory.
#include "common.hpp"
#include "minrole/instance.hpp"
#include "minrole/router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const minrole::Router router(fuzz::model().rules);
    static const minrole::InstanceOptions options = [] {
        minrole::InstanceOptions o;
        o.scan.excludes = {"*"};
        return o;
    }();
    try {
        (void)minrole::parse_instance(fuzz::model(), router, fuzz::input(data, size, "instance.yaml"), options);
    } catch (const minrole::Error&) {
    }
    return 0;
}

// A HAR file.
#include "common.hpp"
#include "minrole/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        minrole::scan_har_text("fuzz.har", text, [](minrole::Sighting&&) {});
    } catch (const minrole::Error&) {
    }
    return 0;
}

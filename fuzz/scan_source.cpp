// Source code text (string literals, templates, concatenations).
#include "common.hpp"
#include "minrole/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        minrole::scan_source_text("fuzz.js", text, [](minrole::Sighting&&) {});
    } catch (const minrole::Error&) {
    }
    return 0;
}

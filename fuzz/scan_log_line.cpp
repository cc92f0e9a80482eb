// One access-log, JSON-lines or plain-text log line.
#include "common.hpp"
#include "minrole/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    try {
        minrole::scan_log_line("fuzz.log", 1, line, [](minrole::Sighting&&) {});
    } catch (const minrole::Error&) {
    }
    return 0;
}

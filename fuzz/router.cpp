// parse_request and Router::route on operation text, against the default rules.
#include "common.hpp"
#include "minrole/router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const minrole::Router router(fuzz::model().rules);
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        if (auto request = minrole::parse_request(text)) {
            (void)router.route(*request);
        }
        (void)router.route(text);
    } catch (const minrole::Error&) {
    }
    return 0;
}

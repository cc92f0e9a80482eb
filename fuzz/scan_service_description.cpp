// A service description (JSON, YAML or XML), read and resolved against the bases the same text
// would give as source code.
#include "common.hpp"
#include "minrole/router.hpp"
#include "minrole/scan_service_description.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const minrole::Router router(fuzz::model().rules);
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<minrole::ApiBase> bases;
    minrole::collect_api_bases("fuzz.php", text, bases);
    const auto description = minrole::read_service_description("fuzz.json", text);
    if (description) {
        minrole::describe_sightings(
            *description, bases,
            [](const std::string& method, const std::string& path) {
                const auto request = minrole::parse_request(method + " " + path);
                return request && router.route(*request).status == minrole::MatchStatus::Matched;
            },
            [](minrole::Sighting&&) {});
    }
    return 0;
}

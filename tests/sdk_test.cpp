// SDK maps (kind: sdk): reading and rendering a map, import_sdk over an SDK's source, and what
// scanning an application that calls a mapped method reports.
#include "minrole/scan.hpp"
#include "minrole/sdk.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace sdk_test {

using namespace minrole;
using test::error_of;
using test::router;

namespace {

const SdkMethod* method_named(const SdkMap& map, const std::string& name) {
    const auto it = std::find_if(map.methods.begin(), map.methods.end(), [&](const SdkMethod& m) { return m.name == name; });
    return it == map.methods.end() ? nullptr : &*it;
}

SdkMap imported_fixture() {
    SdkImportOptions options;
    options.name = "unmatchedsdk";
    options.version = "1";
    options.style = "dispatch";
    options.dispatch_function = "execute";
    options.dispatch_argument = "method";
    return import_sdk(router(), std::string(MINROLE_SOURCE_DIR) + "/tests/fixtures/sdk-import/unmatched", options);
}

using List = std::vector<std::string>;

} // namespace

TEST_CASE("import_sdk: a request of a public method that no rule matches stays in the map as unmatched") {
    const SdkMap map = imported_fixture();
    const SdkMethod* del = method_named(map, "delete_lead");
    REQUIRE(del != nullptr);
    CHECK(del->operations.empty());
    CHECK(del->unmatched == List{"DELETE /rest/v1/leads.json"});
    CHECK(del->source == "unmatchedsdk/client.py:19");
    const SdkMethod* get = method_named(map, "get_lead_by_id");
    REQUIRE(get != nullptr);
    CHECK(get->operations == List{"GET /rest/v1/lead/{leadId}.json"});
    CHECK(get->unmatched.empty());
}

TEST_CASE("import_sdk: a parameter reassigned in a branch the call decides is not also its argument") {
    // _export_job_state_machine('customobjects', ...) takes `if entity == 'customobjects':`, so
    // its path is customobjects/{name}, never the bare customobjects no rule has.
    const SdkMap map = imported_fixture();
    const SdkMethod* custom = method_named(map, "cancel_custom_objects_export_job");
    REQUIRE(custom != nullptr);
    CHECK(custom->operations == List{"POST /bulk/v1/customobjects/{apiName}/export/{exportId}/cancel.json"});
    CHECK(custom->unmatched.empty());
    const SdkMethod* leads = method_named(map, "cancel_leads_export_job");
    REQUIRE(leads != nullptr);
    CHECK(leads->operations == List{"POST /bulk/v1/leads/export/{exportId}/cancel.json"});
}

TEST_CASE("sdk map: unmatched requests render after the operations and read back; a map without them is unchanged") {
    const SdkMap map = imported_fixture();
    const std::string text = render_sdk_map(map);
    CHECK(text.find("  - name: \"delete_lead\"\n    operations: []\n    unmatched: [\"DELETE /rest/v1/leads.json\"]\n") !=
          std::string::npos);
    CHECK(text.find("  - name: \"get_lead_by_id\"\n    operations: [\"GET /rest/v1/lead/{leadId}.json\"]\n    source:") !=
          std::string::npos);
    const SdkMap again = parse_sdk_map(SourceFile{"again.yaml", text});
    CHECK(render_sdk_map(again) == text);
    REQUIRE(method_named(again, "delete_lead") != nullptr);
    CHECK(method_named(again, "delete_lead")->unmatched == List{"DELETE /rest/v1/leads.json"});
}

TEST_CASE("sdk map: an unmatched entry that is not 'METHOD /path' is a located error") {
    const std::string bad = "kind: sdk\nname: x\nversion: '1'\nlanguage: python\nmethods:\n"
                            "  - name: delete_lead\n    operations: []\n    unmatched: [\"leads.json\"]\n";
    CHECK(error_of([&] { parse_sdk_map(SourceFile{"bad.yaml", bad}); }) ==
          "bad.yaml:8:16: an operation is 'METHOD /path', not 'leads.json'");
}

TEST_CASE("scan: an application calling an SDK method whose request no rule matches reports that request as unmatched") {
    std::vector<Sighting> all;
    scan_code_files({{"app.py", "from marketorestpython.client import MarketoClient\n"
                                "mc = MarketoClient(munchkin, client_id, secret)\n"
                                "def purge(ids):\n"
                                "    mc.execute(method='delete_lead', id=ids)\n"}},
                    builtin_sdk_maps(), [&](Sighting&& s) { all.push_back(std::move(s)); });
    const auto del = std::find_if(all.begin(), all.end(), [](const Sighting& s) { return s.target == "/rest/v1/leads.json"; });
    REQUIRE(del != all.end());
    CHECK(del->method == "DELETE");
    CHECK(del->line == 4);
    CHECK(del->function == "purge");
    CHECK(del->derivation.rfind("SDK marketorestpython@0.5.25 delete_lead (marketorestpython/client.py:", 0) == 0);
    // Routed like any other sighting, it is unmatched: no rule has DELETE /rest/v1/leads.json.
    const auto request = parse_request(del->method + " " + del->target);
    REQUIRE(request.has_value());
    CHECK(router().route(*request).status == MatchStatus::Unmatched);
}

} // namespace sdk_test

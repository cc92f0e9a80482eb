// scan over parsed code: how the evaluator follows paths built across functions. Each case scans
// one fixture folder under tests/fixtures/scan/evaluation/ (small programs written for the
// behaviour, in the style real integrations use) and compares everything the scan reports:
// matched operations, unmatched texts and ambiguous paths, so an extra guess fails the test too.
#include "minrole/scan.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace scan_evaluation_test {

using namespace minrole;
using test::model;
using test::router;

namespace {

// Every finding of a scan of one fixture folder, sorted: "METHOD /template" for a matched
// operation, "! text" for an unmatched one, "? path" for an ambiguous one.
std::vector<std::string> findings(const std::string& fixture) {
    const ScanResult r = scan(router(), {std::string(MINROLE_SOURCE_DIR) + "/tests/fixtures/scan/evaluation/" + fixture});
    std::vector<std::string> out;
    for (const auto& op : r.operations) {
        out.push_back(model().rules.at(op.endpoint).key());
    }
    for (const auto& u : r.unmatched) {
        out.push_back("! " + u.text);
    }
    for (const auto& a : r.ambiguous) {
        out.push_back("? " + a.target);
    }
    std::sort(out.begin(), out.end());
    return out;
}

using List = std::vector<std::string>;

} // namespace

TEST_CASE("scan: a path built from a parameter is reported where the project calls the function, not as {x} in its body") {
    CHECK(findings("parameter_holes_at_call_sites") ==
          List{"GET /bulk/v1/activities/export.json", "GET /bulk/v1/leads/export.json"});
}

TEST_CASE("scan: a parameter's hole stays where the calls that would fill it are nested past the wrapper limit") {
    CHECK(findings("hole_kept_past_the_wrapper_limit") == List{"GET /rest/v1/lead/{leadId}.json"});
}

TEST_CASE("scan: a path passed to a function that only builds a URL from it is not a request of its own") {
    CHECK(findings("builder_arguments_are_not_calls") == List{"GET /identity/oauth/token"});
}

TEST_CASE("scan: a branch on `is None`, `is not None` or a parameter's truthiness is decided by the call's arguments") {
    CHECK(findings("guards_decided_by_arguments") ==
          List{"GET /bulk/v1/activities/export.json", "GET /bulk/v1/activities/export/{exportId}/file.json",
               "GET /bulk/v1/leads/export/{exportId}/status.json", "POST /bulk/v1/leads/export/create.json",
               "POST /bulk/v1/leads/export/{exportId}/enqueue.json"});
}

TEST_CASE("scan: JavaScript branches on `!= null` and `=== undefined` are decided by the call's arguments") {
    CHECK(findings("guards_js") == List{"GET /bulk/v1/leads/export.json", "POST /bulk/v1/leads/export/create.json",
                                        "POST /bulk/v1/leads/export/{exportId}/cancel.json"});
}

TEST_CASE("scan: after `if x is None: x = ...` the value passed on is not None, so a branch on it is decided") {
    CHECK(findings("null_replaced_after_is_none_check") == List{"GET /bulk/v1/leads/export/{exportId}/file.json"});
}

TEST_CASE("scan: obj.m() reaches the method m of obj's class before a plain function of the same name") {
    CHECK(findings("receiver_method_before_plain_function") ==
          List{"GET /bulk/v1/activities/export/{exportId}/status.json", "GET /bulk/v1/leads/export/{exportId}/status.json"});
}

TEST_CASE("scan: lists concatenated with +, concat() or a spread keep their known parts; what is not followed is a {x} hole") {
    CHECK(findings("list_concatenation") ==
          List{"GET /rest/asset/v1/folders.json", "GET /rest/v1/activities/types.json", "GET /rest/v1/campaigns/{campaignId}.json",
               "GET /rest/v1/companies/describe.json", "GET /rest/v1/lists.json", "GET /rest/v1/lists/{listId}/leads.json",
               "POST /rest/asset/v1/emailTemplates.json"});
}

TEST_CASE("scan: an entry of a table of paths that a call sends is that call's sighting; an entry nothing sends keeps no method") {
    CHECK(findings("endpoint_table") ==
          List{"? /rest/asset/v1/emails.json", "GET /rest/asset/v1/programs.json", "GET /rest/v1/lists.json",
               "POST /rest/asset/v1/smartCampaigns.json", "POST /rest/asset/v1/staticLists.json"});
}

TEST_CASE("scan: Python's table.get(key) and table.get(key, default) read a table of paths as table[key] does, and send nothing") {
    // ENDPOINTS.get("leads") sent with POST is no GET; a default the key rules out is no path;
    // a key the table may lack gives its entries and the default.
    CHECK(findings("endpoint_table_get") == List{"GET /rest/v1/campaigns.json", "GET /rest/v1/lists.json",
                                                 "POST /rest/v1/customobjects/{customObjectName}.json", "POST /rest/v1/leads.json",
                                                 "POST /rest/v1/leads/push.json"});
}

} // namespace scan_evaluation_test

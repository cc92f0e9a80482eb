// parse_request and Router against the shipped rules: every accepted way of writing an
// operation lands on the right operationId, and misses come with useful candidates.
#include "minrole/loader.hpp"
#include "minrole/router.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace router_test {

using namespace minrole;
using test::default_model;
using test::router;

namespace {



// The operationId a text routes to, or a description of why it did not match.
std::string routed(const std::string& text) {
    const RouteMatch m = router().route(text);
    if (m.status == MatchStatus::Matched && m.endpoint) {
        return default_model().rules.at(*m.endpoint).operation_id;
    }
    return m.status == MatchStatus::Ambiguous ? "<ambiguous>" : "<unmatched>";
}

std::vector<std::string> candidate_ids(const RouteMatch& m) {
    std::vector<std::string> out;
    for (EndpointId id : m.candidates) {
        out.push_back(default_model().rules.at(id).operation_id);
    }
    return out;
}

} // namespace

// ---- parse_request ---------------------------------------------------------------------

TEST_CASE("parse_request splits method and path and upper-cases the method") {
    auto r = parse_request("get /rest/v1/leads.json");
    REQUIRE(r);
    CHECK(r->method == "GET");
    CHECK(r->path == "/rest/v1/leads.json");
    CHECK(r->parameters.empty());
    CHECK_FALSE(r->method_overridden);
}

TEST_CASE("parse_request tolerates surrounding whitespace and tabs") {
    auto r = parse_request("  \tPOST\t /rest/v1/leads.json \n");
    REQUIRE(r);
    CHECK(r->method == "POST");
    CHECK(r->path == "/rest/v1/leads.json");
}

TEST_CASE("parse_request strips scheme, host and query, keeping query parameter names") {
    auto r = parse_request("GET https://123-ABC-456.mktorest.com/rest/v1/lead/318581.json?fields=email,firstName&leadId=5");
    REQUIRE(r);
    CHECK(r->method == "GET");
    CHECK(r->path == "/rest/v1/lead/318581.json");
    CHECK(r->parameters == Parameters{"fields", "leadId"});
}

TEST_CASE("parse_request accepts a host without scheme and a protocol-relative URL") {
    auto bare = parse_request("GET 123-ABC-456.mktorest.com/rest/v1/leads.json");
    REQUIRE(bare);
    CHECK(bare->path == "/rest/v1/leads.json");
    auto relative = parse_request("GET //123-ABC-456.mktorest.com/rest/v1/leads.json");
    REQUIRE(relative);
    CHECK(relative->path == "/rest/v1/leads.json");
}

TEST_CASE("parse_request drops a fragment") {
    auto r = parse_request("GET /rest/v1/leads.json?filterType=id#section");
    REQUIRE(r);
    CHECK(r->path == "/rest/v1/leads.json");
    CHECK(r->parameters == Parameters{"filterType"});
}

TEST_CASE("parse_request decodes percent-encoding in path and parameter names") {
    auto r = parse_request("GET /rest/asset/v1/email/by%4Eame.json?lead%49d=1&a+b=2&flag&&");
    REQUIRE(r);
    CHECK(r->path == "/rest/asset/v1/email/byName.json");
    CHECK(r->parameters == Parameters{"leadId", "a b", "flag"});
}

TEST_CASE("parse_request removes trailing and doubled slashes") {
    auto trailing = parse_request("GET /rest/v1/leads.json/");
    REQUIRE(trailing);
    CHECK(trailing->path == "/rest/v1/leads.json");
    auto doubled = parse_request("GET /rest//v1///leads.json");
    REQUIRE(doubled);
    CHECK(doubled->path == "/rest/v1/leads.json");
}

TEST_CASE("parse_request without a method leaves it empty") {
    auto r = parse_request("/rest/v1/leads.json");
    REQUIRE(r);
    CHECK(r->method.empty());
    CHECK(r->path == "/rest/v1/leads.json");
}

TEST_CASE("parse_request treats POST with _method=GET as GET and does not keep _method as a parameter") {
    auto r = parse_request("POST /rest/v1/leads.json?_method=GET&filterType=email");
    REQUIRE(r);
    CHECK(r->method == "GET");
    CHECK(r->method_overridden);
    CHECK(r->parameters == Parameters{"filterType"});
    auto lower = parse_request("POST /rest/v1/leads.json?_method=delete");
    REQUIRE(lower);
    CHECK(lower->method == "DELETE");
    CHECK(lower->method_overridden);
}

TEST_CASE("parse_request ignores _method on a GET and an unknown _method value") {
    auto get = parse_request("GET /rest/v1/leads.json?_method=POST");
    REQUIRE(get);
    CHECK(get->method == "GET");
    CHECK_FALSE(get->method_overridden);
    auto bogus = parse_request("POST /rest/v1/leads.json?_method=FETCH");
    REQUIRE(bogus);
    CHECK(bogus->method == "POST");
    CHECK_FALSE(bogus->method_overridden);
}

TEST_CASE("parse_request refuses text that is not a request") {
    CHECK_FALSE(parse_request(""));
    CHECK_FALSE(parse_request("   "));
    CHECK_FALSE(parse_request("get all the leads"));
    CHECK_FALSE(parse_request("getLeadByIdUsingGET"));
    CHECK_FALSE(parse_request("GET api/v1/leads.json"));
}

TEST_CASE("parse_request: a Marketo path that lost its leading slash is still that path") {
    for (const char* text : {"GET rest/v1/leads.json", "GET /rest/v1/leads.json"}) {
        CAPTURE(text);
        const auto request = parse_request(text);
        REQUIRE(request);
        CHECK(request->method == "GET");
        CHECK(request->path == "/rest/v1/leads.json");
    }
    CHECK(parse_request("bulk/v1/leads/export/create.json")->path == "/bulk/v1/leads/export/create.json");
    CHECK(parse_request("identity/oauth/token?client_id=x")->path == "/identity/oauth/token");
}

// ---- Router: matching ------------------------------------------------------------------

TEST_CASE("router matches a concrete id against the template") {
    CHECK(routed("GET /rest/v1/lead/318581.json") == "getLeadByIdUsingGET");
    CHECK(routed("GET /rest/v1/lead/{leadId}.json") == "getLeadByIdUsingGET");
    CHECK(routed("GET /rest/asset/v1/email/1234.json") == "getEmailByIdUsingGET");
    CHECK(routed("POST /rest/asset/v1/email/1234.json") == "updateEmailUsingPOST");
}

TEST_CASE("router matches a full URL with host and query string and keeps its parameters") {
    const RouteMatch m = router().route("GET https://123-ABC-456.mktorest.com/rest/asset/v1/email/99/fullContent.json"
                                        "?leadId=318581&type=HTML");
    REQUIRE(m.status == MatchStatus::Matched);
    CHECK(default_model().rules.at(*m.endpoint).operation_id == "getEmailFullContentUsingGET");
    CHECK(m.request.parameters == Parameters{"leadId", "type"});
    CHECK(m.request.path == "/rest/asset/v1/email/99/fullContent.json");
}

TEST_CASE("router: a literal segment beats a parameter") {
    CHECK(routed("GET /rest/asset/v1/email/byName.json") == "getEmailByNameUsingGET");
    CHECK(routed("GET /rest/asset/v1/email/ccFields.json") == "getEmailCCFieldsUsingGET");
}

TEST_CASE("router falls back to a parameter when the literal branch has no rule for the method") {
    // Only GET exists on /email/ccFields.json; a POST there fits /email/{id}.json.
    CHECK(routed("POST /rest/asset/v1/email/ccFields.json") == "updateEmailUsingPOST");
}

TEST_CASE("router: a segment with a parameter and a literal suffix needs both") {
    CHECK(routed("GET /rest/asset/v1/emailTemplate/5/content") == "getTemplateContentByIdUsingGET");
    CHECK(routed("POST /rest/asset/v1/emailTemplate/5/content.json") == "updateEmailTemplateContentUsingPOST");
    CHECK(routed("GET /rest/v1/lead/318581") == "<unmatched>");
}

TEST_CASE("router ignores trailing and doubled slashes") {
    CHECK(routed("GET /rest/v1/lead/318581.json/") == "getLeadByIdUsingGET");
    CHECK(routed("GET /rest//v1//lead//318581.json") == "getLeadByIdUsingGET");
}

TEST_CASE("router decodes percent-encoding before matching") {
    CHECK(routed("GET /rest/asset/v1/email/by%4Eame.json") == "getEmailByNameUsingGET");
    CHECK(routed("GET /rest/v1/lead/%33%31%38.json") == "getLeadByIdUsingGET");
}

TEST_CASE("router takes a path without an API base as relative to /rest") {
    CHECK(routed("GET /v1/leads.json") == "getLeadsByFilterUsingGET");
    CHECK(routed("POST /v1/leads.json") == "syncLeadUsingPOST");
    CHECK(routed("GET /asset/v1/emails.json") == "getEmailUsingGET");
    CHECK(routed("GET /v1/lead/7.json") == "getLeadByIdUsingGET");
}

TEST_CASE("router matches bulk paths") {
    CHECK(routed("POST /bulk/v1/leads.json") == "importLeadUsingPOST");
    CHECK(routed("GET /bulk/v1/leads/export/0f3d-aa12/status.json") == "getExportLeadsStatusUsingGET");
    CHECK(routed("POST https://123-ABC-456.mktorest.com/bulk/v1/activities/export/create.json") ==
          "createExportActivitiesUsingPOST");
}

TEST_CASE("router matches identity and user-management paths") {
    CHECK(routed("GET /identity/oauth/token?grant_type=client_credentials") == "identityUsingGET");
    CHECK(routed("POST /identity/oauth/token") == "identityUsingPOST");
    CHECK(routed("GET /userservice/management/v1/users/abc%40example.com/roles.json") ==
          "getUserRolesAndWorkspacesUsingGET");
}

TEST_CASE("router matches data-ingestion subscription paths") {
    CHECK(routed("POST /subscriptions/123-ABC-456/persons") == "syncPersons");
    CHECK(routed("POST https://mkto-ingestion-api.adobe.io/subscriptions/123-ABC-456/customobjects/car_c") ==
          "syncCustomObjects");
    CHECK(routed("POST /subscriptions/123-ABC-456/programmembers/delete") == "deleteProgramMembers");
}

TEST_CASE("router accepts an operationId") {
    const RouteMatch m = router().route("getLeadByIdUsingGET");
    REQUIRE(m.status == MatchStatus::Matched);
    CHECK(default_model().rules.at(*m.endpoint).operation_id == "getLeadByIdUsingGET");
    CHECK(m.request.method == "GET");
    CHECK(m.request.path == "/rest/v1/lead/{leadId}.json");
    CHECK(routed("  syncPersons\t") == "syncPersons");
}

TEST_CASE("router: POST with ?_method=GET is routed as the GET") {
    const RouteMatch m = router().route("POST /rest/v1/leads.json?_method=GET&filterType=email");
    REQUIRE(m.status == MatchStatus::Matched);
    CHECK(default_model().rules.at(*m.endpoint).operation_id == "getLeadsByFilterUsingGET");
    CHECK(m.request.method_overridden);
    CHECK(m.request.method == "GET");
}

TEST_CASE("router: no method and several fitting methods is Ambiguous, listing every one") {
    const RouteMatch m = router().route("/rest/asset/v1/email/1234.json");
    CHECK(m.status == MatchStatus::Ambiguous);
    CHECK_FALSE(m.endpoint);
    auto ids = candidate_ids(m);
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::string>{"getEmailByIdUsingGET", "updateEmailUsingPOST"});
    CHECK_FALSE(m.reason.empty());
}

TEST_CASE("router: no method and a single fitting method is Matched") {
    const RouteMatch m = router().route("https://123-ABC-456.mktorest.com/rest/v1/lead/318581.json");
    REQUIRE(m.status == MatchStatus::Matched);
    CHECK(default_model().rules.at(*m.endpoint).operation_id == "getLeadByIdUsingGET");
    CHECK(m.candidates.empty());
    CHECK(routed("/subscriptions/123-ABC-456/persons") == "syncPersons");
}

// Regression (match_any_method): with no method, only the most specific template node was once
// considered, so a method fitting only through a parameter template was left out: here
// match("POST", ...) gives updateEmailUsingPOST, and the method-less route must not report a
// plain match on the GET, which would hide a possible write.
TEST_CASE("router: no method lists methods that fit only through a parameter template too") {
    const auto path = "/rest/asset/v1/email/ccFields.json";
    REQUIRE(router().match("POST", path));
    const RouteMatch m = router().route(path);
    CHECK(m.status == MatchStatus::Ambiguous);
    auto ids = candidate_ids(m);
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::string>{"getEmailCCFieldsUsingGET", "updateEmailUsingPOST"});
}

TEST_CASE("router match and match_any_method") {
    const auto& rules = default_model().rules;
    auto get = router().match("GET", "/rest/v1/lead/5.json");
    REQUIRE(get);
    CHECK(rules.at(*get).operation_id == "getLeadByIdUsingGET");
    CHECK_FALSE(router().match("DELETE", "/rest/v1/lead/5.json"));
    CHECK(router().match_any_method("/rest/v1/lead/5.json").size() == 1);
    CHECK(router().match_any_method("/rest/v1/nothing/here.json").empty());
}

// ---- Router: misses ---------------------------------------------------------------------

TEST_CASE("router: an unmatched request gives up to three closest candidates, nearest first") {
    const RouteMatch m = router().route("GET /rest/v1/leadz.json");
    CHECK(m.status == MatchStatus::Unmatched);
    CHECK_FALSE(m.endpoint);
    REQUIRE(m.candidates.size() == 3);
    CHECK(candidate_ids(m).front() == "getLeadsByFilterUsingGET");
    CHECK(m.reason == "no endpoint rule matches GET /rest/v1/leadz.json");
}

TEST_CASE("router: without suggestions an unmatched request is routed alike but the closest are not searched") {
    const auto request = parse_request("GET /rest/v1/leadz.json");
    REQUIRE(request);
    const RouteMatch m = router().route(*request, Router::Suggestions::None);
    CHECK(m.status == MatchStatus::Unmatched);
    CHECK(m.candidates.empty());
    CHECK(m.reason == "no endpoint rule matches GET /rest/v1/leadz.json");
    const RouteMatch matched = router().route(*parse_request("GET /rest/v1/leads.json"), Router::Suggestions::None);
    CHECK(matched.status == MatchStatus::Matched);
    CHECK(router().route(*request, Router::Suggestions::Closest).candidates.size() == 3);
}

TEST_CASE("router: a known path with a method it does not have is Unmatched, suggesting that path") {
    const RouteMatch m = router().route("DELETE /rest/v1/leads.json");
    CHECK(m.status == MatchStatus::Unmatched);
    const auto ids = candidate_ids(m);
    CHECK(ids.size() == 3);
    CHECK(std::find(ids.begin(), ids.end(), "getLeadsByFilterUsingGET") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "syncLeadUsingPOST") != ids.end());
}

TEST_CASE("router: an unmatched path without method is Unmatched with candidates") {
    const RouteMatch m = router().route("/rest/v1/no/such/endpoint.json");
    CHECK(m.status == MatchStatus::Unmatched);
    CHECK(m.candidates.size() == 3);
    CHECK(m.reason == "no endpoint rule matches /rest/v1/no/such/endpoint.json");
}

TEST_CASE("router: text that is not a request is Unmatched with the closest operationIds") {
    const RouteMatch m = router().route("getLeadByIdUsingGot");
    CHECK(m.status == MatchStatus::Unmatched);
    REQUIRE(m.candidates.size() == 3);
    CHECK(candidate_ids(m).front() == "getLeadByIdUsingGET");
    CHECK(m.reason == "'getLeadByIdUsingGot' is neither a known operationId nor a METHOD /path");

    const RouteMatch words = router().route("fetch every lead please");
    CHECK(words.status == MatchStatus::Unmatched);
    CHECK(words.candidates.size() == 3);
}

TEST_CASE("router: closest respects how_many and ranks the method") {
    const auto one = router().closest("POST", "/rest/v1/leads.json", 1);
    REQUIRE(one.size() == 1);
    CHECK(default_model().rules.at(one.front()).operation_id == "syncLeadUsingPOST");
    CHECK(router().closest("GET", "/x", 0).empty());
}

TEST_CASE("router on a small rule set: the most literal pattern wins within a segment") {
    RuleSet rules;
    const auto add = [&](const std::string& id, const std::string& path) {
        Endpoint e;
        e.operation_id = id;
        e.method = "GET";
        e.path = path;
        rules.add(std::move(e));
    };
    add("plain", "/rest/v1/thing/{id}");
    add("json", "/rest/v1/thing/{id}.json");
    add("prefixed", "/rest/v1/thing/v{version}.json");
    const Router r(rules);
    const auto op = [&](const std::string& path) {
        auto id = r.match("GET", path);
        return id ? rules.at(*id).operation_id : std::string("<none>");
    };
    CHECK(op("/rest/v1/thing/12") == "plain");
    CHECK(op("/rest/v1/thing/12.json") == "json");
    CHECK(op("/rest/v1/thing/v2.json") == "prefixed");
    CHECK(op("/rest/v1/thing") == "<none>");
}

TEST_CASE("a router refuses to answer once its rules have changed") {
    RuleSet rules;
    Endpoint e;
    e.operation_id = "getA";
    e.method = "GET";
    e.path = "/rest/v1/a.json";
    rules.add(e);
    const Router router(rules);
    CHECK(router.route("GET /rest/v1/a.json").status == MatchStatus::Matched);
    Endpoint b = e;
    b.operation_id = "getB";
    b.path = "/rest/v1/b.json";
    rules.add(b);
    CHECK_THROWS_AS((void)router.route("GET /rest/v1/a.json"), std::logic_error);
    CHECK_THROWS_AS((void)router.match("GET", "/rest/v1/a.json"), std::logic_error);
    CHECK_THROWS_AS((void)router.closest("GET", "/rest/v1/c.json", 3), std::logic_error);
    const Router rebuilt(rules);
    CHECK(rebuilt.route("GET /rest/v1/b.json").status == MatchStatus::Matched);
}

} // namespace router_test

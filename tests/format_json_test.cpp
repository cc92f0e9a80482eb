// src/format_json.cpp: the JSON shapes (public contracts), on results built in code.
#include "minrole/recommend.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace minrole;
using nlohmann::json;

TEST_CASE("json: recommendation keeps unmatched operations in both the operation list and the unmatched list") {
    const auto rec = recommend(test::model(), test::router(),
                               test::intent_of({"GET /rest/v1/leads.json", "GET /rest/v1/lead.json"}));
    const json doc = json::parse(render_recommendation(test::model(), rec, Format::Json));
    CHECK(doc["schema"] == "minrole/recommendation/v1");
    const json& w = doc["workspaces"][0];
    CHECK(w["permissions"] == json::array({"Read-Only Lead"}));
    CHECK(w["justification"][0]["operations"] == json::array({"GET /rest/v1/leads.json"}));
    REQUIRE(w["unmatched"].size() == 1);
    CHECK(w["unmatched"][0]["candidates"] == w["operations"][1]["candidates"]);
    CHECK(w["operations"][0]["endpoint"] == "GET /rest/v1/leads.json");
    CHECK_FALSE(w["operations"][1].contains("endpoint"));
}

TEST_CASE("json: audit findings carry the permission name and suppression") {
    const auto report = audit(test::model(), test::router(), test::role_of("permissions: [Read-Only Lead, Read-Write Assets]\n"),
                              test::intent_of({"GET /rest/v1/leads.json"}),
                              test::policy_of("kind: policy\nexceptions:\n  - rule: unused-permission\n"
                                              "    justification: migration\n    expires: 2099-01-01\n"),
                              "2025-01-01");
    const json doc = json::parse(render_audit(test::model(), report, Format::Json));
    bool seen = false;
    for (const auto& f : doc["findings"]) {
        if (f["rule"] == "unused-permission") {
            seen = true;
            CHECK(f["permission"] == "Read-Write Assets");
            CHECK(f["suppressed"] == true);
            CHECK(f["suppressed_by"] == "migration (until 2099-01-01)");
            CHECK(f["location"]["file"] == "role.yaml");
        }
    }
    CHECK(seen);
    CHECK(doc["minimal_role"][0]["permissions"] == json::array({"Read-Only Lead"}));
}

TEST_CASE("json: explain of a permission lists the endpoints it takes part in") {
    const json doc = json::parse(render_explain_permission(test::model(), test::pid("Read-Only Lead"), Format::Json));
    CHECK(doc["kind"] == "permission");
    CHECK(doc["implied_by"] == json::array({"Read-Write Lead"}));
    bool leads = false;
    for (const auto& e : doc["endpoints"]) {
        leads = leads || e["endpoint"] == "GET /rest/v1/leads.json";
    }
    CHECK(leads);
}

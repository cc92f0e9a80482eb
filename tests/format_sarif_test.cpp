// src/format_sarif.cpp: SARIF 2.1.0 for code-scanning UIs; every result points at its rule.
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace minrole;
using nlohmann::json;

TEST_CASE("sarif: each result's ruleIndex names its own rule, and suppressed findings say so") {
    const auto report = audit(test::model(), test::router(), test::role_of("permissions: [Read-Only Lead, Read-Write Assets]\n"),
                              test::intent_of({"GET /rest/v1/leads.json"}),
                              test::policy_of("kind: policy\nexceptions:\n  - rule: unused-permission\n"
                                              "    justification: migration\n    expires: 2099-01-01\n"),
                              "2025-01-01");
    const json doc = json::parse(render_audit(test::model(), report, Format::Sarif));
    CHECK(doc["version"] == "2.1.0");
    const json& run = doc["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    REQUIRE(run["results"].size() == report.findings.size());
    for (const auto& r : run["results"]) {
        const std::size_t index = r["ruleIndex"];
        REQUIRE(index < rules.size());
        CHECK(rules[index]["id"] == r["ruleId"]);
        CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "role.yaml");
        if (r["ruleId"] == "unused-permission") {
            CHECK(r["properties"]["permission"] == "Read-Write Assets");
            CHECK(r["suppressions"][0]["justification"] == "migration (until 2099-01-01)");
        }
    }
}

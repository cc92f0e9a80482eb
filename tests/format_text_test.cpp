// src/format_text.cpp: the terminal renderings, on results built in code.
#include "minrole/allows.hpp"
#include "minrole/recommend.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace minrole;

TEST_CASE("text: recommendation lists each member with the operations that need it, and unmatched ones with their closest") {
    const auto rec = recommend(test::model(), test::router(),
                               test::intent_of({"GET /rest/v1/leads.json", "GET /rest/v1/lead.json"}));
    const std::string out = render_recommendation(test::model(), rec, Format::Text);
    CHECK(out.find("workspace Default: 1 permission, cost") != std::string::npos);
    CHECK(out.find("Read-Only Lead  ") != std::string::npos);
    CHECK(out.find("for GET /rest/v1/leads.json\n") != std::string::npos);
    CHECK(out.find("  ! unmatched: GET /rest/v1/lead.json - ") != std::string::npos);
    CHECK(out.find("closest: GET /rest/v1/leads.json") != std::string::npos);
}

TEST_CASE("text: audit counts the findings it does not mark suppressed") {
    const auto report = audit(test::model(), test::router(), test::role_of("permissions: [Read-Only Lead, Read-Write Assets]\n"),
                              test::intent_of({"GET /rest/v1/leads.json"}),
                              test::policy_of("kind: policy\nexceptions:\n  - rule: unused-permission\n"
                                              "    justification: migration\n    expires: 2099-01-01\n"),
                              "2025-01-01");
    const std::string out = render_audit(test::model(), report, Format::Text);
    CHECK(out.find("(suppressed: migration (until 2099-01-01))") != std::string::npos);
    CHECK(out.find(" (1 suppressed) for role role.yaml\n") != std::string::npos);
    CHECK(out.find("  minimal role in Default: Read-Only Lead\n") != std::string::npos);
}

TEST_CASE("text: allows groups endpoints by power and area") {
    const Reach reach = allows(test::model(), test::role_of("role: r\npermissions: [Read-Only Lead]\n"));
    const std::string out = render_allows(test::model(), reach, Format::Text);
    CHECK(out.rfind("What role r allows\n", 0) == 0);
    CHECK(out.find("  by power: ") != std::string::npos);
    CHECK(out.find("  [read]\n") != std::string::npos);
    CHECK(out.find("  [write]\n") == std::string::npos);
}

TEST_CASE("text: explain names what a permission implies and what implies it") {
    const std::string out = render_explain_permission(test::model(), test::pid("Read-Write Lead"), Format::Text);
    CHECK(out.find("  implies:     Read-Only Lead") != std::string::npos);
    CHECK(out.find("  implied by:  nothing\n") != std::string::npos);
}

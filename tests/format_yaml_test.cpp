// src/format_yaml.cpp: the YAML a recommendation renders is a role spec `audit --role` reads back.
#include "minrole/recommend.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace minrole;

TEST_CASE("yaml: a recommended role parses back as the same role") {
    const auto rec = recommend(test::model(), test::router(),
                               test::intent_of({"GET /rest/v1/leads.json", "POST /rest/v1/leads.json", "GET /rest/v1/activities.json"}));
    const std::string text = render_recommendation(test::model(), rec, Format::Yaml);
    CHECK(text.find("  # GET /rest/v1/leads.json; POST /rest/v1/leads.json\n") != std::string::npos);
    const RoleSpec role = test::role_of(text, "recommended.yaml");
    REQUIRE(role.workspaces.size() == 1);
    PermissionSet granted(test::model().catalog.size());
    for (const auto& g : role.workspaces.front().grants) {
        granted.set(g.permission);
    }
    CHECK(granted == rec.workspaces.front().solution.role);
}

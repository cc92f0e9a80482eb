// recommend() end to end on intents built in code.
#include "minrole/display.hpp"
#include "minrole/loader.hpp"
#include "minrole/recommend.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace recommend_test {

namespace {

using namespace minrole;
using test::model;


PermissionId id_of(const std::string& name) { return *model().catalog.find(name); }

IntendedOperation op(const std::string& text, Parameters parameters = {}) {
    IntendedOperation o;
    o.text = text;
    o.parameters = std::move(parameters);
    return o;
}

std::set<std::string> role_names(const PermissionSet& role) {
    std::set<std::string> out;
    for (auto id = role.find_first(); id != PermissionSet::npos; id = role.find_next(id)) {
        out.insert(model().catalog.at(static_cast<PermissionId>(id)).name);
    }
    return out;
}

const Justification& justification_for(const WorkspaceRecommendation& w, const std::string& name) {
    for (const auto& j : w.justifications) {
        if (j.permission == id_of(name)) {
            return j;
        }
    }
    FAIL("no justification for " << name);
    return w.justifications.front();
}

Recommendation recommend_ops(const std::vector<IntendedOperation>& operations) {
    static const Router router(model().rules);
    Intent intent;
    intent.service = "test";
    auto& w = intent.workspace(kDefaultWorkspace);
    w.operations = operations;
    return recommend(model(), router, intent);
}

} // namespace

TEST_CASE("recommend: one role per workspace, with the operations that need each member") {
    const Router router(model().rules);
    Intent intent;
    intent.service = "crm-sync";
    auto& europe = intent.workspace("Europe");
    europe.operations = {op("GET /rest/v1/leads.json?filterType=email&filterValues=a@b.c"),
                         op("POST /rest/v1/leads.json"), op("getEmailByIdUsingGET")};
    auto& americas = intent.workspace("Americas");
    americas.operations = {op("GET https://123-ABC-456.mktorest.com/rest/v1/lead/318581.json?fields=email")};

    const Recommendation r = recommend(model(), router, intent);
    CHECK(r.service == "crm-sync");
    REQUIRE(r.workspaces.size() == 2);
    CHECK(r.complete());

    const auto& eu = r.workspaces[0];
    CHECK(eu.name == "Europe");
    REQUIRE(eu.operations.size() == 3);
    for (const auto& o : eu.operations) {
        CHECK(o.status == OperationStatus::Matched);
    }
    CHECK(model().rules.at(*eu.operations[0].match.endpoint).operation_id == "getLeadsByFilterUsingGET");
    CHECK(model().rules.at(*eu.operations[1].match.endpoint).operation_id == "syncLeadUsingPOST");
    CHECK(model().rules.at(*eu.operations[2].match.endpoint).operation_id == "getEmailByIdUsingGET");
    CHECK(eu.operations[0].parameters == Parameters{"filterType", "filterValues"});
    CHECK(role_names(eu.solution.role) == std::set<std::string>{"Read-Write Lead", "Read-Only Assets"});
    CHECK(eu.solution.cost == role_cost(model().catalog, eu.solution.role));

    // Justifications: one per member, in catalog order, naming the operations that fail without it.
    REQUIRE(eu.justifications.size() == 2);
    CHECK(eu.justifications[0].permission < eu.justifications[1].permission);
    const auto& lead = justification_for(eu, "Read-Write Lead");
    CHECK(lead.operations == std::vector<std::size_t>{0, 1});
    CHECK(lead.parent_of.empty());
    const auto& assets = justification_for(eu, "Read-Only Assets");
    CHECK(assets.operations == std::vector<std::size_t>{2});

    const auto& am = r.workspaces[1];
    CHECK(am.name == "Americas");
    REQUIRE(am.operations.size() == 1);
    CHECK(am.operations[0].status == OperationStatus::Matched);
    CHECK(model().rules.at(*am.operations[0].match.endpoint).operation_id == "getLeadByIdUsingGET");
    CHECK(role_names(am.solution.role) == std::set<std::string>{"Read-Only Lead"});
}

TEST_CASE("recommend: a v2 email operation grants Access Design Studio as a parent") {
    const Recommendation r = recommend_ops({op("POST /rest/asset/v2/email/1234/update")});
    REQUIRE(r.workspaces.size() == 1);
    const auto& w = r.workspaces[0];
    REQUIRE(w.operations.size() == 1);
    CHECK(w.operations[0].status == OperationStatus::Matched);
    CHECK(role_names(w.solution.role) ==
          std::set<std::string>{"Read-Write Assets", "Access Design Studio", "Edit Email"});
    const auto& studio = justification_for(w, "Access Design Studio");
    CHECK(studio.parent_of == std::vector<PermissionId>{id_of("Edit Email")});
    CHECK(studio.operations == std::vector<std::size_t>{0});
    CHECK(justification_for(w, "Edit Email").parent_of.empty());
    CHECK(justification_for(w, "Edit Email").operations == std::vector<std::size_t>{0});

    // Reading and editing: Access Design Studio is the parent of both Design Studio members.
    const Recommendation both =
        recommend_ops({op("GET /rest/asset/v2/email/1234"), op("POST /rest/asset/v2/email/1234/update")});
    const auto& w2 = both.workspaces[0];
    CHECK(role_names(w2.solution.role) ==
          std::set<std::string>{"Read-Write Assets", "Access Design Studio", "Edit Email", "Access Email"});
    const auto& studio2 = justification_for(w2, "Access Design Studio");
    CHECK(studio2.parent_of == std::vector<PermissionId>{id_of("Access Email"), id_of("Edit Email")});
    CHECK(studio2.operations == std::vector<std::size_t>{0, 1});
    CHECK(justification_for(w2, "Read-Write Assets").operations == std::vector<std::size_t>{0, 1});
}

TEST_CASE("recommend: unmatched and undocumented operations are reported, not guessed") {
    const Recommendation r = recommend_ops({op("GET /rest/v1/nosuchthing.json"),
                                            op("GET /rest/asset/v1/landingPage/77/variables.json"),
                                            op("GET /rest/v1/leads.json")});
    const auto& w = r.workspaces[0];
    REQUIRE(w.operations.size() == 3);
    CHECK(w.operations[0].status == OperationStatus::Unmatched);
    CHECK(w.operations[1].status == OperationStatus::Undocumented);
    CHECK(model().rules.at(*w.operations[1].match.endpoint).operation_id == "getVariablesUsingGET");
    CHECK(w.operations[2].status == OperationStatus::Matched);
    CHECK_FALSE(r.complete());
    // Only the matched operation shapes the role.
    CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Lead"});
    REQUIRE(w.justifications.size() == 1);
    CHECK(w.justifications[0].operations == std::vector<std::size_t>{2});
    CHECK(std::string(to_string(OperationStatus::Unmatched)) == "unmatched");
    CHECK(std::string(to_string(OperationStatus::Undocumented)) == "undocumented");
}

TEST_CASE("recommend: a long operation is routed whole and echoed by its first kEchoBytes") {
    // A 60 KB lead id still matches its endpoint; what the outcome keeps to show is short.
    const std::string long_id(60000, '7');
    const std::string long_name(5000, 'p');
    const Recommendation r = recommend_ops({op("GET /rest/v1/lead/" + long_id + ".json?" + long_name + "=1"),
                                            op("GET /rest/v1/" + long_id + "/nothing.json")});
    const auto& w = r.workspaces[0];
    REQUIRE(w.operations.size() == 2);
    CHECK(w.operations[0].status == OperationStatus::Matched);
    CHECK(model().rules.at(*w.operations[0].match.endpoint).operation_id == "getLeadByIdUsingGET");
    CHECK(w.operations[0].intended.text == clip_echo("GET /rest/v1/lead/" + long_id + ".json?" + long_name + "=1"));
    CHECK(w.operations[0].parameters == Parameters{clip_echo(long_name)});
    CHECK(w.operations[1].status == OperationStatus::Unmatched);
    CHECK(w.operations[1].intended.text.size() < 2 * kEchoBytes);
    CHECK(w.operations[1].match.request.path.size() < 2 * kEchoBytes);
    CHECK(w.operations[1].match.reason.size() < 2 * kEchoBytes);
    CHECK(w.operations[1].match.reason.find("more bytes)") != std::string::npos);
}

TEST_CASE("recommend: the leadId clause adds Read-Only Lead only when leadId is passed") {
    const std::string path = "GET /rest/asset/v1/email/1001/fullContent.json";
    SUBCASE("not passed") {
        const Recommendation r = recommend_ops({op(path)});
        const auto& w = r.workspaces[0];
        CHECK(w.operations[0].status == OperationStatus::Matched);
        CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Assets"});
    }
    SUBCASE("another query parameter") {
        const Recommendation r = recommend_ops({op(path + "?status=approved")});
        const auto& w = r.workspaces[0];
        CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Assets"});
    }
    SUBCASE("leadId in the query") {
        const auto r = recommend_ops({op(path + "?leadId=318581&type=HTML")});
        const auto& w = r.workspaces[0];
        CHECK(w.operations[0].parameters.count("leadId") == 1);
        CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Assets", "Read-Only Lead"});
        CHECK(justification_for(w, "Read-Only Lead").operations == std::vector<std::size_t>{0});
    }
    SUBCASE("leadId declared with params") {
        const Recommendation r = recommend_ops({op(path, {"leadId"})});
        const auto& w = r.workspaces[0];
        CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Assets", "Read-Only Lead"});
    }
    SUBCASE("by operationId with params") {
        const Recommendation r = recommend_ops({op("getLandingPageFullContentUsingGET", {"leadId"})});
        const auto& w = r.workspaces[0];
        CHECK(w.operations[0].status == OperationStatus::Matched);
        CHECK(role_names(w.solution.role) == std::set<std::string>{"Read-Only Assets", "Read-Only Lead"});
    }
}

} // namespace recommend_test

// The importer's reading of Adobe's "Required Permissions" statements, shape by shape, and
// import_openapi on small in-memory specs.
#include "minrole/loader.hpp"
#include "minrole/openapi.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace openapi_import_test {

namespace {

using namespace minrole;
using test::model;


Requirement P(const std::string& name) { return Requirement::of(*model().catalog.find(name)); }

Requirement parse(const std::string& statement, bool comma_means_all = false) {
    return parse_permission_statement(model().catalog, statement, comma_means_all, Location{"test", 1, 1});
}

std::string yaml(const Requirement& r) { return requirement_to_yaml(model().catalog, r); }

} // namespace

TEST_CASE("openapi import: a single permission") {
    CHECK(parse("Read-Write Assets") == P("Read-Write Assets"));
    CHECK(parse("Read-Only Lead") == P("Read-Only Lead"));
    CHECK(parse("Approve Assets") == P("Approve Assets"));
}

TEST_CASE("openapi import: a comma list is any-of") {
    CHECK(parse("Read-Only Lead, Read-Write Lead") == Requirement::any_of({P("Read-Only Lead"), P("Read-Write Lead")}));
    CHECK(parse("Read-Only Assets, Read-Write Assets.") ==
          Requirement::any_of({P("Read-Only Assets"), P("Read-Write Assets")}));
    CHECK(parse("Read-Write Schema Standard Field, Read-Write Schema Custom Field") ==
          Requirement::any_of({P("Read-Write Schema Standard Field"), P("Read-Write Schema Custom Field")}));
}

TEST_CASE("openapi import: an 'or' list is any-of, even under /rest/asset/v2") {
    const Requirement expected = Requirement::any_of({P("Read-Only Assets"), P("Read-Write Assets")});
    CHECK(parse("Read-Asset or Read-Write Asset") == expected);
    CHECK(parse("Read-Asset or Read-Write Asset", true) == expected);
}

TEST_CASE("openapi import: an 'and' list is all-of") {
    CHECK(parse("Access User Management Api and Access Users") ==
          Requirement::all_of({P("Access User Management Api"), P("Access Users")}));
    CHECK(parse("Access User Management Api and Access User") ==
          Requirement::all_of({P("Access User Management Api"), P("Access Users")}));
}

TEST_CASE("openapi import: Design Studio comma lists are all-of") {
    CHECK(parse("Read-Write Assets, Access Design Studio, Edit Email.", true) ==
          Requirement::all_of({P("Read-Write Assets"), P("Access Design Studio"), P("Edit Email")}));
    CHECK(parse("Read-Only Assets, Access Design Studio.", true) ==
          Requirement::all_of({P("Read-Only Assets"), P("Access Design Studio")}));
    CHECK(parse("Read-Only Assets, Access Design Studio, Access Email Template.", true) ==
          Requirement::all_of({P("Read-Only Assets"), P("Access Design Studio"), P("Access Email Template")}));
    // The same words outside /rest/asset/v2 are any-of.
    CHECK(parse("Read-Write Assets, Access Design Studio, Edit Email.", false) ==
          Requirement::any_of({P("Read-Write Assets"), P("Access Design Studio"), P("Edit Email")}));
}

TEST_CASE("openapi import: 'If leadId is passed' adds a conditional clause") {
    const Requirement r =
        parse("Read-Only Assets, Read-Write Assets. If leadId is passed in the request: Read-Only Lead, Read-Write Lead.");
    CHECK(r == Requirement::all_of({Requirement::any_of({P("Read-Only Assets"), P("Read-Write Assets")}),
                                    Requirement::when("leadId", Requirement::any_of({P("Read-Only Lead"),
                                                                                     P("Read-Write Lead")}))}));
    CHECK(r.conditional_parameters() == std::set<std::string>{"leadId"});
    CHECK(yaml(r) == "{all_of: [{any_of: [Read-Only Assets, Read-Write Assets]}, {when: leadId, require: {any_of: "
                     "[Read-Only Lead, Read-Write Lead]}}]}");
    const ImplicationGraph& g = *model().graph;
    PermissionSet assets_only = g.empty_set();
    assets_only.set(*model().catalog.find("Read-Only Assets"));
    CHECK(satisfies(g, assets_only, r, {}));
    CHECK_FALSE(satisfies(g, assets_only, r, {"leadId"}));
    PermissionSet with_lead = assets_only;
    with_lead.set(*model().catalog.find("Read-Only Lead"));
    CHECK(satisfies(g, with_lead, r, {"leadId"}));
}

TEST_CASE("openapi import: None needs no permission") {
    CHECK(parse("None") == Requirement::none());
    CHECK(parse("None.") == Requirement::none());
    CHECK(yaml(parse("None")) == "none");
}

TEST_CASE("openapi import: typos resolve as aliases") {
    CHECK(parse("Read-Asset") == P("Read-Only Assets"));
    CHECK(parse("Read-Only Asset") == P("Read-Only Assets"));
    CHECK(parse("Read-Write Asset") == P("Read-Write Assets"));
    CHECK(parse("Read-Only Opportunity, Read-Write Named Opportunity") ==
          Requirement::any_of({P("Read-Only Opportunity"), P("Read-Write Opportunity")}));
    CHECK(parse("Read-Only Campaigns") == P("Read-Only Campaign"));
    CHECK(parse("Read Only Redirect Rules, Read Write Redirect Rules") ==
          Requirement::any_of({P("Read-Only Redirect Rules"), P("Read-Write Redirect Rules")}));
    CHECK(parse("Access User") == P("Access Users"));
}

TEST_CASE("openapi import: backticked data-ingestion statements") {
    const std::string statement =
        extract_permission_statement("Inserts persons. Required permission: `Read-Write Lead`.\n");
    CHECK(statement == "`Read-Write Lead`.");
    CHECK(parse(statement) == P("Read-Write Lead"));
}

TEST_CASE("openapi import: an unknown permission name is a located error") {
    const Location where{"swagger-test.json", 12, 7};
    try {
        (void)parse_permission_statement(model().catalog, "Read-Only Leed, Read-Write Lead", false, where);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "swagger-test.json");
        CHECK(e.where().line == 12);
        CHECK(std::string(e.what()).find("Read-Only Leed") != std::string::npos);
    }
    CHECK_THROWS_AS(parse("Read-Write Everything"), Error);
}

TEST_CASE("openapi import: extracting the statement from a description") {
    CHECK(extract_permission_statement("Returns leads. Required Permissions: Read-Only Lead, Read-Write Lead") ==
          "Read-Only Lead, Read-Write Lead");
    CHECK(extract_permission_statement("Export. Required Permissions: Read-Only Activity<br><br>The file format is") ==
          "Read-Only Activity");
    CHECK(extract_permission_statement("Returns campaigns. Required Permissions: Read-Only Campaigns, Read-Write "
                                       "Campaigns<br><br><b>Note: This endpoint has been superseded.</b>") ==
          "Read-Only Campaigns, Read-Write Campaigns");
    CHECK(extract_permission_statement("Clones. Required Permissions: Read-Only Assets, Read-Write Assets.\n\nNote: "
                                       "Emails created with the editor") == "Read-Only Assets, Read-Write Assets.");
    CHECK(extract_permission_statement("Gets. Required Permissions: Read-Only Assets, Read-Write Assets. If leadId is "
                                       "passed in the request: Read-Only Lead, Read-Write Lead.") ==
          "Read-Only Assets, Read-Write Assets. If leadId is passed in the request: Read-Only Lead, Read-Write Lead.");
    CHECK(extract_permission_statement("Retrieve an access token from Marketo.\n").empty());
    CHECK(extract_permission_statement("").empty());
}

namespace {

const char* const kTinySpec = R"({
  "swagger": "2.0",
  "paths": {
    "/rest/v1/things.json": {
      "get": {"operationId": "getThingsUsingGET", "description": "Lists things. Required Permissions: Read-Only Lead, Read-Write Lead"},
      "post": {"operationId": "syncThingsUsingPOST", "description": "Writes things. Required Permissions: Read-Write Lead"}
    },
    "/rest/v1/old/things.json": {
      "get": {"operationId": "getOldThingsUsingGET", "deprecated": true,
              "description": "Old. Required Permissions: Read-Only Lead<br><br><b>Note: This endpoint has been superseded.</b>  Use <a href=\"https://developer.adobe.com/marketo-apis/api/mapi/#operation/getThingsUsingGET\">Get Things</a> endpoint instead."}
    },
    "/rest/v1/stats/things.json": {
      "get": {"operationId": "getThingStatsUsingGET", "description": "Stats. Required Permissions: None"}
    },
    "/rest/v1/mystery.json": {
      "get": {"operationId": "getMysteryUsingGET", "description": ""},
      "parameters": []
    },
    "/rest/asset/v2/email/{id}": {
      "get": {"operationId": "getEmailV2", "description": "Gets. Required Permissions: Read-Only Assets, Access Design Studio, Access Email."}
    }
  }
})";

} // namespace

TEST_CASE("openapi import: a tiny in-memory spec") {
    const ImportedSpec spec = import_openapi(model().catalog, SourceFile{"/somewhere/swagger-mapi.json", kTinySpec});
    CHECK(spec.file == "swagger-mapi.json");
    REQUIRE(spec.operations.size() == 6);
    auto find = [&](const std::string& id) -> const ImportedOperation& {
        for (const auto& op : spec.operations) {
            if (op.operation_id == id) {
                return op;
            }
        }
        FAIL("no operation " << id);
        return spec.operations.front();
    };
    const auto& list = find("getThingsUsingGET");
    CHECK(list.method == "GET");
    CHECK(list.path == "/rest/v1/things.json");
    CHECK(list.area == "lead-database");
    CHECK(list.requirement == Requirement::any_of({P("Read-Only Lead"), P("Read-Write Lead")}));
    CHECK_FALSE(list.deprecated);
    CHECK(list.superseded_by.empty());
    CHECK(find("syncThingsUsingPOST").method == "POST");
    CHECK(find("syncThingsUsingPOST").requirement == P("Read-Write Lead"));

    const auto& old = find("getOldThingsUsingGET");
    CHECK(old.deprecated);
    CHECK(old.superseded_by == "getThingsUsingGET");
    CHECK(old.requirement == P("Read-Only Lead"));

    CHECK(find("getThingStatsUsingGET").requirement == Requirement::none());

    const auto& mystery = find("getMysteryUsingGET");
    CHECK(mystery.requirement == Requirement::undocumented());
    CHECK(mystery.requirement.is_undocumented());
    CHECK(mystery.provenance.find("no required-permissions statement") != std::string::npos);

    const auto& v2 = find("getEmailV2");
    CHECK(v2.area == "lead-database"); // the area comes from the spec's name; this one claims to be mapi
    CHECK(v2.requirement ==
          Requirement::all_of({P("Read-Only Assets"), P("Access Design Studio"), P("Access Email")}));

    // Rendering is deterministic and loads back as the same rules.
    const auto files = render_rules_files(model().catalog, {spec});
    REQUIRE(files.count("lead-database.yaml") == 1);
    CHECK(files == render_rules_files(model().catalog, {spec}));
    const std::string& text = files.at("lead-database.yaml");
    CHECK(text.find("superseded_by: getThingsUsingGET") != std::string::npos);
    CHECK(text.find("requires: undocumented") != std::string::npos);
    CHECK(text.find("requires: none") != std::string::npos);
}

TEST_CASE("openapi import: identity endpoints without a statement need no permission") {
    const char* const spec_text = R"({"swagger": "2.0", "paths": {"/identity/oauth/token": {
        "get": {"operationId": "identityUsingGET", "description": "Retrieve an access token.\n"},
        "post": {"operationId": "identityUsingPOST", "description": "Retrieve an access token.\n"}}}})";
    const ImportedSpec spec = import_openapi(model().catalog, SourceFile{"swagger-identity.json", spec_text});
    REQUIRE(spec.operations.size() == 2);
    for (const auto& op : spec.operations) {
        CHECK(op.area == "identity");
        CHECK(op.requirement == Requirement::none());
    }
}

TEST_CASE("openapi import: malformed JSON is a located error") {
    const std::string broken = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/x\": {,}\n  }\n}\n";
    try {
        (void)import_openapi(model().catalog, SourceFile{"broken.json", broken});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "broken.json");
        CHECK(e.where().line == 4);
        CHECK(e.where().column > 0);
    }
}

TEST_CASE("openapi import: a document without paths is refused") {
    CHECK_THROWS_AS(import_openapi(model().catalog, SourceFile{"x.json", R"({"swagger": "2.0"})"}), Error);
}

TEST_CASE("openapi import: an unknown permission in a spec points at its operation") {
    const char* const spec_text = "{\"swagger\": \"2.0\", \"paths\": {\n\"/rest/v1/a.json\": {\n"
                                  "  \"get\": {\"operationId\": \"getAUsingGET\", \"description\": "
                                  "\"Required Permissions: Read-Only Widgets\"}}}}";
    try {
        (void)import_openapi(model().catalog, SourceFile{"swagger-mapi.json", spec_text});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "swagger-mapi.json");
        CHECK(e.where().line == 3);
        CHECK(std::string(e.what()).find("Read-Only Widgets") != std::string::npos);
    }
}

TEST_CASE("openapi import: a field of the wrong type is a located error, not an escaped json exception") {
    // Found by fuzz_openapi: "deprecated" as a string used to escape as nlohmann's type_error.
    const minrole::SourceFile spec{"spec.json",
                                   R"({"swagger":"2.0","paths":{"/rest/v1/leads.json":{"get":{"operationId":"getLeads",)"
                                   R"("deprecated":"yes","description":"Required Permissions: Read-Only Lead"}}}})"};
    CHECK_THROWS_WITH_AS(minrole::import_openapi(model().catalog, spec),
                         "spec.json: expected 'deprecated' of GET /rest/v1/leads.json to be a boolean, found string",
                         minrole::Error);
}

} // namespace openapi_import_test

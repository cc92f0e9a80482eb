// parse_intent and intent_from_operations: what an integration intends to call, per workspace.
#include "minrole/intent.hpp"

#include <doctest/doctest.h>

#include <string>

namespace intent_test {

using namespace minrole;

namespace {

std::string intent_error(const std::string& text) {
    try {
        (void)parse_intent(SourceFile{"intent.yaml", text});
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("intent: top-level operations go to the Default workspace") {
    const Intent intent = parse_intent(SourceFile{"intent.yaml", "service: crm-sync\n"
                                                                 "operations:\n"
                                                                 "  - GET /rest/v1/leads.json\n"
                                                                 "  - getLeadByIdUsingGET\n"});
    CHECK(intent.service == "crm-sync");
    REQUIRE(intent.workspaces.size() == 1);
    const WorkspaceIntent& w = intent.workspaces.front();
    CHECK(w.name == kDefaultWorkspace);
    CHECK(w.name == "Default");
    CHECK(w.partition.empty());
    REQUIRE(w.operations.size() == 2);
    CHECK(w.operations[0].text == "GET /rest/v1/leads.json");
    CHECK(w.operations[0].where.to_string() == "intent.yaml:3:5");
    CHECK(w.operations[0].evidence == "intent.yaml:3:5");
    CHECK(w.operations[0].parameters.empty());
    CHECK(w.operations[0].note.empty());
    CHECK(w.operations[1].text == "getLeadByIdUsingGET");
    CHECK(w.operations[1].evidence == "intent.yaml:4:5");
}

TEST_CASE("intent: the service is optional and kind: intent is accepted") {
    const Intent intent = parse_intent(SourceFile{"i.yaml", "kind: intent\noperations: [syncPersons]\n"});
    CHECK(intent.service.empty());
    REQUIRE(intent.workspaces.size() == 1);
    CHECK(intent.workspaces[0].operations[0].text == "syncPersons");
}

TEST_CASE("intent: workspaces keep their name, partition and operations in order") {
    const Intent intent = parse_intent(SourceFile{"intent.yaml", "workspaces:\n"
                                                                 "  - name: Europe\n"
                                                                 "    partition: EU Leads\n"
                                                                 "    operations:\n"
                                                                 "      - GET /rest/v1/leads.json\n"
                                                                 "  - name: Americas\n"
                                                                 "    operations:\n"
                                                                 "      - POST /rest/v1/leads.json\n"
                                                                 "      - syncPersons\n"});
    REQUIRE(intent.workspaces.size() == 2);
    CHECK(intent.workspaces[0].name == "Europe");
    CHECK(intent.workspaces[0].partition == "EU Leads");
    REQUIRE(intent.workspaces[0].operations.size() == 1);
    CHECK(intent.workspaces[0].operations[0].where.to_string() == "intent.yaml:5:9");
    CHECK(intent.workspaces[1].name == "Americas");
    CHECK(intent.workspaces[1].partition.empty());
    REQUIRE(intent.workspaces[1].operations.size() == 2);
    CHECK(intent.workspaces[1].operations[1].text == "syncPersons");
}

TEST_CASE("intent: top-level operations and workspaces together") {
    const Intent intent = parse_intent(SourceFile{"intent.yaml", "operations: [getLeadByIdUsingGET]\n"
                                                                 "workspaces:\n"
                                                                 "  - {name: Europe, operations: [syncPersons]}\n"});
    REQUIRE(intent.workspaces.size() == 2);
    CHECK(intent.workspaces[0].name == "Default");
    CHECK(intent.workspaces[1].name == "Europe");
}

TEST_CASE("intent: a workspace named Default joins the top-level operations") {
    const Intent intent = parse_intent(SourceFile{"intent.yaml", "operations: [getLeadByIdUsingGET]\n"
                                                                 "workspaces:\n"
                                                                 "  - {name: Default, operations: [syncPersons]}\n"});
    REQUIRE(intent.workspaces.size() == 1);
    CHECK(intent.workspaces[0].operations.size() == 2);
}

TEST_CASE("intent: the {op, params, note} form") {
    const Intent intent =
        parse_intent(SourceFile{"intent.yaml", "operations:\n"
                                               "  - op: GET /rest/asset/v1/email/{id}/fullContent.json\n"
                                               "    params: [leadId, type]\n"
                                               "    note: Preview for a lead\n"
                                               "  - {op: syncPersons}\n"});
    REQUIRE(intent.workspaces.size() == 1);
    const auto& ops = intent.workspaces[0].operations;
    REQUIRE(ops.size() == 2);
    CHECK(ops[0].text == "GET /rest/asset/v1/email/{id}/fullContent.json");
    CHECK(ops[0].parameters == Parameters{"leadId", "type"});
    CHECK(ops[0].note == "Preview for a lead");
    CHECK(ops[0].where.to_string() == "intent.yaml:2:5");
    CHECK(ops[1].text == "syncPersons");
    CHECK(ops[1].parameters.empty());
    CHECK(ops[1].note.empty());
}

TEST_CASE("intent error: an unknown key in an operation, with a suggestion") {
    CHECK(intent_error("operations:\n  - {op: syncPersons, parms: [leadId]}\n") ==
          "intent.yaml:2:23: unknown key 'parms' in an operation (did you mean 'params'?)");
    CHECK(intent_error("operations:\n  - op: syncPersons\n    comment: hi\n") ==
          "intent.yaml:3:5: unknown key 'comment' in an operation (expected one of: op, params, note)");
}

TEST_CASE("intent error: unknown keys at the top level and in a workspace") {
    CHECK(intent_error("servce: x\noperations: [a]\n") ==
          "intent.yaml:1:1: unknown key 'servce' in the intent (did you mean 'service'?)");
    CHECK(intent_error("workspaces:\n  - {name: Europe, partion: EU, operations: [a]}\n") ==
          "intent.yaml:2:20: unknown key 'partion' in a workspace (did you mean 'partition'?)");
}

TEST_CASE("intent error: an empty operation") {
    CHECK(intent_error("operations:\n  - \"\"\n") == "intent.yaml:2:5: empty operation");
    CHECK(intent_error("operations:\n  - \"   \"\n") == "intent.yaml:2:5: empty operation");
    CHECK(intent_error("operations:\n  - {op: \"\"}\n") == "intent.yaml:2:10: 'op' must not be empty");
    CHECK(intent_error("operations:\n  - {note: no op}\n") == "intent.yaml:2:5: missing required key 'op' in an operation");
}

TEST_CASE("intent error: the wrong kind") {
    CHECK(intent_error("kind: rules\noperations: [a]\n") ==
          "intent.yaml:1:7: expected 'kind: intent', found 'rules' (a rules file, read by --catalog)");
}

TEST_CASE("intent error: a file of another kind is named as such, not as an unknown key") {
    // The role spec's own keys come before its kind: the kind still decides the message.
    CHECK(intent_error("role: crm\nkind: role\npermissions: [Read-Only Lead]\n") ==
          "intent.yaml:2:7: expected 'kind: intent', found 'role' (a role spec, read by allows ROLE, diff OLD NEW and "
          "audit --role)");
    // Without a kind, a key only a role spec has says what the file looks like.
    CHECK(intent_error("role: crm\npermissions: [Read-Only Lead]\n") ==
          "intent.yaml:1:1: unknown key 'role' in an intent: this looks like a role spec (kind: role), which is read "
          "by allows ROLE, diff OLD NEW and audit --role");
    // Any other unknown key keeps its suggestion.
    CHECK(intent_error("service: x\noperation: [a]\n") ==
          "intent.yaml:2:1: unknown key 'operation' in the intent (did you mean 'operations'?)");
}

TEST_CASE("intent error: no operations at all") {
    CHECK(intent_error("service: x\n") ==
          "intent.yaml:1:1: the intent names no operations (expected 'operations' or 'workspaces')");
    CHECK(intent_error("") == "intent.yaml: empty document");
}

TEST_CASE("intent error: wrong types") {
    CHECK(intent_error("operations:\n  op: x\n") == "intent.yaml:2:3: expected 'operations' to be a list, found a map");
    CHECK(intent_error("operations:\n  - [a, b]\n") == "intent.yaml:2:5: expected an operation to be a map, found a list");
    CHECK(intent_error("operations:\n  - {op: a, params: leadId}\n") ==
          "intent.yaml:2:21: expected 'params' to be a list, found a scalar");
    CHECK(intent_error("- a\n") == "intent.yaml:1:1: expected the intent to be a map, found a list");
    CHECK(intent_error("workspaces: {name: x}\n") == "intent.yaml:1:13: expected 'workspaces' to be a list, found a map");
}

TEST_CASE("intent error: a workspace without a name or without operations") {
    CHECK(intent_error("workspaces:\n  - {operations: [a]}\n") ==
          "intent.yaml:2:5: missing required key 'name' in a workspace");
    CHECK(intent_error("workspaces:\n  - {name: Europe}\n") ==
          "intent.yaml:2:5: missing required key 'operations' in a workspace");
}

TEST_CASE("intent error: a workspace listed twice") {
    CHECK(intent_error("workspaces:\n"
                       "  - {name: Europe, operations: [a]}\n"
                       "  - {name: Europe, operations: [b]}\n") ==
          "intent.yaml:3:12: workspace 'Europe' is listed twice");
}

// Regression (parse_intent): the duplicate-workspace check exempts "Default" (a Default entry may
// join the top-level operations); "Default" listed twice under `workspaces` was once merged
// silently, the second entry resetting the first one's partition.
TEST_CASE("intent error: the Default workspace listed twice under workspaces") {
    CHECK(intent_error("workspaces:\n"
                       "  - {name: Default, partition: EU Leads, operations: [a]}\n"
                       "  - {name: Default, operations: [b]}\n") ==
          "intent.yaml:3:12: workspace 'Default' is listed twice");
}

TEST_CASE("intent error: malformed YAML is located") {
    const std::string message = intent_error("operations: [a, b\n");
    CHECK(message.rfind("intent.yaml:2:1: malformed YAML: ", 0) == 0);
}

TEST_CASE("intent_from_operations puts every operation in Default with its --op position as evidence") {
    const Intent intent = intent_from_operations({"GET /rest/v1/leads.json", "syncPersons"});
    CHECK(intent.service.empty());
    REQUIRE(intent.workspaces.size() == 1);
    const WorkspaceIntent& w = intent.workspaces[0];
    CHECK(w.name == "Default");
    REQUIRE(w.operations.size() == 2);
    CHECK(w.operations[0].text == "GET /rest/v1/leads.json");
    CHECK(w.operations[0].evidence == "--op #1");
    CHECK(w.operations[1].text == "syncPersons");
    CHECK(w.operations[1].evidence == "--op #2");
    CHECK_FALSE(w.operations[0].where.known());
}

TEST_CASE("intent_from_operations with nothing still has the Default workspace") {
    const Intent intent = intent_from_operations({});
    REQUIRE(intent.workspaces.size() == 1);
    CHECK(intent.workspaces[0].name == "Default");
    CHECK(intent.workspaces[0].operations.empty());
}

TEST_CASE("Intent::workspace finds an existing workspace or appends a new one") {
    Intent intent;
    WorkspaceIntent& a = intent.workspace("A");
    a.partition = "P";
    CHECK(intent.workspaces.size() == 1);
    CHECK(intent.workspace("A").partition == "P");
    CHECK(intent.workspaces.size() == 1);
    intent.workspace("B");
    CHECK(intent.workspaces.size() == 2);
    CHECK(intent.workspaces[1].name == "B");
}

} // namespace intent_test

// load_model and apply_overrides from in-memory sources: every bad input is refused with an
// exact, located, one-line message; good input builds the catalog, graph and rules.
#include "minrole/loader.hpp"

#include "yaml_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace loader_test {

using namespace minrole;

namespace {

// One permission per line so that line numbers in expected messages are easy to read:
// line 6 is Read-Only Lead, 7 Read-Write Lead, 8 Access Design Studio, 9 Edit Email.
const std::string kPermissions = "kind: permissions\n"
                                 "groups:\n"
                                 "  - {name: Access API, api_tree: true}\n"
                                 "  - {name: Design Studio, description: Designer}\n"
                                 "permissions:\n"
                                 "  - {name: Read-Only Lead, group: Access API, resource: Lead, access: read, risk: low, "
                                 "grants: Read leads}\n"
                                 "  - {name: Read-Write Lead, group: Access API, resource: Lead, access: write, risk: "
                                 "medium, grants: Change leads, implies: [Read-Only Lead], aliases: [RW Lead]}\n"
                                 "  - {name: Access Design Studio, group: Design Studio, resource: Design Studio, "
                                 "access: access, risk: low, grants: Open it}\n"
                                 "  - {name: Edit Email, group: Design Studio, resource: Email, access: write, risk: "
                                 "medium, grants: Edit emails, parent: Access Design Studio}\n";

SourceFile permissions() { return SourceFile{"perms.yaml", kPermissions}; }

// A rules file with one operation per call to rule(); each rule takes 6 lines, the first
// starting on line 4 + 6 * index.
std::string rule(const std::string& id, const std::string& method, const std::string& path,
                 const std::string& requires_ = "Read-Only Lead", const std::string& extra = "") {
    return "  - id: " + id + "\n" + "    method: " + method + "\n" + "    path: \"" + path + "\"\n" +
           "    summary: test rule\n" + "    requires: " + requires_ + "\n" + "    provenance: test\n" + extra;
}

SourceFile rules(const std::string& operations) {
    return SourceFile{"rules.yaml", "kind: rules\narea: test\noperations:\n" + operations};
}

const std::string kGetLead = rule("getLead", "GET", "/rest/v1/lead/{leadId}.json");
const std::string kSyncLead = rule("syncLead", "POST", "/rest/v1/leads.json", "Read-Write Lead");

// what() of the Error load_model throws, or "" when it loads.
std::string load_error(const std::vector<SourceFile>& sources) {
    try {
        (void)load_model(sources);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

std::string override_error(Model& model, const SourceFile& overrides) {
    try {
        apply_overrides(model, overrides);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

// The permissions file with `line` appended to the permissions list.
SourceFile permissions_plus(const std::string& line) { return SourceFile{"perms.yaml", kPermissions + line}; }

} // namespace

TEST_CASE("loader builds catalog, graph and rules from good sources") {
    const Model model = load_model({permissions(), rules(kGetLead + kSyncLead)});
    CHECK(model.catalog.size() == 4);
    CHECK(model.catalog.groups().size() == 2);
    CHECK(model.catalog.group("Access API")->api_tree);
    CHECK(model.catalog.group("Design Studio")->description == "Designer");
    REQUIRE(model.graph);
    CHECK(model.graph->size() == 4);
    CHECK(model.rules.size() == 2);
    CHECK(model.sources == std::vector<std::string>{"perms.yaml", "rules.yaml"});

    const Permission& rw = model.catalog.at(*model.catalog.find("Read-Write Lead"));
    CHECK(rw.access == AccessLevel::Write);
    CHECK(rw.risk == Risk::Medium);
    CHECK(rw.grants == "Change leads");
    CHECK(rw.aliases == std::vector<std::string>{"RW Lead"});
    CHECK(rw.implies == std::vector<PermissionId>{*model.catalog.find("Read-Only Lead")});
    CHECK(rw.where.to_string() == "perms.yaml:7:5");
    CHECK(model.catalog.at(*model.catalog.find("Edit Email")).parent == model.catalog.find("Access Design Studio"));

    const Endpoint& e = model.rules.at(*model.rules.find_operation("getLead"));
    CHECK(e.method == "GET");
    CHECK(e.path == "/rest/v1/lead/{leadId}.json");
    CHECK(e.area == "test");
    CHECK(e.summary == "test rule");
    CHECK(e.provenance == "test");
    CHECK(e.requirement == Requirement::of(*model.catalog.find("Read-Only Lead")));
    CHECK_FALSE(e.deprecated);
    CHECK(e.where.to_string() == "rules.yaml:4:5");
    CHECK(e.override_reason.empty());
}

TEST_CASE("loader reads the rules file before the permissions file just as well") {
    const Model model = load_model({rules(kGetLead), permissions()});
    CHECK(model.rules.size() == 1);
    CHECK(model.sources == std::vector<std::string>{"rules.yaml", "perms.yaml"});
}

TEST_CASE("loader parses requirement expressions: none, undocumented, any_of, all_of, when, aliases") {
    const Model model = load_model(
        {permissions(),
         rules(rule("a", "GET", "/a", "none") + rule("b", "GET", "/b", "undocumented") +
               rule("c", "GET", "/c", "{any_of: [Read-Only Lead, RW Lead]}") +
               rule("d", "GET", "/d", "{all_of: [Read-Only Lead, {when: leadId, require: Edit Email}]}"))});
    const auto id = [&](const char* name) { return *model.catalog.find(name); };
    const auto req = [&](const char* op) { return model.rules.at(*model.rules.find_operation(op)).requirement; };
    CHECK(req("a") == Requirement::none());
    CHECK(req("b") == Requirement::undocumented());
    CHECK(req("c") == Requirement::any_of({Requirement::of(id("Read-Only Lead")), Requirement::of(id("Read-Write Lead"))}));
    CHECK(req("d") == Requirement::all_of({Requirement::of(id("Read-Only Lead")),
                                           Requirement::when("leadId", Requirement::of(id("Edit Email")))}));
}

TEST_CASE("loader upper-cases the HTTP method and takes provenance from the spec when a rule gives none") {
    const Model model = load_model(
        {permissions(), SourceFile{"rules.yaml", "kind: rules\narea: test\nspec: swagger.json\noperations:\n"
                                                 "  - {id: x, method: get, path: /x, summary: s, requires: none}\n"}});
    const Endpoint& e = model.rules.at(0);
    CHECK(e.method == "GET");
    CHECK(e.provenance == "swagger.json");
}

TEST_CASE("loader skips policy sources") {
    const Model model = load_model({permissions(), SourceFile{"policy.yaml", "kind: policy\nanything: goes\n"}});
    CHECK(model.catalog.size() == 4);
    CHECK(model.sources.size() == 2);
}

TEST_CASE("loader error: malformed YAML is located at the parser's mark") {
    CHECK(load_error({SourceFile{"bad.yaml", "kind: permissions\ngroups: [a, b\n"}}) ==
          "bad.yaml:3:1: malformed YAML: end of sequence flow not found");
}

TEST_CASE("loader error: an empty document") {
    CHECK(load_error({SourceFile{"empty.yaml", ""}}) == "empty.yaml: empty document");
    CHECK(load_error({SourceFile{"comments.yaml", "# nothing but a comment\n"}}) == "comments.yaml: empty document");
}

TEST_CASE("loader error: a document that is not a map") {
    CHECK(load_error({SourceFile{"list.yaml", "- a\n- b\n"}}) ==
          "list.yaml:1:1: expected a map with a 'kind' key, found a list");
}

TEST_CASE("loader error: missing kind") {
    CHECK(load_error({SourceFile{"nokind.yaml", "groups: []\npermissions: []\n"}}) ==
          "nokind.yaml:1:1: missing required key 'kind' (one of: permissions, rules, overrides, policy)");
}

TEST_CASE("loader error: unknown kind") {
    CHECK(load_error({SourceFile{"k.yaml", "kind: permission\n"}}) ==
          "k.yaml:1:7: unknown kind 'permission' (expected permissions, rules, overrides or policy)");
}

TEST_CASE("loader error: no permissions file among the sources") {
    CHECK(load_error({rules(kGetLead)}) == "no 'kind: permissions' file among the catalog sources");
}

TEST_CASE("loader error: unknown key suggests the nearest allowed key") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, implys: [Read-Only Lead]}\n")}) ==
          "perms.yaml:10:83: unknown key 'implys' in a permission (did you mean 'implies'?)");
    CHECK(load_error({permissions(), rules(kGetLead + "    summry: oops\n")}) ==
          "rules.yaml:10:5: unknown key 'summry' in a rule (did you mean 'summary'?)");
}

TEST_CASE("loader error: unknown key far from every allowed key lists them all") {
    CHECK(load_error({permissions(), SourceFile{"r.yaml", "kind: rules\narea: a\noperations: []\ncolourful: true\n"}}) ==
          "r.yaml:4:1: unknown key 'colourful' in the rules file (expected one of: kind, area, spec, operations)");
}

TEST_CASE("loader error: duplicate key") {
    CHECK(load_error({permissions(), rules(kGetLead + "    summary: again\n")}) ==
          "rules.yaml:10:5: duplicate key 'summary' in a rule");
}

TEST_CASE("loader error: a map where a list is expected") {
    CHECK(load_error({SourceFile{"p.yaml", "kind: permissions\ngroups: {name: Access API}\npermissions: []\n"}}) ==
          "p.yaml:2:9: expected 'groups' to be a list, found a map");
    CHECK(load_error({permissions(), SourceFile{"r.yaml", "kind: rules\narea: a\noperations:\n  id: x\n"}}) ==
          "r.yaml:4:3: expected 'operations' to be a list, found a map");
}

TEST_CASE("loader error: a list where a string is expected") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: [Lead], access: read, risk: low, "
                                       "grants: g}\n")}) ==
          "perms.yaml:10:44: expected 'resource' to be a string, found a list");
    CHECK(load_error({permissions(), rules(rule("x", "[GET]", "/x"))}) ==
          "rules.yaml:5:13: expected 'method' to be a string, found a list");
}

TEST_CASE("loader error: a missing required key in a permission") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, access: read, risk: low, grants: g}\n")}) ==
          "perms.yaml:10:5: missing required key 'resource' in a permission");
}

TEST_CASE("loader error: bad access level, risk tier and group are named with the accepted values") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: reed, risk: low, "
                                       "grants: g}\n")}) ==
          "perms.yaml:10:55: unknown access level 'reed' (expected one of: read, access, write, delete, approve, "
          "execute, admin)");
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: severe, "
                                       "grants: g}\n")}) ==
          "perms.yaml:10:67: unknown risk tier 'severe' (expected one of: low, medium, high, critical)");
    CHECK(load_error({permissions_plus("  - {name: X, group: Access APi, resource: X, access: read, risk: low, "
                                       "grants: g}\n")}) ==
          "perms.yaml:10:22: unknown group 'Access APi' (did you mean 'Access API'?)");
}

TEST_CASE("loader error: reserved words cannot name a permission") {
    CHECK(load_error({permissions_plus("  - {name: none, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g}\n")}) ==
          "perms.yaml:10:12: 'none' is reserved and cannot name a permission");
}

TEST_CASE("loader error: unknown permission in a rule's requires, with a suggestion") {
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "Read-Only Leads"))}) ==
          "rules.yaml:8:15: unknown permission 'Read-Only Leads' (did you mean 'Read-Only Lead'?)");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "{any_of: [Read-Only Lead, Edit Emial]}"))}) ==
          "rules.yaml:8:41: unknown permission 'Edit Emial' (did you mean 'Edit Email'?)");
}

TEST_CASE("loader error: malformed requirement maps") {
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "{any_of: []}"))}) ==
          "rules.yaml:8:24: 'any_of' needs at least one operand");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "{any_of: [none], all_of: [none]}"))}) ==
          "rules.yaml:8:15: a requirement map needs exactly one of 'any_of', 'all_of' or 'when'");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "[Read-Only Lead]"))}) ==
          "rules.yaml:8:15: expected a requirement (a permission, none, undocumented, any_of, all_of or when), found "
          "a list");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/x", "{when: leadId}"))}) ==
          "rules.yaml:8:15: missing required key 'require' in a requirement");
}

TEST_CASE("loader error: unknown permission in implies is a dangling edge") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, implies: [Read-Only Laed]}\n")}) ==
          "perms.yaml:10:93: unknown permission 'Read-Only Laed' (did you mean 'Read-Only Lead'?)");
}

TEST_CASE("loader error: unknown permission as parent is a dangling edge") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, parent: Nowhere To Be Found}\n")}) ==
          "perms.yaml:10:91: unknown permission 'Nowhere To Be Found'");
}

TEST_CASE("loader resolves an implies edge to a permission defined further down") {
    const Model model = load_model({permissions_plus(
        "  - {name: A, group: Access API, resource: X, access: write, risk: low, grants: g, implies: [B]}\n"
        "  - {name: B, group: Access API, resource: X, access: read, risk: low, grants: g}\n")});
    CHECK(model.graph->implies(*model.catalog.find("A"), *model.catalog.find("B")));
}

TEST_CASE("loader error: a permission implying itself or being its own parent") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, implies: [X]}\n")}) ==
          "perms.yaml:10:93: permission 'X' implies itself");
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, parent: X}\n")}) ==
          "perms.yaml:10:91: permission 'X' is its own parent");
}

TEST_CASE("loader error: duplicate permission name") {
    CHECK(load_error({permissions_plus("  - {name: Read-Only Lead, group: Access API, resource: X, access: read, "
                                       "risk: low, grants: g}\n")}) ==
          "perms.yaml:10:5: duplicate permission name or alias 'Read-Only Lead' (already used by 'Read-Only Lead' at "
          "perms.yaml:6:5)");
}

TEST_CASE("loader error: duplicate alias") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, aliases: [RW Lead]}\n")}) ==
          "perms.yaml:10:5: duplicate permission name or alias 'RW Lead' (already used by 'Read-Write Lead' at "
          "perms.yaml:7:5)");
}

// Regression (Catalog::add, reached through the loader): an alias equal to the permission's own
// name once escaped load_model as std::out_of_range with no location.
TEST_CASE("loader error: an alias repeating the permission's own name") {
    CHECK(load_error({permissions_plus("  - {name: X, group: Access API, resource: X, access: read, risk: low, "
                                       "grants: g, aliases: [X]}\n")}) ==
          "perms.yaml:10:5: duplicate permission name or alias 'X' (already used by 'X' at perms.yaml:10:5)");
}

TEST_CASE("loader error: duplicate group") {
    CHECK(load_error({SourceFile{"p.yaml", "kind: permissions\ngroups:\n  - {name: G}\n  - {name: G}\npermissions: []\n"}}) ==
          "p.yaml:4:5: duplicate group 'G' (already defined at p.yaml:3:5)");
}

TEST_CASE("loader error: an implication cycle names every permission on it") {
    CHECK(load_error({permissions_plus(
              "  - {name: A, group: Access API, resource: X, access: read, risk: low, grants: g, implies: [B]}\n"
              "  - {name: B, group: Access API, resource: X, access: read, risk: low, grants: g, implies: [C]}\n"
              "  - {name: C, group: Access API, resource: X, access: read, risk: low, grants: g, implies: [A]}\n")}) ==
          "perms.yaml:10:5: implication cycle: 'A' -> 'B' -> 'C' -> 'A'");
}

TEST_CASE("loader error: a parent cycle names every permission on it") {
    CHECK(load_error({permissions_plus(
              "  - {name: A, group: Access API, resource: X, access: read, risk: low, grants: g, parent: B}\n"
              "  - {name: B, group: Access API, resource: X, access: read, risk: low, grants: g, parent: A}\n")}) ==
          "perms.yaml:10:5: parent cycle: 'A' -> 'B' -> 'A'");
}

TEST_CASE("loader error: duplicate operationId") {
    CHECK(load_error({permissions(), rules(kGetLead + rule("getLead", "GET", "/other"))}) ==
          "rules.yaml:10:5: duplicate operationId 'getLead' (already defined at rules.yaml:4:5)");
}

TEST_CASE("loader error: duplicate operationId across two rules files") {
    CHECK(load_error({permissions(), rules(kGetLead),
                      SourceFile{"more.yaml", "kind: rules\narea: more\noperations:\n" +
                                                  rule("getLead", "GET", "/elsewhere")}}) ==
          "more.yaml:4:5: duplicate operationId 'getLead' (already defined at rules.yaml:4:5)");
}

TEST_CASE("loader error: duplicate method and path") {
    CHECK(load_error({permissions(), rules(kGetLead + rule("getLeadAgain", "get", "/rest/v1/lead/{leadId}.json"))}) ==
          "rules.yaml:10:5: duplicate rule for 'GET /rest/v1/lead/{leadId}.json' (already defined at "
          "rules.yaml:4:5)");
}

TEST_CASE("loader accepts the same path under two methods") {
    const Model model = load_model({permissions(), rules(kGetLead + rule("postLead", "POST", "/rest/v1/lead/{leadId}.json"))});
    CHECK(model.rules.size() == 2);
}

TEST_CASE("loader error: unknown HTTP method") {
    CHECK(load_error({permissions(), rules(rule("x", "FETCH", "/x"))}) ==
          "rules.yaml:5:13: unknown HTTP method 'FETCH' (expected GET, POST, PUT, DELETE or PATCH)");
}

TEST_CASE("loader error: a path template not starting with a slash") {
    CHECK(load_error({permissions(), rules(rule("x", "GET", "rest/v1/leads.json"))}) ==
          "rules.yaml:6:11: path template 'rest/v1/leads.json' must start with '/'");
}

TEST_CASE("loader error: unbalanced braces in a path template") {
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/rest/v1/lead/{leadId.json"))}) ==
          "rules.yaml:6:11: unbalanced braces in path template '/rest/v1/lead/{leadId.json'");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/rest/v1/lead/leadId}.json"))}) ==
          "rules.yaml:6:11: unbalanced braces in path template '/rest/v1/lead/leadId}.json'");
    CHECK(load_error({permissions(), rules(rule("x", "GET", "/rest/{{a}}"))}) ==
          "rules.yaml:6:11: unbalanced braces in path template '/rest/{{a}}'");
}

TEST_CASE("loader error: an empty required string") {
    CHECK(load_error({permissions(), rules(rule("x", "GET", ""))}) == "rules.yaml:6:11: 'path' must not be empty");
}

TEST_CASE("loader error: deprecated must be true or false") {
    CHECK(load_error({permissions(), rules(kGetLead + "    deprecated: maybe\n")}) ==
          "rules.yaml:10:17: expected 'deprecated' to be true or false, found 'maybe'");
}

TEST_CASE("loader error: superseded_by naming an unknown operation") {
    CHECK(load_error({permissions(), rules(kGetLead + "    deprecated: true\n    superseded_by: getLeadz\n")}) ==
          "rules.yaml:4:5: 'getLead' is superseded by unknown operation 'getLeadz'");
}

TEST_CASE("loader accepts superseded_by naming a known operation, in any rules file") {
    const Model model = load_model(
        {permissions(), rules(kGetLead + "    deprecated: true\n    superseded_by: syncLead\n"),
         SourceFile{"more.yaml", "kind: rules\narea: more\noperations:\n" + kSyncLead}});
    const Endpoint& e = model.rules.at(*model.rules.find_operation("getLead"));
    CHECK(e.deprecated);
    CHECK(e.superseded_by == "syncLead");
}

// ---- overrides -------------------------------------------------------------------------

TEST_CASE("override replaces a rule's requirement by operationId and records the reason") {
    Model model = load_model({permissions(), rules(kGetLead + kSyncLead)});
    apply_overrides(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                  "operations:\n"
                                                  "  - id: getLead\n"
                                                  "    requires: Read-Write Lead\n"
                                                  "    reason: Our instance checks the write permission\n"});
    CHECK(model.rules.size() == 2);
    const Endpoint& e = model.rules.at(*model.rules.find_operation("getLead"));
    CHECK(e.requirement == Requirement::of(*model.catalog.find("Read-Write Lead")));
    CHECK(e.override_reason == "Our instance checks the write permission");
    CHECK(e.method == "GET");
    CHECK(e.path == "/rest/v1/lead/{leadId}.json");
    CHECK(e.area == "test");
    CHECK(e.summary == "test rule");
    CHECK(e.where.to_string() == "ovr.yaml:3:5");
    CHECK(e.provenance == "override ovr.yaml:3:5");
    CHECK(model.rules.find_template("GET", "/rest/v1/lead/{leadId}.json") == model.rules.find_operation("getLead"));
}

TEST_CASE("override replaces a rule found by method and path when no id is given") {
    Model model = load_model({permissions(), rules(kGetLead + kSyncLead)});
    apply_overrides(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                  "operations:\n"
                                                  "  - method: post\n"
                                                  "    path: /rest/v1/leads.json\n"
                                                  "    requires: none\n"
                                                  "    reason: test\n"});
    CHECK(model.rules.size() == 2);
    const Endpoint& e = model.rules.at(*model.rules.find_operation("syncLead"));
    CHECK(e.requirement == Requirement::none());
    CHECK(e.override_reason == "test");
}

TEST_CASE("override adds a new rule when it matches none and names id, method, path and summary") {
    Model model = load_model({permissions(), rules(kGetLead)});
    apply_overrides(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                  "operations:\n"
                                                  "  - id: customThing\n"
                                                  "    method: GET\n"
                                                  "    path: /rest/v1/custom/{id}.json\n"
                                                  "    summary: A private endpoint\n"
                                                  "    requires: {any_of: [Read-Only Lead, Read-Write Lead]}\n"
                                                  "    reason: Documented by our account team\n"});
    CHECK(model.rules.size() == 2);
    REQUIRE(model.rules.find_operation("customThing"));
    const Endpoint& e = model.rules.at(*model.rules.find_operation("customThing"));
    CHECK(e.area == "override");
    CHECK(e.summary == "A private endpoint");
    CHECK(e.override_reason == "Documented by our account team");
    CHECK(model.rules.find_template("GET", "/rest/v1/custom/{id}.json") == model.rules.find_operation("customThing"));
}

TEST_CASE("override error: matching no rule without method and path") {
    Model model = load_model({permissions(), rules(kGetLead)});
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: noSuchOperation\n"
                                                       "    requires: none\n"
                                                       "    reason: test\n"}) ==
          "ovr.yaml:3:5: override matches no known rule; a new rule needs id, method, path and summary");
    CHECK(model.rules.size() == 1);
}

TEST_CASE("override error: a reason is required") {
    Model model = load_model({permissions(), rules(kGetLead)});
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: getLead\n"
                                                       "    requires: none\n"}) ==
          "ovr.yaml:3:5: missing required key 'reason' in an override");
}

TEST_CASE("override error: unknown permission, unknown key and wrong kind are located") {
    Model model = load_model({permissions(), rules(kGetLead)});
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: getLead\n"
                                                       "    requires: Read-Write Laed\n"
                                                       "    reason: test\n"}) ==
          "ovr.yaml:4:15: unknown permission 'Read-Write Laed' (did you mean 'Read-Write Lead'?)");
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: getLead\n"
                                                       "    requires: none\n"
                                                       "    reasn: test\n"}) ==
          "ovr.yaml:5:5: unknown key 'reasn' in an override (did you mean 'reason'?)");
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: rules\noperations: []\n"}) ==
          "ovr.yaml:1:7: expected 'kind: overrides', found 'rules'");
}

TEST_CASE("override error: moving a rule onto another rule's method and path") {
    Model model = load_model({permissions(), rules(kGetLead + kSyncLead)});
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: getLead\n"
                                                       "    method: POST\n"
                                                       "    path: /rest/v1/leads.json\n"
                                                       "    requires: none\n"
                                                       "    reason: test\n"}) ==
          "ovr.yaml:3:5: override moves 'getLead' onto 'POST /rest/v1/leads.json', which rule 'syncLead' already "
          "has");
}

TEST_CASE("override error: superseded_by naming an unknown operation") {
    Model model = load_model({permissions(), rules(kGetLead)});
    CHECK(override_error(model, SourceFile{"ovr.yaml", "kind: overrides\n"
                                                       "operations:\n"
                                                       "  - id: getLead\n"
                                                       "    requires: none\n"
                                                       "    superseded_by: nothing\n"
                                                       "    reason: test\n"}) ==
          "ovr.yaml:3:5: 'getLead' is superseded by unknown operation 'nothing'");
}

TEST_CASE("overrides given to load_model are applied after every rules file") {
    const Model model = load_model({permissions(),
                                    SourceFile{"ovr.yaml", "kind: overrides\n"
                                                           "operations:\n"
                                                           "  - id: getLead\n"
                                                           "    requires: Edit Email\n"
                                                           "    reason: test\n"},
                                    rules(kGetLead)});
    const Endpoint& e = model.rules.at(*model.rules.find_operation("getLead"));
    CHECK(e.requirement == Requirement::of(*model.catalog.find("Edit Email")));
    CHECK(e.override_reason == "test");
}

// ---- the shipped catalog ---------------------------------------------------------------

TEST_CASE("embedded sources load into 47 permissions and 367 rules") {
    const Model model = load_model(embedded_sources());
    CHECK(model.catalog.size() == 47);
    CHECK(model.rules.size() == 367);
    CHECK(model.catalog.groups().size() == 3);
    REQUIRE(model.graph);
    CHECK(model.graph->size() == 47);
}

TEST_CASE("the default model has 47 permissions and 367 rules") {
    const Model model = load_default_model();
    CHECK(model.catalog.size() == 47);
    CHECK(model.rules.size() == 367);
    REQUIRE(model.graph);
    CHECK(model.graph->size() == 47);
}

TEST_CASE("the default model agrees with the embedded sources rule by rule") {
    // Whole records (operator== is defaulted on Group, Permission, Endpoint, Requirement and
    // Location), so a field added to a record and forgotten by the bake tool fails here.
    const Model baked = load_default_model();
    const Model parsed = load_model(embedded_sources());
    CHECK(baked.catalog.groups() == parsed.catalog.groups());
    REQUIRE(baked.catalog.size() == parsed.catalog.size());
    for (PermissionId id = 0; id < parsed.catalog.size(); ++id) {
        CHECK_MESSAGE(baked.catalog.at(id) == parsed.catalog.at(id), parsed.catalog.at(id).name);
    }
    REQUIRE(baked.rules.size() == parsed.rules.size());
    for (EndpointId id = 0; id < parsed.rules.size(); ++id) {
        CHECK_MESSAGE(baked.rules.at(id) == parsed.rules.at(id), parsed.rules.at(id).operation_id);
    }
    CHECK(baked.sources == parsed.sources);
}

TEST_CASE("every alias in the default catalog resolves to its canonical permission") {
    const Model model = load_default_model();
    const auto canonical = [&](const std::string& spelling) {
        auto id = model.catalog.find(spelling);
        return id ? model.catalog.at(*id).name : std::string("<not found>");
    };
    CHECK(canonical("Read-Asset") == "Read-Only Assets");
    CHECK(canonical("Access User") == "Access Users");
    CHECK(canonical("Read Only Redirect Rules") == "Read-Only Redirect Rules");
    CHECK(canonical("Read-Write Named Opportunity") == "Read-Write Opportunity");
    for (const auto& p : model.catalog.all()) {
        for (const auto& alias : p.aliases) {
            CHECK_MESSAGE(canonical(alias) == p.name, alias);
        }
    }
}

TEST_CASE("yaml reader: locate gives 1-based line and column") {
    const SourceFile source{"f.yaml", "a:\n  b: [x, y]\n"};
    const YAML::Node root = yaml::parse(source);
    CHECK(yaml::locate(source, root).to_string() == "f.yaml:1:1");
    CHECK(yaml::locate(source, root["a"]["b"]).to_string() == "f.yaml:2:6");
    CHECK(yaml::locate(source, root["a"]["b"][1]).to_string() == "f.yaml:2:10");
}

} // namespace loader_test

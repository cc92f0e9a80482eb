// parse_instance(), narrowest_workspaces(), audit_instance() and the User Management API import,
// on instances built in code and on examples/instance.
#include "minrole/instance.hpp"
#include "minrole/loader.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace instance_test {

namespace {

using namespace minrole;
using test::model;
using test::router;



const std::string kExample = std::string(MINROLE_SOURCE_DIR) + "/examples/instance";

// Three workspaces, two partitions; tests append roles, users and services.
const std::string kBase = R"(kind: instance
instance: test
partitions: [Default, EMEA]
workspaces:
  - {name: Default, partitions: [Default]}
  - {name: Europe, partitions: [EMEA]}
  - {name: Global Ops, partitions: [Default, EMEA]}
)";

Instance instance_of(const std::string& text, const std::string& path = "instance.yaml") {
    return parse_instance(model(), router(), SourceFile{path, text});
}

InstanceAuditReport audit_of(const std::string& text, const Policy& policy = {}) {
    return audit_instance(model(), router(), instance_of(text), policy, "2025-01-01");
}

std::vector<const Finding*> findings(const InstanceAuditReport& report, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const auto& f : report.findings) {
        if (f.rule == rule) {
            out.push_back(&f);
        }
    }
    return out;
}

std::set<std::string> rules_of(const InstanceAuditReport& report) {
    std::set<std::string> out;
    for (const auto& f : report.findings) {
        out.insert(f.rule);
    }
    return out;
}

// The error parse_instance throws, or "" when it does not.
Error error_of(const std::string& text) {
    try {
        (void)instance_of(text);
    } catch (const Error& e) {
        return e;
    }
    FAIL("expected an error for:\n" << text);
    return Error("");
}

const ServiceReport* service(const InstanceAuditReport& report, const std::string& name) {
    for (const auto& s : report.services) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

} // namespace

// ---- parsing -----------------------------------------------------------------------------

TEST_CASE("instance: parses workspaces, roles, users, grants and services") {
    const Instance i = instance_of(kBase + R"(roles:
  - name: Sync
    permissions: [Read-Write Lead, Read-Asset]
users:
  - email: sync@x.example
    api_only: true
    grants:
      - {role: Sync, workspaces: [Default, Europe]}
      - {role: Sync, workspace: "*"}
services:
  - name: sync
    user: sync@x.example
    operations: [GET /rest/v1/leads.json]
)");
    CHECK(i.name == "test");
    REQUIRE(i.workspaces.size() == 3);
    CHECK(i.reaching("EMEA") == std::vector<std::string>{"Europe", "Global Ops"});
    REQUIRE(i.role("Sync") != nullptr);
    REQUIRE(i.role("Sync")->permissions.size() == 2);
    CHECK(model().catalog.at(i.role("Sync")->permissions[1].permission).name == "Read-Only Assets"); // alias
    REQUIRE(i.user("sync@x.example") != nullptr);
    CHECK(i.user("sync@x.example")->grants.size() == 3);
    CHECK(i.covered(i.user("sync@x.example")->grants[2]).size() == 3);
    REQUIRE(i.services.size() == 1);
    CHECK(i.services[0].operations[0].workspace == "Default"); // no target: the Default workspace
    CHECK(i.services[0].source == "inline");
}

TEST_CASE("instance: errors are located") {
    struct Case {
        std::string text;
        int line;
        std::string needle;
    };
    const std::vector<Case> cases{
        {kBase + "roles:\n  - name: R\n    permissions: [Read-Write Leed]\n", 10, "Read-Write Lead"},
        {kBase + "roles:\n  - name: R\n    permisions: [Read-Write Lead]\n", 10, "did you mean 'permissions'"},
        {kBase + "roles:\n  - {name: R, permissions: [Read-Only Lead]}\nusers:\n  - email: a@x\n    grants: [{role: Q, "
                 "workspace: Default}]\n",
         12, "unknown role 'Q'"},
        {kBase + "roles:\n  - {name: R, permissions: [Read-Only Lead]}\nusers:\n  - email: a@x\n    grants: [{role: R, "
                 "workspace: Europa}]\n",
         12, "did you mean 'Europe'"},
        {kBase + "users:\n  - email: a@x\nservices:\n  - name: s\n    user: b@x\n    operations: [GET /rest/v1/leads.json]\n",
         12, "unknown user 'b@x'"},
        {kBase + "users:\n  - email: a@x\nservices:\n  - name: s\n    user: a@x\n    partition: APAC\n    operations: [GET "
                 "/rest/v1/leads.json]\n",
         13, "unknown partition 'APAC'"},
        {kBase + "users:\n  - email: a@x\nservices:\n  - name: s\n    user: a@x\n    workspaces:\n      - partition: EMEA\n"
                 "        operations: [GET /rest/asset/v1/emails.json]\n",
         15, "assets belong to the workspace that owns them"},
        {kBase + "users:\n  - email: a@x\nservices:\n  - name: s\n    user: a@x\n    workspaces:\n      - name: Europe\n"
                 "        partition: Default\n        operations: [GET /rest/v1/leads.json]\n",
         15, "does not reach partition 'Default'"},
        {kBase + "users:\n  - email: a@x\nservices:\n  - name: s\n    user: a@x\n", 11, "has no intent"},
        {kBase + "workspaces2: []\n", 8, "unknown key 'workspaces2'"},
        {"kind: role\n", 1, "expected 'kind: instance'"},
    };
    for (const auto& c : cases) {
        const Error e = error_of(c.text);
        CAPTURE(c.text);
        CHECK(e.where().file == "instance.yaml");
        CHECK(e.where().line == c.line);
        CHECK(std::string(e.what()).find(c.needle) != std::string::npos);
    }
}

TEST_CASE("instance: intent files and scans resolve against the instance file's folder") {
    const std::string dir = (std::filesystem::temp_directory_path() / "minrole-instance-test").string();
    std::filesystem::create_directories(dir + "/src");
    std::ofstream(dir + "/intent.yaml") << "kind: intent\npartition: EMEA\noperations:\n  - GET /rest/v1/leads.json\n"
                                           "  - {op: GET /rest/asset/v1/emails.json, workspace: Europe}\n";
    std::ofstream(dir + "/src/app.py") << "requests.get(base + '/rest/v1/activities.json')\n";
    const std::string text = kBase + "users:\n  - {email: a@x, api_only: true}\nservices:\n  - name: s\n    user: a@x\n"
                                     "    intent: intent.yaml\n    scan: [src]\n    workspace: Default\n";
    const Instance i = instance_of(text, dir + "/instance.yaml");
    REQUIRE(i.services.size() == 1);
    const auto& ops = i.services[0].operations;
    REQUIRE(ops.size() == 3);
    CHECK(ops[0].partition == "EMEA");
    CHECK(ops[0].workspace.empty());
    CHECK(ops[1].workspace == "Europe");
    CHECK(ops[2].workspace == "Default");
    CHECK(ops[2].operation.text.find("/rest/v1/activities.json") != std::string::npos);
    CHECK(i.services[0].source == "intent.yaml + scan: src");
    std::filesystem::remove_all(dir);
}

// ---- partitions -> workspaces ------------------------------------------------------------

TEST_CASE("instance: narrowest_workspaces picks the fewest workspaces, ties by name") {
    const Instance i = instance_of(kBase);
    // Both partitions: one workspace reaches both.
    CHECK(narrowest_workspaces(i, {"Default", "EMEA"}, {}) == std::vector<std::string>{"Global Ops"});
    // One partition reached by two workspaces: the first by name.
    CHECK(narrowest_workspaces(i, {"EMEA"}, {}) == std::vector<std::string>{"Europe"});
    CHECK(narrowest_workspaces(i, {"Default"}, {}) == std::vector<std::string>{"Default"});
    // A workspace needed anyway (an asset's owner) that reaches the partition is reused.
    CHECK(narrowest_workspaces(i, {"EMEA"}, {"Global Ops"}) == std::vector<std::string>{"Global Ops"});
    CHECK(narrowest_workspaces(i, {"Default", "EMEA"}, {"Europe"}) == std::vector<std::string>{"Default", "Europe"});
    // Only among candidates.
    CHECK(narrowest_workspaces(i, {"Default", "EMEA"}, {}, {"Default", "Europe"}) ==
          std::vector<std::string>{"Default", "Europe"});
    // Nothing to cover.
    CHECK(narrowest_workspaces(i, {}, {}).empty());
}

TEST_CASE("instance: partition operations map to the narrowest workspace grants in the recommendation") {
    const auto report = audit_of(kBase + R"(roles:
  - {name: Sync, permissions: [Read-Write Lead]}
users:
  - {email: a@x, api_only: true, grants: [{role: Sync, workspace: Global Ops}]}
services:
  - name: s
    user: a@x
    workspaces:
      - partition: EMEA
        operations: [POST /rest/v1/leads.json]
      - partition: Default
        operations: [GET /rest/v1/leads.json]
)");
    const ServiceReport* s = service(report, "s");
    REQUIRE(s != nullptr);
    REQUIRE(s->needed.workspaces.size() == 1);
    CHECK(s->needed.workspaces[0].name == "Global Ops");
    REQUIRE(s->partitions.size() == 2);
    CHECK(s->partitions[0].partition == "Default");
    CHECK(s->partitions[0].workspace == "Global Ops");
    CHECK(s->partitions[1].reaching == std::vector<std::string>{"Europe", "Global Ops"});
    CHECK(report.findings.empty());
}

// ---- every finding kind --------------------------------------------------------------------

TEST_CASE("instance: service-user-not-api-only and shared-api-user") {
    const auto report = audit_of(kBase + R"(roles:
  - {name: R, permissions: [Read-Only Lead]}
users:
  - {email: human@x, api_only: false, grants: [{role: R, workspace: Default}]}
  - {email: api@x, api_only: true, grants: [{role: R, workspace: Default}]}
services:
  - {name: a, user: human@x, operations: [GET /rest/v1/leads.json]}
  - {name: b, user: api@x, operations: [GET /rest/v1/leads.json]}
  - {name: c, user: api@x, operations: [GET /rest/v1/leads.json]}
)");
    const auto human = findings(report, "service-user-not-api-only");
    REQUIRE(human.size() == 1);
    CHECK(human[0]->severity == Severity::Error);
    CHECK(human[0]->subject == "service a");
    CHECK(human[0]->where.line == 14);
    const auto shared = findings(report, "shared-api-user");
    REQUIRE(shared.size() == 1);
    CHECK(shared[0]->evidence == std::vector<std::string>{"b", "c"});
    CHECK(shared[0]->where.line == 12);
    CHECK(rules_of(report) == std::set<std::string>{"service-user-not-api-only", "shared-api-user"});
}

TEST_CASE("instance: user-excess-workspaces for unused grants and all-workspace grants") {
    const auto report = audit_of(kBase + R"(roles:
  - {name: R, permissions: [Read-Only Lead, Read-Only Assets]}
users:
  - email: a@x
    api_only: true
    grants:
      - {role: R, workspaces: [Default, Europe, Global Ops]}
  - email: b@x
    api_only: true
    grants:
      - {role: R, workspace: "*"}
services:
  - {name: a, user: a@x, partition: EMEA, operations: [GET /rest/v1/leads.json]}
  - {name: b, user: b@x, workspace: Europe, operations: [GET /rest/asset/v1/emails.json, GET /rest/v1/leads.json]}
)");
    const auto excess = findings(report, "user-excess-workspaces");
    REQUIRE(excess.size() == 3);
    std::set<std::string> where;
    for (const Finding* f : excess) {
        where.insert(f->subject + "/" + f->workspace);
    }
    // a@x: EMEA is reached by Europe (first by name among its grants); Default and Global Ops are excess.
    CHECK(where == std::set<std::string>{"user a@x/Default", "user a@x/Global Ops", "user b@x/"});
    CHECK(findings(report, "missing-permission").empty());
}

TEST_CASE("instance: role-broader-than-services names the minimal replacement") {
    const auto report = audit_of(kBase + R"(roles:
  - name: Broad
    permissions: [Read-Write Lead, Read-Write Assets, Read-Only Activity]
users:
  - {email: a@x, api_only: true, grants: [{role: Broad, workspace: Default}]}
  - {email: b@x, api_only: true, grants: [{role: Broad, workspace: Default}]}
services:
  - {name: a, user: a@x, operations: [GET /rest/v1/leads.json]}
  - {name: b, user: b@x, operations: [GET /rest/v1/activities.json]}
)");
    const auto broad = findings(report, "role-broader-than-services");
    REQUIRE(broad.size() == 1);
    CHECK(broad[0]->subject == "role Broad");
    CHECK(broad[0]->message.find("minimal replacement: Read-Only Activity, Read-Only Lead") != std::string::npos);
    CHECK(broad[0]->message.find("grants Read-Write Assets, Read-Write Lead beyond") != std::string::npos);
    CHECK(broad[0]->where.line == 10); // the permissions list, where the first excess grant is
    REQUIRE(report.roles.size() == 1);
    CHECK(report.roles[0].services == std::vector<std::string>{"a", "b"});
    CHECK(report.roles[0].excess.size() == 2);
}

TEST_CASE("instance: unused-role, user-without-service and outside-api-tree") {
    const auto report = audit_of(kBase + R"(roles:
  - {name: Idle, permissions: [Read-Only Lead]}
  - {name: Dormant, permissions: [Read-Only Lead, Access Users]}
users:
  - {email: old@x, api_only: true, grants: [{role: Dormant, workspace: Default}]}
  - {email: person@x, api_only: false}
)");
    const auto unused = findings(report, "unused-role");
    REQUIRE(unused.size() == 1);
    CHECK(unused[0]->subject == "role Idle");
    CHECK(unused[0]->severity == Severity::Note);
    const auto without = findings(report, "user-without-service");
    REQUIRE(without.size() == 1); // humans without a service are normal
    CHECK(without[0]->subject == "user old@x");
    const auto outside = findings(report, "outside-api-tree");
    REQUIRE(outside.size() == 1);
    CHECK(model().catalog.at(*outside[0]->permission).name == "Access Users");
    CHECK(outside[0]->where.line == 10);
    CHECK(findings(report, "role-broader-than-services").empty()); // no service to compare with
}

TEST_CASE("instance: missing-permission, intent problems, policy severities and exceptions") {
    const std::string text = kBase + R"(roles:
  - {name: R, permissions: [Read-Only Lead, Execute Campaign]}
users:
  - {email: a@x, api_only: true, grants: [{role: R, workspace: Europe}]}
services:
  - name: a
    user: a@x
    workspaces:
      - partition: EMEA
        operations: [GET /rest/v1/leads.json, POST /rest/v1/leads.json, GET /rest/v9/nothing.json]
)";
    const auto report = audit_of(text);
    const auto missing = findings(report, "missing-permission");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->message.find("POST /rest/v1/leads.json") != std::string::npos);
    CHECK(missing[0]->message.find("partition EMEA") != std::string::npos);
    CHECK(model().catalog.at(*missing[0]->permission).name == "Read-Write Lead");
    CHECK(findings(report, "unmatched-operation").size() == 1);
    CHECK(findings(report, "role-broader-than-services").size() == 1); // Execute Campaign
    CHECK(report.failing(Severity::Error) == 1);

    Policy policy = parse_policy(SourceFile{"policy.yaml", R"(kind: policy
forbidden: [Execute Campaign]
severity:
  unmatched-operation: none
exceptions:
  - {rule: role-broader-than-services, justification: campaign trigger planned, expires: 2025-06-30}
  - {rule: missing-permission, justification: old, expires: 2024-01-01}
)"});
    const auto tuned = audit_of(text, policy);
    CHECK(findings(tuned, "unmatched-operation").empty());
    REQUIRE(findings(tuned, "forbidden-permission").size() == 1);
    REQUIRE(findings(tuned, "role-broader-than-services").size() == 1);
    CHECK_FALSE(findings(tuned, "role-broader-than-services")[0]->suppressed_by.empty());
    CHECK(findings(tuned, "missing-permission")[0]->suppressed_by.empty());
    CHECK(findings(tuned, "expired-exception").size() == 1);
}

TEST_CASE("instance: an exception with a subject suppresses that subject's finding only") {
    const std::string text = kBase + R"(roles:
  - {name: R, permissions: [Read-Only Lead]}
users:
  - {email: a@x, api_only: true, grants: [{role: R, workspace: Default}]}
  - {email: b@x, api_only: true, grants: [{role: R, workspace: Default}]}
services:
  - {name: s1, user: a@x, operations: [GET /rest/v1/leads.json]}
  - {name: s2, user: a@x, operations: [GET /rest/v1/leads.json]}
  - {name: s3, user: b@x, operations: [GET /rest/v1/leads.json]}
  - {name: s4, user: b@x, operations: [GET /rest/v1/leads.json]}
)";
    const Policy policy = parse_policy(SourceFile{"policy.yaml", R"(kind: policy
exceptions:
  - {rule: shared-api-user, subject: user b@x, justification: split planned, expires: 2099-01-01}
)"});
    const auto report = audit_of(text, policy);
    const auto shared = findings(report, "shared-api-user");
    REQUIRE(shared.size() == 2);
    for (const Finding* f : shared) {
        CHECK(f->suppressed_by.empty() == (f->subject == "user a@x"));
    }
}

// ---- the example and the import path -------------------------------------------------------

TEST_CASE("instance: the example reports every instance finding kind") {
    const Instance i = parse_instance(model(), router(), read_source(kExample + "/instance.yaml"));
    CHECK(i.workspaces.size() == 3);
    CHECK(i.partitions.size() == 2);
    CHECK(i.services.size() == 4);
    const auto report = audit_instance(model(), router(), i, {}, "2025-01-01");
    CHECK(rules_of(report) == std::set<std::string>{"missing-permission", "outside-api-tree", "role-broader-than-services",
                                                    "service-user-not-api-only", "shared-api-user", "unused-role",
                                                    "user-excess-workspaces", "user-without-service"});
    const ServiceReport* crm = service(report, "crm-sync");
    REQUIRE(crm != nullptr);
    REQUIRE(crm->needed.workspaces.size() == 1);
    CHECK(crm->needed.workspaces[0].name == "Global Ops");
    const ServiceReport* reporting = service(report, "reporting");
    REQUIRE(reporting != nullptr);
    CHECK(reporting->needed.workspaces[0].name == "Default"); // tie with Global Ops, broken by name
}

TEST_CASE("instance: import from saved User Management API responses") {
    const Instance i = parse_instance(model(), router(), read_source(kExample + "/instance-import.yaml"));
    REQUIRE(i.workspace("Europe") != nullptr);
    CHECK(i.workspace("Europe")->id == 1001);
    CHECK(i.workspace("Europe")->partitions == std::vector<std::string>{"EMEA"});
    REQUIRE(i.role("Marketing API") != nullptr);
    CHECK(i.role("Marketing API")->id == 102);
    CHECK(i.role("Marketing API")->permissions.size() == 6);
    const InstanceUser* ops = i.user("ops-admin@acme.example");
    REQUIRE(ops != nullptr);
    CHECK_FALSE(ops->api_only);
    CHECK(ops->name == "Olga Admin");
    CHECK(ops->id == 2103);
    const InstanceUser* marketing = i.user("marketing-api@acme.example");
    REQUIRE(marketing != nullptr);
    REQUIRE(marketing->grants.size() == 3);
    CHECK(marketing->grants[1].workspace == "Europe");
    CHECK(marketing->grants[1].where.file.find("marketing-api@acme.example.json") != std::string::npos);
    CHECK(marketing->grants[1].where.line == 3);
    const auto imported = audit_instance(model(), router(), i, {}, "2025-01-01");
    const auto inline_report =
        audit_instance(model(), router(), parse_instance(model(), router(), read_source(kExample + "/instance.yaml")), {},
                       "2025-01-01");
    CHECK(rules_of(imported) == rules_of(inline_report));
}

TEST_CASE("instance: import errors name the file and record") {
    const std::string dir = (std::filesystem::temp_directory_path() / "minrole-import-test").string();
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/workspaces.json") << R"({"success": true, "result": [{"id": 1, "name": "Default"}]})";
    std::ofstream(dir + "/roles.json") << R"([{"id": 7, "name": "R"}])";
    std::ofstream(dir + "/users.json") << "[\n  {\"id\": 1, \"userid\": \"a@x\", \"emailAddress\": \"a@x\", \"apiOnly\": true}\n]";
    std::ofstream(dir + "/bad-roles.json") << "[\n  {\"accessRoleId\": 7, \"workspaceId\": 99}\n]";
    std::ofstream(dir + "/good-roles.json") << "[\n  {\"accessRoleId\": 7, \"workspaceId\": 1}\n]";
    auto parse = [&](const std::string& text) { return instance_of(text, dir + "/instance.yaml"); };
    const std::string head = "kind: instance\nimport:\n  workspaces: workspaces.json\n  roles: roles.json\n  users: users.json\n";
    try {
        (void)parse(head + "  user_roles: {a@x: bad-roles.json}\n");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == dir + "/bad-roles.json");
        CHECK(e.where().line == 2);
        CHECK(std::string(e.what()).find("workspace id 99") != std::string::npos);
    }
    try {
        (void)parse(head + "  user_roles: {a@x: good-roles.json}\n");
        FAIL("expected an error");
    } catch (const Error& e) { // an API-Only user holds a role whose permissions the YAML never gives
        CHECK(std::string(e.what()).find("permissions are unknown") != std::string::npos);
    }
    const Instance i = parse(head + "  user_roles: {a@x: good-roles.json}\nroles:\n  - {name: R, permissions: [Read-Only Lead]}\n");
    REQUIRE(i.user("a@x") != nullptr);
    REQUIRE(i.user("a@x")->grants.size() == 1);
    CHECK(i.user("a@x")->grants[0].role == "R");
    CHECK(i.user("a@x")->grants[0].workspace == "Default");
    std::ofstream(dir + "/broken.json") << "[{";
    try {
        (void)parse("kind: instance\nimport:\n  workspaces: broken.json\n");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("malformed JSON") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

// ---- rendering ------------------------------------------------------------------------------

TEST_CASE("instance: JSON carries findings with subjects, services and roles; SARIF lists instance rules") {
    const auto report = audit_instance(model(), router(),
                                       parse_instance(model(), router(), read_source(kExample + "/instance.yaml")), {},
                                       "2025-01-01");
    const auto json = nlohmann::json::parse(render_instance_audit(model(), report, Format::Json));
    CHECK(json["schema"] == "minrole/instance-audit/v1");
    CHECK(json["services"].size() == 4);
    CHECK(json["findings"][0].contains("subject"));
    const auto sarif = nlohmann::json::parse(render_instance_audit(model(), report, Format::Sarif));
    const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
    std::set<std::string> ids;
    for (const auto& r : rules) {
        ids.insert(r["id"].get<std::string>());
    }
    CHECK(ids.count("shared-api-user") == 1);
    CHECK(ids.count("broader-access") == 0);
    for (const auto& r : sarif["runs"][0]["results"]) {
        CHECK(rules[r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    }
    CHECK(render_instance_audit(model(), report, Format::Text).find("service crm-sync") != std::string::npos);
    CHECK(render_instance_audit(model(), report, Format::Markdown).find("| `crm-sync` |") != std::string::npos);
    CHECK_THROWS_AS((void)render_instance_audit(model(), report, Format::Yaml), Error);
}

} // namespace instance_test

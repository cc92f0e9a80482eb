// audit(), allows()/reachable()/power_of(), diff_roles(), parse_role(), parse_policy() and
// find_policy_upward() on inputs built in code, against the built-in catalog and rules.
#include "minrole/allows.hpp"
#include "minrole/audit.hpp"
#include "minrole/diff.hpp"
#include "minrole/loader.hpp"
#include "minrole/role.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace audit_test {

namespace {

using namespace minrole;
using test::error_of;
using test::intent_of;
using test::model;
using test::pid;
using test::policy_of;
using test::role_of;
using test::router;




EndpointId endpoint(const std::string& method, const std::string& path) {
    auto id = model().rules.find_template(method, path);
    REQUIRE_MESSAGE(id.has_value(), method << " " << path);
    return *id;
}




AuditReport run_audit(const std::string& role, const std::vector<std::string>& operations, const Policy& policy = {},
                      const std::string& today = "2025-01-01") {
    return audit(model(), router(), role_of(role), intent_of(operations), policy, today);
}

std::vector<std::string> rules_of(const AuditReport& report) {
    std::vector<std::string> out;
    for (const auto& f : report.findings) {
        out.push_back(f.rule);
    }
    return out;
}

std::vector<const Finding*> findings(const AuditReport& report, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const auto& f : report.findings) {
        if (f.rule == rule) {
            out.push_back(&f);
        }
    }
    return out;
}


std::string role_error(const std::string& text) {
    return error_of([&] { (void)role_of(text); });
}

std::string policy_error(const std::string& text) {
    return error_of([&] { (void)policy_of(text); });
}

std::set<std::string> keys(const std::vector<ReachedEndpoint>& reached) {
    std::set<std::string> out;
    for (const auto& r : reached) {
        out.insert(model().rules.at(r.endpoint).key());
    }
    return out;
}

std::set<std::string> keys(const std::vector<EndpointId>& ids) {
    std::set<std::string> out;
    for (EndpointId id : ids) {
        out.insert(model().rules.at(id).key());
    }
    return out;
}

PermissionSet set_of(const std::vector<std::string>& names) {
    PermissionSet s = model().graph->empty_set();
    for (const auto& n : names) {
        s.set(pid(n));
    }
    return s;
}

const std::string kGetLeads = "GET /rest/v1/leads.json";
const std::string kPostLeads = "POST /rest/v1/leads.json";
const std::string kTrigger = "POST /rest/v1/campaigns/{campaignId}/trigger.json";

} // namespace

// ---- the rule table ---------------------------------------------------------------------

TEST_CASE("audit: audit_rules() is sorted by id, unique, and the ids are the public contract") {
    const auto& rules = audit_rules();
    std::vector<std::string> ids;
    for (const auto& r : rules) {
        ids.emplace_back(r.id);
        CHECK(std::string(r.title).size() > 0);
        CHECK(std::string(r.help).size() > 0);
        CHECK(r.severity != Severity::None);
    }
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(ids == std::vector<std::string>{"broader-access", "deprecated-endpoint", "expired-exception",
                                          "forbidden-permission", "high-risk-permission", "missing-permission",
                                          "outside-api-tree", "redundant-grant", "role-broader-than-services", "service-user-not-api-only",
                                          "shared-api-user", "undocumented-endpoint", "unmatched-operation",
                                          "unused-permission", "unused-role", "unused-workspace", "user-excess-workspaces",
                                          "user-without-service"});
    REQUIRE(find_audit_rule("missing-permission") != nullptr);
    CHECK(find_audit_rule("missing-permission")->severity == Severity::Error);
    CHECK(find_audit_rule("forbidden-permission")->severity == Severity::Error);
    CHECK(find_audit_rule("high-risk-permission")->severity == Severity::Note);
    CHECK(find_audit_rule("deprecated-endpoint")->severity == Severity::Note);
    CHECK(find_audit_rule("unused-permission")->severity == Severity::Warning);
    CHECK(find_audit_rule("unused-permision") == nullptr);
    CHECK(find_audit_rule("") == nullptr);
}

TEST_CASE("audit: severities parse and print") {
    for (Severity s : {Severity::Note, Severity::Warning, Severity::Error, Severity::None}) {
        CHECK(parse_severity(to_string(s)) == s);
    }
    CHECK(std::string(to_string(Severity::Warning)) == "warning");
    CHECK_FALSE(parse_severity("Error").has_value());
    CHECK_FALSE(parse_severity("").has_value());
    CHECK(Severity::Note < Severity::Warning);
    CHECK(Severity::Warning < Severity::Error);
}

// ---- AuditReport::failing ---------------------------------------------------------------

TEST_CASE("audit: failing() counts unsuppressed findings at or above the threshold") {
    AuditReport report;
    auto add = [&](Severity s, const std::string& suppressed = "") {
        Finding f;
        f.rule = "unused-permission";
        f.severity = s;
        f.suppressed_by = suppressed;
        report.findings.push_back(f);
    };
    CHECK(report.failing(Severity::Note) == 0);
    add(Severity::Note);
    add(Severity::Warning);
    add(Severity::Warning, "until 2030-01-01");
    add(Severity::Error);
    add(Severity::Error, "justified");
    CHECK(report.failing(Severity::Note) == 3);
    CHECK(report.failing(Severity::Warning) == 2);
    CHECK(report.failing(Severity::Error) == 1);
    CHECK(report.failing(Severity::None) == 0);
}

// ---- audit() ----------------------------------------------------------------------------

TEST_CASE("audit: a role equal to the minimal one has no findings") {
    const AuditReport report = run_audit("role: clean\npermissions: [Read-Only Lead, Read-Only Activity]\n",
                                         {kGetLeads, "GET /rest/v1/activities.json"});
    CHECK(report.findings.empty());
    CHECK(report.failing(Severity::Note) == 0);
    CHECK(report.role_name == "clean");
    CHECK(report.role_path == "role.yaml");
    REQUIRE(report.needed.workspaces.size() == 1);
    CHECK(report.needed.workspaces[0].name == kDefaultWorkspace);
}

TEST_CASE("audit: broader-access names the weaker permission and the operations that use it") {
    const AuditReport report = run_audit("role: r\npermissions:\n  - Read-Write Lead\n", {kGetLeads});
    CHECK(rules_of(report) == std::vector<std::string>{"broader-access"});
    const Finding& f = report.findings.at(0);
    CHECK(f.severity == Severity::Warning);
    CHECK(f.permission == pid("Read-Write Lead"));
    CHECK(f.workspace == kDefaultWorkspace);
    CHECK(f.where.to_string() == "role.yaml:3:5");
    CHECK(f.evidence == std::vector<std::string>{kGetLeads});
    CHECK(f.message.find("'Read-Only Lead' suffices") != std::string::npos);
    CHECK(report.failing(Severity::Warning) == 1);
}

TEST_CASE("audit: missing-permission is an error naming what to add") {
    const AuditReport report = run_audit("role: r\npermissions: [Read-Only Lead]\n", {kGetLeads, kPostLeads});
    const auto missing = findings(report, "missing-permission");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->severity == Severity::Error);
    CHECK(missing[0]->permission == pid("Read-Write Lead"));
    CHECK(missing[0]->evidence == std::vector<std::string>{kPostLeads});
    CHECK(missing[0]->message.find("error 603") != std::string::npos);
    CHECK(missing[0]->message.find("add Read-Write Lead") != std::string::npos);
    CHECK(missing[0]->where.file == "role.yaml");
    CHECK(report.failing(Severity::Error) == 1);
}

TEST_CASE("audit: unused permissions inside and outside the Access API tree") {
    const AuditReport report =
        run_audit("role: r\npermissions:\n  - Read-Only Lead\n  - Read-Only Company\n  - Access Email\n", {kGetLeads});
    const auto unused = findings(report, "unused-permission");
    const auto outside = findings(report, "outside-api-tree");
    REQUIRE(unused.size() == 1);
    REQUIRE(outside.size() == 1);
    CHECK(unused[0]->permission == pid("Read-Only Company"));
    CHECK(unused[0]->where.to_string() == "role.yaml:4:5");
    CHECK(unused[0]->evidence.empty());
    CHECK(outside[0]->permission == pid("Access Email"));
    CHECK(outside[0]->where.to_string() == "role.yaml:5:5");
    CHECK(report.findings.size() == 2);
}

TEST_CASE("audit: high-risk-permission for a needed high-risk grant is a note") {
    const AuditReport report = run_audit("role: r\npermissions: [Execute Campaign]\n", {kTrigger});
    CHECK(rules_of(report) == std::vector<std::string>{"high-risk-permission"});
    CHECK(report.findings[0].severity == Severity::Note);
    CHECK(report.findings[0].evidence == std::vector<std::string>{kTrigger});
    CHECK(report.failing(Severity::Warning) == 0);
    CHECK(report.failing(Severity::Note) == 1);
}

TEST_CASE("audit: unused-workspace once per workspace, and missing permissions where the role is absent") {
    Intent intent = intent_of({kGetLeads}, "Europe");
    const RoleSpec role = role_of("role: r\npermissions: [Read-Only Lead, Read-Only Company]\n"
                                  "workspaces:\n  - Default\n");
    const AuditReport report = audit(model(), router(), role, intent, {}, "2025-01-01");
    const auto unused = findings(report, "unused-workspace");
    REQUIRE(unused.size() == 1);
    CHECK(unused[0]->workspace == "Default");
    CHECK(unused[0]->where.to_string() == "role.yaml:4:5");
    CHECK(findings(report, "unused-permission").empty());
    const auto missing = findings(report, "missing-permission");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->workspace == "Europe");
    CHECK(missing[0]->where.to_string() == "role.yaml:1:1");
}

TEST_CASE("audit: problems in the intent itself") {
    const AuditReport report =
        run_audit("role: r\npermissions: [Read-Only Campaign]\n",
                  {"GET /rest/v1/campaigns.json", "GET /rest/asset/v1/landingPage/{id}/variables.json", "GET /rest/v9/nope.json"});
    const auto deprecated = findings(report, "deprecated-endpoint");
    REQUIRE(deprecated.size() == 1);
    CHECK(deprecated[0]->severity == Severity::Note);
    CHECK(deprecated[0]->message.find("getAllSmartCampaignsGET") != std::string::npos);
    const auto undocumented = findings(report, "undocumented-endpoint");
    REQUIRE(undocumented.size() == 1);
    CHECK(undocumented[0]->evidence == std::vector<std::string>{"GET /rest/asset/v1/landingPage/{id}/variables.json"});
    const auto unmatched = findings(report, "unmatched-operation");
    REQUIRE(unmatched.size() == 1);
    CHECK(unmatched[0]->message.find("GET /rest/v9/nope.json") != std::string::npos);
    CHECK_FALSE(unmatched[0]->evidence.empty()); // the closest candidates
    CHECK(findings(report, "unused-permission").empty());
}

TEST_CASE("audit: findings are sorted by severity, then file and line") {
    const AuditReport report = run_audit("role: r\npermissions:\n  - Read-Only Company\n  - Execute Campaign\n",
                                         {kTrigger, kGetLeads});
    REQUIRE(report.findings.size() == 3);
    CHECK(rules_of(report) ==
          std::vector<std::string>{"missing-permission", "unused-permission", "high-risk-permission"});
}

TEST_CASE("audit: policy severities retune or remove findings") {
    const std::string role = "role: r\npermissions: [Read-Only Lead, Read-Only Company]\n";
    CHECK(run_audit(role, {kGetLeads}, policy_of("kind: policy\nseverity:\n  unused-permission: none\n")).findings.empty());
    const AuditReport raised = run_audit(role, {kGetLeads}, policy_of("severity:\n  unused-permission: error\n"));
    REQUIRE(raised.findings.size() == 1);
    CHECK(raised.findings[0].severity == Severity::Error);
    CHECK(raised.failing(Severity::Error) == 1);
}

TEST_CASE("audit: forbidden permissions are errors at the grant, even when needed") {
    const AuditReport report =
        run_audit("role: r\npermissions:\n  - Read-Only Lead\n", {kGetLeads}, policy_of("forbidden: [Read-Only Lead]\n", "org.yaml"));
    CHECK(rules_of(report) == std::vector<std::string>{"forbidden-permission"});
    CHECK(report.findings[0].severity == Severity::Error);
    CHECK(report.findings[0].where.to_string() == "role.yaml:3:5");
    CHECK(report.findings[0].message.find("org.yaml") != std::string::npos);
    // An unknown forbidden name is bad input even when nothing grants it.
    CHECK(error_of([] { (void)run_audit("role: r\npermissions: [Read-Only Lead]\n", {kGetLeads},
                                        policy_of("forbidden: [Access Userz]\n")); }) ==
          "policy.yaml:1:13: unknown permission 'Access Userz' (did you mean 'Access Users'?)");
}

// Regression: forbidden permissions were once checked only in workspaces the intent uses, so a
// forbidden grant elsewhere surfaced only as unused-workspace (or not at all when that rule was
// tuned to none).
TEST_CASE("audit: forbidden permissions are reported in every workspace") {
    const RoleSpec role = role_of("role: r\nworkspaces:\n  - name: Default\n    permissions: [Read-Only Lead]\n"
                                  "  - name: Europe\n    permissions: [Access Users]\n");
    const AuditReport report = audit(model(), router(), role, intent_of({kGetLeads}),
                                     policy_of("forbidden: [Access Users]\nseverity:\n  unused-workspace: none\n"), "2025-01-01");
    CHECK(findings(report, "forbidden-permission").size() == 1);
}

TEST_CASE("audit: exceptions suppress while valid, and lapse into expired-exception") {
    const std::string role = "role: r\npermissions: [Read-Only Lead, Read-Only Company]\n";
    const Policy policy = policy_of("exceptions:\n"
                                    "  - rule: unused-permission\n"
                                    "    permission: Read-Only Company\n"
                                    "    justification: account sync next quarter\n"
                                    "    expires: 2025-06-30\n");
    SUBCASE("before expiry") {
        const AuditReport report = run_audit(role, {kGetLeads}, policy, "2025-06-01");
        REQUIRE(report.findings.size() == 1);
        CHECK(report.findings[0].suppressed_by == "account sync next quarter (until 2025-06-30)");
        CHECK(report.failing(Severity::Note) == 0);
    }
    SUBCASE("on the expiry day (inclusive)") {
        const AuditReport report = run_audit(role, {kGetLeads}, policy, "2025-06-30");
        CHECK(report.failing(Severity::Note) == 0);
    }
    SUBCASE("after expiry") {
        const AuditReport report = run_audit(role, {kGetLeads}, policy, "2025-07-01");
        REQUIRE(report.findings.size() == 2);
        CHECK(report.failing(Severity::Warning) == 2);
        const auto expired = findings(report, "expired-exception");
        REQUIRE(expired.size() == 1);
        CHECK(expired[0]->where.to_string() == "policy.yaml:2:5");
        CHECK(expired[0]->message ==
              "exception for unused-permission on 'Read-Only Company' expired on 2025-06-30 (account sync next quarter)");
        CHECK(findings(report, "unused-permission").at(0)->suppressed_by.empty());
    }
    SUBCASE("expired-exception can itself be tuned") {
        const Policy quiet = policy_of("severity: {expired-exception: none}\n"
                                       "exceptions:\n"
                                       "  - {rule: unused-permission, justification: x, expires: 2020-01-01}\n");
        const AuditReport report = run_audit(role, {kGetLeads}, quiet, "2025-07-01");
        CHECK(rules_of(report) == std::vector<std::string>{"unused-permission"});
    }
}

TEST_CASE("audit: an exception matches by rule, permission and workspace") {
    const std::string role = "role: r\npermissions: [Read-Only Lead, Read-Only Company, Read-Only Opportunity]\n";
    auto suppressed = [&](const std::string& exception) {
        const AuditReport report = run_audit(role, {kGetLeads}, policy_of("exceptions:\n  - " + exception + "\n"));
        std::size_t n = 0;
        for (const auto& f : report.findings) {
            n += f.suppressed_by.empty() ? 0 : 1;
        }
        return n;
    };
    CHECK(suppressed("{rule: unused-permission, justification: j, expires: 2030-01-01}") == 2);
    CHECK(suppressed("{rule: unused-permission, permission: Read-Only Company, justification: j, expires: 2030-01-01}") == 1);
    CHECK(suppressed("{rule: unused-permission, workspace: Default, justification: j, expires: 2030-01-01}") == 2);
    CHECK(suppressed("{rule: unused-permission, workspace: Europe, justification: j, expires: 2030-01-01}") == 0);
    CHECK(suppressed("{rule: broader-access, justification: j, expires: 2030-01-01}") == 0);
}

// Regression: an exception naming an unknown permission was once resolved only when a finding of
// its rule existed, so a typo passed silently; now it is checked up front, like `forbidden:`.
TEST_CASE("audit: an unknown permission in an exception is bad input even when unused") {
    const Policy policy = policy_of("exceptions:\n  - rule: unused-permission\n    permission: Read-Only Leed\n"
                                    "    justification: j\n    expires: 2030-01-01\n");
    CHECK(error_of([&] { (void)run_audit("role: r\npermissions: [Read-Only Lead]\n", {kGetLeads}, policy); }) ==
          "policy.yaml:3:17: unknown permission 'Read-Only Leed' (did you mean 'Read-Only Lead'?)");
}

// ---- allows / reachable / power_of ---------------------------------------------------------

TEST_CASE("allows: Read-Only Lead reads leads and cannot write them") {
    const Reach reach = allows(model(), role_of("role: ro\npermissions: [Read-Only Lead]\n"));
    CHECK(reach.role == "ro");
    CHECK(reach.open_endpoints > 0);
    REQUIRE(reach.workspaces.size() == 1);
    const WorkspaceReach& w = reach.workspaces[0];
    CHECK(w.name == kDefaultWorkspace);
    CHECK(w.granted.count() == 1);
    const auto reached = keys(w.endpoints);
    CHECK(reached.count(kGetLeads) == 1);
    CHECK(reached.count(kPostLeads) == 0);
    for (const auto& r : w.endpoints) {
        CHECK(r.power == Power::Read);
    }
}

TEST_CASE("allows: one entry per workspace, with role-wide grants everywhere") {
    const Reach reach = allows(model(), role_of("role: r\npermissions: [Read-Only Lead]\nworkspaces:\n"
                                                "  - name: Default\n    permissions: [Read-Write Lead]\n  - Europe\n"));
    REQUIRE(reach.workspaces.size() == 2);
    CHECK(keys(reach.workspaces[0].endpoints).count(kPostLeads) == 1);
    CHECK(keys(reach.workspaces[1].endpoints).count(kPostLeads) == 0);
    CHECK(keys(reach.workspaces[1].endpoints).count(kGetLeads) == 1);
    CHECK(reach.workspaces[0].effective.test(pid("Read-Only Lead")));
}

TEST_CASE("reachable: implications, undocumented and open endpoints, conditional parameters") {
    CHECK(reachable(model(), model().graph->empty_set()).empty());
    const auto rw = keys(reachable(model(), set_of({"Read-Write Lead"})));
    CHECK(rw.count(kPostLeads) == 1);
    CHECK(rw.count(kGetLeads) == 1); // Read-Write Lead implies Read-Only Lead

    PermissionSet everything = model().graph->empty_set();
    for (PermissionId id = 0; id < model().catalog.size(); ++id) {
        everything.set(id);
    }
    const auto all = reachable(model(), everything);
    const auto all_keys = keys(all);
    CHECK(all_keys.count("GET /rest/asset/v1/landingPage/{id}/variables.json") == 0); // undocumented
    CHECK(all.size() + 1 + static_cast<std::size_t>(allows(model(), role_of("permissions: [Read-Only Lead]\n")).open_endpoints) ==
          model().rules.size());

    const std::string full_content = "GET /rest/asset/v1/email/{id}/fullContent.json";
    auto conditional = [&](const std::vector<std::string>& names) {
        for (const auto& r : reachable(model(), set_of(names))) {
            if (model().rules.at(r.endpoint).key() == full_content) {
                return r.conditional_denied ? 1 : 0;
            }
        }
        return -1; // not reachable
    };
    CHECK(conditional({"Read-Only Assets"}) == 1);
    CHECK(conditional({"Read-Only Assets", "Read-Only Lead"}) == 0);
    CHECK(conditional({"Read-Only Lead"}) == -1);
}

TEST_CASE("power_of: the kind of power an endpoint gives") {
    auto power = [](const std::string& method, const std::string& path) {
        return power_of(model(), model().rules.at(endpoint(method, path)));
    };
    CHECK(power("GET", "/rest/v1/leads.json") == Power::Read);
    CHECK(power("POST", "/rest/v1/leads.json") == Power::Write);
    CHECK(power("POST", "/rest/v1/leads/delete.json") == Power::Delete);
    CHECK(power("DELETE", "/rest/v1/lists/{listId}/leads.json") == Power::Delete);
    CHECK(power("POST", "/rest/v1/campaigns/{campaignId}/trigger.json") == Power::Campaign);
    CHECK(power("POST", "/rest/asset/v1/email/{id}/approveDraft.json") == Power::Approve);
    CHECK(power("POST", "/rest/v1/leads/schema/fields/{fieldApiName}.json") == Power::Schema);
    CHECK(power("GET", "/userservice/management/v1/users/allusers.json") == Power::UserManagement);
    CHECK(std::string(to_string(Power::UserManagement)) == "user-management");
    CHECK(std::string(to_string(Power::Read)) == "read");
    CHECK(Power::Read < Power::Write);
    CHECK(Power::Schema < Power::UserManagement);
}

// ---- diff_roles ---------------------------------------------------------------------------

TEST_CASE("diff: Read-Only -> Read-Write Lead widens to POST /rest/v1/leads.json") {
    const RoleSpec ro = role_of("role: r\npermissions: [Read-Only Lead]\n", "old.yaml");
    const RoleSpec rw = role_of("role: r\npermissions: [Read-Write Lead]\n", "new.yaml");
    const RoleDiff widen = diff_roles(model(), ro, rw);
    CHECK(widen.old_path == "old.yaml");
    CHECK(widen.new_path == "new.yaml");
    CHECK(widen.widens());
    CHECK(widen.changed());
    REQUIRE(widen.workspaces.size() == 1);
    const WorkspaceDiff& w = widen.workspaces[0];
    CHECK(w.added == std::vector<PermissionId>{pid("Read-Write Lead")});
    CHECK(w.removed == std::vector<PermissionId>{pid("Read-Only Lead")});
    CHECK(keys(w.newly_allowed).count(kPostLeads) == 1);
    CHECK(keys(w.newly_allowed).count(kGetLeads) == 0);
    CHECK(w.no_longer_allowed.empty());

    const RoleDiff narrow = diff_roles(model(), rw, ro);
    CHECK_FALSE(narrow.widens());
    CHECK(narrow.changed());
    CHECK(keys(narrow.workspaces[0].no_longer_allowed).count(kPostLeads) == 1);

    const RoleDiff same = diff_roles(model(), ro, ro);
    CHECK_FALSE(same.widens());
    CHECK_FALSE(same.changed());
}

TEST_CASE("diff: added and removed workspaces") {
    const RoleSpec one = role_of("permissions: [Read-Only Lead]\nworkspaces: [Default]\n");
    const RoleSpec two = role_of("permissions: [Read-Only Lead]\nworkspaces: [Default, Europe]\n");
    const RoleDiff added = diff_roles(model(), one, two);
    CHECK(added.widens());
    REQUIRE(added.workspaces.size() == 2);
    CHECK(added.workspaces[1].name == "Europe");
    CHECK(added.workspaces[1].added_workspace);
    CHECK(keys(added.workspaces[1].newly_allowed).count(kGetLeads) == 1);
    CHECK_FALSE(added.workspaces[0].added_workspace);
    CHECK(added.workspaces[0].newly_allowed.empty());

    const RoleDiff removed = diff_roles(model(), two, one);
    CHECK_FALSE(removed.widens());
    CHECK(removed.changed());
    CHECK(removed.workspaces[1].removed_workspace);
}

// ---- parse_role ---------------------------------------------------------------------------

TEST_CASE("parse_role: shapes") {
    const RoleSpec flat = role_of("kind: role\nrole: flat\npermissions:\n  - Read-Asset\n");
    CHECK(flat.name == "flat");
    CHECK(flat.path == "role.yaml");
    REQUIRE(flat.workspaces.size() == 1);
    CHECK(flat.workspaces[0].name == kDefaultWorkspace);
    REQUIRE(flat.workspaces[0].grants.size() == 1);
    CHECK(flat.workspaces[0].grants[0].permission == pid("Read-Only Assets"));
    CHECK(flat.workspaces[0].grants[0].written == "Read-Asset");
    CHECK(flat.workspaces[0].grants[0].where.to_string() == "role.yaml:4:5");

    const RoleSpec ws = role_of("role: ws\npermissions: [Read-Only Lead]\nworkspaces:\n"
                                "  - name: Europe\n    permissions: [Read-Write Assets]\n  - Asia\n");
    REQUIRE(ws.workspaces.size() == 2);
    CHECK(ws.workspace("Default") == nullptr);
    REQUIRE(ws.workspace("Europe") != nullptr);
    CHECK(ws.workspace("Europe")->grants.size() == 2);
    CHECK(ws.workspace("Europe")->grant_of(pid("Read-Write Assets")) != nullptr);
    CHECK(ws.workspace("Asia")->grants.size() == 1);
    CHECK(ws.workspace("Asia")->grant_of(pid("Read-Write Assets")) == nullptr);
    CHECK(ws.workspace("Asia")->where.to_string() == "role.yaml:6:5");
    CHECK(ws.workspace("Europe")->set(*model().graph).count() == 2);
}

TEST_CASE("parse_role: errors are located") {
    CHECK(role_error("role: r\npermissions:\n  - Read-Only Lead\n  - Read-Only Leed\n") ==
          "role.yaml:4:5: unknown permission 'Read-Only Leed' (did you mean 'Read-Only Lead'?)");
    CHECK(role_error("role: r\npermissions:\n  - Read-Only Lead\n  - Read-Only Lead\n") ==
          "role.yaml:4:5: permission 'Read-Only Lead' is granted twice (also at role.yaml:3:5)");
    CHECK(role_error("role: r\npermissions: [Read-Only Lead]\nworkspaces:\n  - name: Europe\n"
                     "    permissions: [Read-Only Lead]\n") ==
          "role.yaml:5:19: permission 'Read-Only Lead' is granted twice (also at role.yaml:2:15)");
    CHECK(role_error("role: r\npermisions: [Read-Only Lead]\n") ==
          "role.yaml:2:1: unknown key 'permisions' in the role (did you mean 'permissions'?)");
    CHECK(role_error("kind: policy\npermissions: [Read-Only Lead]\n") ==
          "role.yaml:1:7: expected 'kind: role', found 'policy' (a policy, read by audit --policy or as .minrole.yaml)");
    CHECK(role_error("service: crm\noperations: [GET /rest/v1/leads.json]\n") ==
          "role.yaml:1:1: unknown key 'service' in a role spec: this looks like an intent (kind: intent), which is "
          "read by recommend INTENT and audit --intent");
    CHECK(role_error("role: r\n") == "role.yaml:1:1: the role grants nothing (expected 'permissions' or 'workspaces')");
    CHECK(role_error("role: r\npermissions: [Read-Only Lead]\nworkspaces: [Europe, Europe]\n") ==
          "role.yaml:3:22: workspace 'Europe' is listed twice");
    CHECK(role_error("role: r\npermissions: []\n") == "role.yaml:2:14: the role grants nothing: 'permissions' is empty");
    CHECK(role_error("role: r\nworkspaces: [Europe]\n") ==
          "role.yaml:2:14: workspace 'Europe' grants nothing (no role-wide 'permissions' and none of its own)");
    CHECK(role_error("role: r\npermissions: [Read-Only Lead]\nworkspaces: []\n") ==
          "role.yaml:3:13: the role grants nothing: 'workspaces' is empty");
    CHECK(role_error("role: r\npermissions: [read-only lead]\n") ==
          "role.yaml:2:15: unknown permission 'read-only lead' (did you mean 'Read-Only Lead'?)");
    CHECK(role_error("role: r\nworkspaces:\n  - name: Europe\n    permision: [Read-Only Lead]\n") ==
          "role.yaml:4:5: unknown key 'permision' in a workspace grant (did you mean 'permissions'?)");
    CHECK(role_error("role: r\npermissions: Read-Only Lead\n").rfind("role.yaml:2:14: expected 'permissions' to be a", 0) == 0);
}

// ---- parse_policy ---------------------------------------------------------------------------

TEST_CASE("parse_policy: every key") {
    const Policy p = policy_of("kind: policy\n"
                               "severity:\n  unused-permission: error\n  high-risk-permission: none\n"
                               "forbidden: [Access Users]\n"
                               "exceptions:\n"
                               "  - rule: broader-access\n    permission: Read-Write Lead\n    workspace: Europe\n"
                               "    justification: migration\n    expires: 2026-02-28\n"
                               "overrides: [ovr.yaml, /etc/minrole/abs.yaml]\n"
                               "fail_on: note\n",
                               "org/.minrole.yaml");
    CHECK(p.path == "org/.minrole.yaml");
    REQUIRE(p.severities.size() == 2);
    CHECK(p.severities[0] == std::pair<std::string, Severity>{"unused-permission", Severity::Error});
    CHECK(p.severities[1] == std::pair<std::string, Severity>{"high-risk-permission", Severity::None});
    REQUIRE(p.forbidden.size() == 1);
    CHECK(p.forbidden[0].first == "Access Users");
    CHECK(p.forbidden[0].second.to_string() == "org/.minrole.yaml:5:13");
    REQUIRE(p.exceptions.size() == 1);
    CHECK(p.exceptions[0].rule == "broader-access");
    CHECK(p.exceptions[0].permission == "Read-Write Lead");
    CHECK(p.exceptions[0].workspace == "Europe");
    CHECK(p.exceptions[0].justification == "migration");
    CHECK(p.exceptions[0].expires == "2026-02-28");
    CHECK(p.exceptions[0].where.to_string() == "org/.minrole.yaml:7:5");
    CHECK(p.overrides == std::vector<std::string>{"org/ovr.yaml", "/etc/minrole/abs.yaml"});
    CHECK(p.fail_on == Severity::Note);

    const Policy empty = policy_of("kind: policy\n");
    CHECK(empty.severities.empty());
    CHECK_FALSE(empty.fail_on.has_value());
}

TEST_CASE("parse_policy: errors are located") {
    CHECK(policy_error("kind: policy\nforbiden: [Read-Only Lead]\n") ==
          "policy.yaml:2:1: unknown key 'forbiden' in the policy (did you mean 'forbidden'?)");
    CHECK(policy_error("kind: role\n") ==
          "policy.yaml:1:7: expected 'kind: policy', found 'role' (a role spec, read by allows ROLE, diff OLD NEW and "
          "audit --role)");
    CHECK(policy_error("severity:\n  unused-permision: none\n") ==
          "policy.yaml:2:3: unknown audit rule 'unused-permision' (did you mean 'unused-permission'?)");
    CHECK(policy_error("severity:\n  unused-permission: loud\n") ==
          "policy.yaml:2:22: unknown severity 'loud' (expected error, warning, note or none)");
    CHECK(policy_error("severity: [unused-permission]\n") ==
          "policy.yaml:1:11: expected 'severity' to be a map of rule: level, found a list");
    CHECK(policy_error("fail_on: always\n") == "policy.yaml:1:10: unknown severity 'always' (expected error, warning, note or none)");
    CHECK(policy_error("exceptions:\n  - rule: broad-access\n    justification: j\n    expires: 2030-01-01\n") ==
          "policy.yaml:2:11: unknown audit rule 'broad-access' (did you mean 'broader-access'?)");
    CHECK(policy_error("exceptions:\n  - rule: unused-permission\n    justification: j\n    expires: 2030-1-1\n") ==
          "policy.yaml:4:14: expected 'expires' as YYYY-MM-DD, found '2030-1-1'");
    CHECK(policy_error("exceptions:\n  - rule: unused-permission\n    justification: j\n    expires: 2030-13-01\n") ==
          "policy.yaml:4:14: expected 'expires' as YYYY-MM-DD, found '2030-13-01'");
    CHECK(policy_error("exceptions:\n  - rule: unused-permission\n    expires: 2030-01-01\n") ==
          "policy.yaml:2:5: missing required key 'justification' in an exception");
    CHECK(policy_error("exceptions:\n  - rule: unused-permission\n    justification: j\n    expires: 2030-01-01\n"
                       "    reason: x\n") ==
          "policy.yaml:5:5: unknown key 'reason' in an exception (expected one of: rule, permission, workspace, subject, justification, expires)");
    CHECK(policy_error("exceptions:\n  - rule: shared-api-user\n    subject: a@x\n    justification: j\n"
                       "    expires: 2030-01-01\n") ==
          "policy.yaml:3:14: expected 'subject' as 'user EMAIL', 'role NAME' or 'service NAME', found 'a@x'");
}

// ---- find_policy_upward -------------------------------------------------------------------

namespace {
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path = std::filesystem::temp_directory_path() / ("minrole-audit-test-" + std::to_string(stamp));
        std::filesystem::create_directories(path / "a" / "b");
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};
} // namespace

TEST_CASE("find_policy_upward: the policy in the starting folder") {
    TempDir dir;
    const auto none = find_policy_upward(dir.path.string());
    CHECK((!none || none->rfind(dir.path.string(), 0) != 0)); // nothing inside our folder
    std::ofstream(dir.path / ".minrole.yaml") << "kind: policy\n";
    const auto found = find_policy_upward(dir.path.string());
    REQUIRE(found.has_value());
    CHECK(std::filesystem::equivalent(*found, dir.path / ".minrole.yaml"));
    // A folder of that name is not a policy.
    std::filesystem::create_directories(dir.path / "a" / ".minrole.yaml");
    CHECK(find_policy_upward((dir.path / "a").string()) != std::optional<std::string>((dir.path / "a" / ".minrole.yaml").string()));
}

// Regression: find_policy_upward() once stopped after the starting folder (is_regular_file(p, ec)
// sets `ec` for a missing file, and the loop ran `while (!ec)`).
TEST_CASE("find_policy_upward: the nearest policy above the starting folder") {
    TempDir dir;
    std::ofstream(dir.path / ".minrole.yaml") << "kind: policy\n";
    const auto found = find_policy_upward((dir.path / "a" / "b").string());
    REQUIRE(found.has_value());
    CHECK(std::filesystem::equivalent(*found, dir.path / ".minrole.yaml"));
    std::ofstream(dir.path / "a" / ".minrole.yaml") << "kind: policy\n";
    const auto nearer = find_policy_upward((dir.path / "a" / "b").string());
    REQUIRE(nearer.has_value());
    CHECK(std::filesystem::equivalent(*nearer, dir.path / "a" / ".minrole.yaml"));
}

} // namespace audit_test

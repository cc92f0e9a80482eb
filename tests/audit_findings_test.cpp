// Findings a reviewer can act on (issue 15, items 1 and 2): acting on every "remove this" finding
// never breaks the integration, a needed permission granted beside a broader one is never called
// unused, and no two findings are the same line (GitLab and SARIF fingerprints stay unique).
#include "minrole/audit.hpp"
#include "minrole/instance.hpp"
#include "minrole/report.hpp"
#include "minrole/source.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace audit_findings_test {

using namespace minrole;

namespace {

AuditReport audit_of(const std::string& role, const Intent& intent, const Policy& policy = {}) {
    return audit(test::model(), test::router(), test::role_of(role), intent, policy, "2025-01-01");
}

Intent crm_lead_sync() {
    return parse_intent(read_source(std::string(MINROLE_SOURCE_DIR) + "/examples/crm-lead-sync.yaml"));
}

std::vector<const Finding*> about(const AuditReport& report, const std::string& permission) {
    std::vector<const Finding*> out;
    for (const auto& f : report.findings) {
        if (f.permission == test::pid(permission)) {
            out.push_back(&f);
        }
    }
    return out;
}

// The role with every grant a finding says to remove taken out (broader-access grants replaced
// by the weaker permission the finding names) still allows every call the intent makes.
void check_acting_on_findings_keeps_the_integration(const std::string& role_text, const Intent& intent) {
    const RoleSpec role = test::role_of(role_text);
    const AuditReport report = audit_of(role_text, intent);
    const Model& model = test::model();
    for (const auto& w : report.needed.workspaces) {
        const RoleWorkspace* granted = role.workspace(w.name);
        REQUIRE(granted != nullptr);
        PermissionSet fixed = granted->set(*model.graph);
        for (const auto& f : report.findings) {
            if (f.workspace == w.name && f.permission &&
                (f.rule == "unused-permission" || f.rule == "outside-api-tree" || f.rule == "redundant-grant" ||
                 f.rule == "broader-access")) {
                fixed.reset(*f.permission);
            }
        }
        for (const auto& f : report.findings) { // broader-access: keep what it says suffices
            if (f.workspace == w.name && f.rule == "broader-access") {
                const auto quote = f.message.find(": '");
                const auto name = f.message.substr(quote + 3, f.message.find('\'', quote + 3) - quote - 3);
                fixed.set(test::pid(name));
            }
        }
        for (const auto& op : w.operations) {
            if (op.status == OperationStatus::Matched &&
                satisfies(*model.graph, granted->set(*model.graph), model.rules.at(*op.match.endpoint).requirement, op.parameters)) {
                const Endpoint& e = model.rules.at(*op.match.endpoint);
                CHECK_MESSAGE(satisfies(*model.graph, fixed, e.requirement, op.parameters),
                              role_text << ": acting on the findings breaks " << e.key());
            }
        }
    }
}

} // namespace

// ---- 15.1: a needed permission is never reported unused -----------------------------------

TEST_CASE("audit: Read-Only Activity beside Read-Write Activity is used; Read-Write Activity is broader-access") {
    const auto report = audit_of("permissions: [Read-Only Activity, Read-Write Activity, Read-Write Company, Read-Write Lead]\n",
                                 crm_lead_sync());
    CHECK(about(report, "Read-Only Activity").empty());
    const auto broader = about(report, "Read-Write Activity");
    REQUIRE(broader.size() == 1);
    CHECK(broader.front()->rule == "broader-access");
    CHECK(broader.front()->message.find("'Read-Only Activity', also granted, suffices") != std::string::npos);
    CHECK(broader.front()->evidence == std::vector<std::string>{"GET /rest/v1/activities/leadchanges.json",
                                                                 "GET /rest/v1/activities/pagingtoken.json"});
}

TEST_CASE("audit: Read-Only Lead beside Read-Write Lead, for a read: the read grant is used") {
    const auto report = audit_of("permissions: [Read-Only Lead, Read-Write Lead]\n", test::intent_of({"GET /rest/v1/leads.json"}));
    CHECK(about(report, "Read-Only Lead").empty());
    REQUIRE(about(report, "Read-Write Lead").size() == 1);
    CHECK(about(report, "Read-Write Lead").front()->rule == "broader-access");
}

TEST_CASE("audit: Read-Only Lead beside a Read-Write Lead the intent needs is a redundant grant, not unused") {
    const auto report = audit_of("permissions: [Read-Only Lead, Read-Write Lead]\n", test::intent_of({"POST /rest/v1/leads.json"}));
    const auto ro = about(report, "Read-Only Lead");
    REQUIRE(ro.size() == 1);
    CHECK(ro.front()->rule == "redundant-grant");
    CHECK(ro.front()->severity == Severity::Note);
    CHECK(ro.front()->message.find("'Read-Write Lead', also granted there, already implies it") != std::string::npos);
    for (const auto& f : about(report, "Read-Write Lead")) {
        CHECK(f->rule == "high-risk-permission");
    }
}

TEST_CASE("audit: both grants of an overlapping pair are unused when the intent needs neither") {
    const auto report = audit_of("permissions: [Read-Only Lead, Read-Write Lead, Read-Only Company]\n",
                                 test::intent_of({"GET /rest/v1/companies.json"}));
    REQUIRE(about(report, "Read-Only Lead").size() == 1);
    CHECK(about(report, "Read-Only Lead").front()->rule == "unused-permission");
    REQUIRE(about(report, "Read-Write Lead").size() == 1);
    CHECK(about(report, "Read-Write Lead").front()->rule == "unused-permission");
}

TEST_CASE("audit: removing what the findings say to remove never breaks the integration") {
    const std::vector<std::string> ops{"GET /rest/v1/leads.json", "POST /rest/v1/leads.json", "GET /rest/v1/activities.json",
                                       "GET /rest/v1/companies.json", "POST /rest/asset/v1/email/{id}/approveDraft.json"};
    const std::vector<std::string> grants{"Read-Only Lead",     "Read-Write Lead",   "Read-Only Activity", "Read-Write Activity",
                                          "Read-Only Company",  "Read-Write Company", "Read-Only Assets",  "Read-Write Assets",
                                          "Approve Assets"};
    // Every pair of intent operations against roles made of consecutive runs of grants.
    for (std::size_t a = 0; a < ops.size(); ++a) {
        for (std::size_t b = a; b < ops.size(); ++b) {
            for (std::size_t from = 0; from < grants.size(); from += 2) {
                std::string role = "permissions: [";
                for (std::size_t i = from; i < grants.size(); ++i) {
                    role += (i == from ? "" : ", ") + grants[i];
                }
                role += "]\n";
                check_acting_on_findings_keeps_the_integration(role, test::intent_of({ops[a], ops[b]}));
            }
        }
    }
    check_acting_on_findings_keeps_the_integration(
        "permissions: [Read-Only Activity, Read-Write Activity, Read-Write Company, Read-Write Lead]\n", crm_lead_sync());
}

// ---- 15.2: counts match the list, no duplicates, every line names its workspace -------------

TEST_CASE("audit: a forbidden role-wide grant is one finding per workspace, each naming its workspace") {
    const auto report = audit_of("permissions: [Read-Only Lead, Read-Write Assets]\nworkspaces: [Default, Europe]\n",
                                 test::intent_of({"GET /rest/v1/leads.json"}),
                                 // the same permission under two spellings: still one finding per grant
                                 test::policy_of("forbidden: [Read-Write Assets, Read-Write Asset]\n"));
    std::vector<std::string> messages;
    for (const auto& f : report.findings) {
        if (f.rule == "forbidden-permission") {
            messages.push_back(f.message);
        }
    }
    CHECK(messages == std::vector<std::string>{"'Read-Write Assets' is granted in workspace Default but forbidden by policy policy.yaml",
                                               "'Read-Write Assets' is granted in workspace Europe but forbidden by policy policy.yaml"});
}

TEST_CASE("audit: no two findings share rule, file, line and message (the GitLab fingerprint), and each names its workspace") {
    const Policy policy = test::policy_of("forbidden: [Read-Write Assets, Execute Campaign]\n"
                                          "exceptions:\n  - rule: unused-permission\n    justification: j\n    expires: 2099-01-01\n");
    const auto report = audit(test::model(), test::router(),
                              test::role_of(read_source(std::string(MINROLE_SOURCE_DIR) + "/examples/roles/over-broad.yaml").text),
                              crm_lead_sync(), policy, "2025-01-01");
    std::set<std::tuple<std::string, std::string, int, std::string>> fingerprints;
    for (const auto& f : report.findings) {
        CHECK_MESSAGE(fingerprints.emplace(f.rule, f.where.file, f.where.line, f.message).second, "duplicate: " << f.message);
        if (!f.workspace.empty()) {
            CHECK_MESSAGE(f.message.find("workspace " + f.workspace) != std::string::npos, f.message);
        }
    }
    CHECK(fingerprints.size() > 5);
}

TEST_CASE("audit: operations listed twice give one finding") {
    const auto report = audit_of("permissions: [Read-Only Lead]\n",
                                 test::intent_of({"GET /rest/v1/lead.json", "GET /rest/v1/lead.json", "GET /rest/v1/leads.json"}));
    std::size_t unmatched = 0;
    for (const auto& f : report.findings) {
        unmatched += f.rule == "unmatched-operation" ? 1 : 0;
        if (f.rule == "unmatched-operation") {
            CHECK(f.message.find("in workspace Default") != std::string::npos);
        }
    }
    CHECK(unmatched == 1);
}

TEST_CASE("audit: the count line counts the findings listed above it, suppressed ones included") {
    const Policy policy = test::policy_of("exceptions:\n  - rule: unused-permission\n    permission: Read-Write Assets\n"
                                          "    justification: j\n    expires: 2099-01-01\n");
    const auto report = audit_of("permissions: [Read-Only Lead, Read-Write Assets, Read-Write Campaign]\n",
                                 test::intent_of({"GET /rest/v1/leads.json"}), policy);
    const std::string text = render_audit(test::model(), report, Format::Text);
    std::size_t lines = 0;
    for (std::size_t at = text.find("[unused-permission]"); at != std::string::npos; at = text.find("[unused-permission]", at + 1)) {
        ++lines;
    }
    CHECK(lines == 2);
    CHECK(text.find("2 findings (1 suppressed) for role role.yaml\n") != std::string::npos);
    CHECK(render_audit(test::model(), report, Format::Markdown).find("2 finding(s), 1 suppressed.") != std::string::npos);
}

TEST_CASE("audit --instance: no two findings share rule, file, line and message") {
    const std::string path = std::string(MINROLE_SOURCE_DIR) + "/examples/instance/instance.yaml";
    const Instance instance = parse_instance(test::model(), test::router(), read_source(path));
    const Policy policy = test::policy_of("forbidden: [Read-Write Assets, Read-Write Asset]\n");
    const auto report = audit_instance(test::model(), test::router(), instance, policy, "2025-01-01");
    std::set<std::tuple<std::string, std::string, int, std::string>> fingerprints;
    for (const auto& f : report.findings) {
        CHECK_MESSAGE(fingerprints.emplace(f.rule, f.where.file, f.where.line, f.message).second, "duplicate: " << f.message);
    }
}

} // namespace audit_findings_test

#pragma once
// audit: compares an existing role with what the integration's intent needs and reports
// findings, each with a stable rule id, a severity, the permission and the evidence.
// A policy file tunes severities, forbids permissions and records time-boxed exceptions.
#include "minrole/recommend.hpp"
#include "minrole/role.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace minrole {

enum class Severity { Note = 1, Warning = 2, Error = 3, None = 4 };
const char* to_string(Severity severity);
std::optional<Severity> parse_severity(const std::string& text);

// The finding kinds, sorted by id. Ids are a public contract (README "Audit findings").
// The library emits findings by RuleId, so a misspelt rule is a compile error; the table in
// src/audit_rules.cpp is checked at compile time to list every RuleId once, in this order.
enum class RuleId {
    BroaderAccess,
    DeprecatedEndpoint,
    ExpiredException,
    ForbiddenPermission,
    HighRiskPermission,
    MissingPermission,
    OutsideApiTree,
    RedundantGrant,
    RoleBroaderThanServices,
    ServiceUserNotApiOnly,
    SharedApiUser,
    UndocumentedEndpoint,
    UnmatchedOperation,
    UnusedPermission,
    UnusedRole,
    UnusedWorkspace,
    UserExcessWorkspaces,
    UserWithoutService,
};

// Which audits can report a rule (a bit set): SARIF lists the rules of the audit that ran.
enum AuditScope : unsigned { kRoleAudit = 1u, kInstanceAudit = 2u };
struct AuditRule {
    RuleId which;
    const char* id;
    Severity severity; // default
    const char* title;
    const char* help;
    unsigned scope = kRoleAudit; // AuditScope bits
};
std::span<const AuditRule> audit_rules();
const AuditRule& audit_rule(RuleId rule);
const AuditRule* find_audit_rule(const std::string& id);

struct PolicyException {
    std::string rule;
    std::string permission; // as written; empty = any permission
    Location permission_where;
    std::string workspace;  // empty = any workspace
    std::string subject;    // instance audits: "user X", "role Y" or "service Z"; empty = any
    std::string justification;
    std::string expires;    // YYYY-MM-DD, inclusive
    Location where;
};

struct Policy {
    std::string path;
    std::vector<std::pair<std::string, Severity>> severities;
    std::vector<std::pair<std::string, Location>> forbidden;
    std::vector<PolicyException> exceptions;
    std::vector<std::string> overrides; // overrides files, relative paths resolved against the policy's folder
    std::optional<Severity> fail_on;
};

Policy parse_policy(const SourceFile& source);
// `.minrole.yaml` in `start` or the nearest folder above it.
std::optional<std::string> find_policy_upward(const std::string& start);

struct Finding {
    std::string rule;
    std::string subject;               // instance audits: "user X", "role Y", "service Z"; else empty
    Severity severity = Severity::Warning;
    std::string message;
    std::string workspace;
    std::optional<PermissionId> permission;
    std::vector<std::string> evidence; // operations (or inputs) that need / do not need it
    Location where;                    // in the role file where possible, else intent or policy
    std::string suppressed_by;         // justification of the exception that suppresses it
};

struct AuditReport {
    std::string role_name;
    std::string role_path;
    std::vector<Finding> findings;
    Recommendation needed; // the minimal role for the intent, per workspace
    std::vector<RoleWorkspace> granted; // the role as audited, per workspace (the HTML report's matrix)
    // The threshold the caller gates its exit status on (cmd_audit: --fail-on, else the policy's,
    // else warning); reports that show a verdict use it.
    Severity fail_on = Severity::Warning;

    // Findings at or above the threshold that no exception suppresses.
    [[nodiscard]] std::size_t failing(Severity threshold) const;
};

// `today` is YYYY-MM-DD; exceptions that expired before it stop suppressing and are reported.
AuditReport audit(const Model& model, const Router& router, const RoleSpec& role, const Intent& intent,
                  const Policy& policy, const std::string& today);

// Shared by role and instance audits: the rule's severity after the policy's overrides.
Severity policy_severity(const Policy& policy, RuleId rule);
// Findings at or above the threshold that no exception suppresses (AuditReport::failing and
// InstanceAuditReport::failing).
std::size_t count_failing(const std::vector<Finding>& findings, Severity threshold);
// Suppresses findings by the policy's valid exceptions, adds an expired-exception finding for
// each lapsed one, and sorts (most severe first, then by file and line).
void apply_exceptions(const Model& model, const Policy& policy, const std::string& today, std::vector<Finding>& findings);

std::string today_utc();
// YYYY-MM-DD naming a real calendar day.
bool valid_date(const std::string& text);

} // namespace minrole

// The audit rule table and what every audit shares about rules: lookup by id,
// severity after the policy, and the count that decides the exit status.
#include "minrole/audit.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace minrole {

namespace {

// Sorted by id; ids and default severities are a public contract (README "Audit
// findings").
constexpr AuditRule kRules[] = {
    {RuleId::BroaderAccess, "broader-access", Severity::Warning, "Access level broader than needed",
     "The role grants a permission whose weaker form (for example Read-Only "
     "instead of Read-Write) is all the "
     "intended operations need. Grant the weaker permission instead.",
     kRoleAudit},
    {RuleId::DeprecatedEndpoint, "deprecated-endpoint", Severity::Note,
     "Intent uses a deprecated or superseded endpoint",
     "The integration calls an endpoint Adobe has deprecated or superseded. "
     "Move to the replacement named in "
     "the finding; its permissions may differ.",
     kRoleAudit | kInstanceAudit},
    {RuleId::ExpiredException, "expired-exception", Severity::Warning, "Policy exception has expired",
     "An exception in the policy file has passed its expiry date and no longer "
     "suppresses the finding it names. "
     "Renew it with a new justification or fix the role.",
     kRoleAudit | kInstanceAudit},
    {RuleId::ForbiddenPermission, "forbidden-permission", Severity::Error, "Permission forbidden by policy",
     "The policy file forbids this permission for API roles. Remove it from "
     "the role.",
     kRoleAudit | kInstanceAudit},
    {RuleId::HighRiskPermission, "high-risk-permission", Severity::Note, "High-risk permission granted",
     "The permission is needed by the intent but is high risk (campaign "
     "execution, approvals, deletes, schema "
     "or user management). Keep the integration's credentials tightly held and "
     "review its use.",
     kRoleAudit},
    {RuleId::MissingPermission, "missing-permission", Severity::Error, "Intended call would be denied",
     "An operation the integration intends to call is not allowed by the role; "
     "Marketo would answer with error "
     "603 (access denied). Add the permission named in the finding.",
     kRoleAudit | kInstanceAudit},
    {RuleId::OutsideApiTree, "outside-api-tree", Severity::Warning, "Permission outside the Access API tree",
     "The permission belongs to a UI permission tree and no intended endpoint "
     "needs it; it gives an API-Only "
     "user nothing but widens what a compromised role could be turned into. "
     "Remove it.",
     kRoleAudit | kInstanceAudit},
    {RuleId::RedundantGrant, "redundant-grant", Severity::Note, "Permission already implied by another grant",
     "The role grants a permission that another permission it grants already "
     "implies (for example Read-Only Lead "
     "beside a Read-Write Lead the intent needs). It adds no access; remove "
     "the duplicate grant so the role reads as "
     "what it gives.",
     kRoleAudit},
    {RuleId::RoleBroaderThanServices, "role-broader-than-services", Severity::Warning,
     "Role broader than the services that use it",
     "The role grants Access API permissions that none of the Custom Services "
     "whose users hold it need. The finding "
     "names the minimal replacement role: the least permissions that still "
     "serve every one of those services.",
     kInstanceAudit},
    {RuleId::ServiceUserNotApiOnly, "service-user-not-api-only", Severity::Error,
     "Custom Service bound to a user who is not API-Only",
     "A Custom Service (LaunchPoint) authenticates as a user that can also log "
     "in to the Marketo UI. Bind the service "
     "to a dedicated API-Only user instead.",
     kInstanceAudit},
    {RuleId::SharedApiUser, "shared-api-user", Severity::Warning, "API-Only user shared by several Custom Services",
     "Several Custom Services authenticate as the same API-Only user, so each "
     "integration holds the union of what all "
     "of them need and none can be revoked or audited alone. Give each service "
     "its own API-Only user and role.",
     kInstanceAudit},
    {RuleId::UndocumentedEndpoint, "undocumented-endpoint", Severity::Warning,
     "Intent uses an endpoint with no documented permission",
     "Adobe documents no required permission for this endpoint; minrole cannot "
     "check it. Verify it on your "
     "instance and record the answer in an overrides file.",
     kRoleAudit | kInstanceAudit},
    {RuleId::UnmatchedOperation, "unmatched-operation", Severity::Warning, "Intended operation matches no endpoint",
     "An operation in the intent matches no known Marketo endpoint, so its "
     "needs are unknown. Fix the intent "
     "(see the closest candidates) or add a rule through an overrides file.",
     kRoleAudit | kInstanceAudit},
    {RuleId::UnusedPermission, "unused-permission", Severity::Warning, "Permission no intended operation needs",
     "No operation in the intent needs this permission in this workspace. "
     "Remove it from the role.",
     kRoleAudit},
    {RuleId::UnusedRole, "unused-role", Severity::Note, "Role no user holds",
     "No user holds the role in any workspace. Delete it, or keep it only if "
     "it is about to be assigned.",
     kInstanceAudit},
    {RuleId::UnusedWorkspace, "unused-workspace", Severity::Warning,
     "Role granted in a workspace the intent never uses",
     "The role is granted in a workspace where the integration calls nothing. "
     "Remove the grant.",
     kRoleAudit},
    {RuleId::UserExcessWorkspaces, "user-excess-workspaces", Severity::Warning,
     "User granted in workspaces its services do not use",
     "The user holds roles in workspaces none of its Custom Services' intents "
     "use (or in all workspaces, which also "
     "covers any created later). Remove those grants; lead operations need "
     "only the narrowest set of workspaces "
     "reaching their partitions.",
     kInstanceAudit},
    {RuleId::UserWithoutService, "user-without-service", Severity::Note, "API-Only user with no Custom Service",
     "The API-Only user holds roles but no Custom Service authenticates as it, "
     "so nothing should need its access. "
     "Remove its roles or the user.",
     kInstanceAudit},
};

// Every RuleId has its row, at its own index, and the ids are sorted and
// unique.
constexpr bool well_formed() {
    for (std::size_t i = 0; i < std::size(kRules); ++i) {
        if (static_cast<std::size_t>(kRules[i].which) != i) {
            return false;
        }
        if (i > 0 && !(std::string_view(kRules[i - 1].id) < std::string_view(kRules[i].id))) {
            return false;
        }
    }
    return static_cast<std::size_t>(RuleId::UserWithoutService) + 1 == std::size(kRules);
}
static_assert(well_formed(), "kRules must list every RuleId once, in enum order, sorted by id");

} // namespace

std::span<const AuditRule> audit_rules() { return kRules; }

const AuditRule& audit_rule(RuleId rule) { return kRules[static_cast<std::size_t>(rule)]; }

const AuditRule* find_audit_rule(const std::string& id) {
    for (const auto& r : kRules) {
        if (id == r.id) {
            return &r;
        }
    }
    return nullptr;
}

Severity policy_severity(const Policy& policy, RuleId rule) {
    Severity severity = audit_rule(rule).severity;
    for (const auto& [id, level] : policy.severities) {
        if (id == audit_rule(rule).id) {
            severity = level;
        }
    }
    return severity;
}

std::size_t count_failing(const std::vector<Finding>& findings, Severity threshold) {
    if (threshold == Severity::None) {
        return 0;
    }
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.suppressed_by.empty() && f.severity != Severity::None && f.severity >= threshold;
    }));
}

} // namespace minrole

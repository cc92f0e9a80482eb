#include "minrole/audit.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace minrole {

const std::vector<AuditRule>& audit_rules() {
    // Sorted by id; ids and default severities are a public contract (README "Audit findings").
    static const std::vector<AuditRule> rules{
        {"broader-access", Severity::Warning, "Access level broader than needed",
         "The role grants a permission whose weaker form (for example Read-Only instead of Read-Write) is all the "
         "intended operations need. Grant the weaker permission instead.", kRoleAudit},
        {"deprecated-endpoint", Severity::Note, "Intent uses a deprecated or superseded endpoint",
         "The integration calls an endpoint Adobe has deprecated or superseded. Move to the replacement named in "
         "the finding; its permissions may differ.", kRoleAudit | kInstanceAudit},
        {"expired-exception", Severity::Warning, "Policy exception has expired",
         "An exception in the policy file has passed its expiry date and no longer suppresses the finding it names. "
         "Renew it with a new justification or fix the role.", kRoleAudit | kInstanceAudit},
        {"forbidden-permission", Severity::Error, "Permission forbidden by policy",
         "The policy file forbids this permission for API roles. Remove it from the role.", kRoleAudit | kInstanceAudit},
        {"high-risk-permission", Severity::Note, "High-risk permission granted",
         "The permission is needed by the intent but is high risk (campaign execution, approvals, deletes, schema "
         "or user management). Keep the integration's credentials tightly held and review its use.", kRoleAudit},
        {"missing-permission", Severity::Error, "Intended call would be denied",
         "An operation the integration intends to call is not allowed by the role; Marketo would answer with error "
         "603 (access denied). Add the permission named in the finding.", kRoleAudit | kInstanceAudit},
        {"outside-api-tree", Severity::Warning, "Permission outside the Access API tree",
         "The permission belongs to a UI permission tree and no intended endpoint needs it; it gives an API-Only "
         "user nothing but widens what a compromised role could be turned into. Remove it.", kRoleAudit | kInstanceAudit},
        {"role-broader-than-services", Severity::Warning, "Role broader than the services that use it",
         "The role grants Access API permissions that none of the Custom Services whose users hold it need. The finding "
         "names the minimal replacement role: the least permissions that still serve every one of those services.", kInstanceAudit},
        {"service-user-not-api-only", Severity::Error, "Custom Service bound to a user who is not API-Only",
         "A Custom Service (LaunchPoint) authenticates as a user that can also log in to the Marketo UI. Bind the service "
         "to a dedicated API-Only user instead.", kInstanceAudit},
        {"shared-api-user", Severity::Warning, "API-Only user shared by several Custom Services",
         "Several Custom Services authenticate as the same API-Only user, so each integration holds the union of what all "
         "of them need and none can be revoked or audited alone. Give each service its own API-Only user and role.", kInstanceAudit},
        {"undocumented-endpoint", Severity::Warning, "Intent uses an endpoint with no documented permission",
         "Adobe documents no required permission for this endpoint; minrole cannot check it. Verify it on your "
         "instance and record the answer in an overrides file.", kRoleAudit | kInstanceAudit},
        {"unmatched-operation", Severity::Warning, "Intended operation matches no endpoint",
         "An operation in the intent matches no known Marketo endpoint, so its needs are unknown. Fix the intent "
         "(see the closest candidates) or add a rule through an overrides file.", kRoleAudit | kInstanceAudit},
        {"unused-permission", Severity::Warning, "Permission no intended operation needs",
         "No operation in the intent needs this permission in this workspace. Remove it from the role.", kRoleAudit},
        {"unused-role", Severity::Note, "Role no user holds",
         "No user holds the role in any workspace. Delete it, or keep it only if it is about to be assigned.", kInstanceAudit},
        {"unused-workspace", Severity::Warning, "Role granted in a workspace the intent never uses",
         "The role is granted in a workspace where the integration calls nothing. Remove the grant.", kRoleAudit},
        {"user-excess-workspaces", Severity::Warning, "User granted in workspaces its services do not use",
         "The user holds roles in workspaces none of its Custom Services' intents use (or in all workspaces, which also "
         "covers any created later). Remove those grants; lead operations need only the narrowest set of workspaces "
         "reaching their partitions.", kInstanceAudit},
        {"user-without-service", Severity::Note, "API-Only user with no Custom Service",
         "The API-Only user holds roles but no Custom Service authenticates as it, so nothing should need its access. "
         "Remove its roles or the user.", kInstanceAudit},
    };
    return rules;
}

const AuditRule* find_audit_rule(const std::string& id) {
    for (const auto& r : audit_rules()) {
        if (id == r.id) {
            return &r;
        }
    }
    return nullptr;
}

std::size_t AuditReport::failing(Severity threshold) const {
    if (threshold == Severity::None) {
        return 0;
    }
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.suppressed_by.empty() && f.severity != Severity::None && f.severity >= threshold;
    }));
}

namespace {

class Auditor {
public:
    Auditor(const Model& model, const RoleSpec& role, const Policy& policy, AuditReport& report)
        : model_(model), graph_(*model.graph), role_(role), policy_(policy), report_(report) {}

    void workspace(const WorkspaceRecommendation& needed, const RoleWorkspace* granted) {
        std::vector<const OperationOutcome*> ops;
        for (const auto& op : needed.operations) {
            if (op.status == OperationStatus::Matched) {
                ops.push_back(&op);
            }
        }
        const PermissionSet role = granted ? granted->set(graph_) : graph_.empty_set();
        const Location role_where = granted ? granted->where : Location{role_.path, 1, 1};
        // Missing: what the minimal role has that this role's effective set lacks.
        for (const OperationOutcome* op : ops) {
            const Endpoint& e = model_.rules.at(*op->match.endpoint);
            if (satisfies(graph_, role, e.requirement, op->parameters)) {
                continue;
            }
            const Solution fix = solve(model_, {SolveInput{&e.requirement, &op->parameters}});
            const PermissionSet effective = graph_.effective(role);
            std::vector<std::string> add;
            std::optional<PermissionId> first;
            for (auto id = fix.role.find_first(); id != PermissionSet::npos; id = fix.role.find_next(id)) {
                if (!effective.test(id)) {
                    add.push_back(model_.catalog.at(static_cast<PermissionId>(id)).name);
                    first = first ? first : std::optional<PermissionId>(static_cast<PermissionId>(id));
                }
            }
            std::string message = e.key() + " would be denied (error 603) in workspace " + needed.name + ": it needs " +
                                  describe(model_.catalog, e.requirement);
            if (!add.empty()) {
                std::string list;
                for (const auto& a : add) {
                    list += (list.empty() ? "" : ", ") + a;
                }
                message += "; add " + list;
            }
            emit("missing-permission", message, needed.name, first, {label(*op)}, role_where);
        }
        if (granted == nullptr) {
            return;
        }
        std::vector<char> satisfied_before(ops.size());
        for (std::size_t i = 0; i < ops.size(); ++i) {
            satisfied_before[i] = meets(role, *ops[i]) ? 1 : 0;
        }
        auto keeps_everything = [&](const PermissionSet& candidate) {
            for (std::size_t i = 0; i < ops.size(); ++i) {
                if (satisfied_before[i] != 0 && !meets(candidate, *ops[i])) {
                    return false;
                }
            }
            return true;
        };
        for (const auto& grant : granted->grants) {
            const PermissionId p = grant.permission;
            const Permission& perm = model_.catalog.at(p);
            PermissionSet without = role;
            without.reset(p);
            const std::vector<std::string> users = needing(role, without, ops);
            if (keeps_everything(without)) {
                const Group* group = model_.catalog.group(perm.group);
                const bool api = group != nullptr && group->api_tree;
                emit(api ? "unused-permission" : "outside-api-tree",
                     "'" + perm.name + "' is granted in workspace " + needed.name + " but no intended operation needs it" +
                         (api ? "" : " (it is outside the Access API tree)"),
                     needed.name, p, {}, grant.where);
                continue;
            }
            // Could a weaker permission it implies do the same job?
            std::optional<PermissionId> weaker;
            const auto& implied = graph_.implied_by_one(p);
            for (auto q = implied.find_first(); q != PermissionSet::npos; q = implied.find_next(q)) {
                if (q == p) {
                    continue;
                }
                PermissionSet swapped = without;
                swapped.set(q);
                swapped = graph_.with_parents(swapped);
                if (keeps_everything(swapped) &&
                    (!weaker || model_.catalog.at(static_cast<PermissionId>(q)).cost() < model_.catalog.at(*weaker).cost())) {
                    weaker = static_cast<PermissionId>(q);
                }
            }
            if (weaker) {
                emit("broader-access",
                     "'" + perm.name + "' is broader than needed in workspace " + needed.name + ": '" +
                         model_.catalog.at(*weaker).name + "' suffices for every intended operation",
                     needed.name, p, users, grant.where);
            } else if (perm.risk >= Risk::High) {
                emit("high-risk-permission",
                     "'" + perm.name + "' (" + to_string(perm.risk) + " risk) is needed in workspace " + needed.name,
                     needed.name, p, users, grant.where);
            }
        }
    }

    void intent_problems(const WorkspaceRecommendation& needed) {
        for (const auto& op : needed.operations) {
            const Location where = op.intended.where.known() ? op.intended.where : Location{role_.path, 1, 1};
            if (op.status == OperationStatus::Unmatched || op.status == OperationStatus::Ambiguous) {
                std::vector<std::string> candidates;
                for (EndpointId c : op.match.candidates) {
                    candidates.push_back(model_.rules.at(c).key());
                }
                emit("unmatched-operation", "'" + op.intended.text + "': " + op.match.reason, needed.name, std::nullopt,
                     candidates, where);
            } else if (op.status == OperationStatus::Undocumented) {
                emit("undocumented-endpoint", label(op) + " has no documented permission; it is left out of the check",
                     needed.name, std::nullopt, {label(op)}, where);
            } else {
                const Endpoint& e = model_.rules.at(*op.match.endpoint);
                if (e.deprecated || !e.superseded_by.empty()) {
                    std::string replacement;
                    if (auto r = model_.rules.find_operation(e.superseded_by)) {
                        replacement = "; use " + e.superseded_by + " (" + model_.rules.at(*r).key() + ")";
                    }
                    emit("deprecated-endpoint", e.key() + " is " + (e.deprecated ? "deprecated" : "superseded") + replacement,
                         needed.name, std::nullopt, {label(op)}, where);
                }
            }
        }
    }

    // Forbidden means forbidden wherever it is granted, used workspace or not.
    void forbidden(const RoleWorkspace& w) {
        for (const auto& grant : w.grants) {
            for (const auto& [name, where] : policy_.forbidden) {
                if (model_.catalog.resolve(name, where) == grant.permission) {
                    emit("forbidden-permission",
                         "'" + model_.catalog.at(grant.permission).name + "' is forbidden by policy " + policy_.path,
                         w.name, grant.permission, {}, grant.where);
                }
            }
        }
    }

    void unused_workspace(const RoleWorkspace& w) {
        emit("unused-workspace", "the role is granted in workspace " + w.name + " but the intent calls nothing there",
             w.name, std::nullopt, {}, w.where);
    }

private:
    const Model& model_;
    const ImplicationGraph& graph_;
    const RoleSpec& role_;
    const Policy& policy_;
    AuditReport& report_;

    [[nodiscard]] bool meets(const PermissionSet& role, const OperationOutcome& op) const {
        return satisfies(graph_, role, model_.rules.at(*op.match.endpoint).requirement, op.parameters);
    }

    [[nodiscard]] std::string label(const OperationOutcome& op) const {
        return op.match.endpoint ? model_.rules.at(*op.match.endpoint).key() : op.intended.text;
    }

    // Operations that the role meets and the reduced role does not: the evidence for a grant.
    [[nodiscard]] std::vector<std::string> needing(const PermissionSet& role, const PermissionSet& without,
                                                   const std::vector<const OperationOutcome*>& ops) const {
        std::set<std::string> out;
        for (const OperationOutcome* op : ops) {
            if (meets(role, *op) && !meets(without, *op)) {
                out.insert(label(*op));
            }
        }
        return {out.begin(), out.end()};
    }

    void emit(const std::string& rule, const std::string& message, const std::string& workspace,
              std::optional<PermissionId> permission, std::vector<std::string> evidence, const Location& where) {
        Finding f;
        f.rule = rule;
        f.severity = find_audit_rule(rule)->severity;
        for (const auto& [id, severity] : policy_.severities) {
            if (id == rule) {
                f.severity = severity;
            }
        }
        if (f.severity == Severity::None) {
            return;
        }
        f.message = message;
        f.workspace = workspace;
        f.permission = permission;
        f.evidence = std::move(evidence);
        f.where = where;
        report_.findings.push_back(std::move(f));
    }
};

bool exception_matches(const Model& model, const PolicyException& e, const Finding& f) {
    if (e.rule != f.rule) {
        return false;
    }
    if (!e.workspace.empty() && e.workspace != f.workspace) {
        return false;
    }
    if (!e.subject.empty() && e.subject != f.subject) {
        return false;
    }
    if (e.permission.empty()) {
        return true;
    }
    return f.permission && model.catalog.resolve(e.permission, e.permission_where) == *f.permission;
}

} // namespace

AuditReport audit(const Model& model, const Router& router, const RoleSpec& role, const Intent& intent,
                  const Policy& policy, const std::string& today) {
    AuditReport report;
    report.role_name = role.name;
    report.role_path = role.path;
    report.granted = role.workspaces;
    report.needed = recommend(model, router, intent);
    // Unknown permission names in the policy are bad input even when nothing would use them.
    for (const auto& [name, where] : policy.forbidden) {
        (void)model.catalog.resolve(name, where);
    }
    for (const auto& e : policy.exceptions) {
        if (!e.permission.empty()) {
            (void)model.catalog.resolve(e.permission, e.permission_where);
        }
    }
    Auditor auditor(model, role, policy, report);
    for (const auto& needed : report.needed.workspaces) {
        auditor.intent_problems(needed);
        auditor.workspace(needed, role.workspace(needed.name));
    }
    for (const auto& w : role.workspaces) {
        auditor.forbidden(w);
        const bool used = std::any_of(report.needed.workspaces.begin(), report.needed.workspaces.end(),
                                      [&](const WorkspaceRecommendation& n) { return n.name == w.name; });
        if (!used) {
            // Everything it grants is unneeded there; say so once per workspace, not per grant.
            auditor.unused_workspace(w);
        }
    }
    apply_exceptions(model, policy, today, report.findings);
    return report;
}

Severity policy_severity(const Policy& policy, const std::string& rule) {
    const AuditRule* known = find_audit_rule(rule);
    Severity severity = known != nullptr ? known->severity : Severity::Warning;
    for (const auto& [id, level] : policy.severities) {
        if (id == rule) {
            severity = level;
        }
    }
    return severity;
}

void apply_exceptions(const Model& model, const Policy& policy, const std::string& today, std::vector<Finding>& findings) {
    // Exceptions: suppress while valid; once expired, the finding stands and the lapse is reported.
    for (auto& f : findings) {
        for (const auto& e : policy.exceptions) {
            if (e.expires >= today && exception_matches(model, e, f)) {
                f.suppressed_by = e.justification + " (until " + e.expires + ")";
            }
        }
    }
    for (const auto& e : policy.exceptions) {
        if (e.expires >= today) {
            continue;
        }
        Finding f;
        f.rule = "expired-exception";
        f.severity = find_audit_rule(f.rule)->severity;
        for (const auto& [id, severity] : policy.severities) {
            if (id == f.rule) {
                f.severity = severity;
            }
        }
        if (f.severity == Severity::None) {
            continue;
        }
        f.message = "exception for " + e.rule + (e.permission.empty() ? "" : " on '" + e.permission + "'") +
                    " expired on " + e.expires + " (" + e.justification + ")";
        f.where = e.where;
        findings.push_back(std::move(f));
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        if (a.where.file != b.where.file) {
            return a.where.file < b.where.file;
        }
        return a.where.line < b.where.line;
    });
}

} // namespace minrole

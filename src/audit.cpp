// audit: a granted role against what the intent needs, workspace by workspace.
// The rule table is src/audit_rules.cpp; what role and instance audits share is
// src/audit_core.cpp.
#include "minrole/audit.hpp"

#include "audit_core.hpp"

#include <algorithm>
#include <set>

namespace minrole {

std::size_t AuditReport::failing(Severity threshold) const { return count_failing(findings, threshold); }

namespace {

using audit_core::label;

// One workspace of the role against the operations the intent calls there.
class WorkspaceAudit {
public:
    WorkspaceAudit(const Model& model, const WorkspaceRecommendation& needed, const RoleWorkspace& granted,
                   audit_core::Findings& findings)
        : model_(model), graph_(*model.graph), needed_(needed), granted_(granted), findings_(findings),
          role_(granted.set(graph_)) {
        for (const auto& op : needed.operations) {
            if (op.status == OperationStatus::Matched && meets(role_, op)) {
                met_.push_back(&op);
            }
        }
    }

    void run() {
        for (const auto& grant : granted_.grants) {
            judge(grant);
        }
    }

private:
    const Model& model_;
    const ImplicationGraph& graph_;
    const WorkspaceRecommendation& needed_;
    const RoleWorkspace& granted_;
    audit_core::Findings& findings_;
    PermissionSet role_;
    std::vector<const OperationOutcome*> met_; // operations the role allows today

    [[nodiscard]] bool meets(const PermissionSet& role, const OperationOutcome& op) const {
        return satisfies(graph_, role, model_.rules.at(*op.match.endpoint).requirement, op.parameters);
    }

    // Does `candidate` still allow every operation the role allows?
    [[nodiscard]] bool keeps_everything(const PermissionSet& candidate) const {
        return std::all_of(met_.begin(), met_.end(), [&](const OperationOutcome* op) { return meets(candidate, *op); });
    }

    [[nodiscard]] PermissionSet without(std::initializer_list<PermissionId> ids,
                                        const std::vector<PermissionId>& more = {}) const {
        PermissionSet out = role_;
        for (PermissionId id : ids) {
            out.reset(id);
        }
        for (PermissionId id : more) {
            out.reset(id);
        }
        return out;
    }

    // Operations the role allows and `reduced` does not: the evidence for what
    // was removed.
    [[nodiscard]] std::vector<std::string> needing(const PermissionSet& reduced) const {
        std::set<std::string> out;
        for (const OperationOutcome* op : met_) {
            if (!meets(reduced, *op)) {
                out.insert(label(model_, *op));
            }
        }
        return {out.begin(), out.end()};
    }

    // Other grants of this workspace that imply `p` (Read-Write Lead for
    // Read-Only Lead).
    [[nodiscard]] std::vector<PermissionId> granted_providers(PermissionId p) const {
        std::vector<PermissionId> out;
        for (const auto& g : granted_.grants) {
            if (g.permission != p && graph_.implies(g.permission, p)) {
                out.push_back(g.permission);
            }
        }
        return out;
    }

    [[nodiscard]] std::string name(PermissionId p) const { return "'" + model_.catalog.at(p).name + "'"; }

    void emit(RuleId rule, const RoleGrant& grant, std::string message, std::vector<std::string> evidence = {}) {
        findings_.emit(rule, "", std::move(message), needed_.name, grant.permission, std::move(evidence), grant.where);
    }

    void judge(const RoleGrant& grant) {
        const PermissionId p = grant.permission;
        if (!keeps_everything(without({p}))) {
            needed(grant);
        } else if (!judge_overlap(grant)) {
            const bool api = audit_core::in_api_tree(model_, p);
            emit(api ? RuleId::UnusedPermission : RuleId::OutsideApiTree, grant,
                 name(p) + " is granted in workspace " + needed_.name + " but no intended operation needs it" +
                     (api ? "" : " (it is outside the Access API tree)"));
        }
    }

    // A grant the role cannot do without: is a weaker permission it implies
    // enough?
    void needed(const RoleGrant& grant) {
        const PermissionId p = grant.permission;
        const Permission& perm = model_.catalog.at(p);
        std::optional<PermissionId> weaker;
        const auto& implied = graph_.implied_by_one(p);
        for (auto q = implied.find_first(); q != PermissionSet::npos; q = implied.find_next(q)) {
            if (q == p) {
                continue;
            }
            PermissionSet swapped = without({p});
            swapped.set(q);
            if (keeps_everything(graph_.with_parents(swapped)) &&
                (!weaker ||
                 model_.catalog.at(static_cast<PermissionId>(q)).cost() < model_.catalog.at(*weaker).cost())) {
                weaker = static_cast<PermissionId>(q);
            }
        }
        const auto users = needing(without({p}));
        if (weaker) {
            emit(RuleId::BroaderAccess, grant,
                 name(p) + " is broader than needed in workspace " + needed_.name + ": " + name(*weaker) +
                     " suffices for every intended operation",
                 users);
        } else if (perm.risk >= Risk::High) {
            emit(RuleId::HighRiskPermission, grant,
                 name(p) + " (" + to_string(perm.risk) + " risk) is needed in workspace " + needed_.name, users);
        }
    }

    // A grant the role can drop alone, because another grant overlaps it. Returns
    // whether it reported (or deliberately kept quiet about) the grant.
    bool judge_overlap(const RoleGrant& grant) {
        const PermissionId p = grant.permission;
        // Read-Only Lead beside Read-Write Lead: each can go alone, but the access
        // is used.
        const auto providers = granted_providers(p);
        if (!providers.empty() && !keeps_everything(without({p}, providers))) {
            for (PermissionId q : providers) {
                if (!keeps_everything(without({q}))) { // the broader one is needed: this one adds nothing
                    emit(RuleId::RedundantGrant, grant,
                         name(p) + " is granted in workspace " + needed_.name + " but " + name(q) +
                             ", also granted there, already implies it; remove the "
                             "duplicate grant",
                         needing(without({p}, providers)));
                    return true;
                }
            }
            const Permission& perm = model_.catalog.at(p);
            if (perm.risk >= Risk::High) {
                emit(RuleId::HighRiskPermission, grant,
                     name(p) + " (" + to_string(perm.risk) + " risk) is needed in workspace " + needed_.name,
                     needing(without({p}, providers)));
            }
            return true; // used; the broader grants are reported as broader-access
        }
        // Read-Write Lead beside a Read-Only Lead that is all the intent needs.
        for (const auto& g : granted_.grants) {
            const PermissionId w = g.permission;
            if (w != p && graph_.implies(p, w) && !keeps_everything(without({p, w}))) {
                emit(RuleId::BroaderAccess, grant,
                     name(p) + " is broader than needed in workspace " + needed_.name + ": " + name(w) +
                         ", also granted, suffices for every intended operation",
                     needing(without({p, w})));
                return true;
            }
        }
        return false;
    }
};

class Auditor {
public:
    Auditor(const Model& model, const RoleSpec& role, const Policy& policy, audit_core::Findings& findings)
        : model_(model), role_(role), policy_(policy), findings_(findings) {}

    void workspace(const WorkspaceRecommendation& needed, const RoleWorkspace* granted) {
        const Location top{role_.path, 1, 1};
        for (const auto& op : needed.operations) {
            findings_.intent_problem(op, needed.name, "", op.intended.where.known() ? op.intended.where : top);
        }
        missing(needed, granted);
        if (granted != nullptr) {
            WorkspaceAudit(model_, needed, *granted, findings_).run();
        }
    }

    // Forbidden means forbidden wherever it is granted, used workspace or not.
    void forbidden(const RoleWorkspace& w) {
        for (const auto& grant : w.grants) {
            if (audit_core::forbidden(model_, policy_, grant.permission)) {
                findings_.emit(RuleId::ForbiddenPermission, "",
                               "'" + model_.catalog.at(grant.permission).name + "' is granted in workspace " + w.name +
                                   " but forbidden by policy " + policy_.path,
                               w.name, grant.permission, {}, grant.where);
            }
        }
    }

    void unused_workspace(const RoleWorkspace& w) {
        findings_.emit(RuleId::UnusedWorkspace, "",
                       "the role is granted in workspace " + w.name + " but the intent calls nothing there", w.name,
                       std::nullopt, {}, w.where);
    }

private:
    const Model& model_;
    const RoleSpec& role_;
    const Policy& policy_;
    audit_core::Findings& findings_;

    // Operations the role would refuse, each with the least-cost permissions to
    // add.
    void missing(const WorkspaceRecommendation& needed, const RoleWorkspace* granted) {
        const PermissionSet role = granted ? granted->set(*model_.graph) : model_.graph->empty_set();
        for (const auto& op : needed.operations) {
            if (op.status != OperationStatus::Matched) {
                continue;
            }
            const Endpoint& e = model_.rules.at(*op.match.endpoint);
            if (satisfies(*model_.graph, role, e.requirement, op.parameters)) {
                continue;
            }
            const audit_core::Fix fix = audit_core::missing_fix(model_, role, e, op.parameters);
            findings_.emit(RuleId::MissingPermission, "",
                           e.key() + " would be denied (error 603) in workspace " + needed.name + ": it needs " +
                               describe(model_.catalog, e.requirement) + (fix.add.empty() ? "" : "; add " + fix.list()),
                           needed.name, fix.first, {label(model_, op)},
                           granted ? granted->where : Location{role_.path, 1, 1});
        }
    }
};

} // namespace

AuditReport audit(const Model& model, const Router& router, const RoleSpec& role, const Intent& intent,
                  const Policy& policy, const std::string& today) {
    AuditReport report;
    report.role_name = role.name;
    report.role_path = role.path;
    report.granted = role.workspaces;
    report.needed = recommend(model, router, intent);
    audit_core::check_policy_names(model, policy);
    audit_core::Findings findings(model, policy, report.findings);
    Auditor auditor(model, role, policy, findings);
    for (const auto& needed : report.needed.workspaces) {
        auditor.workspace(needed, role.workspace(needed.name));
    }
    findings.unmatched_left_out(report.needed.unmatched_left_out, "", Location{role.path, 1, 1});
    for (const auto& w : role.workspaces) {
        auditor.forbidden(w);
        const bool used = std::any_of(report.needed.workspaces.begin(), report.needed.workspaces.end(),
                                      [&](const WorkspaceRecommendation& n) { return n.name == w.name; });
        if (!used) {
            // Everything it grants is unneeded there; say so once per workspace, not
            // per grant.
            auditor.unused_workspace(w);
        }
    }
    apply_exceptions(model, policy, today, report.findings);
    return report;
}

} // namespace minrole

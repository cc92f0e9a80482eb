// audit_instance: every Custom Service's intent against what its user holds,
// and every role and user against what the services need. Findings share the
// role audit's rule table, policy, exceptions and renderers.
#include "minrole/instance.hpp"

#include "audit_core.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace minrole {

std::size_t InstanceAuditReport::failing(Severity threshold) const { return count_failing(findings, threshold); }

namespace {

using audit_core::label;
using vocab::join;

std::vector<std::string> names_of(const Catalog& catalog, const PermissionSet& set) {
    std::vector<std::string> out;
    for (auto id = set.find_first(); id != PermissionSet::npos; id = set.find_next(id)) {
        out.push_back(catalog.at(static_cast<PermissionId>(id)).name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// One service's intent routed to workspaces, remembering which operations
// followed a partition.
struct MappedService {
    const InstanceService* service = nullptr;
    Intent intent;
    std::vector<std::vector<std::string>> partition_of; // [workspace index][operation index]; "" when none
    std::vector<std::string> fixed;                     // workspaces named outright
    std::vector<std::string> partitions;                // partitions named
};

class InstanceAuditor {
public:
    InstanceAuditor(const Model& model, const Router& router, const Instance& instance, const Policy& policy,
                    InstanceAuditReport& report)
        : model_(model), graph_(*model.graph), router_(router), instance_(instance), policy_(policy), report_(report),
          findings_(model, policy, report.findings) {}

    void run() {
        for (const auto& u : instance_.users) {
            for (const auto& g : u.grants) {
                const InstanceRole* role = instance_.role(g.role);
                for (const auto& w : instance_.covered(g)) {
                    auto& set = held_[u.email][w];
                    if (set.size() == 0) {
                        set = graph_.empty_set();
                    }
                    if (role != nullptr) {
                        for (const auto& p : role->permissions) {
                            set.set(p.permission);
                        }
                    }
                    auto& roles = roles_in_[u.email][w];
                    if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) {
                        roles.push_back(g.role);
                    }
                }
            }
        }
        for (const auto& s : instance_.services) {
            mapped_.push_back(map_service(s));
            services_of_[s.user].push_back(s.name);
        }
        for (std::size_t i = 0; i < mapped_.size(); ++i) {
            service(mapped_[i]);
        }
        users();
        roles();
    }

private:
    const Model& model_;
    const ImplicationGraph& graph_;
    const Router& router_;
    const Instance& instance_;
    const Policy& policy_;
    InstanceAuditReport& report_;
    audit_core::Findings findings_;
    std::map<std::string, std::map<std::string, PermissionSet>> held_;                // user -> workspace -> grants
    std::map<std::string, std::map<std::string, std::vector<std::string>>> roles_in_; // user -> workspace -> roles
    std::map<std::string, std::vector<std::string>> services_of_;                     // user -> services
    std::vector<MappedService> mapped_;

    [[nodiscard]] PermissionSet held(const std::string& user, const std::string& workspace) const {
        auto u = held_.find(user);
        if (u == held_.end()) {
            return graph_.empty_set();
        }
        auto w = u->second.find(workspace);
        return w == u->second.end() ? graph_.empty_set() : w->second;
    }

    [[nodiscard]] bool holds(const std::string& user, const std::string& role, const std::string& workspace) const {
        auto u = roles_in_.find(user);
        if (u == roles_in_.end()) {
            return false;
        }
        auto w = u->second.find(workspace);
        return w != u->second.end() && std::find(w->second.begin(), w->second.end(), role) != w->second.end();
    }

    MappedService map_service(const InstanceService& s) {
        MappedService m;
        m.service = &s;
        std::set<std::string> fixed;
        std::set<std::string> partitions;
        for (const auto& op : s.operations) {
            if (op.partition.empty()) {
                fixed.insert(op.workspace);
            } else {
                partitions.insert(op.partition);
            }
        }
        m.fixed.assign(fixed.begin(), fixed.end());
        m.partitions.assign(partitions.begin(), partitions.end());
        const std::vector<std::string> chosen = narrowest_workspaces(instance_, m.partitions, m.fixed);
        std::map<std::string, std::string> assigned;
        for (const auto& p : m.partitions) {
            for (const auto& w : chosen) { // sorted: the first by name that reaches it
                const auto reaching = instance_.reaching(p);
                if (std::find(reaching.begin(), reaching.end(), w) != reaching.end()) {
                    assigned[p] = w;
                    break;
                }
            }
        }
        m.intent.service = s.name;
        m.intent.unmatched_left_out = s.unmatched_left_out;
        for (const auto& op : s.operations) {
            const std::string w = op.partition.empty() ? op.workspace : assigned[op.partition];
            const std::size_t before = m.intent.workspaces.size();
            WorkspaceIntent& into = m.intent.workspace(w);
            if (m.intent.workspaces.size() != before) {
                m.partition_of.emplace_back();
            }
            const std::size_t index = static_cast<std::size_t>(&into - m.intent.workspaces.data());
            into.operations.push_back(op.operation);
            m.partition_of[index].push_back(op.partition);
        }
        return m;
    }

    void service(const MappedService& m) {
        const InstanceService& s = *m.service;
        ServiceReport r;
        r.name = s.name;
        r.user = s.user;
        r.source = s.source;
        r.where = s.where;
        r.needed = recommend(model_, router_, m.intent);
        for (const auto& p : m.partitions) {
            PartitionChoice c;
            c.partition = p;
            c.reaching = instance_.reaching(p);
            for (std::size_t wi = 0; wi < m.partition_of.size() && c.workspace.empty(); ++wi) {
                for (const auto& q : m.partition_of[wi]) {
                    if (q == p) {
                        c.workspace = m.intent.workspaces[wi].name;
                        break;
                    }
                }
            }
            r.partitions.push_back(std::move(c));
        }
        const std::string subject = "service " + s.name;
        findings_.unmatched_left_out(r.needed.unmatched_left_out, subject, s.where);
        for (std::size_t wi = 0; wi < r.needed.workspaces.size(); ++wi) {
            const WorkspaceRecommendation& w = r.needed.workspaces[wi];
            auto roles = roles_in_[s.user][w.name];
            std::sort(roles.begin(), roles.end());
            r.granted_roles.emplace_back(w.name, roles);
            for (std::size_t oi = 0; oi < w.operations.size(); ++oi) {
                const OperationOutcome& op = w.operations[oi];
                const std::string& partition = m.partition_of[wi][oi];
                const Location where = op.intended.where.known() ? op.intended.where : s.where;
                findings_.intent_problem(op, w.name, subject, where);
                if (op.status != OperationStatus::Matched) {
                    continue;
                }
                const Endpoint& e = model_.rules.at(*op.match.endpoint);
                bool allowed = satisfies(graph_, held(s.user, w.name), e.requirement, op.parameters);
                if (!allowed && !partition.empty()) {
                    for (const auto& other : instance_.reaching(partition)) {
                        allowed = allowed || satisfies(graph_, held(s.user, other), e.requirement, op.parameters);
                    }
                }
                if (allowed) {
                    continue;
                }
                const audit_core::Fix fix = audit_core::missing_fix(model_, held(s.user, w.name), e, op.parameters);
                std::string scope = "workspace " + w.name;
                if (!partition.empty()) {
                    scope = "partition " + partition + " (recommended workspace " + w.name + ")";
                }
                std::string message = e.key() + " would be denied (error 603) for service " + s.name + " (user " +
                                      s.user + ") in " + scope + ": it needs " +
                                      describe(model_.catalog, e.requirement);
                if (!fix.add.empty()) {
                    message += "; add " + fix.list() + " to a role the user holds in " +
                               (partition.empty() ? w.name : "a workspace reaching " + partition);
                }
                findings_.emit(RuleId::MissingPermission, subject, message, w.name, fix.first, {label(model_, op)},
                               where);
            }
        }
        report_.services.push_back(std::move(r));
    }

    void users() {
        for (const auto& s : instance_.services) {
            const InstanceUser* u = instance_.user(s.user);
            if (u != nullptr && !u->api_only) {
                findings_.emit(RuleId::ServiceUserNotApiOnly, "service " + s.name,
                               "service " + s.name + " authenticates as " + u->email +
                                   ", who is not API-Only and can log in to the "
                                   "Marketo UI; bind it to a dedicated API-Only user",
                               "", std::nullopt, {u->email}, s.user_where);
            }
        }
        for (const auto& u : instance_.users) {
            const auto found = services_of_.find(u.email);
            const std::vector<std::string> services =
                found == services_of_.end() ? std::vector<std::string>{} : found->second;
            const std::string subject = "user " + u.email;
            if (services.size() > 1) {
                findings_.emit(RuleId::SharedApiUser, subject,
                               "user " + u.email + " is shared by " + std::to_string(services.size()) +
                                   " Custom Services (" + join(services) +
                                   "); give each its own API-Only user and role",
                               "", std::nullopt, services, u.where);
            }
            if (services.empty()) {
                if (u.api_only) {
                    std::set<std::string> roles;
                    for (const auto& g : u.grants) {
                        roles.insert(g.role);
                    }
                    findings_.emit(RuleId::UserWithoutService, subject,
                                   "API-Only user " + u.email + " has no Custom Service" +
                                       (roles.empty() ? std::string(" and holds no role; delete the user")
                                                      : " but holds " + join({roles.begin(), roles.end()}) +
                                                            "; remove its roles or the user"),
                                   "", std::nullopt, {roles.begin(), roles.end()}, u.where);
                }
                continue;
            }
            excess_workspaces(u, services);
        }
    }

    void excess_workspaces(const InstanceUser& u, const std::vector<std::string>& services) {
        std::set<std::string> fixed;
        std::set<std::string> partitions;
        for (const auto& m : mapped_) {
            if (m.service->user == u.email) {
                fixed.insert(m.fixed.begin(), m.fixed.end());
                partitions.insert(m.partitions.begin(), m.partitions.end());
            }
        }
        std::set<std::string> granted;
        for (const auto& g : u.grants) {
            for (const auto& w : instance_.covered(g)) {
                granted.insert(w);
            }
        }
        const std::vector<std::string> used =
            narrowest_workspaces(instance_, {partitions.begin(), partitions.end()}, {fixed.begin(), fixed.end()},
                                 {granted.begin(), granted.end()});
        const std::string subject = "user " + u.email;
        const std::string need = used.empty() ? std::string("none") : join(used);
        std::set<std::string> reported;
        for (const auto& g : u.grants) {
            if (g.workspace == kAllWorkspaces) {
                findings_.emit(RuleId::UserExcessWorkspaces, subject,
                               "user " + u.email + " holds role " + g.role +
                                   " in all workspaces (including any created later); its " + "services (" +
                                   join(services) + ") need only: " + need,
                               "", std::nullopt, used, g.where);
                continue;
            }
            if (std::find(used.begin(), used.end(), g.workspace) != used.end() ||
                !reported.insert(g.workspace).second) {
                continue;
            }
            findings_.emit(RuleId::UserExcessWorkspaces, subject,
                           "user " + u.email + " is granted in workspace " + g.workspace + " but its services (" +
                               join(services) + ") use only: " + need,
                           g.workspace, std::nullopt, used, g.where);
        }
    }

    void roles() {
        audit_core::check_policy_names(model_, policy_);
        for (const auto& role : instance_.roles) {
            report_.roles.push_back(role_report(role));
        }
    }

    RoleReport role_report(const InstanceRole& role) {
        RoleReport r;
        r.name = role.name;
        r.where = role.where;
        r.minimal = graph_.empty_set();
        std::set<std::string> holders;
        bool all_api = true;
        for (const auto& u : instance_.users) {
            for (const auto& g : u.grants) {
                if (g.role == role.name) {
                    holders.insert(u.email);
                    all_api = all_api && u.api_only;
                }
            }
        }
        r.holders.assign(holders.begin(), holders.end());
        r.api_only = !holders.empty() && all_api;
        const std::string subject = "role " + role.name;
        if (holders.empty()) {
            findings_.emit(RuleId::UnusedRole, subject, "role " + role.name + " is held by no user", "", std::nullopt,
                           {}, role.where);
        }
        const bool api_held = std::any_of(holders.begin(), holders.end(), [&](const std::string& e) {
            const InstanceUser* u = instance_.user(e);
            return u != nullptr && u->api_only;
        });
        for (const auto& grant : role.permissions) {
            if (api_held && audit_core::forbidden(model_, policy_, grant.permission)) {
                findings_.emit(RuleId::ForbiddenPermission, subject,
                               "'" + model_.catalog.at(grant.permission).name + "' in role " + role.name +
                                   " is forbidden by policy " + policy_.path,
                               "", grant.permission, {}, grant.where);
            }
        }
        std::set<std::string> services;
        const std::vector<SolveInput> inputs = needs_of(role, holders, services);
        r.services.assign(services.begin(), services.end());
        if (r.api_only && role.permissions_known) {
            replacement(role, inputs, r);
        }
        return r;
    }

    // The operations the holders' services call where they hold the role (directly, or in a
    // workspace reaching the operation's partition), and those services.
    std::vector<SolveInput> needs_of(const InstanceRole& role, const std::set<std::string>& holders,
                                     std::set<std::string>& services) const {
        std::vector<SolveInput> inputs;
        for (std::size_t i = 0; i < mapped_.size(); ++i) {
            const MappedService& m = mapped_[i];
            if (holders.count(m.service->user) == 0) {
                continue;
            }
            services.insert(m.service->name);
            const Recommendation& needed = report_.services[i].needed;
            for (std::size_t wi = 0; wi < needed.workspaces.size(); ++wi) {
                const auto& w = needed.workspaces[wi];
                for (std::size_t oi = 0; oi < w.operations.size(); ++oi) {
                    const auto& op = w.operations[oi];
                    if (op.status != OperationStatus::Matched) {
                        continue;
                    }
                    bool here = holds(m.service->user, role.name, w.name);
                    const std::string& partition = m.partition_of[wi][oi];
                    if (!here && !partition.empty()) {
                        for (const auto& other : instance_.reaching(partition)) {
                            here = here || holds(m.service->user, role.name, other);
                        }
                    }
                    if (here) {
                        inputs.push_back(SolveInput{&model_.rules.at(*op.match.endpoint).requirement, &op.parameters});
                    }
                }
            }
        }
        return inputs;
    }

    // The least role serving the inputs, and every grant beyond it.
    void replacement(const InstanceRole& role, const std::vector<SolveInput>& inputs, RoleReport& r) {
        const std::string subject = "role " + role.name;
        r.minimal = solve(model_, inputs).role;
        const PermissionSet effective = graph_.effective(r.minimal);
        const Location* first_excess = nullptr;
        std::vector<std::string> excess_names;
        for (const auto& grant : role.permissions) {
            if (effective.test(grant.permission)) {
                continue;
            }
            const Permission& perm = model_.catalog.at(grant.permission);
            if (!audit_core::in_api_tree(model_, grant.permission)) {
                findings_.emit(RuleId::OutsideApiTree, subject,
                               "'" + perm.name + "' in role " + role.name +
                                   " is outside the Access API tree and no intended operation needs it",
                               "", grant.permission, {}, grant.where);
                continue;
            }
            r.excess.push_back(grant.permission);
            excess_names.push_back(perm.name);
            first_excess = first_excess != nullptr ? first_excess : &grant.where;
        }
        std::sort(excess_names.begin(), excess_names.end());
        std::sort(r.excess.begin(), r.excess.end(),
                  [&](PermissionId a, PermissionId b) { return model_.catalog.at(a).name < model_.catalog.at(b).name; });
        if (r.excess.empty() || r.services.empty()) {
            return;
        }
        const std::vector<std::string> minimal = names_of(model_.catalog, r.minimal);
        const std::string replacement = minimal.empty() ? std::string("(nothing)") : join(minimal);
        findings_.emit(RuleId::RoleBroaderThanServices, subject,
                       "role " + role.name + " grants " + join(excess_names) + " beyond what its services (" +
                           join(r.services) + ") need; minimal replacement: " + replacement,
                       "", r.excess.size() == 1 ? std::optional<PermissionId>(r.excess.front()) : std::nullopt,
                       {"minimal replacement: " + replacement, "excess: " + join(excess_names),
                        "services: " + join(r.services)},
                       *first_excess);
    }
};

} // namespace

InstanceAuditReport audit_instance(const Model& model, const Router& router, const Instance& instance,
                                   const Policy& policy, const std::string& today) {
    InstanceAuditReport report;
    report.instance_name = instance.name;
    report.instance_path = instance.path;
    InstanceAuditor(model, router, instance, policy, report).run();
    apply_exceptions(model, policy, today, report.findings);
    for (const auto& w : instance.workspaces) {
        report.workspaces.push_back(w.name);
    }
    for (const auto& u : instance.users) {
        UserAccess access;
        access.user = u.email.empty() ? u.userid : u.email;
        access.api_only = u.api_only;
        std::set<std::string> services;
        for (const auto& s : instance.services) {
            if (instance.user(s.user) == &u) {
                services.insert(s.name);
            }
        }
        access.services.assign(services.begin(), services.end());
        std::map<std::string, std::set<std::string>> roles;
        for (const auto& g : u.grants) {
            for (const auto& w : instance.covered(g)) {
                roles[w].insert(g.role);
            }
        }
        for (const auto& [workspace, names] : roles) {
            access.roles.emplace_back(workspace, std::vector<std::string>(names.begin(), names.end()));
        }
        report.users.push_back(std::move(access));
    }
    return report;
}

} // namespace minrole

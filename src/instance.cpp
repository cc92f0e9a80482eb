// Reading `kind: instance`: workspaces and partitions, roles, users and grants, Custom Services
// with their intents (inline, intent files, scans), optionally over saved User Management API
// responses (instance_import.cpp). Every reference is checked; a typo is a located error.
#include "minrole/instance.hpp"

#include "instance_import.hpp"
#include "intent_reader.hpp"
#include "vocabulary.hpp"
#include "yaml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace minrole {

namespace fs = std::filesystem;

const InstanceWorkspace* Instance::workspace(const std::string& wanted) const {
    return vocab::find_by(workspaces, wanted, &InstanceWorkspace::name);
}

const InstanceRole* Instance::role(const std::string& wanted) const {
    return vocab::find_by(roles, wanted, &InstanceRole::name);
}

const InstanceUser* Instance::user(const std::string& wanted) const {
    for (const auto& u : users) {
        if (u.email == wanted || (!u.userid.empty() && u.userid == wanted)) {
            return &u;
        }
    }
    return nullptr;
}

std::vector<std::string> Instance::reaching(const std::string& partition) const {
    std::vector<std::string> out;
    for (const auto& w : workspaces) {
        if (std::find(w.partitions.begin(), w.partitions.end(), partition) != w.partitions.end()) {
            out.push_back(w.name);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> Instance::covered(const UserGrant& grant) const {
    if (grant.workspace != kAllWorkspaces) {
        return {grant.workspace};
    }
    std::vector<std::string> out;
    for (const auto& w : workspaces) {
        out.push_back(w.name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

// Where a block of operations goes.
struct Target {
    std::string workspace;
    std::string partition;
    Location where;
};

class InstanceReader {
public:
    InstanceReader(const Model& model, const Router& router, const SourceFile& source, const InstanceOptions& options)
        : model_(model), router_(router), source_(source), options_(options),
          folder_(fs::path(source.path).parent_path().string()) {}

    Instance read() {
        const YAML::Node root = yaml::parse(source_);
        yaml::expect_kind(source_, root, "instance",
                          {"kind", "instance", "partitions", "workspaces", "roles", "users", "services", "import"});
        const yaml::Map top(source_, root, "the instance",
                            {"kind", "instance", "partitions", "workspaces", "roles", "users", "services", "import"});
        const std::string kind = top.string("kind");
        if (kind != "instance") {
            throw Error(top.where("kind"), "expected 'kind: instance', found '" + kind + "'");
        }
        instance_.path = source_.path;
        instance_.name = top.optional_string("instance").value_or("");
        if (top.has("import")) {
            instance_detail::import_responses(instance_, source_, top.get("import"), folder_);
        }
        declared_partitions_ = top.has("partitions");
        for (const auto& p : top.strings("partitions")) {
            if (std::find(instance_.partitions.begin(), instance_.partitions.end(), p) != instance_.partitions.end()) {
                throw Error(top.where("partitions"), "partition '" + p + "' is listed twice");
            }
            instance_.partitions.push_back(p);
        }
        if (top.has("workspaces")) {
            read_workspaces(top.get("workspaces"));
        }
        if (instance_.workspaces.empty()) {
            throw Error(top.where(), "the instance has no workspaces (expected 'workspaces' or 'import: {workspaces: ...}')");
        }
        if (!declared_partitions_) {
            std::set<std::string> all;
            for (const auto& w : instance_.workspaces) {
                all.insert(w.partitions.begin(), w.partitions.end());
            }
            instance_.partitions.assign(all.begin(), all.end());
        }
        if (top.has("roles")) {
            read_roles(top.get("roles"));
        }
        if (top.has("users")) {
            read_users(top.get("users"));
        }
        check_grants();
        if (top.has("services")) {
            read_services(top.get("services"));
        }
        return std::move(instance_);
    }

private:
    const Model& model_;
    const Router& router_;
    const SourceFile& source_;
    const InstanceOptions& options_;
    std::string folder_;
    Instance instance_;
    bool declared_partitions_ = false;

    [[nodiscard]] std::string resolve(const std::string& path) const {
        const fs::path p(path);
        return p.is_absolute() || folder_.empty() ? path : (fs::path(folder_) / p).string();
    }

    InstanceWorkspace* find_workspace(const std::string& name) {
        for (auto& w : instance_.workspaces) {
            if (w.name == name) {
                return &w;
            }
        }
        return nullptr;
    }

    [[noreturn]] static void unknown(const Location& where, const std::string& what, const std::string& name,
                              const std::vector<std::string>& known) {
        const std::string hint = did_you_mean(name, known);
        throw Error(where, "unknown " + what + " '" + name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }

    std::vector<std::string> workspace_names() const {
        std::vector<std::string> out;
        for (const auto& w : instance_.workspaces) {
            out.push_back(w.name);
        }
        return out;
    }

    void check_workspace(const std::string& name, const Location& where) const {
        if (instance_.workspace(name) == nullptr) {
            unknown(where, "workspace", name, workspace_names());
        }
    }

    void check_partition(const std::string& name, const Location& where) {
        if (std::find(instance_.partitions.begin(), instance_.partitions.end(), name) == instance_.partitions.end()) {
            unknown(where, "partition", name, instance_.partitions);
        }
    }

    void read_workspaces(const YAML::Node& list) {
        yaml::expect_sequence(source_, list, "'workspaces'");
        std::set<std::string> listed;
        for (const auto& node : list) {
            InstanceWorkspace w;
            w.where = yaml::locate(source_, node);
            std::vector<std::pair<std::string, Location>> partitions;
            if (node.IsScalar()) {
                w.name = yaml::scalar(source_, node, "a workspace name");
            } else {
                const yaml::Map m(source_, node, "a workspace", {"name", "partitions", "id"});
                w.name = m.string("name");
                if (m.has("id")) {
                    try {
                        w.id = std::stoll(m.string("id"));
                    } catch (const std::exception&) {
                        throw Error(m.where("id"), "expected 'id' to be an integer");
                    }
                }
                if (m.has("partitions")) {
                    const YAML::Node ps = m.get("partitions");
                    yaml::expect_sequence(source_, ps, "'partitions'");
                    for (const auto& p : ps) {
                        partitions.emplace_back(yaml::scalar(source_, p, "a partition"), yaml::locate(source_, p));
                    }
                }
            }
            if (!listed.insert(w.name).second) {
                throw Error(w.where, "workspace '" + w.name + "' is listed twice");
            }
            for (const auto& [p, where] : partitions) {
                if (declared_partitions_) {
                    check_partition(p, where);
                }
                if (std::find(w.partitions.begin(), w.partitions.end(), p) != w.partitions.end()) {
                    throw Error(where, "partition '" + p + "' is listed twice for workspace '" + w.name + "'");
                }
                w.partitions.push_back(p);
            }
            if (InstanceWorkspace* imported = find_workspace(w.name)) {
                // Imported from workspaces.json: the YAML adds what the API does not return.
                for (const auto& p : w.partitions) {
                    if (std::find(imported->partitions.begin(), imported->partitions.end(), p) == imported->partitions.end()) {
                        imported->partitions.push_back(p);
                    }
                }
                if (w.id && imported->id && *w.id != *imported->id) {
                    throw Error(w.where, "workspace '" + w.name + "' has id " + std::to_string(*imported->id) +
                                             " in workspaces.json, not " + std::to_string(*w.id));
                }
                imported->where = w.where;
                continue;
            }
            instance_.workspaces.push_back(std::move(w));
        }
    }

    std::vector<RoleGrant> read_permissions(const YAML::Node& list) {
        std::vector<RoleGrant> out;
        read_grants(model_, source_, list, out);
        return out;
    }

    void read_roles(const YAML::Node& list) {
        yaml::expect_sequence(source_, list, "'roles'");
        std::set<std::string> listed;
        for (const auto& node : list) {
            const yaml::Map m(source_, node, "a role", {"name", "permissions", "description"});
            InstanceRole role;
            role.name = m.string("name");
            role.where = m.where("name");
            if (!listed.insert(role.name).second) {
                throw Error(role.where, "role '" + role.name + "' is listed twice");
            }
            role.permissions = read_permissions(m.require("permissions"));
            role.permissions_known = true;
            for (auto& existing : instance_.roles) {
                if (existing.name == role.name) { // imported from roles.json: add its permissions
                    existing.permissions = role.permissions;
                    existing.permissions_known = true;
                    existing.where = role.where;
                    role.name.clear();
                    break;
                }
            }
            if (!role.name.empty()) {
                instance_.roles.push_back(std::move(role));
            }
        }
    }

    void read_grant(const YAML::Node& node, InstanceUser& user) {
        const yaml::Map m(source_, node, "a grant", {"role", "workspace", "workspaces"});
        const std::string role = m.string("role");
        if (instance_.role(role) == nullptr) {
            std::vector<std::string> names;
            for (const auto& r : instance_.roles) {
                names.push_back(r.name);
            }
            unknown(m.where("role"), "role", role, names);
        }
        std::vector<std::pair<std::string, Location>> workspaces;
        if (m.has("workspace") == m.has("workspaces")) {
            throw Error(m.where(), "a grant names exactly one of 'workspace' or 'workspaces'");
        }
        if (m.has("workspace")) {
            workspaces.emplace_back(m.string("workspace"), m.where("workspace"));
        } else {
            const YAML::Node list = m.get("workspaces");
            yaml::expect_sequence(source_, list, "'workspaces'");
            for (const auto& item : list) {
                workspaces.emplace_back(yaml::scalar(source_, item, "a workspace"), yaml::locate(source_, item));
            }
        }
        for (const auto& [name, where] : workspaces) {
            if (name != kAllWorkspaces) {
                check_workspace(name, where);
            }
            bool imported = false;
            for (const auto& g : user.grants) {
                if (g.role == role && g.workspace == name) {
                    if (g.where.file == source_.path) {
                        throw Error(where, "role '" + role + "' is granted twice in workspace '" + name + "' (also at " +
                                               g.where.to_string() + ")");
                    }
                    imported = true; // the saved responses already say so
                }
            }
            if (!imported) {
                user.grants.push_back(UserGrant{role, name, where});
            }
        }
    }

    void read_users(const YAML::Node& list) {
        yaml::expect_sequence(source_, list, "'users'");
        std::set<std::string> listed;
        for (const auto& node : list) {
            const yaml::Map m(source_, node, "a user", {"email", "name", "api_only", "grants"});
            const std::string email = m.string("email");
            if (!listed.insert(email).second) {
                throw Error(m.where("email"), "user '" + email + "' is listed twice");
            }
            InstanceUser* user = nullptr;
            for (auto& u : instance_.users) {
                if (u.email == email || (!u.userid.empty() && u.userid == email)) {
                    user = &u; // imported from allusers.json
                }
            }
            if (user == nullptr) {
                instance_.users.push_back(InstanceUser{});
                user = &instance_.users.back();
                user->email = email;
            }
            user->where = m.where("email");
            if (m.has("name")) {
                user->name = m.string("name");
            }
            user->api_only = m.boolean("api_only", user->api_only);
            if (m.has("grants")) {
                const YAML::Node grants = m.get("grants");
                yaml::expect_sequence(source_, grants, "'grants'");
                for (const auto& g : grants) {
                    read_grant(g, *user);
                }
            }
        }
    }

    // Imported grants may name roles the YAML never gave permissions for; that is only a problem
    // when an API-Only user holds one (its access could not be checked).
    void check_grants() {
        for (const auto& u : instance_.users) {
            if (!u.api_only) {
                continue;
            }
            for (const auto& g : u.grants) {
                const InstanceRole* r = instance_.role(g.role);
                if (r != nullptr && !r->permissions_known) {
                    throw Error(r->where, "role '" + r->name + "' is held by API-Only user '" + u.email +
                                              "' but its permissions are unknown (the API does not return them): list "
                                              "them under 'roles:' in " + source_.path);
                }
            }
        }
    }

    // ---- services and their intents ----

    Target read_target(const yaml::Map& m, const Target& fallback, bool name_key) {
        const char* key = name_key ? "name" : "workspace";
        if (!m.has(key) && !m.has("partition")) {
            return fallback;
        }
        Target t;
        if (m.has(key)) {
            t.workspace = m.string(key);
            t.where = m.where(key);
            check_workspace(t.workspace, t.where);
        }
        if (m.has("partition")) {
            const std::string p = m.string("partition");
            check_partition(p, m.where("partition"));
            if (t.workspace.empty()) {
                t.partition = p;
                t.where = m.where("partition");
                if (instance_.reaching(p).empty()) {
                    throw Error(t.where, "no workspace reaches partition '" + p + "'");
                }
            } else {
                const InstanceWorkspace* w = instance_.workspace(t.workspace);
                if (std::find(w->partitions.begin(), w->partitions.end(), p) == w->partitions.end()) {
                    throw Error(m.where("partition"), "workspace '" + t.workspace + "' does not reach partition '" + p + "'");
                }
            }
        }
        return t;
    }

    void add_operation(InstanceService& service, IntendedOperation op, const Target& block,
                       const std::optional<std::string>& op_workspace, const Location& op_workspace_where) {
        TargetedOperation t;
        t.operation = std::move(op);
        if (op_workspace) {
            check_workspace(*op_workspace, op_workspace_where);
            t.workspace = *op_workspace;
            t.target_where = op_workspace_where;
        } else if (!block.workspace.empty() || !block.partition.empty()) {
            t.workspace = block.workspace;
            t.partition = block.partition;
            t.target_where = block.where;
        } else {
            if (instance_.workspace(kDefaultWorkspace) == nullptr) {
                throw Error(t.operation.where.known() ? t.operation.where : service.where,
                            "operation '" + t.operation.text + "' names no workspace or partition and the instance has "
                            "no workspace '" + kDefaultWorkspace + "' (give the service 'workspace:' or 'partition:')");
            }
            t.workspace = kDefaultWorkspace;
            t.target_where = service.where;
        }
        if (!t.partition.empty()) {
            // Assets belong to the workspace that owns them; a partition says nothing about that.
            const RouteMatch match = router_.route(t.operation.text);
            if (match.status == MatchStatus::Matched && model_.rules.at(*match.endpoint).area == "asset") {
                throw Error(t.operation.where.known() ? t.operation.where : t.target_where,
                            "asset operation '" + t.operation.text + "' targets partition '" + t.partition +
                                "': assets belong to the workspace that owns them; say which with 'workspace:'");
            }
        }
        service.operations.push_back(std::move(t));
    }

    // The operation lists of one intent-shaped map: top-level `operations` and `workspaces` blocks.
    void read_intent_body(const SourceFile& source, const yaml::Map& m, const Target& fallback, InstanceService& service) {
        if (m.has("operations")) {
            const YAML::Node list = m.get("operations");
            yaml::expect_sequence(source, list, "'operations'");
            for (const auto& item : list) {
                OperationEntry entry = read_operation_entry(source, item, true);
                add_operation(service, std::move(entry.operation), fallback, entry.workspace, entry.workspace_where);
            }
        }
        if (m.has("workspaces")) {
            const YAML::Node list = m.get("workspaces");
            yaml::expect_sequence(source, list, "'workspaces'");
            for (const auto& node : list) {
                const yaml::Map w(source, node, "a workspace block", {"name", "partition", "operations"});
                if (!w.has("name") && !w.has("partition")) {
                    throw Error(w.where(), "a workspace block names a workspace ('name') or a partition ('partition')");
                }
                const Target block = read_target(w, fallback, true);
                const YAML::Node ops = w.require("operations");
                yaml::expect_sequence(source, ops, "'operations'");
                for (const auto& item : ops) {
                    OperationEntry entry = read_operation_entry(source, item, true);
                    add_operation(service, std::move(entry.operation), block, entry.workspace, entry.workspace_where);
                }
            }
        }
    }

    void read_intent_file(const std::string& path, const Location& named_at, const Target& fallback,
                          InstanceService& service) {
        const std::string resolved = resolve(path);
        std::error_code ec;
        if (!fs::is_regular_file(resolved, ec)) {
            throw Error(named_at, "intent file '" + resolved + "' not found");
        }
        const SourceFile source = read_source(resolved);
        const YAML::Node root = yaml::parse(source);
        yaml::expect_kind(source, root, "intent", {"kind", "service", "workspace", "partition", "workspaces", "operations"});
        const yaml::Map top(source, root, "the intent", {"kind", "service", "workspace", "partition", "workspaces", "operations"});
        if (auto kind = top.optional_string("kind"); kind && *kind != "intent") {
            throw Error(top.where("kind"), "expected 'kind: intent', found '" + *kind + "'");
        }
        if (!top.has("operations") && !top.has("workspaces")) {
            throw Error(top.where(), "the intent names no operations (expected 'operations' or 'workspaces')");
        }
        const Target target = read_target(top, fallback, false);
        read_intent_body(source, top, target, service);
    }

    void read_scan(const std::vector<std::string>& paths, const Target& fallback, InstanceService& service) {
        std::vector<std::string> resolved;
        for (const auto& p : paths) {
            resolved.push_back(resolve(p));
        }
        const Intent scanned = scan_to_intent(model_.rules, scan(router_, resolved, options_.scan));
        service.unmatched_left_out += scanned.unmatched_left_out;
        for (const auto& w : scanned.workspaces) {
            for (const auto& op : w.operations) {
                add_operation(service, op, fallback, std::nullopt, {});
            }
        }
    }

    void read_services(const YAML::Node& list) {
        yaml::expect_sequence(source_, list, "'services'");
        std::set<std::string> listed;
        std::vector<std::string> emails;
        for (const auto& u : instance_.users) {
            emails.push_back(u.email);
        }
        for (const auto& node : list) {
            const yaml::Map m(source_, node, "a service",
                              {"name", "user", "description", "workspace", "partition", "operations", "workspaces",
                               "intent", "scan"});
            InstanceService service;
            service.name = m.string("name");
            service.where = m.where("name");
            if (!listed.insert(service.name).second) {
                throw Error(service.where, "service '" + service.name + "' is listed twice");
            }
            service.user = m.string("user");
            service.user_where = m.where("user");
            const InstanceUser* user = instance_.user(service.user);
            if (user == nullptr) {
                unknown(service.user_where, "user", service.user, emails);
            }
            service.user = user->email;
            if (!m.has("operations") && !m.has("workspaces") && !m.has("intent") && !m.has("scan")) {
                throw Error(service.where, "service '" + service.name +
                                               "' has no intent (expected 'operations', 'workspaces', 'intent' or 'scan')");
            }
            const Target fallback = read_target(m, Target{}, false);
            std::vector<std::string> sources;
            if (m.has("operations") || m.has("workspaces")) {
                read_intent_body(source_, m, fallback, service);
                sources.emplace_back("inline");
            }
            if (m.has("intent")) {
                const std::string path = m.string("intent");
                read_intent_file(path, m.where("intent"), fallback, service);
                sources.push_back(path);
            }
            if (m.has("scan")) {
                const std::vector<std::string> paths = m.strings("scan");
                if (paths.empty()) {
                    throw Error(m.where("scan"), "'scan' names no paths");
                }
                read_scan(paths, fallback, service);
                std::string joined;
                for (const auto& p : paths) {
                    joined += (joined.empty() ? "" : " ") + p;
                }
                sources.push_back("scan: " + joined);
            }
            for (const auto& s : sources) {
                service.source += (service.source.empty() ? "" : " + ") + s;
            }
            instance_.services.push_back(std::move(service));
        }
    }
};

} // namespace

Instance parse_instance(const Model& model, const Router& router, const SourceFile& source, const InstanceOptions& options) {
    return InstanceReader(model, router, source, options).read();
}

} // namespace minrole

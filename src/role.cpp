#include "minrole/role.hpp"

#include "minrole/intent.hpp"
#include "intent_reader.hpp"
#include "vocabulary.hpp"
#include "yaml_reader.hpp"

namespace minrole {

PermissionSet RoleWorkspace::set(const ImplicationGraph& graph) const {
    PermissionSet out = graph.empty_set();
    for (const auto& g : grants) {
        out.set(g.permission);
    }
    return out;
}

const RoleGrant* RoleWorkspace::grant_of(PermissionId id) const {
    return vocab::find_by(grants, id, &RoleGrant::permission);
}

const RoleWorkspace* RoleSpec::workspace(const std::string& wanted) const {
    return vocab::find_by(workspaces, wanted, &RoleWorkspace::name);
}

void read_grants(const Model& model, const SourceFile& source, const YAML::Node& list, std::vector<RoleGrant>& into) {
    yaml::expect_sequence(source, list, "'permissions'");
    for (const auto& item : list) {
        RoleGrant grant;
        grant.written = yaml::scalar(source, item, "a permission");
        grant.where = yaml::locate(source, item);
        grant.permission = model.catalog.resolve(grant.written, grant.where);
        for (const auto& existing : into) {
            if (existing.permission == grant.permission) {
                throw Error(grant.where, "permission '" + model.catalog.at(grant.permission).name +
                                             "' is granted twice (also at " + existing.where.to_string() + ")");
            }
        }
        into.push_back(std::move(grant));
    }
}

RoleSpec parse_role(const Model& model, const SourceFile& source) {
    const YAML::Node root = yaml::parse(source);
    yaml::expect_kind(source, root, "role", {"kind", "role", "permissions", "workspaces"});
    const yaml::Map top(source, root, "the role", {"kind", "role", "permissions", "workspaces"});
    if (auto kind = top.optional_string("kind"); kind && *kind != "role") {
        throw Error(top.where("kind"), "expected 'kind: role', found '" + *kind + "'");
    }
    RoleSpec role;
    role.path = source.path;
    role.name = top.optional_string("role").value_or("");
    std::vector<RoleGrant> shared;
    if (top.has("permissions")) {
        read_grants(model, source, top.get("permissions"), shared);
    }
    if (!top.has("workspaces")) {
        if (!top.has("permissions")) {
            throw Error(top.where(), "the role grants nothing (expected 'permissions' or 'workspaces')");
        }
        if (shared.empty()) {
            throw Error(top.where("permissions"), "the role grants nothing: 'permissions' is empty");
        }
        role.workspaces.push_back(RoleWorkspace{kDefaultWorkspace, shared, top.where()});
        return role;
    }
    const YAML::Node list = top.get("workspaces");
    yaml::expect_sequence(source, list, "'workspaces'");
    for (const auto& node : list) {
        RoleWorkspace w;
        w.where = yaml::locate(source, node);
        w.grants = shared;
        if (node.IsScalar()) {
            w.name = node.Scalar();
        } else {
            const yaml::Map m(source, node, "a workspace grant", {"name", "permissions"});
            w.name = m.string("name");
            if (m.has("permissions")) {
                read_grants(model, source, m.get("permissions"), w.grants);
            }
        }
        if (role.workspace(w.name) != nullptr) {
            throw Error(w.where, "workspace '" + w.name + "' is listed twice");
        }
        // A workspace with nothing granted in it is a mistake (an empty list, a forgotten
        // role-wide list), and would make every report about it read as if access were fine.
        if (w.grants.empty()) {
            throw Error(w.where, "workspace '" + w.name + "' grants nothing (no role-wide 'permissions' and none of its own)");
        }
        role.workspaces.push_back(std::move(w));
    }
    if (role.workspaces.empty()) {
        throw Error(top.where("workspaces"), "the role grants nothing: 'workspaces' is empty");
    }
    return role;
}

} // namespace minrole

#include "minrole/diff.hpp"

#include <algorithm>
#include <set>

namespace minrole {

bool RoleDiff::widens() const {
    return std::any_of(workspaces.begin(), workspaces.end(), [](const WorkspaceDiff& w) { return !w.newly_allowed.empty(); });
}

bool WorkspaceDiff::changed() const {
    return added_workspace || removed_workspace || !added.empty() || !removed.empty() || !newly_allowed.empty() ||
           !no_longer_allowed.empty();
}

bool RoleDiff::changed() const {
    return std::any_of(workspaces.begin(), workspaces.end(), [](const WorkspaceDiff& w) { return w.changed(); });
}

RoleDiff diff_roles(const Model& model, const RoleSpec& old_role, const RoleSpec& new_role) {
    RoleDiff result;
    result.old_path = old_role.path;
    result.new_path = new_role.path;
    std::vector<std::string> names;
    for (const auto* role : {&old_role, &new_role}) {
        for (const auto& w : role->workspaces) {
            if (std::find(names.begin(), names.end(), w.name) == names.end()) {
                names.push_back(w.name);
            }
        }
    }
    for (const auto& name : names) {
        const RoleWorkspace* before = old_role.workspace(name);
        const RoleWorkspace* after = new_role.workspace(name);
        WorkspaceDiff d;
        d.name = name;
        d.added_workspace = before == nullptr;
        d.removed_workspace = after == nullptr;
        const PermissionSet old_set = before ? before->set(*model.graph) : model.graph->empty_set();
        const PermissionSet new_set = after ? after->set(*model.graph) : model.graph->empty_set();
        for (PermissionId id = 0; id < model.catalog.size(); ++id) {
            if (new_set.test(id) && !old_set.test(id)) {
                d.added.push_back(id);
            }
            if (old_set.test(id) && !new_set.test(id)) {
                d.removed.push_back(id);
            }
        }
        std::set<EndpointId> old_reach;
        std::set<EndpointId> new_reach;
        for (const auto& r : reachable(model, old_set)) {
            old_reach.insert(r.endpoint);
        }
        for (const auto& r : reachable(model, new_set)) {
            new_reach.insert(r.endpoint);
        }
        std::set_difference(new_reach.begin(), new_reach.end(), old_reach.begin(), old_reach.end(),
                            std::back_inserter(d.newly_allowed));
        std::set_difference(old_reach.begin(), old_reach.end(), new_reach.begin(), new_reach.end(),
                            std::back_inserter(d.no_longer_allowed));
        // Every format lists permissions by name and endpoints by "METHOD path" (README: sorted lists).
        const auto by_name = [&](PermissionId a, PermissionId b) { return model.catalog.at(a).name < model.catalog.at(b).name; };
        const auto by_key = [&](EndpointId a, EndpointId b) { return model.rules.at(a).key() < model.rules.at(b).key(); };
        std::sort(d.added.begin(), d.added.end(), by_name);
        std::sort(d.removed.begin(), d.removed.end(), by_name);
        std::sort(d.newly_allowed.begin(), d.newly_allowed.end(), by_key);
        std::sort(d.no_longer_allowed.begin(), d.no_longer_allowed.end(), by_key);
        result.workspaces.push_back(std::move(d));
    }
    return result;
}

} // namespace minrole

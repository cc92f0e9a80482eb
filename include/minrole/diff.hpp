#pragma once
// What changes between two versions of a role: permissions per workspace and, more
// importantly, endpoints newly reachable (the pull-request gate) or no longer reachable.
#include "minrole/allows.hpp"

#include <string>
#include <vector>

namespace minrole {

struct WorkspaceDiff {
    std::string name;
    bool added_workspace = false;   // only in NEW
    bool removed_workspace = false; // only in OLD
    std::vector<PermissionId> added;
    std::vector<PermissionId> removed;
    std::vector<EndpointId> newly_allowed;
    std::vector<EndpointId> no_longer_allowed;

    [[nodiscard]] bool changed() const; // anything at all differs in this workspace
};

struct RoleDiff {
    std::string old_path;
    std::string new_path;
    std::vector<WorkspaceDiff> workspaces;

    [[nodiscard]] bool widens() const;  // NEW reaches an endpoint OLD could not
    [[nodiscard]] bool changed() const;
};

RoleDiff diff_roles(const Model& model, const RoleSpec& old_role, const RoleSpec& new_role);

} // namespace minrole

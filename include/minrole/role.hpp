#pragma once
// A role as a reviewer holds it: a name, permissions, and the workspaces it is granted in.
//   kind: role                    # optional
//   role: crm-sync
//   permissions: [Read-Only Lead]  # granted in every listed workspace (or in Default)
//   workspaces:
//     - name: Europe
//       permissions: [Read-Write Lead]   # extra grants in this workspace only
//     - Asia                             # just the role-wide permissions
// `recommend --format yaml` writes exactly this shape.
#include "minrole/loader.hpp"

#include <string>
#include <vector>

namespace minrole {

struct RoleGrant {
    PermissionId permission = 0;
    std::string written; // the spelling used in the file (alias or canonical)
    Location where;
};

struct RoleWorkspace {
    std::string name;
    std::vector<RoleGrant> grants; // role-wide grants included
    Location where;

    [[nodiscard]] PermissionSet set(const ImplicationGraph& graph) const;
    [[nodiscard]] const RoleGrant* grant_of(PermissionId id) const;
};

struct RoleSpec {
    std::string name;
    std::string path;
    std::vector<RoleWorkspace> workspaces;

    [[nodiscard]] const RoleWorkspace* workspace(const std::string& name) const;
};

// Unknown permissions, keys or duplicate grants are located errors.
RoleSpec parse_role(const Model& model, const SourceFile& source);

} // namespace minrole

#pragma once
// Blast radius: every endpoint a role reaches, and the kind of power each gives. This is the
// reviewer's view of what a leaked Client Secret could do.
#include "minrole/role.hpp"

#include <string>
#include <vector>

namespace minrole {

// Ordered from least to most dangerous.
enum class Power { Read, Write, Delete, Approve, Campaign, Schema, UserManagement };
const char* to_string(Power power);
Power power_of(const Model& model, const Endpoint& endpoint);

struct ReachedEndpoint {
    EndpointId endpoint = 0;
    Power power = Power::Read;
    bool conditional_denied = false; // reachable, but not with its conditional parameter (leadId)
};

struct WorkspaceReach {
    std::string name;
    PermissionSet granted;
    PermissionSet effective;
    std::vector<ReachedEndpoint> endpoints;
};

struct Reach {
    std::string role;
    std::vector<WorkspaceReach> workspaces;
    std::size_t open_endpoints = 0; // need no permission at all (identity, usage stats)
};

// Endpoints a set of granted permissions reaches. Undocumented and permission-free endpoints
// are not counted: the first is unknown, the second open to any role.
std::vector<ReachedEndpoint> reachable(const Model& model, const PermissionSet& granted);

Reach allows(const Model& model, const RoleSpec& role);

} // namespace minrole

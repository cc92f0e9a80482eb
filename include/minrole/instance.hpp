#pragma once
// A whole Marketo instance's API access: workspaces and the lead partitions each reaches,
// roles and their permissions, users and their (role, workspace) grants, and the Custom
// Services (LaunchPoint) that authenticate as those users, each with the integration's intent.
//
//   kind: instance
//   instance: acme                       # optional name
//   partitions: [Default, EMEA Leads]    # optional; when given, workspaces may only name these
//   workspaces:
//     - name: Default
//       partitions: [Default]
//     - {name: Europe, partitions: [EMEA Leads]}
//   roles:
//     - name: Lead Sync
//       permissions: [Read-Write Lead, Read-Only Activity]   # canonical names or aliases
//   users:
//     - email: crm@acme.example
//       name: CRM Sync                    # optional
//       api_only: true                    # default false
//       grants:
//         - {role: Lead Sync, workspace: Europe}
//         - {role: Lead Sync, workspaces: [Default, Europe]}
//         - {role: Lead Sync, workspace: "*"}   # every workspace, present and future
//   services:
//     - name: crm-sync
//       user: crm@acme.example            # exactly one user
//       workspace: Europe                 # optional default target of operations and scans
//       partition: EMEA Leads             # or: lead operations go where this partition is reached
//       operations: [...]                 # inline intent (as in an intent file), and/or
//       workspaces:                       #   per-block targets: {name: W} or {partition: P}
//         - partition: EMEA Leads
//           operations:
//             - GET /rest/v1/leads.json
//             - {op: "GET /rest/asset/v1/email/{id}.json", workspace: Europe}  # asset owner
//       intent: intents/crm.yaml          # and/or an intent file (same superset syntax)
//       scan: [src/]                      # and/or paths to scan (relative to the instance file)
//
// Or, with the users, grants, workspaces and roles from saved User Management API responses:
//   import:
//     users: allusers.json                # GET /userservice/management/v1/users/allusers.json
//     user_roles: user-roles/             # folder of {userid}.json or {userid}/roles.json, or a map userid: file
//     workspaces: workspaces.json         # GET .../users/workspaces.json
//     roles: roles.json                   # GET .../users/roles.json
// Role permissions, workspace partitions and services stay in the YAML (the API returns none
// of them); YAML entries with the same name merge into (or add to) the imported ones.
#include "minrole/audit.hpp"
#include "minrole/intent.hpp"
#include "minrole/recommend.hpp"
#include "minrole/scan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minrole {

inline constexpr const char* kAllWorkspaces = "*";

struct InstanceWorkspace {
    std::string name;
    std::optional<long long> id; // from workspaces.json
    std::vector<std::string> partitions;
    Location where;
};

struct InstanceRole {
    std::string name;
    std::optional<long long> id; // from roles.json
    std::vector<RoleGrant> permissions;
    bool permissions_known = false; // false for an imported role the YAML gives no permissions for
    Location where;
};

struct UserGrant {
    std::string role;
    std::string workspace; // kAllWorkspaces for every workspace
    Location where;
};

struct InstanceUser {
    std::string email;
    std::string userid; // from allusers.json ("User id in the form of an email address", or a GUID)
    std::string name;
    std::optional<long long> id; // from allusers.json
    bool api_only = false;
    std::vector<UserGrant> grants;
    Location where;
};

// An operation of a service's intent with its target: a workspace, or a partition (lead
// operations), resolved by resolve_targets().
struct TargetedOperation {
    IntendedOperation operation;
    std::string workspace; // set when the operation (or its block) names a workspace
    std::string partition; // set when only a partition is named
    Location target_where; // where the target was named
};

struct InstanceService {
    std::string name;
    std::string user;
    std::string source; // "inline", the intent file, "scan: PATHS" (joined with " + ")
    std::vector<TargetedOperation> operations;
    Location where;
    Location user_where;
    std::uint64_t unmatched_left_out = 0; // from its scan: Intent::unmatched_left_out
};

struct Instance {
    std::string name;
    std::string path;
    std::vector<std::string> partitions; // declared or collected from the workspaces
    std::vector<InstanceWorkspace> workspaces;
    std::vector<InstanceRole> roles;
    std::vector<InstanceUser> users;
    std::vector<InstanceService> services;

    [[nodiscard]] const InstanceWorkspace* workspace(const std::string& name) const;
    [[nodiscard]] const InstanceRole* role(const std::string& name) const;
    [[nodiscard]] const InstanceUser* user(const std::string& email_or_userid) const;
    // Workspaces reaching the partition, sorted by name.
    [[nodiscard]] std::vector<std::string> reaching(const std::string& partition) const;
    // Workspaces a grant covers (every workspace for kAllWorkspaces).
    [[nodiscard]] std::vector<std::string> covered(const UserGrant& grant) const;
};

struct InstanceOptions {
    ScanOptions scan; // for services with `scan:`
};

// Reads `kind: instance` (and its imports, intent files and scans). Unknown keys, permissions,
// roles, workspaces, partitions and users are located errors. The router classifies operations
// (asset operations belong to the workspace that owns the asset and may not follow a partition).
Instance parse_instance(const Model& model, const Router& router, const SourceFile& source,
                        const InstanceOptions& options = {});

// The fewest workspaces that, together with `fixed`, reach every partition; ties broken by the
// sorted list of names. Only `candidates` are considered (all workspaces when empty). Partitions
// no candidate reaches are left uncovered. Returns the chosen workspaces (fixed included), sorted.
std::vector<std::string> narrowest_workspaces(const Instance& instance, const std::vector<std::string>& partitions,
                                              const std::vector<std::string>& fixed,
                                              const std::vector<std::string>& candidates = {});

// A service's intent with partitions mapped to the narrowest workspace grants.
struct PartitionChoice {
    std::string partition;
    std::vector<std::string> reaching; // every workspace that reaches it
    std::string workspace;             // the one recommended
};

struct ServiceReport {
    std::string name;
    std::string user;
    std::string source;
    Location where;
    std::vector<PartitionChoice> partitions;
    Recommendation needed; // per recommended workspace
    // Roles the user holds per workspace of `needed` (empty when none).
    std::vector<std::pair<std::string, std::vector<std::string>>> granted_roles;
};

struct RoleReport {
    std::string name;
    std::vector<std::string> holders;  // users, sorted
    std::vector<std::string> services; // services whose user holds it, sorted
    bool api_only = false;             // held, and only by API-only users
    PermissionSet minimal;             // minimal replacement for its services' intents (with parents)
    std::vector<PermissionId> excess;  // API-tree grants the replacement does not give
    Location where;
};

// Who holds which roles where: one row per user (the HTML report's access matrix).
struct UserAccess {
    std::string user; // email, else userid
    bool api_only = false;
    std::vector<std::string> services; // services authenticating as the user, sorted
    std::vector<std::pair<std::string, std::vector<std::string>>> roles; // workspace -> roles, both sorted
};

struct InstanceAuditReport {
    std::string instance_name;
    std::string instance_path;
    std::vector<Finding> findings;
    std::vector<ServiceReport> services;
    std::vector<RoleReport> roles;
    std::vector<std::string> workspaces; // every workspace of the instance, in file order
    std::vector<UserAccess> users;       // in file order
    Severity fail_on = Severity::Warning; // as AuditReport::fail_on

    [[nodiscard]] std::size_t failing(Severity threshold) const;
};

InstanceAuditReport audit_instance(const Model& model, const Router& router, const Instance& instance,
                                   const Policy& policy, const std::string& today);

} // namespace minrole

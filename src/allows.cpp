#include "minrole/allows.hpp"

#include <array>

namespace minrole {

const char* to_string(Power power) {
    static constexpr std::array<const char*, 7> kNames{"read", "write", "delete", "approve", "campaign", "schema",
                                                       "user-management"};
    return kNames.at(static_cast<std::size_t>(power));
}

namespace {

// What a role holding every read and access permission (and nothing else) has effectively:
// an endpoint such a role reaches needs only read power.
PermissionSet reads_effective(const Model& model) {
    PermissionSet only_reads = model.graph->empty_set();
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        if (model.catalog.at(id).access <= AccessLevel::Access) {
            only_reads.set(id);
        }
    }
    return model.graph->effective(only_reads);
}

Power classify(const Model& model, const Endpoint& e, const PermissionSet& reads) {
    if (e.area == "user-management") {
        return Power::UserManagement;
    }
    std::vector<PermissionId> named;
    e.requirement.collect_permissions(named);
    AccessLevel strongest = AccessLevel::Read;
    bool schema = false;
    for (PermissionId id : named) {
        const Permission& p = model.catalog.at(id);
        // Any-of lists name both levels; the weakest alternative is what the call really needs,
        // so only all-of style names (no read twin listed) raise the level.
        strongest = std::max(strongest, p.access);
        schema = schema || ((p.resource == "Lead Schema" || p.resource == "Custom Object Type" ||
                             p.resource == "Activity Metadata") &&
                            p.access >= AccessLevel::Write);
    }
    // "Read-Only X, Read-Write X" names a write permission but needs only read.
    if (satisfied_by_effective(reads, e.requirement, {})) {
        return Power::Read;
    }
    if (strongest == AccessLevel::Execute) {
        return Power::Campaign;
    }
    if (schema) {
        return Power::Schema;
    }
    if (strongest == AccessLevel::Approve) {
        return Power::Approve;
    }
    const bool deletes = e.method == "DELETE" || e.path.find("/delete") != std::string::npos ||
                         e.path.find("/remove") != std::string::npos || strongest == AccessLevel::Delete;
    if (deletes) {
        return Power::Delete;
    }
    return Power::Write;
}

} // namespace

Power power_of(const Model& model, const Endpoint& e) {
    if (e.area == "user-management") {
        return Power::UserManagement;
    }
    return classify(model, e, reads_effective(model));
}

std::vector<ReachedEndpoint> reachable(const Model& model, const PermissionSet& granted) {
    const PermissionSet effective = model.graph->effective(granted);
    const PermissionSet reads = reads_effective(model);
    std::vector<ReachedEndpoint> out;
    for (EndpointId id = 0; id < model.rules.size(); ++id) {
        const Endpoint& e = model.rules.at(id);
        if (e.requirement.kind == Requirement::Kind::None || e.requirement.is_undocumented()) {
            continue;
        }
        if (!satisfied_by_effective(effective, e.requirement, {})) {
            continue;
        }
        ReachedEndpoint r;
        r.endpoint = id;
        r.power = classify(model, e, reads);
        r.conditional_denied = e.requirement.kind != Requirement::Kind::Permission &&
                               !satisfied_by_effective(effective, e.requirement, e.requirement.conditional_parameters());
        out.push_back(r);
    }
    return out;
}

Reach allows(const Model& model, const RoleSpec& role) {
    Reach reach;
    reach.role = role.name;
    for (const auto& e : model.rules.all()) {
        reach.open_endpoints += e.requirement.kind == Requirement::Kind::None ? 1 : 0;
    }
    for (const auto& w : role.workspaces) {
        WorkspaceReach wr;
        wr.name = w.name;
        wr.granted = w.set(*model.graph);
        wr.effective = model.graph->effective(wr.granted);
        wr.endpoints = reachable(model, wr.granted);
        reach.workspaces.push_back(std::move(wr));
    }
    return reach;
}

} // namespace minrole

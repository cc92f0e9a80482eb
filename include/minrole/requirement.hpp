#pragma once
// What an endpoint needs, as an expression tree over permission ids:
//   none          no permission at all (identity, stats)
//   undocumented  Adobe states nothing; reported, never guessed
//   permission    one permission (or anything that implies it)
//   any_of/all_of operands, at least one
//   when(param)   the operand applies only when the request passes that parameter
#include "minrole/catalog.hpp"
#include "minrole/graph.hpp"

#include <set>
#include <string>
#include <vector>

namespace minrole {

struct Requirement {
    enum class Kind { None, Undocumented, Permission, AnyOf, AllOf, When };

    Kind kind = Kind::None;
    PermissionId permission = 0;       // Kind::Permission
    std::string parameter;             // Kind::When
    std::vector<Requirement> operands; // AnyOf, AllOf; When has exactly one

    static Requirement none() { return {}; }
    static Requirement undocumented() { return {Kind::Undocumented, 0, {}, {}}; }
    static Requirement of(PermissionId id) { return {Kind::Permission, id, {}, {}}; }
    static Requirement any_of(std::vector<Requirement> operands) { return {Kind::AnyOf, 0, {}, std::move(operands)}; }
    static Requirement all_of(std::vector<Requirement> operands) { return {Kind::AllOf, 0, {}, std::move(operands)}; }
    static Requirement when(std::string parameter, Requirement then) {
        return {Kind::When, 0, std::move(parameter), {std::move(then)}};
    }

    bool operator==(const Requirement& other) const = default;

    [[nodiscard]] bool is_undocumented() const;
    // Every parameter a When clause mentions, anywhere in the tree.
    [[nodiscard]] std::set<std::string> conditional_parameters() const;
    // Every permission named anywhere in the tree.
    void collect_permissions(std::vector<PermissionId>& out) const;
};

using Parameters = std::set<std::string>;

// Reference semantics, deliberately independent of the solver: does a role holding `granted`
// satisfy the requirement for a request passing `parameters`? Undocumented is never satisfied.
bool satisfies(const ImplicationGraph& graph, const PermissionSet& granted, const Requirement& requirement,
               const Parameters& parameters);

// Same as satisfies() but on an already effective set (graph.effective(granted)).
bool satisfied_by_effective(const PermissionSet& effective, const Requirement& requirement, const Parameters& parameters);

// Readable form: "Read-Only Lead or Read-Write Lead", "... and, if leadId is passed, ...".
std::string describe(const Catalog& catalog, const Requirement& requirement);

} // namespace minrole

#pragma once
// The permission catalog: every permission a Marketo API role can hold, with the facts a
// reviewer needs (group, resource, access level, risk tier) and the spellings Adobe's specs
// use for it. Implication and parent edges are stored here by id; graph.hpp turns them into
// a Boost.Graph and answers closure questions.
#include "minrole/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace minrole {

using PermissionId = std::uint32_t;

// Ordered from least to most dangerous; the order feeds the solver's cost.
enum class Risk { Low = 1, Medium = 2, High = 3, Critical = 4 };

// What kind of power a permission gives; ordered by how much it can change.
enum class AccessLevel { Read = 1, Access = 2, Write = 3, Delete = 4, Approve = 5, Execute = 6, Admin = 7 };

std::optional<Risk> parse_risk(const std::string& text);
std::optional<AccessLevel> parse_access_level(const std::string& text);
const char* to_string(Risk risk);
const char* to_string(AccessLevel level);
std::vector<std::string> risk_names();
std::vector<std::string> access_level_names();

struct Permission {
    std::string name;   // canonical spelling
    std::string group;  // tree it sits in: "Access API", "Admin", "Design Studio"
    std::string resource;
    AccessLevel access = AccessLevel::Read;
    Risk risk = Risk::Low;
    std::string grants;                 // plain-words summary of what it allows
    std::vector<std::string> aliases;   // other spellings found in Adobe's specs
    std::vector<PermissionId> implies;  // holding this one also gives these
    std::optional<PermissionId> parent; // must be granted for this one to take effect
    Location where;

    bool operator==(const Permission& other) const = default;

    // The documented cost the solver minimises: risk dominates, access level breaks ties.
    [[nodiscard]] int cost() const { return 10 * static_cast<int>(risk) + static_cast<int>(access); }
};

struct Group {
    std::string name;
    std::string description;
    bool api_tree = false; // the "Access API" tree: what an API-Only user is meant to hold
    Location where;

    bool operator==(const Group& other) const = default;
};

class Catalog {
public:
    // Adds a permission without resolving edges; call link() once all are added.
    PermissionId add(Permission permission);
    void add_group(Group group);

    [[nodiscard]] std::size_t size() const { return permissions_.size(); }
    [[nodiscard]] const Permission& at(PermissionId id) const { return permissions_.at(id); }
    [[nodiscard]] Permission& at(PermissionId id) { return permissions_.at(id); }
    [[nodiscard]] const std::vector<Permission>& all() const { return permissions_; }
    [[nodiscard]] const std::vector<Group>& groups() const { return groups_; }
    [[nodiscard]] const Group* group(const std::string& name) const;

    // Canonical name or alias, exact spelling.
    [[nodiscard]] std::optional<PermissionId> find(const std::string& name) const;
    // Like find(), but ignores case and treats spaces, hyphens and underscores alike, for names
    // people type on a command line ("read-write lead", "READ_ONLY_LEAD"); nullopt when no
    // spelling, or more than one permission, fits.
    [[nodiscard]] std::optional<PermissionId> find_any_case(const std::string& name) const;
    // Like find(), but throws a located error with a suggestion when the name is unknown (a
    // spelling that differs only in case or separators is suggested first).
    [[nodiscard]] PermissionId resolve(const std::string& name, const Location& where) const;
    [[nodiscard]] std::vector<std::string> spellings() const;

private:
    std::vector<Permission> permissions_;
    std::vector<Group> groups_;
    std::unordered_map<std::string, PermissionId> by_spelling_;
};

} // namespace minrole

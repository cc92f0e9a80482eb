#pragma once
// Endpoint rules: what each Marketo REST operation needs. One Endpoint per method+path.
#include "minrole/hash_index.hpp"
#include "minrole/requirement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minrole {

struct Endpoint {
    std::string operation_id;
    std::string method; // upper case: GET, POST, PUT, DELETE, PATCH
    std::string path;   // template as Adobe writes it: /rest/v1/lead/{leadId}.json
    std::string area;   // API area, from the rules file: lead-database, asset, ...
    std::string summary;
    Requirement requirement;
    bool deprecated = false;
    std::string superseded_by; // operationId of the replacement, when Adobe names one
    std::string provenance;    // where the requirement comes from
    std::string override_reason; // non-empty when an overrides file replaced or added this rule
    Location where;

    bool operator==(const Endpoint& other) const = default;

    [[nodiscard]] std::string key() const { return method + " " + path; }
};

using EndpointId = std::uint32_t;

class RuleSet {
public:
    // Rejects a second rule for the same operationId or method+path with a located error.
    EndpointId add(Endpoint endpoint);
    // Replaces the rule with the same operationId (or method+path) or adds a new one.
    EndpointId upsert(Endpoint endpoint);

    // Room for this many rules without reallocating (the baked default model knows its size).
    void reserve(std::size_t count);
    [[nodiscard]] std::size_t size() const { return endpoints_.size(); }
    // Changes with every add() and upsert(): lets a Router notice rules changed under it.
    [[nodiscard]] std::uint64_t version() const { return version_; }
    [[nodiscard]] const Endpoint& at(EndpointId id) const { return endpoints_.at(id); }
    [[nodiscard]] const std::vector<Endpoint>& all() const { return endpoints_; }
    [[nodiscard]] std::optional<EndpointId> find_operation(const std::string& operation_id) const;
    [[nodiscard]] std::optional<EndpointId> find_template(const std::string& method, const std::string& path) const;

private:
    std::vector<Endpoint> endpoints_;
    std::uint64_t version_ = 0;
    HashIndex by_operation_; // operationId
    HashIndex by_key_;       // method + path
};

} // namespace minrole

#include "minrole/rules.hpp"

namespace minrole {

EndpointId RuleSet::add(Endpoint endpoint) {
    if (auto existing = find_operation(endpoint.operation_id)) {
        throw Error(endpoint.where, "duplicate operationId '" + endpoint.operation_id + "' (already defined at " +
                                        at(*existing).where.to_string() + ")");
    }
    if (auto existing = find_template(endpoint.method, endpoint.path)) {
        throw Error(endpoint.where, "duplicate rule for '" + endpoint.key() + "' (already defined at " +
                                        at(*existing).where.to_string() + ")");
    }
    const auto id = static_cast<EndpointId>(endpoints_.size());
    by_operation_.emplace(endpoint.operation_id, id);
    by_key_.emplace(endpoint.key(), id);
    endpoints_.push_back(std::move(endpoint));
    return id;
}

void RuleSet::reserve(std::size_t count) {
    endpoints_.reserve(count);
    by_operation_.reserve(count);
    by_key_.reserve(count);
}

EndpointId RuleSet::upsert(Endpoint endpoint) {
    auto existing = find_operation(endpoint.operation_id);
    if (!existing) {
        existing = find_template(endpoint.method, endpoint.path);
    }
    if (!existing) {
        return add(std::move(endpoint));
    }
    Endpoint& slot = endpoints_[*existing];
    by_operation_.erase(slot.operation_id);
    by_key_.erase(slot.key());
    if (auto clash = find_template(endpoint.method, endpoint.path)) {
        throw Error(endpoint.where, "override moves '" + endpoint.operation_id + "' onto '" + endpoint.key() +
                                        "', which rule '" + at(*clash).operation_id + "' already has");
    }
    slot = std::move(endpoint);
    by_operation_.emplace(slot.operation_id, *existing);
    by_key_.emplace(slot.key(), *existing);
    return *existing;
}

std::optional<EndpointId> RuleSet::find_operation(const std::string& operation_id) const {
    auto it = by_operation_.find(operation_id);
    return it == by_operation_.end() ? std::nullopt : std::optional<EndpointId>(it->second);
}

std::optional<EndpointId> RuleSet::find_template(const std::string& method, const std::string& path) const {
    auto it = by_key_.find(method + " " + path);
    return it == by_key_.end() ? std::nullopt : std::optional<EndpointId>(it->second);
}

} // namespace minrole

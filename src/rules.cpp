#include "minrole/rules.hpp"

#include <algorithm>

namespace minrole {

EndpointId RuleSet::add(Endpoint endpoint) {
    const std::uint64_t operation_hash = hash_text(endpoint.operation_id);
    const std::uint64_t key_hash = hash_texts(endpoint.method, endpoint.path);
    if (auto existing = by_operation_.find(operation_hash, [&](EndpointId id) {
            return endpoints_[id].operation_id == endpoint.operation_id;
        })) {
        throw Error(endpoint.where, "duplicate operationId '" + endpoint.operation_id + "' (already defined at " +
                                        at(*existing).where.to_string() + ")");
    }
    if (auto existing = by_key_.find(key_hash, [&](EndpointId id) {
            return endpoints_[id].method == endpoint.method && endpoints_[id].path == endpoint.path;
        })) {
        throw Error(endpoint.where, "duplicate rule for '" + endpoint.key() + "' (already defined at " +
                                        at(*existing).where.to_string() + ")");
    }
    // Room first, so that nothing below can throw and leave an index naming a missing rule.
    if (endpoints_.size() == endpoints_.capacity()) {
        endpoints_.reserve(std::max<std::size_t>(16, 2 * endpoints_.size()));
    }
    by_operation_.reserve(endpoints_.size() + 1);
    by_key_.reserve(endpoints_.size() + 1);
    const auto id = static_cast<EndpointId>(endpoints_.size());
    ++version_;
    endpoints_.push_back(std::move(endpoint));
    by_operation_.insert(operation_hash, id);
    by_key_.insert(key_hash, id);
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
    // Checked before anything changes, so a rejected override leaves the set as it was.
    if (auto clash = find_template(endpoint.method, endpoint.path); clash && *clash != *existing) {
        throw Error(endpoint.where, "override moves '" + endpoint.operation_id + "' onto '" + endpoint.key() +
                                        "', which rule '" + at(*clash).operation_id + "' already has");
    }
    Endpoint& slot = endpoints_[*existing];
    ++version_;
    by_operation_.erase(hash_text(slot.operation_id), *existing);
    by_key_.erase(hash_texts(slot.method, slot.path), *existing);
    slot = std::move(endpoint);
    by_operation_.insert(hash_text(slot.operation_id), *existing);
    by_key_.insert(hash_texts(slot.method, slot.path), *existing);
    return *existing;
}

std::optional<EndpointId> RuleSet::find_operation(const std::string& operation_id) const {
    return by_operation_.find(hash_text(operation_id),
                              [&](EndpointId id) { return endpoints_[id].operation_id == operation_id; });
}

std::optional<EndpointId> RuleSet::find_template(const std::string& method, const std::string& path) const {
    return by_key_.find(hash_texts(method, path), [&](EndpointId id) {
        return endpoints_[id].method == method && endpoints_[id].path == path;
    });
}

} // namespace minrole

#pragma once
// Small helpers the format files share. Private to the library.
#include "minrole/loader.hpp"
#include "minrole/recommend.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace minrole::report {

// Role members by name, sorted: the order every format prints.
inline std::vector<std::string> names(const Catalog& catalog, const PermissionSet& set) {
    std::vector<std::string> out;
    for (auto id = set.find_first(); id != PermissionSet::npos; id = set.find_next(id)) {
        out.push_back(catalog.at(static_cast<PermissionId>(id)).name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline std::vector<const Justification*> sorted_justifications(const Catalog& catalog,
                                                               const WorkspaceRecommendation& w) {
    std::vector<const Justification*> out;
    for (const auto& j : w.justifications) {
        out.push_back(&j);
    }
    std::sort(out.begin(), out.end(), [&](const Justification* a, const Justification* b) {
        return catalog.at(a->permission).name < catalog.at(b->permission).name;
    });
    return out;
}

// "GET /rest/v1/leads.json" for a matched operation, the input text otherwise.
inline std::string operation_label(const Model& model, const OperationOutcome& op) {
    if (op.match.endpoint) {
        return model.rules.at(*op.match.endpoint).key();
    }
    return op.intended.text;
}

inline std::vector<std::string> sorted(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return items;
}

// "1 endpoint", "2 endpoints": a count and its noun, singular for exactly one.
inline std::string count_of(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

inline std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : separator) + items[i];
    }
    return out;
}

// Endpoints whose requirement this permission takes part in satisfying.
std::vector<EndpointId> endpoints_unlocked_by(const Model& model, PermissionId id);
// Operations (labels) of a workspace that a permission is justified by.
std::vector<std::string> justification_labels(const Model& model, const WorkspaceRecommendation& w,
                                              const Justification& j);

} // namespace minrole::report

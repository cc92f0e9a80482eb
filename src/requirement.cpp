#include "minrole/requirement.hpp"

#include <algorithm>

namespace minrole {

bool Requirement::is_undocumented() const {
    if (kind == Kind::Undocumented) {
        return true;
    }
    return std::any_of(operands.begin(), operands.end(), [](const Requirement& r) { return r.is_undocumented(); });
}

std::set<std::string> Requirement::conditional_parameters() const {
    std::set<std::string> out;
    if (kind == Kind::When) {
        out.insert(parameter);
    }
    for (const auto& operand : operands) {
        auto inner = operand.conditional_parameters();
        out.insert(inner.begin(), inner.end());
    }
    return out;
}

void Requirement::collect_permissions(std::vector<PermissionId>& out) const {
    if (kind == Kind::Permission) {
        out.push_back(permission);
    }
    for (const auto& operand : operands) {
        operand.collect_permissions(out);
    }
}

bool satisfied_by_effective(const PermissionSet& effective, const Requirement& requirement,
                            const Parameters& parameters) {
    switch (requirement.kind) {
    case Requirement::Kind::None:
        return true;
    case Requirement::Kind::Undocumented:
        return false;
    case Requirement::Kind::Permission:
        return effective.test(requirement.permission);
    case Requirement::Kind::AnyOf:
        return std::any_of(requirement.operands.begin(), requirement.operands.end(),
                           [&](const Requirement& r) { return satisfied_by_effective(effective, r, parameters); });
    case Requirement::Kind::AllOf:
        return std::all_of(requirement.operands.begin(), requirement.operands.end(),
                           [&](const Requirement& r) { return satisfied_by_effective(effective, r, parameters); });
    case Requirement::Kind::When:
        return parameters.count(requirement.parameter) == 0 ||
               satisfied_by_effective(effective, requirement.operands.front(), parameters);
    }
    return false;
}

bool satisfies(const ImplicationGraph& graph, const PermissionSet& granted, const Requirement& requirement,
               const Parameters& parameters) {
    return satisfied_by_effective(graph.effective(granted), requirement, parameters);
}

namespace {
std::string join_operands(const Catalog& catalog, const Requirement& r, const char* word) {
    std::string out;
    for (std::size_t i = 0; i < r.operands.size(); ++i) {
        if (i > 0) {
            out += (i + 1 == r.operands.size()) ? std::string(" ") + word + " " : std::string(", ");
        }
        const bool nested = r.operands[i].kind == Requirement::Kind::AnyOf || r.operands[i].kind == Requirement::Kind::AllOf;
        const std::string inner = describe(catalog, r.operands[i]);
        out += nested ? "(" + inner + ")" : inner;
    }
    return out;
}
} // namespace

std::string describe(const Catalog& catalog, const Requirement& r) {
    switch (r.kind) {
    case Requirement::Kind::None:
        return "no permission";
    case Requirement::Kind::Undocumented:
        return "undocumented (Adobe states no permission)";
    case Requirement::Kind::Permission:
        return catalog.at(r.permission).name;
    case Requirement::Kind::AnyOf:
        return join_operands(catalog, r, "or");
    case Requirement::Kind::AllOf:
        return join_operands(catalog, r, "and");
    case Requirement::Kind::When:
        return "if " + r.parameter + " is passed: " + describe(catalog, r.operands.front());
    }
    return {};
}

} // namespace minrole

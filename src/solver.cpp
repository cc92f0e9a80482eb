#include "minrole/solver.hpp"

#include "solver_search.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <map>
#include <numeric>
#include <set>

namespace minrole {

namespace {

using solver_detail::Clause;
using solver_detail::Component;
using solver_detail::Search;
using solver_detail::Term;

constexpr std::size_t kMaxTerms = 4096;

Clause to_dnf(const Requirement& r, const Parameters& parameters) {
    switch (r.kind) {
    case Requirement::Kind::None:
        return {Term{}};
    case Requirement::Kind::Undocumented:
        return {};
    case Requirement::Kind::Permission:
        return {Term{r.permission}};
    case Requirement::Kind::When:
        return parameters.count(r.parameter) != 0 ? to_dnf(r.operands.front(), parameters) : Clause{Term{}};
    case Requirement::Kind::AnyOf: {
        Clause out;
        for (const auto& operand : r.operands) {
            Clause inner = to_dnf(operand, parameters);
            out.insert(out.end(), inner.begin(), inner.end());
        }
        return out;
    }
    case Requirement::Kind::AllOf: {
        Clause out{Term{}};
        for (const auto& operand : r.operands) {
            const Clause inner = to_dnf(operand, parameters);
            Clause next;
            for (const auto& left : out) {
                for (const auto& right : inner) {
                    Term merged;
                    std::set_union(left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(merged));
                    next.push_back(std::move(merged));
                }
            }
            if (next.size() > kMaxTerms) {
                throw Error("requirement expands to more than " + std::to_string(kMaxTerms) + " alternatives");
            }
            out = std::move(next);
        }
        return out;
    }
    }
    return {};
}

// Does every role satisfying `strong` also satisfy `weak`?
bool term_implies(const ImplicationGraph& graph, const Term& strong, const Term& weak) {
    return std::all_of(weak.begin(), weak.end(), [&](PermissionId b) {
        return std::any_of(strong.begin(), strong.end(), [&](PermissionId a) { return graph.implies(a, b); });
    });
}

// Keeps only the weakest terms: a term that implies another is never the cheaper choice.
Clause simplify(const ImplicationGraph& graph, Clause clause) {
    for (auto& term : clause) {
        std::sort(term.begin(), term.end());
        term.erase(std::unique(term.begin(), term.end()), term.end());
        // Inside a term, an atom implied by another atom of the term adds nothing.
        Term reduced;
        for (PermissionId b : term) {
            const bool covered = std::any_of(term.begin(), term.end(),
                                             [&](PermissionId a) { return a != b && graph.implies(a, b); });
            if (!covered) {
                reduced.push_back(b);
            }
        }
        term = std::move(reduced);
    }
    std::sort(clause.begin(), clause.end());
    clause.erase(std::unique(clause.begin(), clause.end()), clause.end());
    Clause kept;
    for (std::size_t i = 0; i < clause.size(); ++i) {
        bool redundant = false;
        for (std::size_t j = 0; j < clause.size() && !redundant; ++j) {
            if (i == j || !term_implies(graph, clause[i], clause[j])) {
                continue;
            }
            // i implies j: drop i unless they are equivalent and i comes first.
            redundant = !term_implies(graph, clause[j], clause[i]) || j < i;
        }
        if (!redundant) {
            kept.push_back(clause[i]);
        }
    }
    return kept;
}


// Exact reductions that leave the set of satisfying roles unchanged, so that independent parts
// of a large intent fall into separate components:
//   * a clause with a single term is the conjunction of its atoms: each atom becomes its own
//     clause (it must be covered whatever else is chosen);
//   * every role covers the closure of those forced atoms, so a forced atom implied by another
//     forced atom, and any clause with a term inside that closure, is already met;
//   * atoms inside the closure are dropped from the remaining terms.
// Small intents (up to kReduceAbove clauses) are passed through untouched: the search then sees
// exactly the clauses it always saw and enumerates ties in the same order.
constexpr std::size_t kReduceAbove = 64;

std::vector<Clause> reduce(const ImplicationGraph& graph, const std::set<Clause>& distinct) {
    if (distinct.size() <= kReduceAbove) {
        return {distinct.begin(), distinct.end()};
    }
    PermissionSet forced = graph.empty_set();
    for (const auto& clause : distinct) {
        if (clause.size() == 1) {
            for (PermissionId a : clause.front()) {
                forced.set(a);
            }
        }
    }
    PermissionSet covered = graph.empty_set();
    for (auto a = forced.find_first(); a != PermissionSet::npos; a = forced.find_next(a)) {
        covered |= graph.implied_by_one(static_cast<PermissionId>(a));
    }
    std::vector<Clause> out;
    for (auto a = forced.find_first(); a != PermissionSet::npos; a = forced.find_next(a)) {
        // Dropped when another forced atom implies it: covering that one covers this one.
        bool implied = false;
        const auto& providers = graph.providers(static_cast<PermissionId>(a));
        for (auto q = providers.find_first(); q != PermissionSet::npos && !implied; q = providers.find_next(q)) {
            implied = q != a && forced.test(q);
        }
        if (!implied) {
            out.push_back(Clause{Term{static_cast<PermissionId>(a)}});
        }
    }
    std::set<Clause> rest;
    for (const auto& clause : distinct) {
        if (clause.size() == 1) {
            continue;
        }
        Clause reduced;
        bool met = false;
        for (const auto& term : clause) {
            Term left;
            for (PermissionId a : term) {
                if (!covered.test(a)) {
                    left.push_back(a);
                }
            }
            met = met || left.empty();
            reduced.push_back(std::move(left));
        }
        if (!met) {
            rest.insert(simplify(graph, std::move(reduced)));
        }
    }
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

// Union-find over atoms: two atoms belong together when a clause names both or when one
// permission (or one parent) can provide both. Components are then solved independently.
std::vector<Component> split(const Model& model, std::vector<Clause> clauses) {
    const ImplicationGraph& graph = *model.graph;
    std::vector<PermissionId> parent(graph.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](PermissionId x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    };
    auto unite = [&](PermissionId a, PermissionId b) { parent[find(a)] = find(b); };
    std::set<PermissionId> atoms;
    for (const auto& clause : clauses) {
        std::optional<PermissionId> first;
        for (const auto& term : clause) {
            for (PermissionId a : term) {
                atoms.insert(a);
                if (first) {
                    unite(*first, a);
                } else {
                    first = a;
                }
            }
        }
    }
    for (PermissionId a : atoms) {
        const auto& providers = graph.providers(a);
        for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
            unite(a, static_cast<PermissionId>(q));
            for (PermissionId ancestor : graph.ancestors(static_cast<PermissionId>(q))) {
                unite(a, ancestor);
            }
        }
    }
    std::map<PermissionId, std::size_t> index;
    std::vector<Component> components;
    for (auto& clause : clauses) {
        const PermissionId root = find(clause.front().front());
        auto [it, inserted] = index.emplace(root, components.size());
        if (inserted) {
            components.emplace_back();
        }
        components[it->second].clauses.push_back(std::move(clause));
    }
    return components;
}

} // namespace

int role_cost(const Catalog& catalog, const PermissionSet& role) {
    int cost = 0;
    for (auto id = role.find_first(); id != PermissionSet::npos; id = role.find_next(id)) {
        cost += catalog.at(static_cast<PermissionId>(id)).cost();
    }
    return cost;
}

namespace {

// Deterministic pick among tied roles: the one whose sorted names come first.
PermissionSet first_by_names(const Catalog& catalog, const std::vector<PermissionSet>& roles) {
    const auto sorted_names = [&](const PermissionSet& role) {
        std::vector<std::string> out;
        for (auto x = role.find_first(); x != PermissionSet::npos; x = role.find_next(x)) {
            out.push_back(catalog.at(static_cast<PermissionId>(x)).name);
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    return *std::min_element(roles.begin(), roles.end(),
                             [&](const PermissionSet& a, const PermissionSet& b) { return sorted_names(a) < sorted_names(b); });
}

} // namespace

Solution solve(const Model& model, const std::vector<SolveInput>& inputs, const SolveOptions& options) {
    const ImplicationGraph& graph = *model.graph;
    Solution solution;
    solution.role = graph.empty_set();
    // Identical (requirement, parameters) pairs are common: convert each once. Only the
    // parameters a When clause of the requirement tests matter for its conversion.
    struct Converted {
        std::set<std::string> conditional;
        std::map<std::vector<std::string>, std::pair<bool, const Clause*>> by_parameters; // (unsatisfiable, clause)
    };
    std::map<const Requirement*, Converted> converted;
    std::set<Clause> distinct;
    const Clause empty_clause;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        auto [entry, fresh] = converted.try_emplace(inputs[i].requirement);
        if (fresh) {
            entry->second.conditional = inputs[i].requirement->conditional_parameters();
        }
        std::vector<std::string> relevant;
        for (const auto& parameter : entry->second.conditional) {
            if (inputs[i].parameters->count(parameter) != 0) {
                relevant.push_back(parameter);
            }
        }
        auto [known, first_time] = entry->second.by_parameters.try_emplace(std::move(relevant), false, &empty_clause);
        if (first_time) {
            Clause clause = simplify(graph, to_dnf(*inputs[i].requirement, *inputs[i].parameters));
            const bool trivially_met =
                std::any_of(clause.begin(), clause.end(), [](const Term& t) { return t.empty(); });
            known->second.first = clause.empty();
            if (!clause.empty() && !trivially_met) {
                known->second.second = &*distinct.insert(std::move(clause)).first;
            }
        }
        if (known->second.first) {
            solution.unsatisfiable.push_back(i);
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + options.budget;
    std::vector<PermissionSet> tie_variants; // per component, roles of equal cost beyond the first
    for (const auto& component : split(model, reduce(graph, distinct))) {
        Search search(model, component, options.max_alternatives, deadline);
        search.run();
        const auto& optima = search.optima();
        const PermissionSet primary = first_by_names(model.catalog, optima);
        solution.role |= primary;
        solution.exact = solution.exact && search.exact();
        solution.lower_bound += search.exact() ? search.best() : search.root_bound();
        for (const auto& other : optima) {
            if (other != primary) {
                // Expressed as (component primary, alternative) and applied after the loop.
                tie_variants.push_back(primary);
                tie_variants.push_back(other);
            }
        }
    }
    for (std::size_t i = 0; i + 1 < tie_variants.size() && solution.alternatives.size() < options.max_alternatives;
         i += 2) {
        PermissionSet alternative = solution.role;
        alternative -= tie_variants[i];
        alternative |= tie_variants[i + 1];
        solution.alternatives.push_back(alternative);
    }
    solution.cost = role_cost(model.catalog, solution.role);
    if (solution.exact) {
        solution.lower_bound = solution.cost;
    }
    return solution;
}

} // namespace minrole

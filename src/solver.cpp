#include "minrole/solver.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <map>
#include <numeric>
#include <set>

namespace minrole {

namespace {

using Term = std::vector<PermissionId>;   // all of these atoms, sorted
using Clause = std::vector<Term>;         // any one of these terms

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

struct Component {
    std::vector<Clause> clauses;
};

class Search {
public:
    Search(const Model& model, const Component& component, std::size_t max_ties,
           std::chrono::steady_clock::time_point deadline)
        : catalog_(model.catalog), graph_(*model.graph), component_(component), max_ties_(max_ties),
          deadline_(deadline) {}

    void run() {
        PermissionSet chosen = graph_.empty_set();
        PermissionSet effective = graph_.empty_set();
        greedy_incumbent();
        root_bound_ = bound(chosen, effective, {});
        std::vector<PermissionId> committed;
        recurse(chosen, effective, 0, committed);
    }

    [[nodiscard]] const std::vector<PermissionSet>& optima() const { return optima_; }
    [[nodiscard]] int best() const { return best_; }
    [[nodiscard]] bool exact() const { return !stopped_; }
    [[nodiscard]] int root_bound() const { return root_bound_; }

private:
    const Catalog& catalog_;
    const ImplicationGraph& graph_;
    const Component& component_;
    std::size_t max_ties_;
    std::chrono::steady_clock::time_point deadline_;
    std::vector<PermissionSet> optima_;
    int best_ = std::numeric_limits<int>::max();
    int root_bound_ = 0;
    std::size_t nodes_ = 0;
    bool stopped_ = false;

    // Cost of adding q (and the parents it needs) to a role holding `chosen`.
    [[nodiscard]] int increment(const PermissionSet& chosen, PermissionId q) const {
        if (chosen.test(q)) {
            return 0;
        }
        int c = catalog_.at(q).cost();
        for (PermissionId a : graph_.ancestors(q)) {
            c += chosen.test(a) ? 0 : catalog_.at(a).cost();
        }
        return c;
    }

    void add(PermissionSet& chosen, PermissionSet& effective, PermissionId q) const {
        chosen.set(q);
        effective |= graph_.implied_by_one(q);
        for (PermissionId a : graph_.ancestors(q)) {
            chosen.set(a);
            effective |= graph_.implied_by_one(a);
        }
    }

    [[nodiscard]] int cheapest_provider(const PermissionSet& chosen, PermissionId atom) const {
        int best = std::numeric_limits<int>::max();
        const auto& providers = graph_.providers(atom);
        for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
            best = std::min(best, increment(chosen, static_cast<PermissionId>(q)));
        }
        return best;
    }

    [[nodiscard]] static bool term_met(const PermissionSet& effective, const Term& term) {
        return std::all_of(term.begin(), term.end(), [&](PermissionId a) { return effective.test(a); });
    }

    [[nodiscard]] static bool clause_met(const PermissionSet& effective, const Clause& clause) {
        return std::any_of(clause.begin(), clause.end(), [&](const Term& t) { return term_met(effective, t); });
    }

    // Admissible: every uncovered committed atom and every open clause needs at least this much more.
    [[nodiscard]] int bound(const PermissionSet& chosen, const PermissionSet& effective,
                            const std::vector<PermissionId>& committed) const {
        int lb = 0;
        for (PermissionId a : committed) {
            if (!effective.test(a)) {
                lb = std::max(lb, cheapest_provider(chosen, a));
            }
        }
        for (const auto& clause : component_.clauses) {
            if (clause_met(effective, clause)) {
                continue;
            }
            int cheapest_term = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int need = 0;
                for (PermissionId a : term) {
                    if (!effective.test(a)) {
                        need = std::max(need, cheapest_provider(chosen, a));
                    }
                }
                cheapest_term = std::min(cheapest_term, need);
            }
            lb = std::max(lb, cheapest_term);
        }
        return lb;
    }

    void greedy_incumbent() {
        PermissionSet chosen = graph_.empty_set();
        PermissionSet effective = graph_.empty_set();
        int cost = 0;
        for (const auto& clause : component_.clauses) {
            if (clause_met(effective, clause)) {
                continue;
            }
            const Term* pick = nullptr;
            int pick_cost = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int c = 0;
                for (PermissionId a : term) {
                    c += effective.test(a) ? 0 : increment(chosen, a);
                }
                if (c < pick_cost) {
                    pick_cost = c;
                    pick = &term;
                }
            }
            for (PermissionId a : *pick) {
                if (!effective.test(a)) {
                    cost += increment(chosen, a);
                    add(chosen, effective, a);
                }
            }
        }
        best_ = cost;
        optima_ = {chosen};
    }

    void record(const PermissionSet& chosen, int cost) {
        if (cost < best_) {
            best_ = cost;
            optima_.clear();
        }
        if (optima_.size() <= max_ties_ && std::find(optima_.begin(), optima_.end(), chosen) == optima_.end()) {
            optima_.push_back(chosen);
        }
    }

    void recurse(PermissionSet& chosen, PermissionSet& effective, int cost, std::vector<PermissionId>& committed) {
        if (stopped_) {
            return;
        }
        if (++nodes_ % 1024 == 0 && std::chrono::steady_clock::now() > deadline_) {
            stopped_ = true;
            return;
        }
        if (cost + bound(chosen, effective, committed) > best_) {
            return;
        }
        // First finish the atoms already committed to.
        for (PermissionId atom : committed) {
            if (effective.test(atom)) {
                continue;
            }
            std::vector<std::pair<int, PermissionId>> options;
            const auto& providers = graph_.providers(atom);
            for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
                options.emplace_back(increment(chosen, static_cast<PermissionId>(q)), static_cast<PermissionId>(q));
            }
            std::sort(options.begin(), options.end());
            for (const auto& [extra, q] : options) {
                PermissionSet next_chosen = chosen;
                PermissionSet next_effective = effective;
                add(next_chosen, next_effective, q);
                recurse(next_chosen, next_effective, cost + extra, committed);
            }
            return;
        }
        // Then open the clause with the fewest alternatives.
        const Clause* open = nullptr;
        for (const auto& clause : component_.clauses) {
            if (!clause_met(effective, clause) && (open == nullptr || clause.size() < open->size())) {
                open = &clause;
            }
        }
        if (open == nullptr) {
            record(chosen, cost);
            return;
        }
        for (const auto& term : *open) {
            const std::size_t mark = committed.size();
            committed.insert(committed.end(), term.begin(), term.end());
            recurse(chosen, effective, cost, committed);
            committed.resize(mark);
        }
    }
};

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

Solution solve(const Model& model, const std::vector<SolveInput>& inputs, const SolveOptions& options) {
    const ImplicationGraph& graph = *model.graph;
    Solution solution;
    solution.role = graph.empty_set();
    // Identical (requirement, parameters) pairs are common: convert each once.
    std::set<Clause> distinct;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        Clause clause = simplify(graph, to_dnf(*inputs[i].requirement, *inputs[i].parameters));
        if (clause.empty()) {
            solution.unsatisfiable.push_back(i);
            continue;
        }
        const bool trivially_met = std::any_of(clause.begin(), clause.end(), [](const Term& t) { return t.empty(); });
        if (!trivially_met) {
            distinct.insert(std::move(clause));
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + options.budget;
    std::vector<PermissionSet> tie_variants; // per component, roles of equal cost beyond the first
    for (const auto& component : split(model, std::vector<Clause>(distinct.begin(), distinct.end()))) {
        Search search(model, component, options.max_alternatives, deadline);
        search.run();
        const auto& optima = search.optima();
        const PermissionSet primary = *std::min_element(optima.begin(), optima.end(), [&](const auto& a, const auto& b) {
            // Deterministic pick among ties: the role whose sorted names come first.
            std::vector<std::string> na;
            std::vector<std::string> nb;
            for (auto x = a.find_first(); x != PermissionSet::npos; x = a.find_next(x)) {
                na.push_back(model.catalog.at(static_cast<PermissionId>(x)).name);
            }
            for (auto x = b.find_first(); x != PermissionSet::npos; x = b.find_next(x)) {
                nb.push_back(model.catalog.at(static_cast<PermissionId>(x)).name);
            }
            std::sort(na.begin(), na.end());
            std::sort(nb.begin(), nb.end());
            return na < nb;
        });
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

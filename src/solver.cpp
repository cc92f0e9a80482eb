#include "minrole/solver.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <map>
#include <numeric>
#include <set>

namespace minrole {

int role_cost(const Catalog& catalog, const PermissionSet& role);

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
          deadline_(deadline) {
        prepare_packing();
    }

    void run() {
        PermissionSet chosen = graph_.empty_set();
        PermissionSet effective = graph_.empty_set();
        greedy_incumbent();
        improve_incumbent();
        root_bound_ = bound(chosen, effective, {});
        std::vector<PermissionId> committed;
        recurse(chosen, effective, 0, committed);
        if (optima_.empty()) {
            // The budget ran out before the search met the improved incumbent again.
            optima_.push_back(fallback_);
        }
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
    PermissionSet fallback_;                   // improved incumbent when it beat the plain greedy one
    std::vector<int> atom_need_;               // per permission: least own cost of any provider
    std::vector<PermissionSet> footprint_;     // per clause: every provider of any of its atoms
    std::vector<std::size_t> packing_order_;   // clauses, largest standalone need first

    // Per atom, the cheapest provider's own cost; per clause, which permissions could help it.
    void prepare_packing() {
        atom_need_.assign(graph_.size(), 0);
        std::vector<char> seen(graph_.size(), 0);
        for (const auto& clause : component_.clauses) {
            for (const auto& term : clause) {
                for (PermissionId a : term) {
                    if (seen[a]) {
                        continue;
                    }
                    seen[a] = 1;
                    int need = std::numeric_limits<int>::max();
                    const auto& providers = graph_.providers(a);
                    for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
                        need = std::min(need, catalog_.at(static_cast<PermissionId>(q)).cost());
                    }
                    atom_need_[a] = need;
                }
            }
        }
        std::vector<int> standalone;
        for (const auto& clause : component_.clauses) {
            PermissionSet footprint = graph_.empty_set();
            int cheapest_term = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int need = 0;
                for (PermissionId a : term) {
                    footprint |= graph_.providers(a);
                    need = std::max(need, atom_need_[a]);
                }
                cheapest_term = std::min(cheapest_term, need);
            }
            footprint_.push_back(std::move(footprint));
            standalone.push_back(cheapest_term);
        }
        packing_order_.resize(component_.clauses.size());
        std::iota(packing_order_.begin(), packing_order_.end(), std::size_t{0});
        std::stable_sort(packing_order_.begin(), packing_order_.end(),
                         [&](std::size_t a, std::size_t b) { return standalone[a] > standalone[b]; });
    }

    // Admissible and additive: open items (uncovered committed atoms, open clauses) no single
    // permission can serve together each need their own permission, so their needs add up.
    // Parents are left out here since one parent can serve many items.
    [[nodiscard]] int packing_bound(const PermissionSet& effective, const std::vector<PermissionId>& committed) const {
        PermissionSet used = graph_.empty_set();
        int sum = 0;
        for (PermissionId a : committed) {
            const auto& footprint = graph_.providers(a);
            if (!effective.test(a) && !footprint.intersects(used)) {
                sum += atom_need_[a];
                used |= footprint;
            }
        }
        for (std::size_t i : packing_order_) {
            const Clause& clause = component_.clauses[i];
            if (footprint_[i].intersects(used) || clause_met(effective, clause)) {
                continue;
            }
            int cheapest_term = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int need = 0;
                for (PermissionId a : term) {
                    if (!effective.test(a)) {
                        need = std::max(need, atom_need_[a]);
                    }
                }
                cheapest_term = std::min(cheapest_term, need);
            }
            sum += cheapest_term;
            used |= footprint_[i];
        }
        return sum;
    }

    // A second incumbent: clauses with fewer alternatives and larger needs first, then members
    // that the rest already make redundant are dropped. Only its cost is used to prune; the
    // optima are still collected in the search's own order, so ties come out as before.
    void improve_incumbent() {
        std::vector<std::size_t> order(component_.clauses.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::vector<std::size_t> rank(order.size());
        for (std::size_t k = 0; k < packing_order_.size(); ++k) {
            rank[packing_order_[k]] = k;
        }
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto sa = component_.clauses[a].size();
            const auto sb = component_.clauses[b].size();
            return sa != sb ? sa < sb : rank[a] < rank[b];
        });
        PermissionSet chosen = graph_.empty_set();
        PermissionSet effective = graph_.empty_set();
        for (std::size_t i : order) {
            const Clause& clause = component_.clauses[i];
            if (clause_met(effective, clause)) {
                continue;
            }
            const Term* pick = nullptr;
            int pick_cost = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int c = 0;
                for (PermissionId a : term) {
                    c += effective.test(a) ? 0 : cheapest_provider(chosen, a);
                }
                if (c < pick_cost) {
                    pick_cost = c;
                    pick = &term;
                }
            }
            for (PermissionId a : *pick) {
                if (effective.test(a)) {
                    continue;
                }
                PermissionId best_q = a;
                int best_c = std::numeric_limits<int>::max();
                const auto& providers = graph_.providers(a);
                for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
                    const int c = increment(chosen, static_cast<PermissionId>(q));
                    if (c < best_c) {
                        best_c = c;
                        best_q = static_cast<PermissionId>(q);
                    }
                }
                add(chosen, effective, best_q);
            }
        }
        // Reverse delete: most expensive members first.
        std::vector<PermissionId> members;
        for (auto q = chosen.find_first(); q != PermissionSet::npos; q = chosen.find_next(q)) {
            members.push_back(static_cast<PermissionId>(q));
        }
        std::stable_sort(members.begin(), members.end(),
                         [&](PermissionId a, PermissionId b) { return catalog_.at(a).cost() > catalog_.at(b).cost(); });
        for (PermissionId q : members) {
            PermissionSet trial = chosen;
            trial.reset(q);
            PermissionSet trial_effective = graph_.empty_set();
            bool parents_kept = true;
            for (auto m = trial.find_first(); m != PermissionSet::npos; m = trial.find_next(m)) {
                trial_effective |= graph_.implied_by_one(static_cast<PermissionId>(m));
                for (PermissionId a : graph_.ancestors(static_cast<PermissionId>(m))) {
                    parents_kept = parents_kept && trial.test(a);
                }
            }
            if (parents_kept && std::all_of(component_.clauses.begin(), component_.clauses.end(),
                                            [&](const Clause& c) { return clause_met(trial_effective, c); })) {
                chosen = std::move(trial);
            }
        }
        const int cost = role_cost(catalog_, chosen);
        if (cost < best_) {
            best_ = cost;
            optima_.clear();
            fallback_ = chosen;
        }
    }

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
        return std::max(lb, packing_bound(effective, committed));
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

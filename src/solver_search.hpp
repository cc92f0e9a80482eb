#pragma once
// The solver's branch and bound over one independent component of an intent's requirements
// (solver.cpp splits and reduces them first): the least-cost roles that satisfy every clause,
// keeping ties, within a time budget. Private to solver.cpp.
#include "minrole/solver.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace minrole {

int role_cost(const Catalog& catalog, const PermissionSet& role);

namespace solver_detail {

using Term = std::vector<PermissionId>; // all of these atoms, sorted
using Clause = std::vector<Term>;       // any one of these terms

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
            int cheapest = std::numeric_limits<int>::max();
            for (const auto& term : clause) {
                int need = 0;
                for (PermissionId a : term) {
                    footprint |= graph_.providers(a);
                    need = std::max(need, atom_need_[a]);
                }
                cheapest = std::min(cheapest, need);
            }
            footprint_.push_back(std::move(footprint));
            standalone.push_back(cheapest);
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
            const int cheapest = least_need(clause, effective, [&](PermissionId a) { return atom_need_[a]; });
            sum += cheapest;
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
            const Term* pick = cheapest_term(clause, effective, [&](PermissionId a) { return cheapest_provider(chosen, a); });
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
            const int cheapest = least_need(clause, effective, [&](PermissionId a) { return cheapest_provider(chosen, a); });
            lb = std::max(lb, cheapest);
        }
        return std::max(lb, packing_bound(effective, committed));
    }

    // A lower bound of what the clause still costs: over its terms, the least of the largest need
    // of an atom `effective` lacks.
    template <class Need>
    int least_need(const Clause& clause, const PermissionSet& effective, const Need& need_of) const {
        int least = std::numeric_limits<int>::max();
        for (const auto& term : clause) {
            int need = 0;
            for (PermissionId a : term) {
                if (!effective.test(a)) {
                    need = std::max(need, need_of(a));
                }
            }
            least = std::min(least, need);
        }
        return least;
    }

    // The term of the clause that costs least to add, given what `effective` already holds.
    template <class Cost>
    const Term* cheapest_term(const Clause& clause, const PermissionSet& effective, const Cost& cost_of) const {
        const Term* pick = nullptr;
        int pick_cost = std::numeric_limits<int>::max();
        for (const auto& term : clause) {
            int c = 0;
            for (PermissionId a : term) {
                c += effective.test(a) ? 0 : cost_of(a);
            }
            if (c < pick_cost) {
                pick_cost = c;
                pick = &term;
            }
        }
        return pick;
    }

    void greedy_incumbent() {
        PermissionSet chosen = graph_.empty_set();
        PermissionSet effective = graph_.empty_set();
        int cost = 0;
        for (const auto& clause : component_.clauses) {
            if (clause_met(effective, clause)) {
                continue;
            }
            const Term* pick = cheapest_term(clause, effective, [&](PermissionId a) { return increment(chosen, a); });
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

} // namespace solver_detail

} // namespace minrole

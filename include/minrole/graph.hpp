#pragma once
// Implication between permissions as a Boost.Graph digraph. Two kinds of edge:
//   implies: holding the source also gives the target (Read-Write X => Read-Only X);
//   parent:  the source only takes effect when the target is granted too (Edit Email needs
//            Access Design Studio).
// Closures are precomputed once so that the solver and evaluator ask O(1)/O(n/64) questions.
#include "minrole/catalog.hpp"

#include <boost/dynamic_bitset.hpp>
#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <vector>

namespace minrole {

using PermissionSet = boost::dynamic_bitset<>;

enum class EdgeKind { Implies, Parent };

class ImplicationGraph {
public:
    struct EdgeProps {
        EdgeKind kind = EdgeKind::Implies;
    };
    using Digraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, EdgeProps>;

    // Throws a located Error naming the cycle when implies or parent edges loop.
    explicit ImplicationGraph(const Catalog& catalog);

    [[nodiscard]] std::size_t size() const { return closure_.size(); }
    [[nodiscard]] PermissionSet empty_set() const { return PermissionSet(size()); }

    // Everything the set gives, counting implication transitively (the set included).
    [[nodiscard]] PermissionSet effective(const PermissionSet& granted) const;
    [[nodiscard]] bool implies(PermissionId holder, PermissionId target) const { return closure_[holder].test(target); }
    [[nodiscard]] const PermissionSet& implied_by_one(PermissionId holder) const { return closure_[holder]; }
    // Every permission whose holder gets `target` (target included).
    [[nodiscard]] const PermissionSet& providers(PermissionId target) const { return providers_[target]; }
    // Parent chain a permission needs to take effect, nearest first.
    [[nodiscard]] const std::vector<PermissionId>& ancestors(PermissionId id) const { return ancestors_[id]; }
    // The set plus every parent its members need.
    [[nodiscard]] PermissionSet with_parents(const PermissionSet& granted) const;
    [[nodiscard]] const Digraph& digraph() const { return graph_; }

private:
    [[nodiscard]] PermissionSet compute_effective(const PermissionSet& granted) const;

    Digraph graph_;
    std::vector<PermissionSet> closure_;
    std::vector<PermissionSet> providers_;
    std::vector<std::vector<PermissionId>> ancestors_;
    std::uint64_t id_ = 0; // distinguishes graphs in effective()'s per-thread cache
};

} // namespace minrole

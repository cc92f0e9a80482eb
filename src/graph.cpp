#include "minrole/graph.hpp"

#include <boost/graph/depth_first_search.hpp>

#include <array>
#include <atomic>
#include <string>

namespace minrole {

namespace {

std::atomic<std::uint64_t> next_graph_id{1};

// effective() is asked about the same few sets over and over (audit tests a role, then the role
// minus one member, against every operation): a small per-thread cache of recent answers.
struct EffectiveCache {
    struct Entry {
        std::uint64_t graph = 0;
        PermissionSet granted;
        PermissionSet effective;
    };
    std::array<Entry, 4> entries;
    std::size_t next = 0;
};

// Records the first back edge DFS meets; the predecessor chain then spells the cycle.
struct CycleFinder : boost::default_dfs_visitor {
    std::vector<std::size_t>* predecessor;
    std::pair<std::size_t, std::size_t>* found_edge;
    bool* found;

    template <class Edge, class Graph>
    void tree_edge(Edge e, const Graph& g) {
        (*predecessor)[boost::target(e, g)] = boost::source(e, g);
    }
    template <class Edge, class Graph>
    void back_edge(Edge e, const Graph& g) {
        if (!*found) {
            *found = true;
            *found_edge = {boost::source(e, g), boost::target(e, g)};
        }
    }
};

void reject_cycles(const Catalog& catalog, EdgeKind kind, const char* what) {
    using Sub = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Sub sub(catalog.size());
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        const Permission& p = catalog.at(id);
        if (kind == EdgeKind::Implies) {
            for (PermissionId t : p.implies) {
                boost::add_edge(id, t, sub);
            }
        } else if (p.parent) {
            boost::add_edge(id, *p.parent, sub);
        }
    }
    std::vector<std::size_t> predecessor(catalog.size());
    for (std::size_t i = 0; i < predecessor.size(); ++i) {
        predecessor[i] = i;
    }
    std::pair<std::size_t, std::size_t> back{0, 0};
    bool found = false;
    CycleFinder visitor;
    visitor.predecessor = &predecessor;
    visitor.found_edge = &back;
    visitor.found = &found;
    boost::depth_first_search(sub, boost::visitor(visitor));
    if (!found) {
        return;
    }
    // back = (u, v): v is an ancestor of u on the DFS tree; walk u up to v.
    std::vector<std::size_t> path{back.first};
    for (std::size_t at = back.first; at != back.second && predecessor[at] != at;) {
        at = predecessor[at];
        path.push_back(at);
    }
    std::string cycle;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        cycle += "'" + catalog.at(static_cast<PermissionId>(*it)).name + "' -> ";
    }
    cycle += "'" + catalog.at(static_cast<PermissionId>(back.second)).name + "'";
    throw Error(catalog.at(static_cast<PermissionId>(back.second)).where,
                std::string(what) + " cycle: " + cycle);
}

} // namespace

ImplicationGraph::ImplicationGraph(const Catalog& catalog)
    : graph_(catalog.size()), closure_(catalog.size(), PermissionSet(catalog.size())),
      providers_(catalog.size(), PermissionSet(catalog.size())), ancestors_(catalog.size()),
      id_(next_graph_id.fetch_add(1)) {
    reject_cycles(catalog, EdgeKind::Implies, "implication");
    reject_cycles(catalog, EdgeKind::Parent, "parent");
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        const Permission& p = catalog.at(id);
        for (PermissionId t : p.implies) {
            boost::add_edge(id, t, EdgeProps{EdgeKind::Implies}, graph_);
        }
        if (p.parent) {
            boost::add_edge(id, *p.parent, EdgeProps{EdgeKind::Parent}, graph_);
        }
    }
    // Acyclic, so a memoised DFS over implies edges gives each transitive closure.
    std::vector<char> done(catalog.size(), 0);
    auto visit = [&](auto&& self, PermissionId id) -> void {
        if (done[id]) {
            return;
        }
        closure_[id].set(id);
        auto [begin, end] = boost::out_edges(id, graph_);
        for (auto e = begin; e != end; ++e) {
            if (graph_[*e].kind != EdgeKind::Implies) {
                continue;
            }
            const auto t = static_cast<PermissionId>(boost::target(*e, graph_));
            self(self, t);
            closure_[id] |= closure_[t];
        }
        done[id] = 1;
    };
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        visit(visit, id);
        for (auto t = closure_[id].find_first(); t != PermissionSet::npos; t = closure_[id].find_next(t)) {
            providers_[t].set(id);
        }
        for (auto at = catalog.at(id).parent; at; at = catalog.at(*at).parent) {
            ancestors_[id].push_back(*at);
        }
    }
}

PermissionSet ImplicationGraph::effective(const PermissionSet& granted) const {
    thread_local EffectiveCache cache;
    for (const auto& entry : cache.entries) {
        if (entry.graph == id_ && entry.granted == granted) {
            return entry.effective;
        }
    }
    PermissionSet out = compute_effective(granted);
    auto& slot = cache.entries[cache.next];
    cache.next = (cache.next + 1) % cache.entries.size();
    slot.graph = id_;
    slot.granted = granted;
    slot.effective = out;
    return out;
}

PermissionSet ImplicationGraph::compute_effective(const PermissionSet& granted) const {
    // A member whose parent chain is not effective gives nothing (Marketo greys it out), and
    // dropping one member can make another's parent vanish: iterate to the fixpoint.
    PermissionSet active = granted;
    for (;;) {
        PermissionSet out(size());
        for (auto id = active.find_first(); id != PermissionSet::npos; id = active.find_next(id)) {
            out |= closure_[id];
        }
        bool changed = false;
        for (auto id = active.find_first(); id != PermissionSet::npos; id = active.find_next(id)) {
            for (PermissionId a : ancestors_[id]) {
                if (!active.test(a)) {
                    active.reset(id);
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) {
            return out;
        }
    }
}

PermissionSet ImplicationGraph::with_parents(const PermissionSet& granted) const {
    PermissionSet out = granted;
    for (auto id = granted.find_first(); id != PermissionSet::npos; id = granted.find_next(id)) {
        for (PermissionId a : ancestors_[id]) {
            out.set(a);
        }
    }
    return out;
}

} // namespace minrole

// The implication graph as inline SVG, laid out here rather than by Graphviz (ARCHITECTURE.md,
// "HTML report"): a layered (Sugiyama-style) drawing of a directed acyclic graph of at most a few
// hundred nodes. Steps: longest-path layers from the holders to what they imply or need;
// virtual nodes on edges that span several layers; crossing reduction by barycenter sweeps;
// y positions from the neighbours' barycenters, pushed apart to keep the order; edges as cubic
// curves through their virtual nodes. Every tie is broken by catalog order, so the same
// permissions give the same bytes.
#include "html/html.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace minrole::html {

namespace {

constexpr double kNodeHeight = 26;
constexpr double kRowGap = 12;
constexpr double kLayerGap = 70;
constexpr double kMargin = 16;

const char* state_class(NodeState state) {
    switch (state) {
    case NodeState::Granted:
        return "granted";
    case NodeState::Implied:
        return "implied";
    case NodeState::Needed:
        return "needed";
    case NodeState::Missing:
        return "missing";
    case NodeState::Unused:
        return "unused";
    case NodeState::Other:
        break;
    }
    return "other";
}

const char* state_words(NodeState state) {
    switch (state) {
    case NodeState::Granted:
        return "granted and needed";
    case NodeState::Implied:
        return "implied by a grant";
    case NodeState::Needed:
        return "in the role";
    case NodeState::Missing:
        return "needed but not granted";
    case NodeState::Unused:
        return "granted but not needed";
    case NodeState::Other:
        break;
    }
    return "needed as a parent";
}

std::size_t code_points(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct LayoutNode {
    int index = -1; // into the real nodes; -1 for a virtual node
    int layer = 0;
    double width = 0;
    double x = 0;
    double y = 0;
    double order = 0; // position inside its layer, for the sweeps
    std::vector<int> up;   // neighbours in the previous layer
    std::vector<int> down; // neighbours in the next layer
};

struct Edge {
    int from = 0;
    int to = 0;
    EdgeKind kind = EdgeKind::Implies;
};

std::string fmt_num(double v) { return fmt::format("{:.1f}", v); }

} // namespace

std::string implication_graph(const Model& model, const std::vector<GraphNode>& given, const std::string& id) {
    const Catalog& catalog = model.catalog;
    // The node set: what was given, plus what it implies and the parents it needs.
    std::map<PermissionId, GraphNode> by_id;
    for (const auto& n : given) {
        by_id[n.permission] = n;
    }
    for (const auto& n : given) {
        const auto& closure = model.graph->implied_by_one(n.permission);
        for (auto t = closure.find_first(); t != PermissionSet::npos; t = closure.find_next(t)) {
            by_id.try_emplace(static_cast<PermissionId>(t), GraphNode{static_cast<PermissionId>(t), NodeState::Implied, ""});
        }
    }
    // ancestors() is the whole parent chain, so one pass over the nodes so far adds them all.
    std::vector<PermissionId> so_far;
    for (const auto& [pid, node] : by_id) {
        so_far.push_back(pid);
    }
    for (PermissionId pid : so_far) {
        for (PermissionId a : model.graph->ancestors(pid)) {
            by_id.try_emplace(a, GraphNode{a, NodeState::Other, ""});
        }
    }
    if (by_id.empty()) {
        return "<p class=\"muted\" id=\"" + id + "\">No permissions to draw.</p>\n";
    }
    if (by_id.size() > kMaxGraphNodes) {
        return "<p class=\"muted\" id=\"" + id + "\">The implication graph has " + std::to_string(by_id.size()) +
               " permissions, more than the " + std::to_string(kMaxGraphNodes) +
               " a drawing stays readable with; the matrix lists them all.</p>\n";
    }

    std::vector<GraphNode> nodes;
    std::map<PermissionId, int> index_of;
    for (const auto& [pid, node] : by_id) { // catalog order
        index_of[pid] = static_cast<int>(nodes.size());
        nodes.push_back(node);
    }
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Permission& p = catalog.at(nodes[i].permission);
        for (PermissionId t : p.implies) {
            if (index_of.count(t)) {
                edges.push_back({static_cast<int>(i), index_of[t], EdgeKind::Implies});
            }
        }
        if (p.parent && index_of.count(*p.parent)) {
            edges.push_back({static_cast<int>(i), index_of[*p.parent], EdgeKind::Parent});
        }
    }

    // Isolated permissions (no edge in this set) go into a grid below the layered drawing.
    const std::size_t n = nodes.size();
    std::vector<int> degree(n, 0);
    for (const auto& e : edges) {
        ++degree[static_cast<std::size_t>(e.from)];
        ++degree[static_cast<std::size_t>(e.to)];
    }

    // Longest-path layering (the catalog graph is acyclic: the loader rejects cycles).
    std::vector<int> layer(n, 0);
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& e : edges) {
            if (layer[static_cast<std::size_t>(e.to)] < layer[static_cast<std::size_t>(e.from)] + 1) {
                layer[static_cast<std::size_t>(e.to)] = layer[static_cast<std::size_t>(e.from)] + 1;
                changed = true;
            }
        }
    }

    std::vector<LayoutNode> layout;
    std::vector<int> real_slot(n, -1);
    int layers = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (degree[i] == 0) {
            continue;
        }
        LayoutNode ln;
        ln.index = static_cast<int>(i);
        ln.layer = layer[i];
        ln.width = 22 + 6.8 * static_cast<double>(code_points(catalog.at(nodes[i].permission).name));
        real_slot[i] = static_cast<int>(layout.size());
        layout.push_back(ln);
        layers = std::max(layers, layer[i] + 1);
    }
    // Each edge becomes a chain through virtual nodes, one per layer it crosses.
    std::vector<std::vector<int>> chains;
    for (const auto& e : edges) {
        std::vector<int> chain{real_slot[static_cast<std::size_t>(e.from)]};
        for (int l = layer[static_cast<std::size_t>(e.from)] + 1; l < layer[static_cast<std::size_t>(e.to)]; ++l) {
            LayoutNode v;
            v.layer = l;
            chain.push_back(static_cast<int>(layout.size()));
            layout.push_back(v);
        }
        chain.push_back(real_slot[static_cast<std::size_t>(e.to)]);
        for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
            layout[static_cast<std::size_t>(chain[k])].down.push_back(chain[k + 1]);
            layout[static_cast<std::size_t>(chain[k + 1])].up.push_back(chain[k]);
        }
        chains.push_back(std::move(chain));
    }

    // Crossing reduction: barycenter sweeps down and up; stable sorts keep ties in place.
    std::vector<std::vector<int>> rank(static_cast<std::size_t>(layers));
    for (std::size_t s = 0; s < layout.size(); ++s) {
        rank[static_cast<std::size_t>(layout[s].layer)].push_back(static_cast<int>(s));
    }
    const auto renumber = [&](std::vector<int>& row) {
        for (std::size_t k = 0; k < row.size(); ++k) {
            layout[static_cast<std::size_t>(row[k])].order = static_cast<double>(k);
        }
    };
    for (auto& row : rank) {
        renumber(row);
    }
    const auto barycenter = [&](const std::vector<int>& neighbours, double fallback) {
        if (neighbours.empty()) {
            return fallback;
        }
        double sum = 0;
        for (int m : neighbours) {
            sum += layout[static_cast<std::size_t>(m)].order;
        }
        return sum / static_cast<double>(neighbours.size());
    };
    for (int sweep = 0; sweep < 8; ++sweep) {
        const bool downward = sweep % 2 == 0;
        for (int step = 1; step < layers; ++step) {
            auto& row = rank[static_cast<std::size_t>(downward ? step : layers - 1 - step)];
            std::vector<std::pair<double, int>> keyed;
            for (int s : row) {
                const LayoutNode& ln = layout[static_cast<std::size_t>(s)];
                keyed.emplace_back(barycenter(downward ? ln.up : ln.down, ln.order), s);
            }
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t k = 0; k < row.size(); ++k) {
                row[k] = keyed[k].second;
            }
            renumber(row);
        }
    }

    // Coordinates: x by layer; y near the barycenter of the previous layer, kept in order.
    std::vector<double> layer_x(static_cast<std::size_t>(layers) + 1, kMargin);
    for (int l = 0; l < layers; ++l) {
        double widest = 24;
        for (int s : rank[static_cast<std::size_t>(l)]) {
            widest = std::max(widest, layout[static_cast<std::size_t>(s)].width);
        }
        layer_x[static_cast<std::size_t>(l) + 1] = layer_x[static_cast<std::size_t>(l)] + widest + kLayerGap;
    }
    double height = 0;
    for (int l = 0; l < layers; ++l) {
        double next_free = kMargin;
        for (int s : rank[static_cast<std::size_t>(l)]) {
            LayoutNode& ln = layout[static_cast<std::size_t>(s)];
            const double slot = ln.index < 0 ? 6 : kNodeHeight;
            double want = next_free;
            if (!ln.up.empty()) {
                double sum = 0;
                for (int m : ln.up) {
                    sum += layout[static_cast<std::size_t>(m)].y;
                }
                want = std::max(next_free, sum / static_cast<double>(ln.up.size()));
            }
            ln.y = want;
            ln.x = layer_x[static_cast<std::size_t>(l)];
            next_free = want + slot + kRowGap;
            height = std::max(height, ln.y + slot);
        }
    }
    double width = layer_x[static_cast<std::size_t>(layers)] - kLayerGap + kMargin;

    // The grid of isolated permissions.
    std::vector<std::pair<int, std::pair<double, double>>> grid;
    {
        double column_width = 24;
        std::vector<int> isolated;
        for (std::size_t i = 0; i < n; ++i) {
            if (degree[i] == 0) {
                isolated.push_back(static_cast<int>(i));
                column_width = std::max(column_width, 22 + 6.8 * static_cast<double>(code_points(catalog.at(nodes[i].permission).name)));
            }
        }
        if (!isolated.empty()) {
            const double top = layers > 0 ? height + 2 * kRowGap : kMargin;
            const std::size_t columns =
                std::max<std::size_t>(1, std::min<std::size_t>(4, static_cast<std::size_t>(std::max(width, 900.0) / (column_width + 20))));
            for (std::size_t k = 0; k < isolated.size(); ++k) {
                const double x = kMargin + static_cast<double>(k % columns) * (column_width + 20);
                const double y = top + static_cast<double>(k / columns) * (kNodeHeight + kRowGap);
                grid.push_back({isolated[k], {x, y}});
                height = std::max(height, y + kNodeHeight);
                width = std::max(width, x + column_width + kMargin);
            }
        }
    }
    height += kMargin;

    std::string out = "<figure class=\"graph\" id=\"" + id + "\"><svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      fmt_num(width) + "\" height=\"" + fmt_num(height) + "\" viewBox=\"0 0 " + fmt_num(width) + " " +
                      fmt_num(height) + "\" role=\"img\" aria-label=\"Implication graph of " + std::to_string(n) +
                      " permissions\">";
    out += "<defs><marker id=\"" + id + "-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
           "orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#7d8799\"/></marker></defs>";
    // Edges first, so nodes are drawn over them.
    for (std::size_t c = 0; c < chains.size(); ++c) {
        const auto& chain = chains[c];
        const auto point = [&](int s, bool out_side) {
            const LayoutNode& ln = layout[static_cast<std::size_t>(s)];
            const double cy = ln.y + (ln.index < 0 ? 3 : kNodeHeight / 2);
            const double x = ln.index < 0 ? ln.x + 12 : (out_side ? ln.x + ln.width : ln.x);
            return std::make_pair(x, cy);
        };
        auto [x0, y0] = point(chain.front(), true);
        std::string d = "M" + fmt_num(x0) + "," + fmt_num(y0);
        for (std::size_t k = 1; k < chain.size(); ++k) {
            const auto [x1, y1] = point(chain[k], k + 1 < chain.size());
            const double mid = (x0 + x1) / 2;
            d += "C" + fmt_num(mid) + "," + fmt_num(y0) + " " + fmt_num(mid) + "," + fmt_num(y1) + " " + fmt_num(x1) + "," + fmt_num(y1);
            x0 = x1;
            y0 = y1;
        }
        const Edge& e = edges[c];
        const std::string from = text(catalog.at(nodes[static_cast<std::size_t>(e.from)].permission).name);
        const std::string to = text(catalog.at(nodes[static_cast<std::size_t>(e.to)].permission).name);
        out += "<path class=\"edge " + std::string(e.kind == EdgeKind::Parent ? "parent" : "implies") + "\" data-from=\"" + from +
               "\" data-to=\"" + to + "\" d=\"" + d + "\" marker-end=\"url(#" + id + "-arrow)\"><title>" + from +
               (e.kind == EdgeKind::Parent ? " needs " : " implies ") + to + "</title></path>";
    }
    const auto draw_node = [&](int i, double x, double y, double w) {
        const GraphNode& node = nodes[static_cast<std::size_t>(i)];
        const Permission& p = catalog.at(node.permission);
        const std::string name = text(p.name);
        std::string tip = name + ": " + state_words(node.state) + "; " + to_string(p.risk) + " risk";
        if (!node.note.empty()) {
            tip += "; " + text(node.note);
        }
        out += "<g class=\"node " + std::string(state_class(node.state)) + "\" data-permission=\"" + name + "\"><title>" + tip +
               "</title><rect x=\"" + fmt_num(x) + "\" y=\"" + fmt_num(y) + "\" width=\"" + fmt_num(w) + "\" height=\"" +
               fmt_num(kNodeHeight) + "\" rx=\"4\"/><text x=\"" + fmt_num(x + 11) + "\" y=\"" + fmt_num(y + 17) + "\">" + name +
               "</text></g>";
    };
    for (const auto& ln : layout) {
        if (ln.index >= 0) {
            draw_node(ln.index, ln.x, ln.y, ln.width);
        }
    }
    for (const auto& [i, at] : grid) {
        draw_node(i, at.first, at.second,
                  22 + 6.8 * static_cast<double>(code_points(catalog.at(nodes[static_cast<std::size_t>(i)].permission).name)));
    }
    out += "</svg><figcaption>Arrows point from a permission to what it implies (solid) or to the parent it needs "
           "(dashed). Green: granted and needed; amber: granted, not needed; red: needed, not granted; "
           "blue: in the role; grey dashed: implied. Permissions with no edge stand in the grid below.</figcaption></figure>\n";
    return out;
}

} // namespace minrole::html

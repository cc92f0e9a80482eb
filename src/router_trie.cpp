// Building the router's trie (router_trie.hpp) and matching its segment patterns.
#include "router_trie.hpp"

#include <algorithm>

namespace minrole {

namespace routing {

void split_segments(std::string_view path, std::vector<std::string_view>& out) {
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
}

SegmentPattern::SegmentPattern(std::string_view segment) {
    std::size_t i = 0;
    while (i < segment.size()) {
        if (segment[i] == '{') {
            const std::size_t close = std::min(segment.find('}', i), segment.size());
            pieces.emplace_back(true, segment.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            const std::size_t open = std::min(segment.find('{', i), segment.size());
            pieces.emplace_back(false, segment.substr(i, open - i));
            literal_chars += open - i;
            i = open;
        }
    }
}

bool SegmentPattern::same_shape(const SegmentPattern& other) const {
    return std::equal(pieces.begin(), pieces.end(), other.pieces.begin(), other.pieces.end(),
                      [](const auto& a, const auto& b) { return a.first == b.first && (a.first || a.second == b.second); });
}

bool SegmentPattern::matches_from(std::string_view text, std::size_t at, std::size_t piece) const {
    if (piece == pieces.size()) {
        return at == text.size();
    }
    const auto& [param, literal] = pieces[piece];
    if (!param) {
        return text.compare(at, literal.size(), literal) == 0 && matches_from(text, at + literal.size(), piece + 1);
    }
    // A parameter takes at least one character; try the shortest first.
    for (std::size_t end = at + 1; end <= text.size(); ++end) {
        if (matches_from(text, end, piece + 1)) {
            return true;
        }
    }
    return false;
}

} // namespace routing

void Router::Trie::place(const Edge& edge) {
    const std::size_t mask = edges.size() - 1;
    std::size_t slot = hash(edge.parent, edge.segment) & mask;
    while (edges[slot].child != 0) {
        slot = (slot + 1) & mask;
    }
    edges[slot] = edge;
}

std::uint32_t Router::Trie::literal_child(std::uint32_t parent, std::string_view segment) {
    if (const std::uint32_t child = literal(parent, segment); child != 0) {
        return child;
    }
    if (2 * (edge_count + 1) > edges.size()) {
        std::vector<Edge> old(edges.size() * 2);
        old.swap(edges);
        for (const Edge& edge : old) {
            if (edge.child != 0) {
                place(edge);
            }
        }
    }
    const auto child = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    place(Edge{segment, parent, child});
    ++edge_count;
    return child;
}

std::uint32_t Router::Trie::pattern_child(std::uint32_t parent, std::string_view segment) {
    routing::SegmentPattern pattern(segment);
    if (nodes[parent].patterns == kNone) {
        nodes[parent].patterns = static_cast<std::uint32_t>(pattern_lists.size());
        pattern_lists.emplace_back();
    }
    auto& list = pattern_lists[nodes[parent].patterns];
    for (const auto& [existing, child] : list) {
        if (existing.same_shape(pattern)) {
            return child;
        }
    }
    const auto child = static_cast<std::uint32_t>(nodes.size());
    // After every pattern with at least as much literal text: most specific first, ties in rule order.
    const auto at = std::find_if(list.begin(), list.end(),
                                 [&](const auto& entry) { return entry.first.literal_chars < pattern.literal_chars; });
    list.emplace(at, std::move(pattern), child);
    nodes.emplace_back();
    return child;
}

void Router::Trie::set_method(std::uint32_t node, const std::string& method, EndpointId id) {
    const std::uint8_t index = vocab::method_index(method);
    if (index != vocab::kOtherMethod) {
        nodes[node].methods[index] = id;
        return;
    }
    auto slot = std::find_if(other_methods.begin(), other_methods.end(),
                             [&](const OtherMethod& other) { return other.node == node && other.method == method; });
    if (slot == other_methods.end()) {
        other_methods.push_back(OtherMethod{node, method, id});
    } else {
        slot->id = id;
    }
}

void Router::Trie::prepare_closest(const RuleSet& rules) const {
    std::call_once(closest_once, [&] {
        // A throw (out of memory) lets call_once run this again: start from empty tables.
        lower_paths.clear();
        path_start.clear();
        path_counts.clear();
        method_of.clear();
        path_start.reserve(rules.size() + 1);
        path_counts.reserve(rules.size());
        method_of.reserve(rules.size());
        for (const Endpoint& e : rules.all()) {
            const std::string path = vocab::to_lower(e.path);
            path_start.push_back(static_cast<std::uint32_t>(lower_paths.size()));
            lower_paths += path;
            path_counts.push_back(routing::count_chars(path));
            method_of.push_back(vocab::method_index(e.method));
        }
        path_start.push_back(static_cast<std::uint32_t>(lower_paths.size()));
    });
}

} // namespace minrole

#pragma once
// The router's trie of path templates (Router::Trie) and the segment patterns on its edges.
// Private to the library: router_trie.cpp builds it, router.cpp walks it.
#include "minrole/router.hpp"

#include "router_nearest.hpp"
#include "vocabulary.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole {

namespace routing {

// The non-empty pieces between slashes, appended to `out` (views into `path`).
void split_segments(std::string_view path, std::vector<std::string_view>& out);

inline bool is_literal(std::string_view segment) { return segment.find('{') == std::string_view::npos; }

// A template segment such as "{leadId}.json": literal pieces and parameters alternating, as
// views into the rule's path (the RuleSet outlives the Router).
struct SegmentPattern {
    std::vector<std::pair<bool, std::string_view>> pieces; // (is_parameter, literal text or name)
    std::size_t literal_chars = 0;

    explicit SegmentPattern(std::string_view segment);

    // Parameter names do not count, so {id}.json and {emailId}.json share one trie edge.
    [[nodiscard]] bool same_shape(const SegmentPattern& other) const;

    [[nodiscard]] bool matches(std::string_view text) const { return matches_from(text, 0, 0); }

private:
    [[nodiscard]] bool matches_from(std::string_view text, std::size_t at, std::size_t piece) const;
};

} // namespace routing

// The templates as a trie over path segments, in flat arrays: nodes by index (the root is 0),
// literal edges in one open-addressing table keyed on (parent, segment), parameter edges in lists
// beside the nodes, most literal text first. Built on every start, and each page of memory touched
// costs a page fault, so nodes are small and the edge table grows with use.
struct Router::Trie {
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    using Patterns = std::vector<std::pair<routing::SegmentPattern, std::uint32_t>>; // (pattern, child)

    struct Node {
        std::array<EndpointId, vocab::kMethods.size()> methods; // by method_index(); kNone: no rule
        std::uint32_t patterns = kNone;                         // index into pattern_lists
        Node() { methods.fill(kNone); }
    };

    struct Edge {
        std::string_view segment;
        std::uint32_t parent = 0;
        std::uint32_t child = 0; // 0: empty slot (the root is nobody's child)
    };

    struct OtherMethod { // a method outside kMethods: only from a hand-built RuleSet
        std::uint32_t node;
        std::string_view method;
        EndpointId id;
    };

    std::vector<Node> nodes;
    std::vector<Edge> edges; // size a power of two, at most half full
    std::size_t edge_count = 0;
    std::vector<Patterns> pattern_lists;
    std::vector<OtherMethod> other_methods;

    // Filled on the first closest() call: unmatched operations are rare, matching is not.
    mutable std::once_flag closest_once;
    mutable std::string lower_paths;                       // each endpoint's template, lower case, one after another
    mutable std::vector<std::uint32_t> path_start;         // where each starts in lower_paths; one more at the end
    mutable std::vector<routing::CharCounts> path_counts; // their character counts
    mutable std::vector<std::uint8_t> method_of;           // each endpoint's method in kMethods (kOtherMethod)

    Trie() : edges(64) { nodes.emplace_back(); }

    // Building (router_trie.cpp).
    std::uint32_t literal_child(std::uint32_t parent, std::string_view segment);
    std::uint32_t pattern_child(std::uint32_t parent, std::string_view segment);
    void set_method(std::uint32_t node, const std::string& method, EndpointId id);
    // The tables closest() reads, built once on first use.
    void prepare_closest(const RuleSet& rules) const;

    [[nodiscard]] std::string_view lower_path(EndpointId id) const {
        return std::string_view(lower_paths).substr(path_start[id], path_start[id + 1] - path_start[id]);
    }

    // Kept beside the nodes rather than in a HashIndex: the walk reads the edge it probes, with
    // no second lookup into another array (measured: routing 100k operations was slower).
    static std::size_t hash(std::uint32_t parent, std::string_view segment) {
        const std::uint64_t seed = 0xcbf29ce484222325ULL ^ (std::uint64_t{parent} * 0x9e3779b97f4a7c15ULL);
        const std::uint64_t h = hash_text(segment, seed);
        return static_cast<std::size_t>(h ^ (h >> 32U));
    }

    [[nodiscard]] const EndpointId* endpoint(std::uint32_t node, std::string_view method) const {
        const std::uint8_t index = vocab::method_index(method);
        if (index != vocab::kOtherMethod) {
            const EndpointId& id = nodes[node].methods[index];
            return id == kNone ? nullptr : &id;
        }
        for (const OtherMethod& other : other_methods) {
            if (other.node == node && other.method == method) {
                return &other.id;
            }
        }
        return nullptr;
    }

    [[nodiscard]] const Patterns* patterns(std::uint32_t node) const {
        const std::uint32_t list = nodes[node].patterns;
        return list == kNone ? nullptr : &pattern_lists[list];
    }

    [[nodiscard]] std::uint32_t literal(std::uint32_t parent, std::string_view segment) const {
        const std::size_t mask = edges.size() - 1;
        for (std::size_t slot = hash(parent, segment) & mask;; slot = (slot + 1) & mask) {
            const Edge& edge = edges[slot];
            if (edge.child == 0) {
                return 0;
            }
            if (edge.parent == parent && edge.segment == segment) {
                return edge.child;
            }
        }
    }

    // Depth-first, literal children before patterns: the first hit is the most specific template.
    [[nodiscard]] const EndpointId* walk(std::uint32_t node, const std::vector<std::string_view>& segments,
                                         std::size_t at, std::string_view method) const {
        if (at == segments.size()) {
            return endpoint(node, method);
        }
        if (const std::uint32_t child = literal(node, segments[at]); child != 0) {
            if (const EndpointId* hit = walk(child, segments, at + 1, method)) {
                return hit;
            }
        }
        const Patterns* list = patterns(node);
        if (list == nullptr) {
            return nullptr;
        }
        for (const auto& [pattern, child] : *list) {
            if (pattern.matches(segments[at])) {
                if (const EndpointId* hit = walk(child, segments, at + 1, method)) {
                    return hit;
                }
            }
        }
        return nullptr;
    }

private:
    void place(const Edge& edge);
};

} // namespace minrole

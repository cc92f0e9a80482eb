#include "minrole/router.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace minrole {

namespace {

constexpr std::array<const char*, 5> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
// First path segments that already name an API base; anything else is taken as relative to /rest.
constexpr std::array<const char*, 5> kBases{"rest", "bulk", "identity", "userservice", "subscriptions"};

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

constexpr std::uint8_t kOtherMethod = kMethods.size();

std::uint8_t method_index(std::string_view method) {
    return static_cast<std::uint8_t>(std::find(kMethods.begin(), kMethods.end(), method) - kMethods.begin());
}

bool is_method(std::string_view word) {
    return std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view method) {
        return word.size() == method.size() &&
               std::equal(word.begin(), word.end(), method.begin(),
                          [](unsigned char a, char b) { return std::toupper(a) == b; });
    });
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void append_decoded(std::string& out, std::string_view text, bool plus_is_space) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else if (plus_is_space && text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    append_decoded(out, text, plus_is_space);
    return out;
}

// The non-empty pieces between slashes, appended to `out` (views into `path`).
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

// A template segment such as "{leadId}.json": literal pieces and parameters alternating, as
// views into the rule's path (the RuleSet outlives the Router).
struct SegmentPattern {
    std::vector<std::pair<bool, std::string_view>> pieces; // (is_parameter, literal text or name)
    std::size_t literal_chars = 0;

    explicit SegmentPattern(std::string_view segment) {
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

    // Parameter names do not count, so {id}.json and {emailId}.json share one trie edge.
    [[nodiscard]] bool same_shape(const SegmentPattern& other) const {
        return std::equal(pieces.begin(), pieces.end(), other.pieces.begin(), other.pieces.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first && (a.first || a.second == b.second); });
    }

    [[nodiscard]] bool matches(std::string_view text) const { return matches_from(text, 0, 0); }

private:
    [[nodiscard]] bool matches_from(std::string_view text, std::size_t at, std::size_t piece) const {
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
};

bool is_literal(std::string_view segment) { return segment.find('{') == std::string_view::npos; }

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// edit_distance() (case-insensitive Levenshtein) on lower-cased text, exact when the distance
// is at most `limit`; otherwise some value above `limit`. Only the diagonal band |i - j| <= limit
// can hold cells <= limit, and once a whole row exceeds the limit the answer does too.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit,
                             std::vector<std::size_t>& prev, std::vector<std::size_t>& cur) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    const std::size_t gap = n > m ? n - m : m - n;
    if (gap > limit) {
        return limit + 1;
    }
    constexpr std::size_t kFar = std::numeric_limits<std::size_t>::max() / 4;
    prev.assign(m + 1, kFar);
    cur.assign(m + 1, kFar);
    for (std::size_t j = 0; j <= m && j <= limit; ++j) {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > limit ? i - limit : 1;
        const std::size_t hi = limit >= m ? m : std::min(m, i + limit);
        cur[0] = i <= limit ? i : kFar;
        if (lo > 1) {
            cur[lo - 1] = kFar;
        }
        std::size_t smallest = cur[0];
        for (std::size_t j = lo; j <= hi; ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            smallest = std::min(smallest, cur[j]);
        }
        if (hi < m) {
            cur[hi + 1] = kFar;
        }
        if (smallest > limit) {
            return limit + 1;
        }
        std::swap(prev, cur);
    }
    return std::min(prev[m], limit + 1);
}

// The same distance as bounded_distance() without a limit, for a pattern of 1 to 64 characters:
// Myers' bit-parallel algorithm in Hyyro's form for the global (not substring) distance, one
// machine word per column of the dynamic programme instead of one cell. Bit i of the vertical
// deltas Pv/Mv says whether D[i+1][j] - D[i][j] is +1/-1; the score tracks the last row.
class BitDistance {
public:
    // Makes `pattern` (1 to 64 characters) the pattern; clear() before the next one.
    void set(std::string_view pattern) {
        pattern_ = pattern;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            peq_[static_cast<unsigned char>(pattern[i])] |= std::uint64_t{1} << i;
        }
    }

    void clear() {
        for (const unsigned char c : pattern_) {
            peq_[c] = 0;
        }
    }

    [[nodiscard]] std::size_t operator()(std::string_view text) const {
        std::uint64_t pv = ~std::uint64_t{0};
        std::uint64_t mv = 0;
        std::size_t score = pattern_.size();
        const std::uint64_t last = std::uint64_t{1} << (pattern_.size() - 1);
        for (unsigned char c : text) {
            const std::uint64_t eq = peq_[c];
            const std::uint64_t xv = eq | mv;
            const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
            std::uint64_t ph = mv | ~(xh | pv);
            std::uint64_t mh = pv & xh;
            if ((ph & last) != 0) {
                ++score;
            } else if ((mh & last) != 0) {
                --score;
            }
            ph = (ph << 1U) | 1U; // row 0 is D[0][j] = j: every step right costs one
            mh <<= 1U;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }
        return score;
    }

private:
    std::array<std::uint64_t, 256> peq_{}; // per character, the pattern positions holding it
    std::string_view pattern_;
};

// Levenshtein distance of `wanted` (lower case) to `candidate` (lower case), exact when it is at
// most `limit`, otherwise some value above `limit`: the contract of bounded_distance().
struct Distance {
    std::string wanted;
    BitDistance bits;
    std::vector<std::size_t> prev;
    std::vector<std::size_t> cur;

    explicit Distance(std::string text) : wanted(std::move(text)) {}

    std::size_t operator()(std::string_view candidate, std::size_t limit) {
        std::string_view a = wanted;
        std::string_view b = candidate;
        const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
        if (gap > limit) {
            return limit + 1;
        }
        // Removing a common prefix and suffix leaves the distance as it is; paths that differ in
        // one place keep a few characters, so the bit-parallel pass below is short.
        std::size_t prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
            ++prefix;
        }
        a.remove_prefix(prefix);
        b.remove_prefix(prefix);
        std::size_t suffix = 0;
        while (suffix < a.size() && suffix < b.size() && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
            ++suffix;
        }
        a.remove_suffix(suffix);
        b.remove_suffix(suffix);
        if (a.empty() || b.empty()) {
            return a.size() + b.size();
        }
        if (b.size() < a.size()) {
            std::swap(a, b); // the shorter one is the pattern
        }
        if (a.size() > 64) {
            return bounded_distance(a, b, limit, prev, cur);
        }
        bits.set(a);
        const std::size_t distance = bits(b);
        bits.clear();
        return distance;
    }
};

// Characters counted in 64 buckets. Levenshtein distance is at least the larger of the total
// surplus and the total shortfall of one count against the other (an edit moves each by at most
// one); merging characters into buckets only lowers that bound, so it stays a lower bound. Digits,
// lower-case letters and the usual punctuation of a path get buckets of their own.
using CharCounts = std::array<std::uint8_t, 64>;

constexpr std::array<std::uint8_t, 256> kBucket = [] {
    std::array<std::uint8_t, 256> out{};
    for (std::size_t c = 0; c < out.size(); ++c) {
        out[c] = static_cast<std::uint8_t>(42 + c % 22);
    }
    for (std::size_t c = '0'; c <= '9'; ++c) {
        out[c] = static_cast<std::uint8_t>(c - '0');
    }
    for (std::size_t c = 'a'; c <= 'z'; ++c) {
        out[c] = static_cast<std::uint8_t>(10 + c - 'a');
    }
    const std::string_view punctuation = "/.{}_-";
    for (std::size_t i = 0; i < punctuation.size(); ++i) {
        out[static_cast<unsigned char>(punctuation[i])] = static_cast<std::uint8_t>(36 + i);
    }
    return out;
}();

CharCounts count_chars(std::string_view text) {
    CharCounts counts{};
    for (unsigned char c : text) {
        auto& slot = counts[kBucket[c]];
        slot = static_cast<std::uint8_t>(std::min(255, slot + 1));
    }
    return counts;
}

// max(surplus, shortfall), computed as (sum of |a - b| + |sum a - sum b|) / 2: the sums of the
// surpluses and of the shortfalls are the first term, their difference the second. closest()
// computes it for every endpoint, so the first term uses the SSE2 sum-of-absolute-differences
// instruction where there is one (16 buckets at a time).
std::size_t counts_bound(const CharCounts& a, const CharCounts& b) {
    unsigned absolute = 0;
    unsigned sum_a = 0;
    unsigned sum_b = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i diff = zero;
    __m128i total_a = zero;
    __m128i total_b = zero;
    for (std::size_t i = 0; i < a.size(); i += 16) {
        const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
        const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
        diff = _mm_add_epi64(diff, _mm_sad_epu8(va, vb));
        total_a = _mm_add_epi64(total_a, _mm_sad_epu8(va, zero));
        total_b = _mm_add_epi64(total_b, _mm_sad_epu8(vb, zero));
    }
    const auto fold = [](__m128i v) {
        return static_cast<unsigned>(_mm_cvtsi128_si32(v)) + static_cast<unsigned>(_mm_cvtsi128_si32(_mm_srli_si128(v, 8)));
    };
    absolute = fold(diff);
    sum_a = fold(total_a);
    sum_b = fold(total_b);
#else
    for (std::size_t i = 0; i < a.size(); ++i) {
        absolute += a[i] > b[i] ? static_cast<unsigned>(a[i] - b[i]) : static_cast<unsigned>(b[i] - a[i]);
        sum_a += a[i];
        sum_b += b[i];
    }
#endif
    return (absolute + (sum_a > sum_b ? sum_a - sum_b : sum_b - sum_a)) / 2;
}

// The `how_many` smallest (score, id) pairs over ids 0..count-1, in order: the same answer as
// scoring every id and partial-sorting. bound(id) is a cheap lower bound of score(id): ids are
// scored in order of their bound (ids ascending within one bound), each only as far as it could
// still get in, and the search stops at the first bound above the last kept score.
// score(id, limit) returns the exact score when it is at most `limit`, else anything larger.
template <class Bound, class Score>
std::vector<EndpointId> nearest(std::size_t how_many, std::size_t count, const Bound& bound, const Score& score) {
    const std::size_t n = std::min(how_many, count);
    if (n == 0) {
        return {};
    }
    // Counting sort on the bound; capping it at 255 keeps it a lower bound.
    constexpr std::size_t kCap = 255;
    std::vector<std::uint8_t> bounds(count);
    std::array<std::size_t, kCap + 2> start{};
    for (EndpointId id = 0; id < count; ++id) {
        bounds[id] = static_cast<std::uint8_t>(std::min<std::size_t>(bound(id), kCap));
        ++start[bounds[id] + 1U];
    }
    for (std::size_t b = 1; b < start.size(); ++b) {
        start[b] += start[b - 1];
    }
    std::vector<EndpointId> order(count);
    for (EndpointId id = 0; id < count; ++id) {
        order[start[bounds[id]]++] = id;
    }
    std::vector<std::pair<std::size_t, EndpointId>> best; // sorted
    for (const EndpointId id : order) {
        std::size_t limit = std::numeric_limits<std::size_t>::max() - 1;
        if (best.size() == n) {
            if (bounds[id] > best.back().first) {
                break; // so are all later bounds
            }
            // An equal score still displaces the last kept one when the id is smaller.
            limit = best.back().first;
        }
        const std::size_t s = score(id, limit);
        if (s > limit) {
            continue;
        }
        const std::pair<std::size_t, EndpointId> entry{s, id};
        best.insert(std::upper_bound(best.begin(), best.end(), entry), entry);
        if (best.size() > n) {
            best.pop_back();
        }
    }
    std::vector<EndpointId> out;
    for (const auto& [s, id] : best) {
        out.push_back(id);
    }
    return out;
}

} // namespace

// The templates as a trie over path segments, in flat arrays: nodes by index (the root is 0),
// literal edges in one open-addressing table keyed on (parent, segment), parameter edges in lists
// beside the nodes, most literal text first. Built on every start, and each page of memory touched
// costs a page fault, so nodes are small and the edge table grows with use.
struct Router::Trie {
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    struct Node {
        std::array<EndpointId, kMethods.size()> methods; // by method_index(); kNone: no rule
        std::uint32_t patterns = kNone;                  // index into pattern_lists
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
    std::vector<std::vector<std::pair<SegmentPattern, std::uint32_t>>> pattern_lists; // (pattern, child)
    std::vector<OtherMethod> other_methods;

    // Filled on the first closest() call: unmatched operations are rare, matching is not.
    mutable std::once_flag closest_once;
    mutable std::string lower_paths;              // each endpoint's template, lower case, one after another
    mutable std::vector<std::uint32_t> path_start; // where each starts in lower_paths; one more at the end
    mutable std::vector<CharCounts> path_counts;  // their character counts
    mutable std::vector<std::uint8_t> method_of;  // each endpoint's method in kMethods (kOtherMethod)

    [[nodiscard]] std::string_view lower_path(EndpointId id) const {
        return std::string_view(lower_paths).substr(path_start[id], path_start[id + 1] - path_start[id]);
    }

    Trie() : edges(64) { nodes.emplace_back(); }

    // Kept beside the nodes rather than in a HashIndex: the walk reads the edge it probes, with
    // no second lookup into another array (measured: routing 100k operations was slower).
    static std::size_t hash(std::uint32_t parent, std::string_view segment) {
        const std::uint64_t seed = 0xcbf29ce484222325ULL ^ (std::uint64_t{parent} * 0x9e3779b97f4a7c15ULL);
        const std::uint64_t h = hash_text(segment, seed);
        return static_cast<std::size_t>(h ^ (h >> 32U));
    }

    [[nodiscard]] const EndpointId* endpoint(std::uint32_t node, std::string_view method) const {
        const std::uint8_t index = method_index(method);
        if (index != kOtherMethod) {
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

    [[nodiscard]] const std::vector<std::pair<SegmentPattern, std::uint32_t>>* patterns(std::uint32_t node) const {
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

    void place(const Edge& edge) {
        const std::size_t mask = edges.size() - 1;
        std::size_t slot = hash(edge.parent, edge.segment) & mask;
        while (edges[slot].child != 0) {
            slot = (slot + 1) & mask;
        }
        edges[slot] = edge;
    }

    std::uint32_t literal_child(std::uint32_t parent, std::string_view segment) {
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

    std::uint32_t pattern_child(std::uint32_t parent, std::string_view segment) {
        SegmentPattern pattern(segment);
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
        const auto at = std::find_if(list.begin(), list.end(), [&](const auto& entry) {
            return entry.first.literal_chars < pattern.literal_chars;
        });
        list.emplace(at, std::move(pattern), child);
        nodes.emplace_back();
        return child;
    }

    void set_method(std::uint32_t node, const std::string& method, EndpointId id) {
        const std::uint8_t index = method_index(method);
        if (index != kOtherMethod) {
            nodes[node].methods[index] = id;
            return;
        }
        auto slot = std::find_if(other_methods.begin(), other_methods.end(), [&](const OtherMethod& other) {
            return other.node == node && other.method == method;
        });
        if (slot == other_methods.end()) {
            other_methods.push_back(OtherMethod{node, method, id});
        } else {
            slot->id = id;
        }
    }

    void prepare_closest(const RuleSet& rules) const {
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
                const std::string path = lower(e.path);
                path_start.push_back(static_cast<std::uint32_t>(lower_paths.size()));
                lower_paths += path;
                path_counts.push_back(count_chars(path));
                method_of.push_back(method_index(e.method));
            }
            path_start.push_back(static_cast<std::uint32_t>(lower_paths.size()));
        });
    }
};

std::optional<Request> parse_request(const std::string& raw) {
    std::string_view text = raw;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    Request request;
    const std::size_t space = text.find_first_of(" \t");
    if (space != std::string_view::npos && is_method(text.substr(0, space))) {
        request.method = upper(text.substr(0, space));
        text = text.substr(text.find_first_not_of(" \t", space));
    }
    if (text.find(' ') != std::string_view::npos) {
        return std::nullopt;
    }
    // Strip scheme and host: "https://host/rest/..." or "//host/rest/..." or "host.mktorest.com/rest/...".
    const std::size_t scheme = text.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = text.find('/', scheme + 3);
        text = slash == std::string_view::npos ? std::string_view("/") : text.substr(slash);
    } else if (text.starts_with("//")) {
        const std::size_t slash = text.find('/', 2);
        text = slash == std::string_view::npos ? std::string_view("/") : text.substr(slash);
    } else if (!text.empty() && text.front() != '/') {
        const std::size_t slash = text.find('/');
        if (slash == std::string_view::npos) {
            return std::nullopt;
        }
        // "rest/v1/leads.json": a Marketo path that lost its leading slash is still that path.
        static constexpr std::string_view kRoots[] = {"rest", "bulk", "identity", "userservice", "subscriptions"};
        const std::string_view first = text.substr(0, slash);
        const bool root = std::find(std::begin(kRoots), std::end(kRoots), first) != std::end(kRoots);
        if (!root) {
            if (first.find('.') == std::string_view::npos) {
                return std::nullopt;
            }
            text = text.substr(slash);
        }
    }
    text = text.substr(0, text.find('#'));
    const std::size_t question = text.find('?');
    if (question != std::string_view::npos) {
        const std::string_view query = text.substr(question + 1);
        text = text.substr(0, question);
        std::size_t start = 0;
        while (start <= query.size()) {
            const std::size_t end = std::min(query.find('&', start), query.size());
            const std::string_view item = query.substr(start, end - start);
            const std::size_t eq = item.find('=');
            std::string name = percent_decode(item.substr(0, eq), true);
            if (name == "_method" && request.method == "POST") {
                const std::string value =
                    eq == std::string_view::npos ? std::string() : percent_decode(item.substr(eq + 1), true);
                if (is_method(value)) {
                    // Marketo's override: a POST carrying _method=GET is a GET for permission purposes.
                    request.method = upper(value);
                    request.method_overridden = true;
                    start = end + 1;
                    continue;
                }
            }
            if (!name.empty()) {
                request.parameters.insert(std::move(name));
            }
            start = end + 1;
        }
    }
    request.path.reserve(text.size() + 1);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('/', start), text.size());
        if (end > start) {
            request.path += '/';
            append_decoded(request.path, text.substr(start, end - start), false);
        }
        start = end + 1;
    }
    if (request.path.empty()) {
        request.path = "/";
    }
    return request;
}

Router::Router(const RuleSet& rules)
    : rules_(rules), rules_version_(rules.version()), trie_(std::make_unique<Trie>()) {
    Trie& trie = *trie_;
    std::vector<std::string_view> segments;
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const Endpoint& e = rules.at(id);
        std::uint32_t node = 0;
        segments.clear();
        split_segments(e.path, segments);
        for (const auto segment : segments) {
            node = is_literal(segment) ? trie.literal_child(node, segment) : trie.pattern_child(node, segment);
        }
        trie.set_method(node, e.method, id);
    }
}

Router::~Router() = default;

void Router::check_rules_unchanged() const {
    if (rules_.version() != rules_version_) {
        throw std::logic_error("the rules changed after the Router was built from them; build a new Router");
    }
}

namespace {
// Depth-first, literal children before patterns: the first hit is the most specific template.
template <class Trie>
const EndpointId* walk(const Trie& trie, std::uint32_t node, const std::vector<std::string_view>& segments,
                       std::size_t at, std::string_view method) {
    if (at == segments.size()) {
        return trie.endpoint(node, method);
    }
    if (const std::uint32_t child = trie.literal(node, segments[at]); child != 0) {
        if (const EndpointId* hit = walk(trie, child, segments, at + 1, method)) {
            return hit;
        }
    }
    const auto* patterns = trie.patterns(node);
    if (patterns == nullptr) {
        return nullptr;
    }
    for (const auto& [pattern, child] : *patterns) {
        if (pattern.matches(segments[at])) {
            if (const EndpointId* hit = walk(trie, child, segments, at + 1, method)) {
                return hit;
            }
        }
    }
    return nullptr;
}

constexpr std::string_view kDefaultBase = "rest";

// The segments of the path resolved against its API base (see resolve_base): views into `path`,
// or into `storage` in the odd case of a relative path that does not start with a slash.
std::vector<std::string_view> resolved_segments(const std::string& path, std::string& storage) {
    std::vector<std::string_view> segments;
    const std::size_t start = path.find_first_not_of('/');
    if (start != std::string::npos) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view first(path.data() + start, end - start);
        if (std::find(kBases.begin(), kBases.end(), first) != kBases.end()) {
            split_segments(path, segments);
            return segments;
        }
    }
    if (!path.empty() && path.front() != '/') {
        storage = "/rest" + path; // "/rest" + "v1/x" is "/restv1/x"
        split_segments(storage, segments);
        return segments;
    }
    segments.push_back(kDefaultBase);
    split_segments(path, segments);
    return segments;
}
} // namespace

std::string Router::resolve_base(const std::string& path) const {
    // The first non-empty segment, without splitting the whole path.
    std::size_t start = path.find_first_not_of('/');
    if (start != std::string::npos) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view first(path.data() + start, end - start);
        if (std::find(kBases.begin(), kBases.end(), first) != kBases.end()) {
            return path;
        }
    }
    return "/rest" + path;
}

std::optional<EndpointId> Router::match(const std::string& method, const std::string& path) const {
    check_rules_unchanged();
    std::string storage;
    const auto segments = resolved_segments(path, storage);
    const EndpointId* hit = walk(*trie_, 0, segments, 0, method);
    if (hit == nullptr) {
        return std::nullopt;
    }
    return *hit;
}

std::vector<EndpointId> Router::match_any_method(const std::string& path) const {
    check_rules_unchanged();
    // Each method on its own: a literal template may fit one method while a parameter template
    // fits another (GET .../email/ccFields.json vs POST .../email/{id}.json).
    std::string storage;
    const auto segments = resolved_segments(path, storage);
    std::vector<EndpointId> out;
    for (const char* method : kMethods) {
        if (const EndpointId* hit = walk(*trie_, 0, segments, 0, std::string_view(method))) {
            out.push_back(*hit);
        }
    }
    return out;
}

std::vector<EndpointId> Router::closest(const std::string& method, const std::string& path,
                                        std::size_t how_many) const {
    check_rules_unchanged();
    trie_->prepare_closest(rules_);
    Distance distance(lower(resolve_base(path)));
    const std::string& wanted = distance.wanted;
    const CharCounts wanted_counts = count_chars(wanted);
    const std::uint8_t wanted_method = method_index(method);
    // The method and the character counts (small arrays, not the endpoints) give each endpoint a
    // lower bound; only the few with the smallest bounds get the edit distance.
    const auto penalty = [&](EndpointId id) -> std::size_t {
        if (method.empty()) {
            return 0;
        }
        const std::uint8_t m = trie_->method_of[id];
        const bool same = m == kOtherMethod || wanted_method == kOtherMethod ? rules_.at(id).method == method
                                                                             : m == wanted_method;
        return same ? 0 : 3;
    };
    return nearest(
        how_many, rules_.size(),
        [&](EndpointId id) { return penalty(id) + counts_bound(wanted_counts, trie_->path_counts[id]); },
        [&](EndpointId id, std::size_t limit) {
            const std::size_t p = penalty(id);
            return p > limit ? limit + 1 : distance(trie_->lower_path(id), limit - p) + p;
        });
}

RouteMatch Router::route(const Request& request) const { return route_owned(Request(request)); }

RouteMatch Router::route_owned(Request request) const {
    RouteMatch result;
    if (request.method.empty()) {
        result.candidates = match_any_method(request.path);
        if (result.candidates.size() == 1) {
            result.status = MatchStatus::Matched;
            result.endpoint = result.candidates.front();
            result.candidates.clear();
            result.request = std::move(request);
            return result;
        }
        if (!result.candidates.empty()) {
            result.status = MatchStatus::Ambiguous;
            result.reason = "no HTTP method given and the path fits several operations";
            result.request = std::move(request);
            return result;
        }
    } else if (auto id = match(request.method, request.path)) {
        result.status = MatchStatus::Matched;
        result.endpoint = id;
        result.request = std::move(request);
        return result;
    }
    result.status = MatchStatus::Unmatched;
    result.reason = "no endpoint rule matches " + (request.method.empty() ? "" : request.method + " ") + request.path;
    result.candidates = closest(request.method, request.path, 3);
    result.request = std::move(request);
    return result;
}

RouteMatch Router::route(const std::string& text) const {
    check_rules_unchanged();
    if (auto request = parse_request(text)) {
        if (request->path != "/" || text.find('/') != std::string::npos) {
            return route_owned(std::move(*request));
        }
    }
    RouteMatch result;
    const auto trimmed_begin = text.find_first_not_of(" \t");
    const std::string id = trimmed_begin == std::string::npos
                               ? std::string()
                               : text.substr(trimmed_begin, text.find_last_not_of(" \t") - trimmed_begin + 1);
    if (auto endpoint = rules_.find_operation(id)) {
        result.status = MatchStatus::Matched;
        result.endpoint = endpoint;
        result.request.method = rules_.at(*endpoint).method;
        result.request.path = rules_.at(*endpoint).path;
        return result;
    }
    result.status = MatchStatus::Unmatched;
    result.reason = "'" + id + "' is neither a known operationId nor a METHOD /path";
    Distance distance(lower(id));
    const auto gap = [&](EndpointId e) {
        const std::size_t size = rules_.at(e).operation_id.size();
        return size > distance.wanted.size() ? size - distance.wanted.size() : distance.wanted.size() - size;
    };
    std::string candidate;
    result.candidates = nearest(3, rules_.size(), gap, [&](EndpointId e, std::size_t limit) {
        candidate = rules_.at(e).operation_id;
        std::transform(candidate.begin(), candidate.end(), candidate.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        return distance(candidate, limit);
    });
    return result;
}

} // namespace minrole

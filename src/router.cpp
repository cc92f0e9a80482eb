#include "minrole/router.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string_view>

namespace minrole {

namespace {

constexpr std::array<const char*, 5> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
// First path segments that already name an API base; anything else is taken as relative to /rest.
constexpr std::array<const char*, 5> kBases{"rest", "bulk", "identity", "userservice", "subscriptions"};

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

bool is_method(const std::string& word) {
    const std::string u = upper(word);
    return std::find(kMethods.begin(), kMethods.end(), u) != kMethods.end();
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

std::string percent_decode(const std::string& text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
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
    return out;
}

std::vector<std::string> split_segments(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

// A template segment such as "{leadId}.json": literal pieces and parameters alternating.
struct SegmentPattern {
    std::vector<std::pair<bool, std::string>> pieces; // (is_parameter, literal text or name)
    std::size_t literal_chars = 0;

    explicit SegmentPattern(const std::string& segment) {
        std::size_t i = 0;
        while (i < segment.size()) {
            if (segment[i] == '{') {
                const std::size_t close = segment.find('}', i);
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

    // Parameters are replaced by "{}" so {id} and {emailId} share one trie edge.
    [[nodiscard]] std::string shape() const {
        std::string out;
        for (const auto& [param, text] : pieces) {
            out += param ? "{}" : text;
        }
        return out;
    }

    [[nodiscard]] bool matches(const std::string& text) const { return matches_from(text, 0, 0); }

private:
    [[nodiscard]] bool matches_from(const std::string& text, std::size_t at, std::size_t piece) const {
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

bool is_literal(const std::string& segment) { return segment.find('{') == std::string::npos; }

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// edit_distance() (case-insensitive Levenshtein) on lower-cased text, exact when the distance
// is at most `limit`; otherwise some value above `limit`. Only the diagonal band |i - j| <= limit
// can hold cells <= limit, and once a whole row exceeds the limit the answer does too.
std::size_t bounded_distance(const std::string& a, const std::string& b, std::size_t limit,
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

// Characters counted in 64 buckets. Levenshtein distance is at least the larger of the total
// surplus and the total shortfall of one count against the other (an edit moves each by at most
// one); merging characters into buckets only lowers that bound, so it stays a lower bound.
using CharCounts = std::array<std::uint8_t, 64>;

CharCounts count_chars(const std::string& text) {
    CharCounts counts{};
    for (unsigned char c : text) {
        auto& slot = counts[c & 63U];
        slot = static_cast<std::uint8_t>(std::min(255, slot + 1));
    }
    return counts;
}

std::size_t counts_bound(const CharCounts& a, const CharCounts& b) {
    int surplus = 0;
    int shortfall = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const int d = static_cast<int>(a[i]) - static_cast<int>(b[i]);
        surplus += d > 0 ? d : 0;
        shortfall += d < 0 ? -d : 0;
    }
    return static_cast<std::size_t>(std::max(surplus, shortfall));
}

// The `how_many` smallest (score, id) pairs over ids 0..count-1, in order: the same answer as
// scoring every id and partial-sorting, but an id is only scored as far as it could still get in.
// score(id, limit) returns the exact score when it is at most `limit`, else anything larger.
template <class Score>
std::vector<EndpointId> nearest(std::size_t how_many, std::size_t count, const Score& score) {
    std::vector<std::pair<std::size_t, EndpointId>> best; // sorted
    const std::size_t n = std::min(how_many, count);
    for (EndpointId id = 0; id < count; ++id) {
        std::size_t limit = std::numeric_limits<std::size_t>::max() - 1;
        if (best.size() == n) {
            if (n == 0 || best.back().first == 0) {
                break;
            }
            // A later id needs a strictly smaller score to displace the last kept one.
            limit = best.back().first - 1;
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

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>> literal;
    std::vector<std::pair<SegmentPattern, std::unique_ptr<Node>>> patterns; // most literal text first
    std::map<std::string, EndpointId> methods;
    std::vector<std::string> lower_paths; // root only: each endpoint's template, lower case (closest)
    std::vector<CharCounts> path_counts;  // root only: their character counts
};

std::optional<Request> parse_request(const std::string& raw) {
    std::string text = raw;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return std::nullopt;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    Request request;
    const std::size_t space = text.find_first_of(" \t");
    if (space != std::string::npos && is_method(text.substr(0, space))) {
        request.method = upper(text.substr(0, space));
        text = text.substr(text.find_first_not_of(" \t", space));
    }
    if (text.find(' ') != std::string::npos) {
        return std::nullopt;
    }
    // Strip scheme and host: "https://host/rest/..." or "//host/rest/..." or "host.mktorest.com/rest/...".
    const std::size_t scheme = text.find("://");
    if (scheme != std::string::npos) {
        const std::size_t slash = text.find('/', scheme + 3);
        text = slash == std::string::npos ? "/" : text.substr(slash);
    } else if (text.rfind("//", 0) == 0) {
        const std::size_t slash = text.find('/', 2);
        text = slash == std::string::npos ? "/" : text.substr(slash);
    } else if (!text.empty() && text.front() != '/') {
        const std::size_t slash = text.find('/');
        if (slash == std::string::npos || text.substr(0, slash).find('.') == std::string::npos) {
            return std::nullopt;
        }
        text = text.substr(slash);
    }
    const std::size_t hash = text.find('#');
    if (hash != std::string::npos) {
        text.resize(hash);
    }
    const std::size_t question = text.find('?');
    if (question != std::string::npos) {
        const std::string query = text.substr(question + 1);
        text.resize(question);
        std::size_t start = 0;
        while (start <= query.size()) {
            const std::size_t end = std::min(query.find('&', start), query.size());
            const std::string item = query.substr(start, end - start);
            const std::size_t eq = item.find('=');
            const std::string name = percent_decode(item.substr(0, eq), true);
            const std::string value = eq == std::string::npos ? "" : percent_decode(item.substr(eq + 1), true);
            if (name == "_method" && request.method == "POST" && is_method(value)) {
                // Marketo's override: a POST carrying _method=GET is a GET for permission purposes.
                request.method = upper(value);
                request.method_overridden = true;
            } else if (!name.empty()) {
                request.parameters.insert(name);
            }
            start = end + 1;
        }
    }
    std::string path;
    for (const auto& segment : split_segments(text)) {
        path += "/" + percent_decode(segment, false);
    }
    request.path = path.empty() ? "/" : path;
    return request;
}

Router::Router(const RuleSet& rules) : rules_(rules), root_(std::make_unique<Node>()) {
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const Endpoint& e = rules.at(id);
        Node* node = root_.get();
        for (const auto& segment : split_segments(e.path)) {
            if (is_literal(segment)) {
                auto& child = node->literal[segment];
                if (!child) {
                    child = std::make_unique<Node>();
                }
                node = child.get();
                continue;
            }
            SegmentPattern pattern(segment);
            auto it = std::find_if(node->patterns.begin(), node->patterns.end(),
                                   [&](const auto& entry) { return entry.first.shape() == pattern.shape(); });
            if (it == node->patterns.end()) {
                node->patterns.emplace_back(std::move(pattern), std::make_unique<Node>());
                std::stable_sort(node->patterns.begin(), node->patterns.end(), [](const auto& a, const auto& b) {
                    return a.first.literal_chars > b.first.literal_chars;
                });
                it = std::find_if(node->patterns.begin(), node->patterns.end(),
                                  [&](const auto& entry) { return entry.first.shape() == SegmentPattern(segment).shape(); });
            }
            node = it->second.get();
        }
        node->methods[e.method] = id;
        root_->lower_paths.push_back(lower(e.path));
        root_->path_counts.push_back(count_chars(root_->lower_paths.back()));
    }
}

Router::~Router() = default;

namespace {
// Depth-first, literal children before patterns: the first hit is the most specific template.
template <class Node, class Accept>
const Node* walk(const Node& node, const std::vector<std::string>& segments, std::size_t at, const Accept& accept) {
    if (at == segments.size()) {
        return accept(node) ? &node : nullptr;
    }
    auto literal = node.literal.find(segments[at]);
    if (literal != node.literal.end()) {
        if (const Node* hit = walk(*literal->second, segments, at + 1, accept)) {
            return hit;
        }
    }
    for (const auto& [pattern, child] : node.patterns) {
        if (pattern.matches(segments[at])) {
            if (const Node* hit = walk(*child, segments, at + 1, accept)) {
                return hit;
            }
        }
    }
    return nullptr;
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
    const auto segments = split_segments(resolve_base(path));
    const Node* hit = walk(*root_, segments, 0, [&](const Node& n) { return n.methods.count(method) != 0; });
    if (hit == nullptr) {
        return std::nullopt;
    }
    return hit->methods.at(method);
}

std::vector<EndpointId> Router::match_any_method(const std::string& path) const {
    // Each method on its own: a literal template may fit one method while a parameter template
    // fits another (GET .../email/ccFields.json vs POST .../email/{id}.json).
    std::vector<EndpointId> out;
    for (const char* method : kMethods) {
        if (auto id = match(method, path)) {
            out.push_back(*id);
        }
    }
    return out;
}

std::vector<EndpointId> Router::closest(const std::string& method, const std::string& path,
                                        std::size_t how_many) const {
    const std::string wanted = lower(resolve_base(path));
    const CharCounts wanted_counts = count_chars(wanted);
    std::vector<std::size_t> prev;
    std::vector<std::size_t> cur;
    return nearest(how_many, rules_.size(), [&](EndpointId id, std::size_t limit) {
        const Endpoint& e = rules_.at(id);
        const std::size_t penalty = !method.empty() && e.method != method ? 3 : 0;
        if (penalty > limit || counts_bound(wanted_counts, root_->path_counts[id]) > limit - penalty) {
            return limit + 1;
        }
        return bounded_distance(wanted, root_->lower_paths[id], limit - penalty, prev, cur) + penalty;
    });
}

RouteMatch Router::route(const Request& request) const {
    RouteMatch result;
    result.request = request;
    if (request.method.empty()) {
        result.candidates = match_any_method(request.path);
        if (result.candidates.size() == 1) {
            result.status = MatchStatus::Matched;
            result.endpoint = result.candidates.front();
            result.candidates.clear();
            return result;
        }
        if (!result.candidates.empty()) {
            result.status = MatchStatus::Ambiguous;
            result.reason = "no HTTP method given and the path fits several operations";
            return result;
        }
    } else if (auto id = match(request.method, request.path)) {
        result.status = MatchStatus::Matched;
        result.endpoint = id;
        return result;
    }
    result.status = MatchStatus::Unmatched;
    result.reason = "no endpoint rule matches " + (request.method.empty() ? "" : request.method + " ") + request.path;
    result.candidates = closest(request.method, request.path, 3);
    return result;
}

RouteMatch Router::route(const std::string& text) const {
    if (auto request = parse_request(text)) {
        if (request->path != "/" || text.find('/') != std::string::npos) {
            return route(*request);
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
    const std::string wanted = lower(id);
    std::vector<std::size_t> prev;
    std::vector<std::size_t> cur;
    result.candidates = nearest(3, rules_.size(), [&](EndpointId e, std::size_t limit) {
        return bounded_distance(wanted, lower(rules_.at(e).operation_id), limit, prev, cur);
    });
    return result;
}

} // namespace minrole

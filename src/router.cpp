#include "minrole/router.hpp"

#include <algorithm>
#include <array>
#include <cctype>

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

} // namespace

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>> literal;
    std::vector<std::pair<SegmentPattern, std::unique_ptr<Node>>> patterns; // most literal text first
    std::map<std::string, EndpointId> methods;
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
    const auto segments = split_segments(path);
    if (!segments.empty() &&
        std::find(kBases.begin(), kBases.end(), segments.front()) != kBases.end()) {
        return path;
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
    const auto segments = split_segments(resolve_base(path));
    const Node* hit = walk(*root_, segments, 0, [](const Node& n) { return !n.methods.empty(); });
    std::vector<EndpointId> out;
    if (hit != nullptr) {
        for (const auto& [method, id] : hit->methods) {
            out.push_back(id);
        }
    }
    return out;
}

std::vector<EndpointId> Router::closest(const std::string& method, const std::string& path,
                                        std::size_t how_many) const {
    const std::string wanted = resolve_base(path);
    std::vector<std::pair<std::size_t, EndpointId>> scored;
    scored.reserve(rules_.size());
    for (EndpointId id = 0; id < rules_.size(); ++id) {
        const Endpoint& e = rules_.at(id);
        std::size_t score = edit_distance(wanted, e.path);
        if (!method.empty() && e.method != method) {
            score += 3;
        }
        scored.emplace_back(score, id);
    }
    const std::size_t n = std::min(how_many, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n), scored.end());
    std::vector<EndpointId> out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(scored[i].second);
    }
    return out;
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
    std::vector<std::pair<std::size_t, EndpointId>> scored;
    for (EndpointId e = 0; e < rules_.size(); ++e) {
        scored.emplace_back(edit_distance(id, rules_.at(e).operation_id), e);
    }
    const std::size_t n = std::min<std::size_t>(3, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n), scored.end());
    for (std::size_t i = 0; i < n; ++i) {
        result.candidates.push_back(scored[i].second);
    }
    return result;
}

} // namespace minrole

// The Router against naive references on random requests: parse_request against the plain
// string-copying version it replaced, template matching against a scan of every rule ranked by
// specificity, and closest() against scoring every rule with edit_distance() and sorting.
#include "minrole/loader.hpp"
#include "minrole/router.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace router_equivalence_test {

using namespace minrole;

namespace {

const std::array<std::string, 5> kRefMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
const std::array<std::string, 5> kRefBases{"rest", "bulk", "identity", "userservice", "subscriptions"};

std::string ref_upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

std::string ref_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool ref_is_method(const std::string& word) {
    return std::find(kRefMethods.begin(), kRefMethods.end(), ref_upper(word)) != kRefMethods.end();
}

std::string ref_decode(const std::string& text, bool plus_is_space) {
    const auto hex = [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) != 0
                   ? (std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0' : std::tolower(c) - 'a' + 10)
                   : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += plus_is_space && text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

std::vector<std::string> ref_split(const std::string& path) {
    std::vector<std::string> out;
    std::string piece;
    for (char c : path + "/") {
        if (c == '/') {
            if (!piece.empty()) {
                out.push_back(piece);
            }
            piece.clear();
        } else {
            piece += c;
        }
    }
    return out;
}

// The string-copying parse_request the router had before its string_view rewrite.
std::optional<Request> ref_parse(const std::string& raw) {
    std::string text = raw;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return std::nullopt;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    Request request;
    const std::size_t space = text.find_first_of(" \t");
    if (space != std::string::npos && ref_is_method(text.substr(0, space))) {
        request.method = ref_upper(text.substr(0, space));
        text = text.substr(text.find_first_not_of(" \t", space));
    }
    if (text.find(' ') != std::string::npos) {
        return std::nullopt;
    }
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
    if (const std::size_t hash = text.find('#'); hash != std::string::npos) {
        text.resize(hash);
    }
    if (const std::size_t question = text.find('?'); question != std::string::npos) {
        const std::string query = text.substr(question + 1);
        text.resize(question);
        std::size_t start = 0;
        while (start <= query.size()) {
            const std::size_t end = std::min(query.find('&', start), query.size());
            const std::string item = query.substr(start, end - start);
            const std::size_t eq = item.find('=');
            const std::string name = ref_decode(item.substr(0, eq), true);
            const std::string value = eq == std::string::npos ? "" : ref_decode(item.substr(eq + 1), true);
            if (name == "_method" && request.method == "POST" && ref_is_method(value)) {
                request.method = ref_upper(value);
                request.method_overridden = true;
            } else if (!name.empty()) {
                request.parameters.insert(name);
            }
            start = end + 1;
        }
    }
    std::string path;
    for (const auto& segment : ref_split(text)) {
        path += "/" + ref_decode(segment, false);
    }
    request.path = path.empty() ? "/" : path;
    return request;
}

std::string ref_resolve(const std::string& path) {
    const auto segments = ref_split(path);
    const bool based = !segments.empty() && std::find(kRefBases.begin(), kRefBases.end(), segments.front()) != kRefBases.end();
    return based ? path : "/rest" + path;
}

// Does a template segment ("{id}.json") fit a concrete one? Parameters take one character or more.
bool ref_fits(const std::string& pattern, std::size_t p, const std::string& text, std::size_t t) {
    if (p == pattern.size()) {
        return t == text.size();
    }
    if (pattern[p] == '{') {
        const std::size_t after = pattern.find('}', p) + 1;
        for (std::size_t end = t + 1; end <= text.size(); ++end) {
            if (ref_fits(pattern, after, text, end)) {
                return true;
            }
        }
        return false;
    }
    return t < text.size() && pattern[p] == text[t] && ref_fits(pattern, p + 1, text, t + 1);
}

std::string shape(const std::string& segment) {
    std::string out;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '{') {
            out += "{}";
            i = segment.find('}', i);
        } else {
            out += segment[i];
        }
    }
    return out;
}

// The most specific rule for method + path by brute force: per segment, a literal beats any
// parameter segment, then more literal characters win, then the shape that came first in the rules.
std::optional<EndpointId> ref_match(const RuleSet& rules, const std::string& method, const std::string& path) {
    const auto wanted = ref_split(ref_resolve(path));
    std::optional<EndpointId> best;
    std::vector<std::array<long, 3>> best_key;
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const Endpoint& e = rules.at(id);
        const auto segments = ref_split(e.path);
        if (e.method != method || segments.size() != wanted.size()) {
            continue;
        }
        std::vector<std::array<long, 3>> key;
        std::string prefix;
        bool fits = true;
        for (std::size_t i = 0; i < segments.size() && fits; ++i) {
            fits = ref_fits(segments[i], 0, wanted[i], 0);
            prefix += "/" + shape(segments[i]);
            const bool literal = segments[i].find('{') == std::string::npos;
            long literal_chars = static_cast<long>(shape(segments[i]).size());
            literal_chars -= 2 * static_cast<long>(std::count(segments[i].begin(), segments[i].end(), '{'));
            long first = 0; // first rule with this shape prefix
            while (true) {
                const auto other = ref_split(rules.at(static_cast<EndpointId>(first)).path);
                std::string other_prefix;
                for (std::size_t k = 0; k <= i && k < other.size(); ++k) {
                    other_prefix += "/" + shape(other[k]);
                }
                if (other.size() > i && other_prefix == prefix) {
                    break;
                }
                ++first;
            }
            key.push_back({literal ? 0L : 1L, -literal_chars, literal ? 0L : first});
        }
        if (fits && (!best || key < best_key)) {
            best = id;
            best_key = key;
        }
    }
    return best;
}

std::vector<EndpointId> ref_closest(const RuleSet& rules, const std::string& method, const std::string& path,
                                    std::size_t how_many) {
    std::vector<std::pair<std::size_t, EndpointId>> scored;
    const std::string wanted = ref_lower(ref_resolve(path));
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const std::size_t penalty = !method.empty() && rules.at(id).method != method ? 3 : 0;
        scored.emplace_back(edit_distance(wanted, ref_lower(rules.at(id).path)) + penalty, id);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<EndpointId> out;
    for (std::size_t i = 0; i < std::min(how_many, scored.size()); ++i) {
        out.push_back(scored[i].second);
    }
    return out;
}

// route(text) composed from the references above.
RouteMatch ref_route(const RuleSet& rules, const std::string& text) {
    RouteMatch out;
    if (auto request = ref_parse(text); request && (request->path != "/" || text.find('/') != std::string::npos)) {
        out.request = *request;
        if (request->method.empty()) {
            for (const auto& method : kRefMethods) {
                if (auto id = ref_match(rules, method, request->path)) {
                    out.candidates.push_back(*id);
                }
            }
            if (out.candidates.size() == 1) {
                out.status = MatchStatus::Matched;
                out.endpoint = out.candidates.front();
                out.candidates.clear();
                return out;
            }
            if (!out.candidates.empty()) {
                out.status = MatchStatus::Ambiguous;
                return out;
            }
        } else if (auto id = ref_match(rules, request->method, request->path)) {
            out.status = MatchStatus::Matched;
            out.endpoint = id;
            return out;
        }
        out.candidates = ref_closest(rules, request->method, request->path, 3);
        return out;
    }
    const auto begin = text.find_first_not_of(" \t");
    const std::string id = begin == std::string::npos ? "" : text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
    if (auto endpoint = rules.find_operation(id)) {
        out.status = MatchStatus::Matched;
        out.endpoint = endpoint;
        return out;
    }
    std::vector<std::pair<std::size_t, EndpointId>> scored;
    for (EndpointId e = 0; e < rules.size(); ++e) {
        scored.emplace_back(edit_distance(ref_lower(id), ref_lower(rules.at(e).operation_id)), e);
    }
    std::sort(scored.begin(), scored.end());
    for (std::size_t i = 0; i < std::min<std::size_t>(3, scored.size()); ++i) {
        out.candidates.push_back(scored[i].second);
    }
    return out;
}

// Random text shaped like what integrations send, from the templates plus noise.
std::string random_request(const RuleSet& rules, std::mt19937& rng) {
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const std::string noise = "/?&=%+#.:{}_-aZ09 \tx";
    if (pick(10) == 0) { // pure noise
        std::string out;
        for (std::size_t i = pick(24); i > 0; --i) {
            out += noise[pick(noise.size())];
        }
        return out;
    }
    const Endpoint& e = rules.at(static_cast<EndpointId>(pick(rules.size())));
    std::string path;
    for (std::size_t i = 0; i < e.path.size(); ++i) {
        if (e.path[i] == '{') {
            i = e.path.find('}', i);
            path += std::array<const char*, 5>{"1234", "ab", "x%2Fy", "%41", "ccFields"}[pick(5)];
        } else {
            path += e.path[i];
        }
    }
    switch (pick(8)) {
    case 0: // a typo
        path.insert(pick(path.size() + 1), 1, noise[pick(noise.size())]);
        break;
    case 1:
        path = "https://123-ABC-456.mktorest.com" + path + "?leadId=1&_method=" + kRefMethods[pick(5)] + "&a+b=%7e";
        break;
    case 2:
        path = "//host.example" + path + "#frag";
        break;
    case 3:
        if (path.rfind("/rest", 0) == 0) {
            path = path.substr(5); // relative to /rest
        }
        break;
    case 4:
        path += "//";
        break;
    case 5:
        if (std::size_t at = path.find('/', 1); at != std::string::npos) {
            path.insert(at, "/");
        }
        break;
    default:
        break;
    }
    switch (pick(6)) {
    case 0:
        return path; // no method
    case 1:
        return ref_lower(e.method) + "\t " + path;
    case 2:
        return "  " + e.method + " " + path + " \r\n";
    case 3:
        return e.operation_id;
    case 4:
        return kRefMethods[pick(5)] + " " + path;
    default:
        return e.method + " " + path;
    }
}

} // namespace

TEST_CASE("router equivalence: parse_request, match, match_any_method and closest against naive references") {
    static const Model model = load_default_model();
    const Router router(model.rules);
    std::mt19937 rng(20261129);
#ifdef MINROLE_SANITIZED
    constexpr int kRounds = 250; // the naive references are slow under AddressSanitizer
#else
    constexpr int kRounds = 2000;
#endif

    for (int i = 0; i < kRounds; ++i) {
        const std::string text = random_request(model.rules, rng);
        CAPTURE(text);
        const RouteMatch routed = router.route(text);
        const RouteMatch reference = ref_route(model.rules, text);
        CHECK(routed.status == reference.status);
        CHECK(routed.endpoint == reference.endpoint);
        CHECK(routed.candidates == reference.candidates);
        if (routed.status != MatchStatus::Matched || text.find('/') != std::string::npos) {
            CHECK(routed.request.path == reference.request.path);
            CHECK(routed.request.parameters == reference.request.parameters);
        }
        const auto parsed = parse_request(text);
        const auto expected = ref_parse(text);
        REQUIRE(parsed.has_value() == expected.has_value());
        if (!parsed) {
            continue;
        }
        CHECK(parsed->method == expected->method);
        CHECK(parsed->path == expected->path);
        CHECK(parsed->parameters == expected->parameters);
        CHECK(parsed->method_overridden == expected->method_overridden);
        for (const auto& method : kRefMethods) {
            CHECK(router.match(method, parsed->path) == ref_match(model.rules, method, parsed->path));
        }
        if (i % 20 == 0) { // the brute-force closest is slow
            CHECK(router.closest(parsed->method, parsed->path, 3) ==
                  ref_closest(model.rules, parsed->method, parsed->path, 3));
        }
    }
}

TEST_CASE("router equivalence: closest on a rule set with unusual methods, ties and long paths") {
    RuleSet rules;
    const auto add = [&](const std::string& id, const std::string& method, const std::string& path) {
        Endpoint e;
        e.operation_id = id;
        e.method = method;
        e.path = path;
        rules.add(std::move(e));
    };
    const std::string long_path = "/rest/v1/" + std::string(80, 'a') + "/{id}.json";
    add("a", "GET", "/rest/v1/a.json");
    add("b", "GET", "/rest/v1/b.json");
    add("c", "POST", "/rest/v1/a.json");
    add("d", "HEAD", "/rest/v1/c.json");
    add("e", "GET", long_path);
    add("f", "GET", "/rest/v1/" + std::string(79, 'a') + "/{id}.json");
    // Differences longer than a machine word once the common prefix and suffix are gone.
    add("g", "GET", "/rest/v1/" + std::string(70, 'b') + "x" + std::string(10, 'c') + "/{id}.json");
    add("h", "GET", "/rest/v1/" + std::string(66, 'd') + "/{id}.json");
    const Router router(rules);
    const std::vector<std::string> paths{"/rest/v1/x.json", "/v1/a.json", "/", "", long_path,
                                         "/rest/v1/" + std::string(70, 'a'), "v1/a.json",
                                         "/rest/v1/" + std::string(75, 'c') + "/{id}.json",
                                         "/rest/v1/" + std::string(69, 'b') + std::string(12, 'c') + "/{id}.json",
                                         "/rest/v1/" + std::string(65, 'e') + "/{id}.json"};
    for (const std::string method : {"", "GET", "POST", "HEAD", "OPTIONS"}) {
        for (const auto& path : paths) {
            CAPTURE(method);
            CAPTURE(path);
            for (std::size_t n = 0; n <= 7; ++n) {
                CHECK(router.closest(method, path, n) == ref_closest(rules, method, path, n));
            }
            CHECK(router.match(method, path) == ref_match(rules, method, path));
        }
    }
}

} // namespace router_equivalence_test

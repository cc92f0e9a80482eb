// From an evaluated string to the Marketo path it holds (marketo_path_of): find
// the API base in a URL, resolve dot segments and relative paths against the /rest base, turn
// holes into {x}, and reject what is only a base or configuration.
#include "code_marketo_path.hpp"
#include "code_value.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::code {

// The longest path reported (README "Hardening: guarantees and limits"); endpoints are under 120.
constexpr std::size_t kMaxPath = 1024;

constexpr std::array<std::string_view, 5> kBases{"rest/", "bulk/", "identity/oauth", "userservice/", "subscriptions/"};

// Removes "." and ".." segments: "/rest/../bulk/v1" is "/bulk/v1".
std::string remove_dot_segments(const std::string& path) {
    // Views into `path`, not copies: a hostile path holds thousands of segments.
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    const std::size_t query = path.find('?');
    const std::string_view body = std::string_view(path).substr(0, query);
    while (start <= body.size()) {
        const std::size_t end = std::min(body.find('/', start), body.size());
        const std::string_view seg = body.substr(start, end - start);
        if (seg == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (seg != "." && !(seg.empty() && start != 0 && end != body.size())) {
            segments.push_back(seg);
        }
        start = end + 1;
    }
    std::string out;
    out.reserve(body.size() + 1);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i != 0) {
            out += '/';
        }
        out += segments[i];
    }
    if (out.empty() || out.front() != '/') {
        out.insert(out.begin(), '/');
    }
    return query == std::string::npos ? out : out + path.substr(query);
}

// Holes become {x}; so does any {...} left in the text (a template written in a literal).
std::string neutralise(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == kHole) {
            out += "{x}";
            while (i + 1 < s.size() && s[i + 1] == kHole) {
                ++i;
            }
        } else if (s[i] == '{' || (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{')) {
            // {name}, and ${name}: a template's placeholder (StrSubstitutor, string.Template)
            const std::size_t close = s.find('}', i);
            out += "{x}";
            i = close == std::string::npos ? s.size() : close;
        } else if (static_cast<unsigned char>(s[i]) < 0x20 || s[i] == ' ') {
            break; // a line break or space ends the path (a message around it)
        } else {
            out += s[i];
        }
    }
    while (!out.empty() && std::string_view(".,;:)'\"").find(out.back()) != std::string_view::npos) {
        out.pop_back(); // "... at https://x.mktorest.com/identity/oauth/token."
    }
    return out;
}

std::size_t find_api_base(std::string_view text, std::size_t lead) {
    std::size_t best = std::string_view::npos;
    for (std::string_view base : kBases) {
        std::size_t at = text.find(base);
        while (at != std::string_view::npos && at > 0 && text[at - 1] != '/') {
            at = text.find(base, at + 1);
        }
        if (at != std::string_view::npos && at < best) {
            best = at;
        }
        if (text.compare(lead, base.size(), base) == 0 && lead < best) {
            best = lead;
        }
    }
    return best;
}

std::string marketo_path_of(const std::string& evaluated) {
    if (evaluated.size() > kMaxText) {
        return {};
    }
    std::string text = evaluated;
    // A leading hole is a base the code decides at run time: "{base}/v1/leads.json".
    std::size_t lead = 0;
    while (lead < text.size() && text[lead] == kHole) {
        ++lead;
    }
    const std::size_t best = find_api_base(text, lead);
    std::string path;
    if (best != std::string::npos) {
        // "/rest/../bulk/v1/...": the dot segments go first, so the bulk path is what is left.
        std::size_t from = best > 0 ? best - 1 : 0;
        const std::size_t dots = text.rfind("/..", from);
        if (dots != std::string::npos) {
            const std::size_t rest = text.rfind("rest", dots);
            if (rest != std::string::npos && rest + 4 == dots) {
                from = rest - (rest > 0 ? 1 : 0);
            }
        }
        path = text.substr(from);
        if (path.front() != '/') {
            path.insert(path.begin(), '/');
        }
        path = remove_dot_segments(path);
        const std::string first = path.substr(1, path.find('/', 1) == std::string::npos ? std::string::npos : path.find('/', 1) - 1);
        if (first != "rest" && first != "bulk" && first != "identity" && first != "userservice" && first != "subscriptions") {
            return {};
        }
        // A base alone ("https://x.mktorest.com/rest", "/rest/v1/") is configuration, not a call:
        // a call names at least three segments (/rest/v1/leads.json, /identity/oauth/token).
        std::size_t segments = 0;
        for (std::size_t at = 0; at < path.size() && path[at] != '?'; ++at) {
            segments += path[at] == '/' && at + 1 < path.size() && path[at + 1] != '/' && path[at + 1] != '?' ? 1 : 0;
        }
        if (segments < 3) {
            return {};
        }
    } else {
        // Relative to a /rest base: "/v1/leads.json", "v1/lead/{x}.json", "/asset/v1/email/{x}".
        std::string rel = text.substr(lead);
        if (!rel.empty() && rel.front() != '/') {
            rel.insert(rel.begin(), '/');
        }
        const bool versioned = rel.rfind("/v1/", 0) == 0 || rel.rfind("/v2/", 0) == 0;
        const bool asset = rel.rfind("/asset/v1/", 0) == 0 || rel.rfind("/asset/v2/", 0) == 0;
        if (!(asset || (versioned && rel.find(".json") != std::string::npos))) {
            return {};
        }
        path = remove_dot_segments("/rest" + rel);
    }
    path = neutralise(path);
    // A URL glued after a base ("/rest/v1/https://...") is not a call; a colon in the query
    // ("?sinceDatetime=2020-01-01T00:00:00Z") is just a value.
    if (path.size() < 8 || path.substr(0, path.find('?')).find(':') != std::string::npos) {
        return {};
    }
    if (path.size() > kMaxPath) {
        // No endpoint is this long: the path is reported unmatched, by its first kMaxPath
        // characters (each sighting of thousands built from a chain of constants is not 4 KB).
        const std::size_t open = path.rfind('{', kMaxPath);
        path.resize(open != std::string::npos && open + 3 > kMaxPath ? open : kMaxPath);
    }
    // Something literal after the version: "/rest/v1/{x}" is a base with a hole, not an operation.
    const std::size_t version_end = path.find('/', path.find('/', 1) + 1);
    const std::string tail = version_end == std::string::npos ? std::string() : path.substr(version_end);
    std::string letters;
    for (std::size_t i = 0; i < tail.size(); ++i) {
        if (tail.compare(i, 3, "{x}") == 0) {
            i += 2;
        } else if (std::isalpha(static_cast<unsigned char>(tail[i])) != 0) {
            letters += tail[i];
        }
    }
    if (letters.empty()) {
        return {};
    }
    return path;
}

} // namespace minrole::code

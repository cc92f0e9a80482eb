// The string operations path templates are built with, as the languages define them: HTTP verbs
// in values and in callee names, brace and printf-style formatting, and joins. Holes pass
// through them as text, so a template keeps its {x} wherever the code left one.
#include "code_templates.hpp"
#include "code_value.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::code {

constexpr std::array<std::string_view, 5> kVerbs{"get", "post", "put", "delete", "patch"};

// "GET" for "get", "Get", "GET"; empty otherwise.
std::string verb(std::string_view s) {
    const std::string l = vocab::to_lower(s);
    for (std::string_view v : kVerbs) {
        if (l == v) {
            std::string up(v);
            std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            return up;
        }
    }
    return {};
}

// The verb a callee's name starts with: get, postJson, PostAsync, post_json, HttpPost, MethodPost.
std::string verb_of_name(std::string_view name) {
    std::string_view n = name;
    for (std::string_view prefix : {"Http", "HTTP", "http", "Method", "new "}) {
        if (n.size() > prefix.size() && n.substr(0, prefix.size()) == prefix) {
            n.remove_prefix(prefix.size());
        }
    }
    // doGet / doPost: a request helper's conventional name (not "document", "download").
    if (n.size() > 2 && n.substr(0, 2) == "do" && std::isupper(static_cast<unsigned char>(n[2])) != 0) {
        n.remove_prefix(2);
    }
    for (std::string_view v : kVerbs) {
        if (n.size() >= v.size() && vocab::to_lower(n.substr(0, v.size())) == v) {
            if (n.size() == v.size()) {
                return verb(v);
            }
            const char next = n[v.size()];
            if (std::isupper(static_cast<unsigned char>(next)) != 0 || next == '_') {
                // getLead(…) is a getter more often than a request; only the request-shaped
                // suffixes count: Json, Async, Request, _json, Data, Form.
                const std::string_view rest = n.substr(v.size());
                for (std::string_view ok : {"Json", "JSON", "Async", "Request", "_json", "_request", "Data", "Form", "Raw", "_raw", "Multipart"}) {
                    if (rest.substr(0, ok.size()) == ok) {
                        return verb(v);
                    }
                }
            }
        }
    }
    return {};
}

// Python str.format / C# string.Format: {} {0} {name} {name!r:>10}; {{ }} are braces.
std::string format_braces(const std::string& fmt, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& named) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            ++i;
        } else if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            out += '}';
            ++i;
        } else if (c == '{') {
            const std::size_t close = fmt.find('}', i);
            if (close == std::string::npos) {
                out += fmt.substr(i);
                break;
            }
            std::string field = fmt.substr(i + 1, close - i - 1);
            field = field.substr(0, field.find_first_of("!:,"));
            std::string value(1, kHole);
            if (field.empty()) {
                value = next < args.size() ? args[next] : value;
                ++next;
            } else if (std::all_of(field.begin(), field.end(), [](unsigned char d) { return std::isdigit(d) != 0; })) {
                const std::size_t k = static_cast<std::size_t>(std::stoul(field.substr(0, 6)));
                value = k < args.size() ? args[k] : value;
            } else {
                for (const auto& [name, v] : named) {
                    if (name == field) {
                        value = v;
                    }
                }
            }
            out += value;
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

// printf-style: %s %d %v %05d %-10s %%; Python %(name)s.
std::string format_percent(const std::string& fmt, const std::vector<std::string>& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out += fmt[i];
            continue;
        }
        if (fmt[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        if (fmt[j] == '(') {
            const std::size_t close = fmt.find(')', j);
            j = close == std::string::npos ? fmt.size() : close + 1;
        }
        while (j < fmt.size() && std::string_view("-+ #0123456789.*").find(fmt[j]) != std::string_view::npos) {
            ++j;
        }
        if (j < fmt.size() && std::isalpha(static_cast<unsigned char>(fmt[j])) != 0) {
            out += next < args.size() ? args[next] : std::string(1, kHole);
            ++next;
            i = j;
        } else {
            out += fmt[i];
        }
    }
    return out;
}

// Joins path pieces with one slash between them.
std::string join_path(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty()) {
            continue;
        }
        if (out.empty()) {
            out = p;
            continue;
        }
        const bool slash_end = out.back() == '/';
        const bool slash_start = p.front() == '/';
        if (slash_end && slash_start) {
            out += p.substr(1);
        } else if (slash_end || slash_start) {
            out += p;
        } else {
            out += '/' + p;
        }
    }
    return out;
}

std::string join_with(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : sep) + parts[i];
    }
    return out;
}

} // namespace minrole::code

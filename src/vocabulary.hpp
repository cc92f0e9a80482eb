#pragma once
// The library's shared vocabulary: the HTTP methods and API bases of Marketo's REST paths, and
// the small string helpers every module would otherwise copy. Private to the library; one
// definition each, so the sources can be compiled together (unity build).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::vocab {

// The methods endpoint rules use, upper case, in the order tables index them by.
inline constexpr std::array<std::string_view, 5> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
// method_index() of a method outside kMethods.
inline constexpr std::uint8_t kOtherMethod = kMethods.size();

// First path segments that name an API base; a path starting with anything else is relative to
// /rest (kDefaultBase).
inline constexpr std::array<std::string_view, 5> kApiBases{"rest", "bulk", "identity", "userservice", "subscriptions"};
inline constexpr std::string_view kDefaultBase = "rest";

// The value of a hexadecimal digit (either case), or -1 for any other character.
inline constexpr int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

inline std::string to_upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

inline std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The text without leading and trailing spaces, tabs and line ends.
inline std::string_view trim(std::string_view text, std::string_view blanks = " \t\r\n") {
    const std::size_t begin = text.find_first_not_of(blanks);
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

// "a, b, c" (or any separator).
inline std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : separator) + items[i];
    }
    return out;
}

// "text" with '"' and '\\' escaped by a backslash (the quoting YAML, Graphviz and JSON share).
inline std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

// A YAML double-quoted scalar that reads back as exactly `text` and stays on one line: '"' and
// '\\' escaped, every control character (a line break, ESC, DEL) as "\\xNN". For the YAML files
// minrole generates (rules, SDK maps) from names in specs, packages and source code.
inline std::string yaml_quoted(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 15u];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Whether a name can stand as a plain YAML scalar: a letter or digit, then letters, digits and
// '.', '_', '-', '/' ("node-marketo-rest", "execute"); anything else ("@scope/pkg", a ':', a
// space) is written yaml_quoted().
inline bool yaml_plain_name(std::string_view text) {
    if (text.empty() || std::isalnum(static_cast<unsigned char>(text.front())) == 0) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' || c == '/';
    });
}

// The first item whose `field` equals `key` (a record looked up by name), or null.
template <class Items, class Key, class Field>
const typename Items::value_type* find_by(const Items& items, const Key& key, Field field) {
    const auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.*field == key; });
    return it == items.end() ? nullptr : &*it;
}

// Position of an upper-case method in kMethods, kOtherMethod when it is none of them.
inline std::uint8_t method_index(std::string_view method) {
    return static_cast<std::uint8_t>(std::find(kMethods.begin(), kMethods.end(), method) - kMethods.begin());
}

// One of kMethods in any case ("get", "Post").
inline bool is_method(std::string_view word) {
    return std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view method) {
        return word.size() == method.size() &&
               std::equal(word.begin(), word.end(), method.begin(),
                          [](unsigned char a, char b) { return std::toupper(a) == b; });
    });
}

// Does the path's first non-empty segment name an API base ("/bulk/v1/...")?
inline bool has_api_base(std::string_view path) {
    const std::size_t start = path.find_first_not_of('/');
    if (start == std::string_view::npos) {
        return false;
    }
    const std::string_view first = path.substr(start, std::min(path.find('/', start), path.size()) - start);
    return std::find(kApiBases.begin(), kApiBases.end(), first) != kApiBases.end();
}

} // namespace minrole::vocab

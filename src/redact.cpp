#include "minrole/redact.hpp"

#include <array>
#include <cctype>

namespace minrole {

namespace {

constexpr std::array<std::string_view, 12> kSecretNames{
    "access_token", "client_secret", "client_id", "refresh_token", "password", "passwd",
    "api_key",      "apikey",        "secret",    "token",         "bearer",   "authorization"};

struct CharTables {
    std::array<char, 256> fold{};         // ASCII lower case
    std::array<bool, 256> word{};         // letters, digits, '_' and '-'
    std::array<bool, 256> starts_name{};  // the first letter of a name in kSecretNames, either case
};

constexpr CharTables kTables = [] {
    CharTables t;
    for (std::size_t c = 0; c < 256; ++c) {
        const bool upper = c >= 'A' && c <= 'Z';
        t.fold[c] = static_cast<char>(upper ? c + ('a' - 'A') : c);
        t.word[c] = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    for (std::string_view name : kSecretNames) {
        const auto first = static_cast<unsigned char>(name.front());
        t.starts_name[first] = true;
        t.starts_name[first - ('a' - 'A')] = true;
    }
    return t;
}();

bool is_word(char c) { return kTables.word[static_cast<unsigned char>(c)]; }

// Case-insensitive: does `text` hold the lower-case `name` at `at`?
bool has_name_at(std::string_view text, std::size_t at, std::string_view name) {
    if (text.size() - at < name.size()) {
        return false;
    }
    for (std::size_t n = 0; n < name.size(); ++n) {
        if (kTables.fold[static_cast<unsigned char>(text[at + n])] != name[n]) {
            return false;
        }
    }
    return true;
}

// Length of the value starting at `at`: up to a delimiter that cannot be part of a token.
std::size_t value_length(std::string_view text, std::size_t at) {
    // A template placeholder (${token}, {{secret}}, {apiKey}) is one value, braces included, so
    // no stray brace is left after "<redacted>".
    if (at < text.size() && (text[at] == '{' || text.compare(at, 2, "${") == 0)) {
        // Bounded search: a hostile line of unclosed "token={" must stay linear.
        const std::size_t close = text.substr(at, 256).find('}');
        if (close != std::string_view::npos) {
            std::size_t end = at + close + 1;
            while (end < text.size() && text[end] == '}') {
                ++end;
            }
            return end - at;
        }
    }
    std::size_t end = at;
    while (end < text.size()) {
        const char c = text[end];
        // An escape pair (\" inside a JSON string) belongs to the value: stopping at its quote
        // would leave the rest of the secret behind and break the JSON around "<redacted>".
        if (c == '\\' && end + 1 < text.size()) {
            end += 2;
            continue;
        }
        if (c == '&' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == ',' || c == '}' || c == ';' ||
            c == ')' || c == '`' || c == '<' || c == '>') {
            break;
        }
        ++end;
    }
    return end - at;
}


// Where a secret's value starts at `i` (a name such as "access_token=" or "Bearer " there),
// returns {start of the value, its length}; {0, 0} when no value follows a name at `i`.
std::pair<std::size_t, std::size_t> secret_at(std::string_view text, std::size_t i) {
    for (std::string_view name : kSecretNames) {
        if (!has_name_at(text, i, name)) {
            continue;
        }
        std::size_t j = i + name.size();
        if (j < text.size() && is_word(text[j])) {
            continue; // a longer word, such as "tokenizer"
        }
        // Skip the separator: = or : with optional quotes and spaces (JSON, headers, query).
        std::size_t k = j;
        while (k < text.size() && (text[k] == '"' || text[k] == '\'' || text[k] == ' ')) {
            ++k;
        }
        if (name == "bearer" || name == "authorization") {
            if (name == "authorization") {
                if (k >= text.size() || (text[k] != ':' && text[k] != '=')) {
                    continue;
                }
                ++k;
                while (k < text.size() && (text[k] == ' ' || text[k] == '"' || text[k] == '\'')) {
                    ++k;
                }
                // Keep the scheme word ("Bearer", "Basic") readable, hide what follows.
                std::size_t scheme = k;
                while (scheme < text.size() && std::isalpha(static_cast<unsigned char>(text[scheme])) != 0) {
                    ++scheme;
                }
                if (scheme < text.size() && text[scheme] == ' ') {
                    k = scheme + 1;
                }
            } else if (k == j) {
                continue; // "bearer" needs a space after it
            }
        } else {
            if (k >= text.size() || (text[k] != '=' && text[k] != ':')) {
                continue;
            }
            ++k;
            while (k < text.size() && (text[k] == ' ' || text[k] == '"' || text[k] == '\'')) {
                ++k;
            }
        }
        const std::size_t length = value_length(text, k);
        if (length != 0) {
            return {k, length};
        }
    }
    return {0, 0};
}

} // namespace

std::string redact(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0; // text before this is in `out` already
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Most positions start no secret name: test its first letter before comparing names.
        if (!kTables.starts_name[static_cast<unsigned char>(text[i])] || (i != 0 && is_word(text[i - 1]))) {
            continue;
        }
        const auto [value, length] = secret_at(text, i);
        if (length == 0) {
            continue;
        }
        out.append(text.substr(copied, value - copied));
        out += "<redacted>";
        copied = value + length;
        i = copied - 1; // the loop's ++i lands just after the value
    }
    out.append(text.substr(copied));
    return out;
}

} // namespace minrole

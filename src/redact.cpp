#include "minrole/redact.hpp"

#include <array>
#include <cctype>

namespace minrole {

namespace {

constexpr std::array<std::string_view, 12> kSecretNames{
    "access_token", "client_secret", "client_id", "refresh_token", "password", "passwd",
    "api_key",      "apikey",        "secret",    "token",         "bearer",   "authorization"};

// The first letters of kSecretNames, lower case.
bool starts_a_name(char c) {
    switch (c) {
    case 'a': case 'b': case 'c': case 'p': case 'r': case 's': case 't':
        return true;
    default:
        return false;
    }
}

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
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

} // namespace

std::string redact(std::string_view text) {
    const std::string folded = lower(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool replaced = false;
        // Most positions start no secret name: test its first letter before comparing names.
        if ((i == 0 || !is_word(text[i - 1])) && starts_a_name(folded[i])) {
            for (std::string_view name : kSecretNames) {
                if (folded.compare(i, name.size(), name) != 0) {
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
                    } else {
                        if (k == j) {
                            continue; // "bearer" needs a space after it
                        }
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
                if (length == 0) {
                    continue;
                }
                out.append(text.substr(i, k - i));
                out += "<redacted>";
                i = k + length;
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += text[i];
            ++i;
        }
    }
    return out;
}

} // namespace minrole

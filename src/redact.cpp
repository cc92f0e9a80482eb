#include "minrole/redact.hpp"

#include <array>
#include <cctype>

namespace minrole {

namespace {

// What a credential's name ends with, once case and word separators ("_", "-", their percent
// encodings) are dropped: access_token, accessToken, Access-Token, ACCESS%5FTOKEN all read
// "accesstoken". Marketo's (access_token, client_id, client_secret, refresh_token) and HTTP's
// (Authorization, X-Api-Key) names, and whatever an application calls them
// (MKTO_CLIENT_SECRET, marketoClientSecret, apiToken).
constexpr std::array<std::string_view, 11> kSecretSuffixes{
    "token", "secret", "password", "passwd", "apikey", "clientid", "authorization", "secretkey",
    "privatekey", "accesskey", "credentials"};
constexpr std::array<std::string_view, 2> kSecretWords{"bearer", "pwd"};

constexpr std::size_t kLongestName = 64;

struct CharTables {
    std::array<char, 256> fold{};         // ASCII lower case
    std::array<bool, 256> word{};         // letters, digits, '_' and '-'
    std::array<bool, 256> starts_name{};  // letters: a name starts with one
};

constexpr CharTables kTables = [] {
    CharTables t;
    for (std::size_t c = 0; c < 256; ++c) {
        const bool upper = c >= 'A' && c <= 'Z';
        const bool lower = c >= 'a' && c <= 'z';
        t.fold[c] = static_cast<char>(upper ? c + ('a' - 'A') : c);
        t.word[c] = upper || lower || (c >= '0' && c <= '9') || c == '_' || c == '-';
        t.starts_name[c] = upper || lower;
    }
    return t;
}();

bool is_word(char c) { return kTables.word[static_cast<unsigned char>(c)]; }

// "%5F" / "%2D" (an encoded '_' or '-') at `at`.
bool encoded_separator(std::string_view text, std::size_t at) {
    if (text.size() - at < 3 || text[at] != '%') {
        return false;
    }
    const char a = text[at + 1];
    const char b = kTables.fold[static_cast<unsigned char>(text[at + 2])];
    return (a == '5' && b == 'f') || (a == '2' && b == 'd');
}

// The word at `at` (letters, digits, separators) folded to lower-case letters and digits; its
// end goes to `end`. Empty when it is longer than any credential's name.
std::string folded_word(std::string_view text, std::size_t at, std::size_t& end) {
    std::string out;
    end = at;
    while (end < text.size()) {
        const char c = text[end];
        if (c == '_' || c == '-') {
            ++end;
        } else if (encoded_separator(text, end)) {
            end += 3;
        } else if (is_word(c)) {
            out += kTables.fold[static_cast<unsigned char>(c)];
            ++end;
        } else {
            break;
        }
        if (out.size() > kLongestName) {
            return {};
        }
    }
    return out;
}

bool ends_with(std::string_view word, std::string_view suffix) {
    return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

enum class NameKind { none, value, bearer, authorization };

NameKind kind_of(std::string_view word) {
    for (std::string_view w : kSecretWords) {
        if (word == w) {
            return w == "bearer" ? NameKind::bearer : NameKind::value;
        }
    }
    for (std::string_view suffix : kSecretSuffixes) {
        if (ends_with(word, suffix)) {
            return suffix == "authorization" ? NameKind::authorization : NameKind::value;
        }
    }
    return NameKind::none;
}

bool blank(char c) { return c == ' ' || c == '\t'; }
bool quote_or_blank(char c) { return c == '"' || c == '\'' || blank(c); }

// After a name: optional quotes and blanks, then "=", ":", ":=", "=>", "%3D" or "%3A", then
// optional blanks and quotes. Returns where the value starts, or npos when no separator.
std::size_t after_separator(std::string_view text, std::size_t k) {
    while (k < text.size() && quote_or_blank(text[k])) {
        ++k;
    }
    if (k < text.size() && (text[k] == '=' || text[k] == ':')) {
        ++k;
        if (k < text.size() && (text[k] == '=' || text[k] == '>')) {
            ++k;
        }
    } else if (text.size() - k >= 3 && text[k] == '%' && text[k + 1] == '3' &&
               (kTables.fold[static_cast<unsigned char>(text[k + 2])] == 'd' ||
                kTables.fold[static_cast<unsigned char>(text[k + 2])] == 'a')) {
        k += 3;
    } else {
        return std::string_view::npos;
    }
    while (k < text.size() && quote_or_blank(text[k])) {
        ++k;
    }
    return k;
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
    std::size_t j = 0;
    const std::string word = folded_word(text, i, j);
    const NameKind kind = word.empty() ? NameKind::none : kind_of(word);
    if (kind == NameKind::none) {
        return {0, 0};
    }
    std::size_t k = j;
    if (kind == NameKind::bearer) {
        if (k >= text.size() || !blank(text[k])) {
            return {0, 0}; // "bearer" needs a space or a tab after it
        }
        while (k < text.size() && blank(text[k])) {
            ++k;
        }
    } else {
        k = after_separator(text, j);
        if (k == std::string_view::npos) {
            return {0, 0};
        }
        if (kind == NameKind::authorization) {
            // Keep the scheme word ("Bearer", "Basic") readable, hide what follows.
            std::size_t scheme = k;
            while (scheme < text.size() && std::isalpha(static_cast<unsigned char>(text[scheme])) != 0) {
                ++scheme;
            }
            if (scheme < text.size() && blank(text[scheme])) {
                k = scheme;
                while (k < text.size() && blank(text[k])) {
                    ++k;
                }
            }
        }
    }
    const std::size_t length = value_length(text, k);
    return length == 0 ? std::pair<std::size_t, std::size_t>{0, 0} : std::pair{k, length};
}

bool hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// A word starts after a non-word character or after a percent-encoded one ("%26access_token").
bool word_starts(std::string_view text, std::size_t i) {
    return i == 0 || !is_word(text[i - 1]) || (i >= 3 && text[i - 3] == '%' && hex(text[i - 2]) && hex(text[i - 1]));
}

// "scheme://user:password@host": the password, or {0, 0}.
std::pair<std::size_t, std::size_t> userinfo_at(std::string_view text, std::size_t i) {
    if (text.compare(i, 3, "://") != 0) {
        return {0, 0};
    }
    const std::size_t start = i + 3;
    const std::size_t stop = std::min(text.size(), start + 512);
    std::size_t colon = std::string_view::npos;
    for (std::size_t k = start; k < stop; ++k) {
        const char c = text[k];
        if (c == '/' || c == '?' || c == '#' || blank(c) || c == '"' || c == '\'') {
            return {0, 0};
        }
        if (c == ':' && colon == std::string_view::npos) {
            colon = k;
        } else if (c == '@') {
            return colon == std::string_view::npos || k == colon + 1 ? std::pair<std::size_t, std::size_t>{0, 0}
                                                                      : std::pair{colon + 1, k - colon - 1};
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
        std::pair<std::size_t, std::size_t> found{0, 0};
        if (text[i] == ':') {
            found = userinfo_at(text, i);
        } else if (kTables.starts_name[static_cast<unsigned char>(text[i])] && word_starts(text, i)) {
            found = secret_at(text, i);
            if (found.second == 0) {
                // Not a name: skip the rest of the word, so each word is read once.
                while (i + 1 < text.size() && is_word(text[i + 1])) {
                    ++i;
                }
                continue;
            }
        }
        const auto [value, length] = found;
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

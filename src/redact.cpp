#include "minrole/redact.hpp"

#include "vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace minrole {

namespace {

// What a credential's name ends with, once case and word separators ("_", "-", their percent
// encodings) are dropped: access_token, accessToken, Access-Token, ACCESS%5FTOKEN all read
// "accesstoken". Marketo's (access_token, client_id, client_secret, refresh_token) and HTTP's
// (Authorization, X-Api-Key) names, and whatever an application calls them
// (MKTO_CLIENT_SECRET, marketoClientSecret, apiToken); Cookie and Set-Cookie headers and
// session ids (JSESSIONID, PHPSESSID) are a logged-in session.
constexpr std::array<std::string_view, 14> kSecretSuffixes{
    "token", "secret", "password", "passwd", "apikey", "clientid", "authorization", "secretkey",
    "privatekey", "accesskey", "credentials", "cookie", "sessionid", "sessid"};
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
bool hex(char c) { return vocab::hex_digit(c) >= 0; }

// Layers of percent-encoding one character may hide under: "%3D", "%253D" (encoded twice),
// "%25253D"... A bound keeps a hostile run of "%252525..." linear.
constexpr std::size_t kMaxEncodings = 8;

// The character a percent-escape at `at` stands for, once every layer is decoded ("%5F" and
// "%255F" are '_'), with the escape's length in `length`; 0 when there is no escape at `at`.
char percent_escape(std::string_view text, std::size_t at, std::size_t& length) {
    if (at >= text.size() || text[at] != '%') {
        return 0;
    }
    std::size_t k = at + 1;
    for (std::size_t layer = 0; layer < kMaxEncodings && text.size() - k >= 4 && text[k] == '2' && text[k + 1] == '5' &&
                                hex(text[k + 2]) && hex(text[k + 3]);
         ++layer) {
        k += 2;
    }
    if (text.size() - k < 2 || !hex(text[k]) || !hex(text[k + 1])) {
        return 0;
    }
    length = k + 2 - at;
    return static_cast<char>(vocab::hex_digit(text[k]) * 16 + vocab::hex_digit(text[k + 1]));
}

// The word at `at` (letters, digits, separators, and their percent-escapes: "%61ccess%5Ftoken")
// folded to lower-case letters and digits; its end goes to `end`. Empty when it is longer than
// any credential's name.
std::string folded_word(std::string_view text, std::size_t at, std::size_t& end) {
    std::string out;
    end = at;
    while (end < text.size()) {
        char c = text[end];
        std::size_t length = 1;
        if (c == '%') {
            c = percent_escape(text, end, length);
        }
        if (c == '_' || c == '-') {
            end += length;
        } else if (c != '%' && is_word(c)) {
            out += kTables.fold[static_cast<unsigned char>(c)];
            end += length;
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

enum class NameKind { none, value, bearer, authorization, cookie };

NameKind kind_of(std::string_view word) {
    for (std::string_view w : kSecretWords) {
        if (word == w) {
            return w == "bearer" ? NameKind::bearer : NameKind::value;
        }
    }
    for (std::string_view suffix : kSecretSuffixes) {
        if (ends_with(word, suffix)) {
            return suffix == "authorization" ? NameKind::authorization
                   : suffix == "cookie"      ? NameKind::cookie
                                             : NameKind::value;
        }
    }
    return NameKind::none;
}

bool starts_with_at(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.size() - at >= prefix.size() && text.compare(at, prefix.size(), prefix) == 0;
}

// A blank at `at`: a space, a tab, or a tab as a JSON or YAML report writes it ("\t").
std::size_t blank_length(std::string_view text, std::size_t at) {
    if (at >= text.size()) {
        return 0;
    }
    if (text[at] == ' ' || text[at] == '\t') {
        return 1;
    }
    return starts_with_at(text, at, "\\t") ? 2 : 0;
}

// A quote at `at` as it appears in the text being redacted: plain ('"', '\''), escaped inside a
// JSON or YAML string of a report (\", \\\"), or an HTML character reference (&quot;, &#39;).
std::size_t quote_length(std::string_view text, std::size_t at) {
    if (at >= text.size()) {
        return 0;
    }
    if (text[at] == '"' || text[at] == '\'') {
        return 1;
    }
    if (text[at] == '\\') {
        std::size_t k = at;
        while (k < text.size() && k - at < 16 && text[k] == '\\') {
            ++k;
        }
        return k < text.size() && (text[k] == '"' || text[k] == '\'') ? k + 1 - at : 0;
    }
    if (text[at] == '&') {
        for (std::string_view entity : {"&quot;", "&#34;", "&#39;", "&#x27;", "&apos;"}) {
            if (starts_with_at(text, at, entity)) {
                return entity.size();
            }
        }
    }
    return 0;
}

std::size_t skip_quotes_and_blanks(std::string_view text, std::size_t k) {
    for (std::size_t n = 0; k < text.size(); k += n) {
        n = quote_length(text, k);
        if (n == 0) {
            n = blank_length(text, k);
        }
        if (n == 0) {
            break;
        }
    }
    return k;
}

// After a name: optional quotes and blanks, then "=", ":", ":=", "=>" (or their
// percent-escapes, "%3D", "%253D"), then optional blanks and quotes. Returns where the value
// starts, or npos when no separator.
std::size_t after_separator(std::string_view text, std::size_t k) {
    k = skip_quotes_and_blanks(text, k);
    std::size_t length = 0;
    if (k < text.size() && (text[k] == '=' || text[k] == ':')) {
        ++k;
        if (k < text.size() && (text[k] == '=' || text[k] == '>')) {
            ++k;
        } else if (starts_with_at(text, k, "&gt;")) {
            k += 4; // "=>" in an HTML page
        }
    } else if (const char c = percent_escape(text, k, length); c == '=' || c == ':') {
        k += length;
    } else {
        return std::string_view::npos;
    }
    return skip_quotes_and_blanks(text, k);
}

// The value of an XML element named like a credential, "<clientSecret>abc</clientSecret>"
// (or "&lt;clientSecret&gt;" in an HTML page), or of one whose key attribute names it,
// '<entry key="password">abc</entry>': where it starts, or npos.
std::size_t element_content(std::string_view text, std::size_t name, std::size_t end) {
    const bool opened = (name >= 1 && text[name - 1] == '<') || (name >= 4 && text.compare(name - 4, 4, "&lt;") == 0);
    const std::size_t k = opened ? end : skip_quotes_and_blanks(text, end);
    if (!opened && (k == end || quote_length(text, end) == 0)) {
        return std::string_view::npos;
    }
    if (k < text.size() && text[k] == '>') {
        return k + 1;
    }
    return starts_with_at(text, k, "&gt;") ? k + 4 : std::string_view::npos;
}

// A name/value pair whose name is the credential's: a HAR or JSON header
// {"name": "X-Api-Key", "value": "abc"}, an XML property <property name="password" value="abc"/>.
// Returns where the value starts, or npos.
std::size_t paired_value(std::string_view text, std::size_t end) {
    std::size_t k = end;
    if (quote_length(text, k) == 0) {
        return std::string_view::npos; // the name must be a quoted string of its own
    }
    k = skip_quotes_and_blanks(text, k);
    if (k < text.size() && text[k] == ',') {
        k = skip_quotes_and_blanks(text, k + 1);
    }
    std::size_t word_end = 0;
    if (folded_word(text, k, word_end) != "value") {
        return std::string_view::npos;
    }
    return after_separator(text, word_end);
}

// The escaped quote that opens a value starting at `at`, as in the report line
// `"svc \"clientSecret\": \"abc\""`: its backslashes and quote, or "" when the quote before
// the value is not escaped.
std::string_view escaped_opening(std::string_view text, std::size_t at) {
    if (at < 2 || (text[at - 1] != '"' && text[at - 1] != '\'')) {
        return {};
    }
    std::size_t k = at - 1;
    while (k > 0 && at - k < 16 && text[k - 1] == '\\') {
        --k;
    }
    return k == at - 1 ? std::string_view() : text.substr(k, at - k);
}

// Length of the value starting at `at`: up to a delimiter that cannot be part of a token.
std::size_t value_length(std::string_view text, std::size_t at) {
    const std::string_view closing = escaped_opening(text, at);
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
        if (c == '\\' && !closing.empty() && starts_with_at(text, end, closing)) {
            break; // the escaped quote that closes it
        }
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

// A cookie header's value is every pair in it ("Cookie: sid=abc; theme=dark"): up to the end
// of the text or of the string or element holding it.
std::size_t cookie_length(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && quote_length(text, end) == 0 && text[end] != '<' && text[end] != '&' &&
           text[end] != '`' && text[end] != '\\') {
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
        if (blank_length(text, k) == 0) {
            return {0, 0}; // "bearer" needs a space or a tab after it
        }
        while (const std::size_t n = blank_length(text, k)) {
            k += n;
        }
    } else {
        k = after_separator(text, j);
        if (k == std::string_view::npos) {
            k = element_content(text, i, j);
        }
        if (k == std::string_view::npos) {
            k = paired_value(text, j);
        }
        if (k == std::string_view::npos) {
            return {0, 0};
        }
        if (kind == NameKind::authorization) {
            // Keep the scheme word ("Bearer", "Basic") readable, hide what follows.
            std::size_t scheme = k;
            while (scheme < text.size() && std::isalpha(static_cast<unsigned char>(text[scheme])) != 0) {
                ++scheme;
            }
            if (blank_length(text, scheme) != 0) {
                k = scheme;
                while (const std::size_t n = blank_length(text, k)) {
                    k += n;
                }
            }
        }
    }
    const std::size_t length = kind == NameKind::cookie ? cookie_length(text, k) : value_length(text, k);
    return length == 0 ? std::pair<std::size_t, std::size_t>{0, 0} : std::pair{k, length};
}

// Whether a percent-escape ("%26", "%2526") ends just before `i`.
bool after_escape(std::string_view text, std::size_t i) {
    if (i < 3 || !hex(text[i - 1]) || !hex(text[i - 2])) {
        return false;
    }
    std::size_t k = i - 3;
    for (std::size_t layer = 0; layer < kMaxEncodings && k >= 2 && text[k] == '5' && text[k - 1] == '2'; ++layer) {
        k -= 2;
    }
    return text[k] == '%';
}

// A word starts after a non-word character or after a percent-encoded one ("%26access_token").
bool word_starts(std::string_view text, std::size_t i) {
    return i == 0 || !is_word(text[i - 1]) || after_escape(text, i);
}

// Where a name may start at `i`: a letter, or a percent-escape of one ("%61ccess_token").
bool name_starts(std::string_view text, std::size_t i) {
    if (kTables.starts_name[static_cast<unsigned char>(text[i])]) {
        return true;
    }
    std::size_t length = 0;
    return text[i] == '%' && kTables.starts_name[static_cast<unsigned char>(percent_escape(text, i, length))];
}

// curl's "-u user:password" / "--user user:password" (also "--user=..."): the password.
std::pair<std::size_t, std::size_t> curl_user_at(std::string_view text, std::size_t i) {
    if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\t' && text[i - 1] != '"' && text[i - 1] != '\'') {
        return {0, 0};
    }
    std::size_t k = i;
    if (starts_with_at(text, i, "--user") && (blank_length(text, i + 6) != 0 || starts_with_at(text, i + 6, "="))) {
        k = i + 7;
    } else if (starts_with_at(text, i, "-u") && blank_length(text, i + 2) != 0) {
        k = i + 2;
    } else {
        return {0, 0};
    }
    k = skip_quotes_and_blanks(text, k);
    std::size_t end = k;
    while (end < text.size() && end - k < 512 && blank_length(text, end) == 0 && quote_length(text, end) == 0) {
        ++end;
    }
    const std::size_t colon = text.substr(k, end - k).find(':');
    return colon == std::string_view::npos || k + colon + 1 == end ? std::pair<std::size_t, std::size_t>{0, 0}
                                                                   : std::pair{k + colon + 1, end - k - colon - 1};
}

// "scheme://user:password@host": the password; "scheme://token@host": the user name, which
// such URLs carry a token in; or {0, 0}.
std::pair<std::size_t, std::size_t> userinfo_at(std::string_view text, std::size_t i) {
    if (text.compare(i, 3, "://") != 0) {
        return {0, 0};
    }
    const std::size_t start = i + 3;
    const std::size_t stop = std::min(text.size(), start + 512);
    std::size_t colon = std::string_view::npos;
    for (std::size_t k = start; k < stop; ++k) {
        const char c = text[k];
        if (c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>') {
            return {0, 0};
        }
        if (c == ':' && colon == std::string_view::npos) {
            colon = k;
        } else if (c == '@') {
            if (colon == std::string_view::npos) {
                return k == start ? std::pair<std::size_t, std::size_t>{0, 0} : std::pair{start, k - start};
            }
            return k == colon + 1 ? std::pair<std::size_t, std::size_t>{0, 0} : std::pair{colon + 1, k - colon - 1};
        }
    }
    return {0, 0};
}

} // namespace

namespace {

// Whether a value names no secret itself but stands for one given elsewhere on the line: a
// printf or format() placeholder ("%s", "%1$s", "{}", "{0}") or an operator that builds the
// string ("+", ".", "..", "%", "<<").
bool built_value(std::string_view value) {
    if (value.size() >= 2 && value.front() == '%') {
        std::size_t k = 1;
        while (k < value.size() && (std::isdigit(static_cast<unsigned char>(value[k])) != 0 || value[k] == '$' ||
                                    value[k] == '-' || value[k] == '.')) {
            ++k;
        }
        return k + 1 == value.size() && std::isalpha(static_cast<unsigned char>(value[k])) != 0;
    }
    if (value.size() >= 2 && value.front() == '{' && value.back() == '}') {
        return std::all_of(value.begin() + 1, value.end() - 1, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    }
    return std::none_of(value.begin(), value.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::string redact_text(std::string_view text, bool code) {
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0; // text before this is in `out` already
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::pair<std::size_t, std::size_t> found{0, 0};
        if (text[i] == ':') {
            found = userinfo_at(text, i);
        } else if (text[i] == '-') {
            found = curl_user_at(text, i);
        } else if (name_starts(text, i) && word_starts(text, i)) {
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
        if (code && built_value(text.substr(value, length))) {
            copied = std::min(text.size(), text.find('\n', value)); // the rest of the line goes too
        }
        i = copied - 1; // the loop's ++i lands just after what was hidden
    }
    out.append(text.substr(copied));
    return out;
}

} // namespace

std::string redact(std::string_view text) { return redact_text(text, false); }
std::string redact_code(std::string_view line) { return redact_text(line, true); }

} // namespace minrole

#pragma once
// JSON read from a file (a HAR, a saved API response, an OpenAPI spec): nesting bounded before
// nlohmann sees it, and every way nlohmann can fail turned into a located minrole::Error.
// nlohmann throws more than parse_error from parse(): a number too large for a double is an
// out_of_range, and its message quotes the bytes — which may be a credential — so no message of
// its reaches the user; the line and column say where instead.
#include "minrole/error.hpp"
#include "minrole/source.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace minrole {

// Where in `text` nlohmann stopped (parse_error) or which number overflowed (out_of_range), and
// what went wrong in words of our own: "malformed JSON in <what> at ...: <reason>".
[[noreturn]] void throw_json_input_error(const std::string& path, std::string_view text, std::string_view what,
                                         const nlohmann::json::exception& failure);

// Parses `text` as JSON or throws a located Error (a gzip'd or UTF-16 file said to be one, then
// check_json_depth).
template <class Json> Json parse_json_input(const std::string& path, std::string_view text, std::string_view what) {
    if (const std::string encoded = compressed_or_utf16(text.substr(0, 512)); !encoded.empty()) {
        throw Error(Location{path, 0, 0}, encoded);
    }
    check_json_depth(path, text);
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::exception& failure) {
        throw_json_input_error(path, text, what, failure);
    }
}

} // namespace minrole

#include "json_input.hpp"

#include <cmath>
#include <cstdlib>

namespace minrole {

namespace {

// The first number token outside strings that a double cannot hold: nlohmann's out_of_range
// carries no position, so the input is walked again (only on this error path).
std::size_t first_overflowing_number(std::string_view text) {
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) {
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && std::string_view("+-0123456789.eE").find(text[end]) != std::string_view::npos) {
            ++end;
        }
        const std::string token(text.substr(i, end - i));
        if (!std::isfinite(std::strtod(token.c_str(), nullptr))) {
            return i;
        }
        i = end - 1;
    }
    return 0;
}

} // namespace

void throw_json_input_error(const std::string& path, std::string_view text, std::string_view what,
                            const nlohmann::json::exception& failure) {
    const std::string prefix = "malformed JSON in " + std::string(what) + ": ";
    if (const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&failure)) {
        // "syntax error while parsing value - invalid literal; last read: '...'": keep the words
        // before the quote.
        std::string reason = parse->what();
        reason.resize(std::min(reason.size(), reason.find("; last read")));
        const std::size_t detail = reason.find("] ");
        if (detail != std::string::npos) {
            reason.erase(0, detail + 2);
        }
        // "parse error at line 1, column 5: ..." repeats the location the Error carries.
        const std::size_t said = reason.rfind("column ", reason.find(": "));
        if (reason.rfind("parse error", 0) == 0 && said != std::string::npos && reason.find(": ") != std::string::npos) {
            reason.erase(0, reason.find(": ") + 2);
        }
        throw Error(location_at(path, text, parse->byte > 0 ? parse->byte - 1 : 0), prefix + reason);
    }
    if (failure.id == 406) {
        throw Error(location_at(path, text, first_overflowing_number(text)),
                    prefix + "a number too large to represent");
    }
    throw Error(Location{path, 1, 1}, prefix + "unreadable (JSON error " + std::to_string(failure.id) + ")");
}

} // namespace minrole

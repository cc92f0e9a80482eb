#include "minrole/error.hpp"

#include "router_nearest.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <limits>

namespace minrole {

std::string Location::to_string() const {
    if (file.empty()) {
        return {};
    }
    std::string out = file;
    if (line > 0) {
        out.append(":").append(std::to_string(line));
        if (column > 0) {
            out.append(":").append(std::to_string(column));
        }
    }
    return out;
}

namespace {
std::string compose(const Location& where, const std::string& message) {
    return where.known() ? where.to_string() + ": " + message : message;
}
} // namespace

Error::Error(Location where, const std::string& message)
    : std::runtime_error(compose(where, message)), where_(std::move(where)), message_(message) {}

Error::Error(const std::string& message) : std::runtime_error(message), message_(message) {}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    // The router's distance (router_nearest.hpp) with no limit: one Levenshtein in the library.
    routing::Distance distance(vocab::to_lower(a));
    return distance(vocab::to_lower(b), std::numeric_limits<std::size_t>::max() / 4);
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(3, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

} // namespace minrole

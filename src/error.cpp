#include "minrole/error.hpp"

#include <algorithm>
#include <cctype>

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
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
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

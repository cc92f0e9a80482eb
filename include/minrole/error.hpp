#pragma once
// Errors carry where they happened so the CLI can print `file:line:col: message`.
// The library throws minrole::Error; only the CLI boundary catches and prints it.
#include <stdexcept>
#include <string>
#include <vector>

namespace minrole {

// 1-based line and column; 0 means "unknown" and is not printed.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;

    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] bool known() const { return !file.empty(); }

    bool operator==(const Location& other) const = default;
};

class Error : public std::runtime_error {
public:
    Error(Location where, const std::string& message);
    explicit Error(const std::string& message);

    [[nodiscard]] const Location& where() const { return where_; }
    [[nodiscard]] const std::string& message() const { return message_; }

private:
    Location where_;
    std::string message_;
};

// Closest spelling among candidates, or "" when nothing is close enough to suggest.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
// Edit distance, used for suggestions and for ranking unmatched-operation candidates.
std::size_t edit_distance(const std::string& a, const std::string& b);

} // namespace minrole

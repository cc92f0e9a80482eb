#pragma once
// Which paths a scan leaves out: .gitignore rules (read per folder as the walk descends) and
// --exclude patterns, matched as git matches them (scan_ignore.cpp).
#include <filesystem>
#include <string>
#include <vector>

namespace minrole::scanning {

struct IgnoreRule {
    std::filesystem::path base; // folder of the .gitignore
    std::string pattern;
    bool negate = false;
    bool directory_only = false;
    bool anchored = false;
};

// Whether the last rule that matches `path` ignores it (a `!` rule un-ignores).
bool ignored(const std::vector<IgnoreRule>& rules, const std::filesystem::path& path, bool is_directory);

// Adds the rules of `folder`/.gitignore, if there is one.
void read_gitignore(const std::filesystem::path& folder, std::vector<IgnoreRule>& rules);

} // namespace minrole::scanning

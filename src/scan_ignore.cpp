// .gitignore and --exclude rules for the scan walk: patterns with a slash match the path relative
// to the rule's folder, patterns without one match a name anywhere below it, `**/` matches any
// depth, a trailing `/` only folders, a leading `!` un-ignores.
#include "scan_ignore.hpp"

#include <fnmatch.h>

#include <fstream>
#include <string>

namespace minrole::scanning {

namespace fs = std::filesystem;

bool ignored(const std::vector<IgnoreRule>& rules, const fs::path& path, bool is_directory) {
    bool result = false;
    for (const auto& rule : rules) {
        if (rule.directory_only && !is_directory) {
            continue;
        }
        bool hit = false;
        if (rule.anchored || rule.pattern.find('/') != std::string::npos) {
            // A pattern with a slash matches the path relative to the rule's folder. (One without
            // matches the name wherever it is: a .gitignore's rules only reach its own subtree.)
            const fs::path subject = rule.base.is_absolute() && !path.is_absolute() ? fs::absolute(path).lexically_normal() : path;
            const std::string rel = subject.lexically_relative(rule.base).generic_string();
            if (rel.empty() || rel.rfind("..", 0) == 0) {
                continue;
            }
            hit = ::fnmatch(rule.pattern.c_str(), rel.c_str(), FNM_PATHNAME) == 0;
            // "**/" prefixes and suffixes: also try matching any trailing part.
            if (!hit && rule.pattern.rfind("**/", 0) == 0) {
                const std::string tail = rule.pattern.substr(3);
                for (std::size_t at = 0; at != std::string::npos && !hit; at = rel.find('/', at + 1)) {
                    const std::string sub = at == 0 ? rel : rel.substr(at + 1);
                    hit = ::fnmatch(tail.c_str(), sub.c_str(), FNM_PATHNAME) == 0;
                }
            }
        } else {
            hit = ::fnmatch(rule.pattern.c_str(), path.filename().string().c_str(), 0) == 0;
        }
        if (hit) {
            result = !rule.negate;
        }
    }
    return result;
}

void read_gitignore(const fs::path& folder, std::vector<IgnoreRule>& rules) {
    std::ifstream in(folder / ".gitignore");
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        IgnoreRule rule;
        rule.base = folder;
        if (line[0] == '!') {
            rule.negate = true;
            line.erase(0, 1);
        }
        if (!line.empty() && line.back() == '/') {
            rule.directory_only = true;
            line.pop_back();
        }
        if (!line.empty() && line[0] == '/') {
            rule.anchored = true;
            line.erase(0, 1);
        }
        if (!line.empty()) {
            rule.pattern = line;
            rules.push_back(std::move(rule));
        }
    }
}
} // namespace minrole::scanning

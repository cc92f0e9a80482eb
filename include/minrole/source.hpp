#pragma once
// Inputs as (name, text) pairs: the seam that lets tests feed YAML strings instead of files,
// and lets the compiled-in catalog look exactly like files on disk.
#include <string>
#include <vector>

namespace minrole {

struct SourceFile {
    std::string path; // shown in error messages
    std::string text;
};

// Largest input file minrole reads; anything bigger is refused before parsing.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

// Reads a file ("-" is standard input). Throws a located Error when it cannot.
SourceFile read_source(const std::string& path);

// Files given directly, plus every *.yaml / *.yml below given directories, sorted by path.
std::vector<SourceFile> read_yaml_tree(const std::vector<std::string>& paths);

} // namespace minrole

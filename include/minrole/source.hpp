#pragma once
// Inputs as (name, text) pairs: the seam that lets tests feed YAML strings instead of files,
// and lets the compiled-in catalog look exactly like files on disk.
#include <cstddef>
#include <string>
#include <vector>

namespace minrole {

struct SourceFile {
    std::string path; // shown in error messages
    std::string text;
};

// Largest input file minrole reads; anything bigger is refused before parsing.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;

// A limit from the environment: the positive integer in `variable`, or `fallback` when it is
// unset. Throws an Error when it is set to anything else.
std::size_t limit_from_environment(const char* variable, std::size_t fallback);
// kMaxInputBytes, or MINROLE_MAX_BYTES when set.
std::size_t max_input_bytes();
// "64 MiB" for whole mebibytes, else "1000-byte": how limit messages name a size.
std::string describe_bytes(std::size_t bytes);

// Reads a file ("-" is standard input). Throws a located Error when it cannot.
SourceFile read_source(const std::string& path);

// Files given directly, plus every *.yaml / *.yml below given directories, sorted by path.
std::vector<SourceFile> read_yaml_tree(const std::vector<std::string>& paths);

} // namespace minrole

#pragma once
// Inputs as (name, text) pairs: the seam that lets tests feed YAML strings instead of files,
// and lets the compiled-in catalog look exactly like files on disk.
#include "minrole/error.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
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

// What a file's first bytes say it is when it is gzip-compressed or UTF-16 text, and what to do
// about it ("is UTF-16 text; convert it to UTF-8 first (iconv ...)"); "" for anything else.
// minrole reads UTF-8 only, and says so rather than "invalid UTF-8" or "no operation found".
std::string compressed_or_utf16(std::string_view head);

// Deepest nesting minrole reads: MINROLE_MAX_DEPTH, else 64 (README "Limits on inputs").
std::size_t max_input_depth();

// JSON inputs (saved API responses, HAR files, OpenAPI specs) are checked before a parser sees
// them: nesting deeper than max_input_depth() is refused with a located Error, so no parser,
// copy or destructor recurses (or allocates) per level of "[[[[...".
void check_json_depth(const std::string& path, std::string_view text);

// The 1-based line and column of byte `offset` in `text` (clamped to its end): how errors from
// parsers that report byte offsets (nlohmann) or searches in a file's text are located.
Location location_at(const std::string& path, std::string_view text, std::size_t offset);

// Reads a regular file ("-" is standard input). Devices, FIFOs and sockets (/dev/zero, a named
// pipe) are refused: they may never end; so are the files of kernel pseudo file systems. Throws
// a located Error when it cannot read.
SourceFile read_source(const std::string& path);

// The name of the kernel pseudo file system (/proc, /sys, debugfs, ...) the open file `fd` (or
// the file at `path`) lives on, or nullptr. Their files say they are regular and empty, yet a
// read may block forever (/proc/kmsg, a trace pipe) or never end: minrole refuses them, as it
// refuses devices.
const char* pseudo_file_system(int fd);
const char* pseudo_file_system(const std::string& path);

// A folder below a given one that a walk could not enter (no permission, an I/O error, nested
// too deep): reported to the caller, never skipped silently. `path` is displayable().
struct SkippedDirectory {
    std::string path;
    std::string reason; // "Permission denied", "nested deeper than 64 levels"
};
using SkippedDirectorySink = std::function<void(const SkippedDirectory&)>;

// Something the reader of a scan (or of an SDK import) must know about one file: it was read,
// but not as well as it could be (a parsed language read lexically because the file is over a
// parse limit, an evaluation stopped by its step budget).
struct ScanNote {
    std::string file;
    std::string note;
};

// Files given directly, plus every *.yaml / *.yml below given directories, sorted by path. A
// folder named in `paths` that cannot be read is an Error; one found below it is passed to
// `skipped` (an Error too when no sink is given, so no caller loses it).
std::vector<SourceFile> read_yaml_tree(const std::vector<std::string>& paths, const SkippedDirectorySink& skipped = {});

} // namespace minrole

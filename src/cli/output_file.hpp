#pragma once
// Writing a finished report: to standard output, or to the -o file without ever leaving a
// half-written, truncated or foreign file behind. README "Hardening: guarantees and limits"
// documents the rules; tests/cli/hostile.sh checks each of them.
#include <string>
#include <string_view>
#include <vector>

namespace minrole::cli {

// Writes all of `text` to standard output. A failed write (closed pipe, full disk, file size
// limit) throws an Error naming <stdout> and the system's reason.
void write_stdout(std::string_view text);

// Writes all of `text` to `path`:
// - a regular file (new or existing) is replaced atomically: the text goes to a temporary file
//   in the same directory (created exclusively, never through a symlink, under an unpredictable
//   name that fits NAME_MAX, or with no name at all where the file system supports O_TMPFILE),
//   which takes the old file's mode and owner and is renamed over it; a file with several hard
//   links is rewritten in place instead, so every link sees the new report;
// - a device, FIFO or socket, directly or through a symlink (/dev/null, /dev/stdout, a named
//   pipe), is written through, never replaced;
// - "/dev/stdout", "/dev/stderr", "/dev/fd/N" and "/proc/self/fd/N" are written to the
//   descriptor this process already holds (`-o /dev/stdout >> summary.md` appends);
// - a symlink to a regular file, a dangling symlink and a directory are refused.
// Set-id bits are not kept. Terminating signals wait until a regular file is complete.
// Any failure throws an Error with the system's reason and leaves no temporary file.
void write_output_file(const std::string& path, std::string_view text);

struct OutputFile {
    std::string path;
    std::string_view text;
};
// Several files as one: every refusal comes before anything is written, and every replaced
// file's report is complete in its temporary file before the first rename, so a full disk or
// a size limit leaves all of them as they were.
void write_output_files(const std::vector<OutputFile>& files);

} // namespace minrole::cli

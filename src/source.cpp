#include "minrole/source.hpp"

#include "minrole/display.hpp"
#include "minrole/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <cstdlib>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace minrole {

namespace fs = std::filesystem;

std::size_t limit_from_environment(const char* variable, std::size_t fallback) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') {
        return fallback;
    }
    std::size_t out = 0;
    for (const char* c = value; *c != '\0'; ++c) {
        if (*c < '0' || *c > '9' || out > (std::numeric_limits<std::size_t>::max() - 9) / 10) {
            throw Error(std::string(variable) + " must be a positive integer, found '" + value + "'");
        }
        out = out * 10 + static_cast<std::size_t>(*c - '0');
    }
    if (out == 0) {
        throw Error(std::string(variable) + " must be a positive integer, found '" + value + "'");
    }
    return out;
}

std::size_t max_input_bytes() { return limit_from_environment("MINROLE_MAX_BYTES", kMaxInputBytes); }

std::size_t max_input_depth() {
    // Even when asked for, no deeper than this: readers of parsed documents recurse once per
    // level (nlohmann's copies among them), so with the limit raised a saved API response of
    // 200,000 balanced '[' crashed the instance import on the 8 MB stack; 10,000 levels leave
    // it ample room, and yaml-cpp itself stops at a few thousand.
    constexpr std::size_t kCeiling = 10000;
    const std::size_t depth = limit_from_environment("MINROLE_MAX_DEPTH", 64);
    if (depth > kCeiling) {
        throw Error("MINROLE_MAX_DEPTH must be at most " + std::to_string(kCeiling) + ", found '" + std::to_string(depth) + "'");
    }
    return depth;
}

Location location_at(const std::string& path, std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return Location{path, line, static_cast<int>(offset - line_start + 1)};
}

void check_json_depth(const std::string& path, std::string_view text) {
    const std::size_t limit = max_input_depth();
    std::size_t depth = 0;
    bool in_string = false;
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        } else if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                throw Error(Location{path, line, static_cast<int>(i - line_start + 1)},
                            "nested deeper than " + std::to_string(limit) + " levels (MINROLE_MAX_DEPTH)");
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

std::string compressed_or_utf16(std::string_view head) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (head.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
        return "is gzip-compressed; decompress it first (gunzip -k)";
    }
    const bool bom = head.size() >= 2 && ((byte(0) == 0xff && byte(1) == 0xfe) || (byte(0) == 0xfe && byte(1) == 0xff));
    std::size_t odd_nuls = 0;
    std::size_t even_nuls = 0;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] == '\0') {
            ++(i % 2 == 0 ? even_nuls : odd_nuls);
        }
    }
    // ASCII text in UTF-16 has a NUL in every other byte; a third is plenty to tell.
    if (bom || (head.size() >= 8 && (odd_nuls * 3 > head.size() || even_nuls * 3 > head.size()))) {
        return "is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)";
    }
    return "";
}

std::string describe_bytes(std::size_t bytes) {
    return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + "-byte";
}

namespace {

const char* pseudo_name(const struct ::statfs& fs) {
    // Magic numbers of <linux/magic.h>: the file systems whose files are made by the kernel.
    struct Known {
        unsigned long magic;
        const char* name;
    };
    static constexpr Known kPseudo[] = {
        {0x9fa0, "proc"},           {0x62656572, "sysfs"},    {0x64626720, "debugfs"},
        {0x74726163, "tracefs"},    {0x73636673, "securityfs"}, {0x27e0eb, "cgroup"},
        {0x63677270, "cgroup2"},    {0x62656570, "configfs"}, {0xde5e81e4, "efivarfs"},
        {0xcafe4a11, "bpf"},        {0x6165676c, "pstore"},   {0x65735543, "fusectl"},
    };
    const auto type = static_cast<unsigned long>(fs.f_type);
    for (const auto& known : kPseudo) {
        if (known.magic == type) {
            return known.name;
        }
    }
    return nullptr;
}

} // namespace

const char* pseudo_file_system(int fd) {
    struct ::statfs fs {};
    return ::fstatfs(fd, &fs) == 0 ? pseudo_name(fs) : nullptr;
}

const char* pseudo_file_system(const std::string& path) {
    struct ::statfs fs {};
    return ::statfs(path.c_str(), &fs) == 0 ? pseudo_name(fs) : nullptr;
}

namespace {
std::string read_stream(std::istream& in, const std::string& name) {
    const std::size_t limit = max_input_bytes();
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) {
            throw Error(Location{name, 0, 0},
                        "input is larger than the " + describe_bytes(limit) + " limit (MINROLE_MAX_BYTES)");
        }
    }
    if (in.bad()) {
        throw Error(Location{name, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
    }
    return text;
}
} // namespace

SourceFile read_source(const std::string& path) {
    if (path == "-") {
        return {"<stdin>", read_stream(std::cin, "<stdin>")};
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw Error(Location{path, 0, 0}, "is a directory, expected a file");
    }
    // Opened without blocking (a FIFO swapped in after a check would block the open itself),
    // then checked on the descriptor itself: no race between the check and the read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        throw Error(Location{path, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct ::stat st {};
    if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        throw Error(Location{displayable(path), 0, 0},
                    std::string("is not a regular file (") + (S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device") +
                        "); give its content on standard input ('-') instead");
    }
    if (const char* pseudo = pseudo_file_system(fd)) {
        throw Error(Location{displayable(path), 0, 0}, std::string("is on the kernel's ") + pseudo +
                                                           " file system, whose reads may never end; give its content on standard input ('-') instead");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const std::size_t limit = max_input_bytes();
    std::string text;
    char buffer[65536];
    for (;;) {
        const ::ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            throw Error(Location{path, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
        }
        if (got == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
        if (text.size() > limit) {
            throw Error(Location{path, 0, 0},
                        "input is larger than the " + describe_bytes(limit) + " limit (MINROLE_MAX_BYTES)");
        }
    }
    // The path is only shown from here on (in errors and reports): made one printable line.
    return {displayable(path), std::move(text)};
}

namespace {
// Every *.yaml / *.yml below `dir` (symlinked folders are not entered, as before), unsorted.
void collect_yaml(const fs::path& dir, int depth, std::vector<std::string>& found, const SkippedDirectorySink& skipped) {
    const auto skip = [&](const std::string& reason) {
        const SkippedDirectory s{displayable(dir.generic_string()), reason};
        if (depth == 0 || !skipped) {
            throw Error(Location{s.path, 0, 0}, "cannot read directory: " + reason);
        }
        skipped(s);
    };
    if (depth > 64) {
        skip("nested deeper than 64 levels");
        return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code kind;
        if (it->is_directory(kind) && !it->is_symlink(kind)) {
            collect_yaml(it->path(), depth + 1, found, skipped);
        } else if (const auto ext = it->path().extension(); (ext == ".yaml" || ext == ".yml") && it->is_regular_file(kind)) {
            found.push_back(it->path().generic_string());
        }
    }
    if (ec) {
        skip(ec.message());
    }
}
} // namespace

std::vector<SourceFile> read_yaml_tree(const std::vector<std::string>& paths, const SkippedDirectorySink& skipped) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            throw Error(Location{path, 0, 0}, "no such file or directory");
        }
        if (!fs::is_directory(path, ec)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        collect_yaml(path, 0, found, skipped);
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    std::vector<SourceFile> out;
    out.reserve(files.size());
    for (const auto& file : files) {
        out.push_back(read_source(file));
    }
    return out;
}

} // namespace minrole

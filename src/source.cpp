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

#include <sys/stat.h>

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

std::size_t max_input_depth() { return limit_from_environment("MINROLE_MAX_DEPTH", 64); }

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

std::string describe_bytes(std::size_t bytes) {
    return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + "-byte";
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
    struct ::stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        throw Error(Location{displayable(path), 0, 0},
                    std::string("is not a regular file (") + (S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device") +
                        "); give its content on standard input ('-') instead");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Location{path, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
    }
    // The path is only shown from here on (in errors and reports): made one printable line.
    return {displayable(path), read_stream(in, path)};
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

// Walking the scanned paths: classify each file by its name, read it the way its kind needs
// (a log streamed line by line, source and HAR whole, a service description kept for later),
// refuse a binary, compressed or UTF-16 file the user named, and count what was read.
#include "scan_walk.hpp"

#include "minrole/display.hpp"
#include "minrole/source.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace minrole::scanning {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 22> kSourceExtensions{
    ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".py", ".java", ".kt", ".cs", ".rb",
    ".php", ".go", ".sh", ".bash", ".zsh", ".ps1", ".scala", ".swift", ".rs", ".groovy", ".pl"};
constexpr std::array<std::string_view, 4> kLogExtensions{".log", ".jsonl", ".ndjson", ".txt"};
constexpr std::array<std::string_view, 18> kVendoredDirs{
    "node_modules", "vendor",  "third_party", "bower_components", ".venv", "venv",    "site-packages", "__pycache__", ".tox",
    "dist",         "build",   "target",      ".gradle",          ".idea", "Pods",    ".next",         "coverage",    ".cache"};
constexpr std::array<std::string_view, 3> kAlwaysSkipped{".git", ".hg", ".svn"};

enum class Kind { Source, Log, Har, Description, Skip };

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

Kind classify(const fs::path& path, bool given_directly) {
    const std::string ext = path.extension().string();
    const std::string name = path.filename().string();
    if (ext == ".har") {
        return Kind::Har;
    }
    if (contains(kLogExtensions, ext)) {
        return Kind::Log;
    }
    // Source before the name heuristics: accessToken.js is code, not an access log.
    if (contains(kSourceExtensions, ext)) {
        return Kind::Source;
    }
    if (name.find(".log.") != std::string::npos || name.rfind("access", 0) == 0) {
        return Kind::Log;
    }
    if (is_service_description_file(name)) {
        return Kind::Description; // JSON, YAML or XML: read only when it is a service description
    }
    // Named on the command line: read it as lines of text (a method and a URL per line).
    return given_directly ? Kind::Log : Kind::Skip;
}

bool looks_binary(const std::string& head) { return head.find('\0') != std::string::npos; }

// What a file with NUL bytes in its head is, and what to do about it.
std::string binary_reason(std::string_view head) {
    const std::string encoded = compressed_or_utf16(head);
    return encoded.empty() ? "is binary (it holds NUL bytes), expected source code or a log" : encoded;
}

// A file the user named is read or the run fails: compressed and UTF-16 logs would otherwise
// give no operation and exit status 0. (Found by walking a tree, they are skipped with a note.)
[[noreturn]] void refuse_binary(const std::string& shown, std::string_view head) {
    throw Error(Location{shown, 0, 0}, binary_reason(head));
}

} // namespace

Walker::Walker(const ScanOptions& options, ScanResult& result, Folder& folder, code::Project& project)
    : options_(options), result_(result), folder_(folder), project_(project) {
    for (const auto& pattern : options.excludes) {
        IgnoreRule rule;
        rule.base = fs::current_path();
        rule.pattern = pattern;
        if (!rule.pattern.empty() && rule.pattern.back() == '/') {
            rule.directory_only = true;
            rule.pattern.pop_back();
        }
        extra_.push_back(rule);
    }
}

void Walker::root(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw Error(Location{path, 0, 0}, "no such file or directory");
    }
    if (!fs::is_directory(status) && !fs::is_regular_file(status)) {
        // /dev/zero, /dev/urandom, a FIFO: reading it may never end.
        throw Error(Location{displayable(path), 0, 0}, "is not a regular file or a folder; not scanned");
    }
    if (const char* pseudo = pseudo_file_system(path)) {
        // /proc/kmsg says it is a regular, empty file and blocks the first read forever.
        throw Error(Location{displayable(path), 0, 0},
                    std::string("is on the kernel's ") + pseudo + " file system, whose reads may never end; not scanned");
    }
    if (fs::is_directory(status)) {
        std::vector<IgnoreRule> rules = extra_;
        // --exclude paths are relative to the working directory, or to the root scanned when
        // that lies elsewhere.
        for (auto& rule : rules) {
            const std::string rel = fs::absolute(path).lexically_normal().lexically_relative(rule.base).generic_string();
            if (rel.empty() || rel.rfind("..", 0) == 0) {
                rule.base = fs::absolute(path).lexically_normal();
            }
        }
        walk(fs::path(path), rules, 0);
    } else {
        file(fs::path(path), true);
    }
}

// Service descriptions are resolved once every file has been read: their bases may be set
// in any file of the project.
void Walker::describe(const OperationExists& exists) {
    const SightingSink sink = [this](Sighting&& s) { folder_.add(std::move(s)); };
    for (const auto& description : descriptions_) {
        describe_sightings(description, bases_, exists, sink);
        if (description.operations_left_out > 0) {
            result_.notes.push_back(ScanNote{displayable(description.file),
                                             "lists more than " + std::to_string(kMaxDescribedOperations) + " operations; " +
                                                 std::to_string(description.operations_left_out) + " more were left out"});
        }
    }
}

// Whether a file of a parsed language can hold anything scan evaluates: a Marketo path or
// part of one (rest, bulk, v1, asset, identity), a Marketo SDK or client name. Parsing the
// rest would find nothing; this keeps the 100k-file tree at grep-like speed.
// `.json(` is a response being decoded (res.json(), r.json()), not a path, and `v2` alone is
// any API's version: counting them sent almost every generic JavaScript/TypeScript file to
// the parser (bench/README.md, the 100k-file tree).
bool Walker::worth_parsing(std::string_view text) {
    for (std::string_view marker : {"rest", "bulk", "v1", "asset", "identity", "arketo", "mkto", "MKTO"}) {
        if (text.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    for (std::size_t at = text.find(".json"); at != std::string_view::npos; at = text.find(".json", at + 5)) {
        if (at + 5 >= text.size() || text[at + 5] != '(') {
            return true;
        }
    }
    return false;
}

void Walker::source(const std::string& name, const std::string& text, const SightingSink& sink) {
    if (options_.parse && code::parsed_language(name) != nullptr) {
        if (!worth_parsing(text)) {
            return;
        }
        code::FileIR ir;
        std::string why;
        if (code::lower_source(name, text, ir, &why)) {
            ++result_.parsed_files;
            result_.parsed_bytes += text.size();
            project_.add(std::move(ir));
            return;
        }
        if (!why.empty()) {
            result_.notes.push_back(ScanNote{name, why + "; read lexically"});
        }
    }
    const bool test = code::is_test_path(name);
    scan_source_text(name, text, [&](Sighting&& s) {
        if (test && !options_.include_tests) {
            ++result_.test_sightings_excluded;
            return;
        }
        s.test = test;
        s.derivation = "literal (lexical)";
        sink(std::move(s));
    });
}

// A file found by walking that is not read (UTF-16, compressed, binary, too large) is counted
// and reported with why: a tree of gzip'd or UTF-16 logs must not look like one without calls.
void Walker::skip_file(const std::string& shown, const std::string& why) {
    ++result_.skipped_files;
    ScanNote note{shown, why + "; not scanned"};
    if (options_.skipped_file) {
        options_.skipped_file(note);
    }
    result_.notes.push_back(std::move(note));
}

// A folder the walk cannot read is reported, never skipped silently; the folder named on the
// command line must be read.
void Walker::skip_directory(const fs::path& dir, int depth, const std::string& reason) {
    SkippedDirectory skipped{displayable(dir.generic_string()), reason};
    if (depth == 0) {
        throw Error(Location{skipped.path, 0, 0}, "cannot read directory: " + reason);
    }
    if (options_.skipped_directory) {
        options_.skipped_directory(skipped);
    }
    result_.skipped_directories.push_back(std::move(skipped));
}

void Walker::walk(const fs::path& dir, std::vector<IgnoreRule> rules, int depth) {
    if (depth > 64) {
        // deeper than any real source tree; likely a bind-mount loop
        skip_directory(dir, depth, "nested deeper than 64 levels");
        return;
    }
    if (options_.follow_gitignore) {
        read_gitignore(dir, rules);
    }
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        entries.push_back(*it);
    }
    if (ec) {
        skip_directory(dir, depth, ec.message());
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const auto& entry : entries) {
        const std::string name = entry.path().filename().string();
        // Symlinks are not followed: no loops, no escaping the tree.
        if (entry.is_symlink(ec)) {
            continue;
        }
        if (entry.is_directory(ec)) {
            if (contains(kAlwaysSkipped, name) || (!options_.include_vendored && contains(kVendoredDirs, name)) ||
                ignored(rules, entry.path(), true)) {
                continue;
            }
            walk(entry.path(), rules, depth + 1);
        } else if (entry.is_regular_file(ec) && !ignored(rules, entry.path(), false)) {
            file(entry.path(), false);
        }
    }
}

// A regular file found by walking, read whole with one open and one fstat (the walk already
// knows it is a regular file and no symlink; a path lookup per stat was half of the 100k-file
// tree's time). False when it is larger than max_source_bytes or no longer a regular file
// (skipped); the errors are read_source's.
bool Walker::read_walked(const std::string& name, std::string& text) const {
    // O_NONBLOCK: a file swapped for a FIFO since the walk saw it must not block the scan.
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        throw Error(Location{name, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
    }
    struct ::stat st {};
    if (::fstat(fd, &st) == 0 && (!S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > options_.max_source_bytes)) {
        ::close(fd);
        return false;
    }
    const std::size_t limit = max_input_bytes();
    text.clear();
    char buffer[65536];
    for (;;) {
        const ::ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            ::close(fd);
            throw Error(Location{name, 0, 0}, std::string("cannot read: ") + std::strerror(error));
        }
        if (got == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
        if (text.size() > limit) {
            ::close(fd);
            throw Error(Location{name, 0, 0}, "input is larger than the " + describe_bytes(limit) + " limit (MINROLE_MAX_BYTES)");
        }
    }
    ::close(fd);
    return true;
}

// Whether the file is a service description (kept for describe()); false for any other
// JSON, YAML or XML, which is not read further unless named on the command line.
bool Walker::description(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size > options_.max_source_bytes) {
        return false;
    }
    SourceFile source;
    try {
        source = read_source(path.generic_string());
    } catch (const Error&) {
        return false; // an unreadable JSON or YAML file was never read before either
    }
    if (looks_binary(source.text.substr(0, 8192))) {
        return false;
    }
    if (is_minrole_report(source.text)) {
        // An earlier run's report lists operations as evidence, not as calls the project makes.
        result_.skipped_reports.push_back(displayable(source.path));
        ++result_.skipped_files;
        return true;
    }
    auto found = read_service_description(source.path, source.text);
    if (!found) {
        return false;
    }
    descriptions_.push_back(std::move(*found));
    ++result_.files;
    result_.bytes += source.text.size();
    result_.lines += static_cast<std::uint64_t>(std::count(source.text.begin(), source.text.end(), '\n'));
    return true;
}

void Walker::file(const fs::path& path, bool given_directly) {
    Kind kind = classify(path, given_directly);
    if (kind == Kind::Description) {
        if (description(path) || !given_directly) {
            return;
        }
        kind = Kind::Log; // named on the command line: read as lines of text, as before
    }
    if (kind == Kind::Skip) {
        return;
    }
    const std::string name = path.generic_string();
    // A file name is attacker-chosen text too: reports show it as one printable line.
    const std::string shown = displayable(name);
    const SightingSink sink = [this](Sighting&& s) { folder_.add(std::move(s)); };
    if (kind == Kind::Log) {
        const LogRequestSink requests = [this, &shown](const LogRequest& r) { folder_.add(shown, r); };
        std::FILE* in = std::fopen(name.c_str(), "rb");
        if (in == nullptr) {
            throw Error(Location{name, 0, 0}, std::string("cannot read: ") + std::strerror(errno));
        }
        char head[4096];
        const std::size_t got = std::fread(head, 1, sizeof head, in);
        if (looks_binary(std::string(head, got))) {
            std::fclose(in);
            if (given_directly) {
                refuse_binary(shown, std::string_view(head, got));
            }
            skip_file(shown, binary_reason(std::string_view(head, got)));
            return;
        }
        std::rewind(in);
        const std::uint64_t before = result_.bytes;
        result_.lines += scan_log_requests(in, requests, [&](std::uint64_t bytes) {
            if (options_.progress) {
                options_.progress(result_.files, before + bytes);
            }
        });
        result_.bytes += static_cast<std::uint64_t>(std::ftell(in) < 0 ? 0 : std::ftell(in));
        std::fclose(in);
        ++result_.files;
        return;
    }
    SourceFile source;
    if (given_directly) {
        // A file named on the command line is read whatever its size (up to the input limit,
        // which read_source enforces with an error); only files found by walking are skipped.
        source = read_source(name);
    } else if (!read_walked(name, source.text)) {
        skip_file(shown, "is larger than the " + describe_bytes(options_.max_source_bytes) +
                             " limit for files found by walking a folder; name it on the command line to read it");
        return;
    }
    if (looks_binary(source.text.substr(0, 8192))) {
        if (given_directly) {
            refuse_binary(shown, std::string_view(source.text).substr(0, 8192));
        }
        skip_file(shown, binary_reason(std::string_view(source.text).substr(0, 8192)));
        return;
    }
    if (kind == Kind::Har) {
        scan_har_text(shown, source.text, sink);
    } else {
        this->source(shown, source.text, sink);
        collect_api_bases(name, source.text, bases_);
    }
    ++result_.files;
    result_.bytes += source.text.size();
    result_.lines += static_cast<std::uint64_t>(std::count(source.text.begin(), source.text.end(), '\n'));
    if (options_.progress) {
        options_.progress(result_.files, result_.bytes);
    }
}

} // namespace minrole::scanning

#pragma once
// The scan's walk over the paths it is given (scan_walk.cpp): which files it reads and how
// (source, log, HAR, service description), which it skips (vendored, ignored, binary, too
// large), and where what they hold goes: parsed code to the project evaluated at the end,
// everything else to the Folder at once.
#include "code_eval.hpp"
#include "scan_fold.hpp"
#include "scan_ignore.hpp"

#include "minrole/scan.hpp"
#include "minrole/scan_service_description.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::scanning {

// One scan's walk: root() per path given, then describe() once every file has been read.
class Walker {
public:
    Walker(const ScanOptions& options, ScanResult& result, Folder& folder, code::Project& project);

    void root(const std::string& path);

    // Service descriptions are resolved once every file has been read: their bases may be set
    // in any file of the project.
    void describe(const OperationExists& exists);

private:
    const ScanOptions& options_;
    ScanResult& result_;
    Folder& folder_;
    code::Project& project_;
    std::vector<IgnoreRule> extra_;

    // Whether a file of a parsed language can hold anything scan evaluates: a Marketo path or
    // part of one (rest, bulk, v1, asset, identity), a Marketo SDK or client name. Parsing the
    // rest would find nothing; this keeps the 100k-file tree at grep-like speed.
    static bool worth_parsing(std::string_view text);
    void source(const std::string& name, const std::string& text, const SightingSink& sink);
    void walk(const std::filesystem::path& dir, std::vector<IgnoreRule> rules, int depth);
    void skip_directory(const std::filesystem::path& dir, int depth, const std::string& reason);
    void skip_file(const std::string& shown, const std::string& why);

    std::vector<ServiceDescription> descriptions_;
    std::vector<ApiBase> bases_;

    // Whether the file is a service description (kept for describe()); false for any other
    // JSON, YAML or XML, which is not read further unless named on the command line.
    bool description(const std::filesystem::path& path);
    void file(const std::filesystem::path& path, bool given_directly);
    // A file found by walking, read whole (one open, one fstat); false when over max_source_bytes.
    bool read_walked(const std::string& name, std::string& text) const;
};

} // namespace minrole::scanning

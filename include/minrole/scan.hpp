#pragma once
// scan: derives the intent from what an integration really calls — its source code (string
// literals, template strings, concatenations; method from the surrounding call) and its HTTP
// traffic (access logs, JSON-lines logs, HAR files, plain text). Logs are streamed.
#include "minrole/intent.hpp"
#include "minrole/router.hpp"
#include "minrole/sdk.hpp"
#include "minrole/source.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace minrole {

struct ScanOptions {
    std::vector<std::string> excludes;  // extra .gitignore-style patterns
    bool include_vendored = false;      // node_modules, vendor, third_party, .venv ...
    bool follow_gitignore = true;
    std::size_t max_source_bytes = 8u << 20; // larger source files are skipped (logs are streamed)
    // Log requests are routed once per distinct shape (method, path with its numeric ids
    // folded, query parameter names) and the result reused; off routes every line (tests
    // compare the two).
    bool cache_routes = true;
    std::function<void(std::uint64_t files, std::uint64_t bytes)> progress; // called now and then
    // Sightings in test code (tests/, spec/, fixtures/, *_test.*, *.spec.* ...) count unless this
    // is false; either way each operation says whether only tests call it.
    bool include_tests = true;
    // Parse JavaScript/TypeScript, Python, PHP, Java, Go, Ruby and C# with tree-sitter and evaluate
    // their path expressions; false reads them with the lexical extractor (the fallback for
    // other languages, and for files the parser gives up on).
    bool parse = true;
    // SDK maps beyond the shipped ones (data/sdks/): --sdk FILE.
    std::vector<SdkMap> sdks;
    // Told of each folder below a given one that the walk could not read, as it is skipped (the
    // CLI warns on stderr); ScanResult::skipped_directories lists them too.
    SkippedDirectorySink skipped_directory;
    // Told of each file found by walking that is not read (UTF-16, compressed, binary, over
    // max_source_bytes), with why; ScanResult::notes lists them too.
    std::function<void(const ScanNote&)> skipped_file;
};

// Where one sighting was made and how its path was found.
struct Evidence {
    std::string file;
    std::uint64_t line = 0;
    std::string function;   // the enclosing function ("Lead.byId"); empty at top level or in logs
    std::string derivation; // "literal", "evaluated from BASE, createPath()", "SDK node-marketo-rest@0.7.8 lead.find (...)", "log"
    bool test = false;      // in test code
};

// One place a call was seen, before routing. `target` may hold {x} where code builds the path.
struct Sighting {
    std::string method;  // upper case; empty when it could not be inferred
    std::string target;  // path or URL
    Parameters parameters;
    std::string file;
    std::uint64_t line = 0;
    std::string snippet; // redacted source line, trimmed; empty when `raw` is set instead
    // Log lines: the unredacted line, valid only during the sink call. Redacting every line of
    // a multi-GB log is the scan's hot path, and only an operation's first sighting is kept,
    // so the consumer redacts it (redact()) when, and only when, it keeps it.
    std::string_view raw;
    std::string function{};   // parsed code: the enclosing function
    std::string derivation{}; // parsed code: how the path was derived
    bool test = false;      // in test code
    bool sdk_unknown = false; // an SDK method missing from its map (target names it)
};

struct ScannedOperation {
    EndpointId endpoint = 0;
    std::string method;
    Parameters parameters;
    std::uint64_t calls = 0;            // sightings (code) or requests (logs)
    std::vector<std::string> evidence;  // "file:line" of the first few sightings
    std::string snippet;                // redacted first sighting
    std::vector<Evidence> sightings;    // the first few, with function, derivation and test flag
    bool test_only = false;             // every sighting is in test code
};

struct AmbiguousSighting {
    std::string target;                 // normalised path
    std::vector<EndpointId> candidates; // every method that fits
    std::vector<std::string> evidence;
    std::uint64_t calls = 0;
    std::vector<Evidence> sightings;
    bool test_only = false;
};

struct UnmatchedSighting {
    std::string text; // METHOD path, normalised, no query values
    std::vector<EndpointId> closest;
    std::vector<std::string> evidence;
    std::uint64_t calls = 0;
    std::vector<Evidence> sightings;
    bool test_only = false;
};

struct ScanResult {
    std::vector<std::string> roots;
    std::vector<ScannedOperation> operations;
    std::vector<AmbiguousSighting> ambiguous;
    std::vector<UnmatchedSighting> unmatched;   // at most kUnmatchedListed distinct paths
    // Sightings of further unmatched paths, not listed once the list holds kUnmatchedListed
    // (a hostile log of distinct junk paths must not grow memory without bound). Every report
    // says how many were left out.
    std::uint64_t unmatched_left_out = 0;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t skipped_files = 0;
    std::vector<SkippedDirectory> skipped_directories; // unreadable folders below a given one
    // minrole's own JSON reports found in the tree (a saved `allows --format json`, an old scan):
    // counted in skipped_files and never read as service descriptions.
    std::vector<std::string> skipped_reports;
    std::uint64_t parsed_files = 0;   // read with a parser (the rest: lexically, or logs)
    std::uint64_t parsed_bytes = 0;
    std::uint64_t test_sightings_excluded = 0; // with include_tests = false
    std::vector<ScanNote> notes;      // in the order the files were read
};

// Per-format extractors; each reports sightings to the sink. Exposed for tests and fuzzing.
using SightingSink = std::function<void(Sighting&&)>;
void scan_source_text(const std::string& file, std::string_view text, const SightingSink& sink);
// Returns the number of lines read.
std::uint64_t scan_log_stream(const std::string& file, std::FILE* in, const SightingSink& sink,
                              const std::function<void(std::uint64_t bytes)>& progress = {});
void scan_log_line(const std::string& file, std::uint64_t line_number, std::string_view line, const SightingSink& sink);

// The same extraction without copies, for the hot path of a multi-GB log: every view points into
// the line being read (or the method table) and is valid only during the sink call.
struct LogRequest {
    std::string_view method; // GET, POST, PUT, DELETE or PATCH; empty when it could not be inferred
    std::string_view target; // path or URL, as written
    std::uint64_t line = 0;
    std::string_view raw;    // the line (slashes unescaped), at most its first 200 bytes; unredacted
};
using LogRequestSink = std::function<void(const LogRequest&)>;
std::uint64_t scan_log_requests(std::FILE* in, const LogRequestSink& sink,
                                const std::function<void(std::uint64_t bytes)>& progress = {});
void scan_log_line_requests(std::uint64_t line_number, std::string_view line, const LogRequestSink& sink);
void scan_har_text(const std::string& file, const std::string& text, const SightingSink& sink);

// Source files held in memory, read as scan reads a project's code: each file whose language
// tree-sitter parses (by its path's extension) is lowered, the others go to scan_source_text,
// and the parsed ones are evaluated together as one project, calls of `sdks` included. No file
// is read from disk, so sightings carry no snippet.
void scan_code_files(const std::vector<SourceFile>& files, const std::vector<SdkMap>& sdks, const SightingSink& sink);

ScanResult scan(const Router& router, const std::vector<std::string>& paths, const ScanOptions& options = {});

// The intent a scan implies: matched operations as METHOD /template (with parameters), ambiguous
// paths without a method (so recommend reports them), unmatched as written.
Intent scan_to_intent(const RuleSet& rules, const ScanResult& result);

} // namespace minrole

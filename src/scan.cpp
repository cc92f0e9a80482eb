// scan: walks the given paths, hands each file to the right extractor, routes every sighting
// and folds them into operations with evidence.
#include "minrole/scan.hpp"

#include "minrole/display.hpp"

#include "code_eval.hpp"
#include "minrole/redact.hpp"
#include "minrole/scan_service_description.hpp"
#include "minrole/source.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace minrole {

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

struct IgnoreRule {
    fs::path base; // folder of the .gitignore
    std::string pattern;
    bool negate = false;
    bool directory_only = false;
    bool anchored = false;
};

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

struct FoldKey {
    EndpointId endpoint;
    std::string method;
    std::string parameters;
    bool operator<(const FoldKey& o) const {
        return std::tie(endpoint, method, parameters) < std::tie(o.endpoint, o.method, o.parameters);
    }
};

constexpr std::size_t kEvidenceKept = 3;
constexpr std::size_t kUnmatchedKept = 10000;
constexpr std::size_t kRouteCacheEntries = 16384;

// Whether routing is blind to the digits of a path segment that starts with a digit, so that
// "/rest/v1/lead/318581.json" and "/rest/v1/lead/000000.json" must route alike: true when no
// template has a literal segment starting with a digit (such a segment could equal the concrete
// one) and no parameterised segment has a digit in its literal text ("{id}.json" matches
// whatever digits fill {id}; "{id}2.json" would not). The shipped rules qualify; a user's
// catalog that does not just gets an exact cache.
bool digits_fold(const RuleSet& rules) {
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const std::string& path = rules.at(id).path;
        std::size_t start = 0;
        while (start <= path.size()) {
            const std::size_t end = std::min(path.find('/', start), path.size());
            const std::string_view segment(path.data() + start, end - start);
            const bool templated = segment.find('{') != std::string_view::npos;
            if (!segment.empty() && !templated && std::isdigit(static_cast<unsigned char>(segment.front())) != 0) {
                return false;
            }
            bool in_parameter = false;
            for (const char c : segment) {
                in_parameter = c == '{' ? true : c == '}' ? false : in_parameter;
                if (templated && !in_parameter && std::isdigit(static_cast<unsigned char>(c)) != 0) {
                    return false;
                }
            }
            start = end + 1;
        }
    }
    return true;
}

// The routing cache's key for "METHOD target", or false when the target takes the uncached path
// (anything parse_request would treat specially beyond what the key keeps). What parse_request
// reads of the text is kept: the method, the path after the scheme and host (dropped as it drops
// them), the query parameter names in order, and the value of _method (or of a name it would
// have to decode). Query values are dropped: they never change the route, and most of them are
// ids, tokens and timestamps that would make every line a new key. With `fold_digits`, digits in
// segments that start with one become '0' (see digits_fold()).
bool route_key(std::string_view method, std::string_view target, bool fold_digits, std::string& key) {
    std::string_view rest;
    if (const std::size_t scheme = target.find("://"); scheme != std::string_view::npos) {
        const std::size_t slash = target.find('/', scheme + 3);
        rest = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    } else if (target.size() >= 2 && target[0] == '/' && target[1] == '/') {
        const std::size_t slash = target.find('/', 2);
        rest = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    } else if (!target.empty() && target.front() == '/') {
        rest = target;
    } else {
        return false;
    }
    const std::size_t question = rest.find('?');
    const std::string_view path = rest.substr(0, question);
    if (rest.find('#') != std::string_view::npos || path.find('%') != std::string_view::npos ||
        path.find(' ') != std::string_view::npos) {
        return false;
    }
    key.assign(method);
    key += ' ';
    const std::size_t path_at = key.size();
    key += path;
    if (fold_digits) {
        for (std::size_t at = key.find('/', path_at); at != std::string::npos; at = key.find('/', at + 1)) {
            if (at + 1 < key.size() && key[at + 1] >= '0' && key[at + 1] <= '9') {
                for (++at; at < key.size() && key[at] != '/'; ++at) {
                    key[at] = key[at] >= '0' && key[at] <= '9' ? '0' : key[at];
                }
                --at;
            }
        }
    }
    if (question == std::string_view::npos) {
        return true;
    }
    key += '?';
    std::string_view query = rest.substr(question + 1);
    while (true) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        const std::size_t eq = item.find('=');
        const std::string_view name = item.substr(0, eq);
        key += name;
        if (name == "_method" || name.find('%') != std::string_view::npos) {
            key += item.substr(name.size());
        }
        key += '&';
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return true;
}

// Where a log request is counted: one of the three, or none (an unmatched text past the cap).
// The maps' nodes never move, so the pointers stay valid while the scan runs.
struct Outcome {
    ScannedOperation* operation = nullptr;
    AmbiguousSighting* ambiguous = nullptr;
    UnmatchedSighting* unmatched = nullptr;
};

// The routing cache: open addressing with linear probing over a power-of-two table that grows
// to 2 x kRouteCacheEntries slots, keys packed in one arena. A lookup reads one or two slots and
// compares the key only when the hash matches, with no node to chase. Bounded: when it holds
// kRouteCacheEntries keys or kRouteCacheBytes of them it starts again empty; longer keys are
// not cached at all.
class RouteCache {
public:
    static constexpr std::size_t kLongestKey = 1024;
    static constexpr std::size_t kRouteCacheBytes = 4u << 20;

    [[nodiscard]] const Outcome* find(std::string_view key, std::size_t hash) const {
        if (slots_.empty()) {
            return nullptr;
        }
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.size == 0) {
                return nullptr;
            }
            if (slot.hash == hash && slot.size - 1 == key.size() &&
                std::memcmp(arena_.data() + slot.offset, key.data(), key.size()) == 0) {
                return &slot.outcome;
            }
        }
    }

    void insert(std::string_view key, std::size_t hash, const Outcome& outcome) {
        if (key.size() > kLongestKey) {
            return;
        }
        if (count_ >= kRouteCacheEntries || arena_.size() + key.size() > kRouteCacheBytes) {
            slots_.assign(slots_.size(), Slot{});
            arena_.clear();
            count_ = 0;
        }
        if (2 * (count_ + 1) > slots_.size()) {
            grow();
        }
        std::size_t i = hash & mask_;
        while (slots_[i].size != 0) {
            i = (i + 1) & mask_;
        }
        slots_[i] = Slot{hash, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size() + 1), outcome};
        arena_.append(key);
        ++count_;
    }

private:
    struct Slot {
        std::size_t hash = 0;
        std::uint32_t offset = 0;
        std::uint32_t size = 0; // key size + 1; 0 marks an empty slot
        Outcome outcome;
    };
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::string arena_;
    std::size_t count_ = 0;

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.size != 0) {
                std::size_t i = slot.hash & mask_;
                while (slots_[i].size != 0) {
                    i = (i + 1) & mask_;
                }
                slots_[i] = slot;
            }
        }
    }
};

class Folder {
public:
    Folder(const Router& router, const RuleSet& rules, bool cache_routes)
        : router_(router), rules_(rules), cache_routes_(cache_routes), fold_digits_(digits_fold(rules)) {}

    void add(Sighting&& s) {
        const std::string text = s.method.empty() ? s.target : s.method + " " + s.target;
        const Outcome outcome = resolve(text, s.snippet, s.raw);
        record(outcome, s.file, s.line);
        detail(outcome, s);
    }

    // A log line's request. Real logs repeat a few hundred request shapes millions of times, so
    // each shape is parsed and routed once (route_key()); a repeat only counts the call.
    void add(const std::string& file, const LogRequest& r) {
        if (!cache_routes_ || !route_key(r.method, r.target, fold_digits_, key_)) {
            add(Sighting{std::string(r.method), std::string(r.target), {}, file, r.line, {}, r.raw});
            return;
        }
        // A matched route holds for every path with the same folded digits; anything else (whose
        // report names the concrete path) only for the exact key.
        std::size_t hash = std::hash<std::string_view>{}(key_);
        const Outcome* hit = cache_.find(key_, hash);
        if (hit != nullptr && (hit->operation != nullptr || !fold_digits_)) {
            record(*hit, file, r.line);
            return;
        }
        if (fold_digits_) {
            route_key(r.method, r.target, false, key_);
            hash = std::hash<std::string_view>{}(key_);
            hit = cache_.find(key_, hash);
            if (hit != nullptr) {
                record(*hit, file, r.line);
                return;
            }
        }
        std::string text(r.method);
        if (!text.empty()) {
            text += ' ';
        }
        text += r.target;
        const Outcome outcome = resolve(text, {}, r.raw);
        if (outcome.operation != nullptr && fold_digits_) {
            route_key(r.method, r.target, true, key_);
            hash = std::hash<std::string_view>{}(key_);
        }
        cache_.insert(key_, hash, outcome);
        record(outcome, file, r.line);
    }

    void into(ScanResult& result) {
        for (auto& [key, op] : matched_) {
            result.operations.push_back(std::move(op));
        }
        for (auto& [key, a] : ambiguous_) {
            result.ambiguous.push_back(std::move(a));
        }
        for (auto& [key, u] : unmatched_) {
            result.unmatched.push_back(std::move(u));
        }
    }

private:
    const Router& router_;
    const RuleSet& rules_;
    const bool cache_routes_;
    const bool fold_digits_;
    std::map<FoldKey, ScannedOperation> matched_;
    std::map<std::string, AmbiguousSighting> ambiguous_;
    std::map<std::string, UnmatchedSighting> unmatched_;
    RouteCache cache_;
    std::string key_;

    // Parses and routes one request text. `snippet` (redacted) or else `raw` (redacted here)
    // becomes the snippet of an operation seen for the first time.
    Outcome resolve(const std::string& text, const std::string& snippet, std::string_view raw) {
        auto request = parse_request(text);
        if (!request) {
            // No query values in the report, whatever they hold.
            return {nullptr, nullptr, unmatched(redact(text.substr(0, text.find('?'))), {})};
        }
        const RouteMatch match = router_.route(*request);
        if (match.status == MatchStatus::Matched) {
            const Endpoint& e = rules_.at(*match.endpoint);
            Parameters relevant;
            for (const auto& p : e.requirement.conditional_parameters()) {
                if (request->parameters.count(p) != 0) {
                    relevant.insert(p);
                }
            }
            std::string joined;
            for (const auto& p : relevant) {
                joined += p + ",";
            }
            auto [it, inserted] = matched_.try_emplace(FoldKey{*match.endpoint, e.method, joined});
            ScannedOperation& op = it->second;
            if (inserted) {
                op.endpoint = *match.endpoint;
                op.method = e.method;
                op.parameters = relevant;
                op.snippet = snippet.empty() ? redact(raw) : snippet;
            }
            return {&op, nullptr, nullptr};
        }
        if (match.status == MatchStatus::Ambiguous) {
            AmbiguousSighting& a = ambiguous_[request->path];
            a.target = request->path;
            a.candidates = match.candidates;
            return {nullptr, &a, nullptr};
        }
        return {nullptr, nullptr, unmatched((request->method.empty() ? "" : request->method + " ") + request->path, match.candidates)};
    }

    UnmatchedSighting* unmatched(const std::string& text, const std::vector<EndpointId>& closest) {
        // Bounded: a hostile log full of distinct junk paths must not grow memory without limit.
        if (unmatched_.size() >= kUnmatchedKept && unmatched_.count(text) == 0) {
            return nullptr;
        }
        UnmatchedSighting& u = unmatched_[text];
        u.text = text;
        if (u.closest.empty()) {
            u.closest = closest;
        }
        return &u;
    }

    // The structured evidence of a sighting from code (logs keep only file:line).
    static void detail(const Outcome& outcome, const Sighting& s) {
        const auto keep = [&](auto* into) {
            into->test_only = (into->calls == 1 || into->test_only) && s.test;
            if (into->sightings.size() < kEvidenceKept) {
                into->sightings.push_back(Evidence{s.file, s.line, s.function, s.derivation.empty() ? "literal" : s.derivation, s.test});
            }
        };
        if (outcome.operation != nullptr) {
            keep(outcome.operation);
        } else if (outcome.ambiguous != nullptr) {
            keep(outcome.ambiguous);
        } else if (outcome.unmatched != nullptr) {
            keep(outcome.unmatched);
        }
    }

    // Counts the call; the first few sightings are kept as evidence, formatted only then.
    static void record(const Outcome& outcome, const std::string& file, std::uint64_t line) {
        const auto count = [&](auto* into) {
            ++into->calls;
            if (into->evidence.size() < kEvidenceKept) {
                into->evidence.push_back(file + ":" + std::to_string(line));
            }
        };
        if (outcome.operation != nullptr) {
            count(outcome.operation);
        } else if (outcome.ambiguous != nullptr) {
            count(outcome.ambiguous);
        } else if (outcome.unmatched != nullptr) {
            count(outcome.unmatched);
        }
    }
};

bool looks_binary(const std::string& head) { return head.find('\0') != std::string::npos; }

// A file the user named is read or the run fails: compressed and UTF-16 logs would otherwise
// give no operation and exit status 0. (Found by walking a tree, they are counted as skipped.)
[[noreturn]] void refuse_binary(const std::string& shown, std::string_view head) {
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) {
        throw Error(Location{shown, 0, 0}, "is gzip-compressed; decompress it first (gunzip -k)");
    }
    const bool bom = head.size() >= 2 && ((static_cast<unsigned char>(head[0]) == 0xff && static_cast<unsigned char>(head[1]) == 0xfe) ||
                                          (static_cast<unsigned char>(head[0]) == 0xfe && static_cast<unsigned char>(head[1]) == 0xff));
    std::size_t odd_nuls = 0;
    std::size_t even_nuls = 0;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] == '\0') {
            ++(i % 2 == 0 ? even_nuls : odd_nuls);
        }
    }
    if (bom || (head.size() >= 8 && (odd_nuls * 3 > head.size() || even_nuls * 3 > head.size()))) {
        throw Error(Location{shown, 0, 0}, "is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
    }
    throw Error(Location{shown, 0, 0}, "is binary (it holds NUL bytes), expected source code or a log");
}

class Walker {
public:
    Walker(const ScanOptions& options, ScanResult& result, Folder& folder, code::Project& project)
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

    void root(const std::string& path) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            throw Error(Location{path, 0, 0}, "no such file or directory");
        }
        if (!fs::is_directory(status) && !fs::is_regular_file(status)) {
            // /dev/zero, /dev/urandom, a FIFO: reading it may never end.
            throw Error(Location{displayable(path), 0, 0}, "is not a regular file or a folder; not scanned");
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
    void describe(const OperationExists& exists) {
        const SightingSink sink = [this](Sighting&& s) { folder_.add(std::move(s)); };
        for (const auto& description : descriptions_) {
            describe_sightings(description, bases_, exists, sink);
        }
    }

private:
    const ScanOptions& options_;
    ScanResult& result_;
    Folder& folder_;
    code::Project& project_;
    std::vector<IgnoreRule> extra_;

    // Whether a file of a parsed language can hold anything scan evaluates: a Marketo path or
    // part of one (rest, bulk, v1, asset, identity), a Marketo SDK or client name. Parsing the
    // rest would find nothing; this keeps the 100k-file tree at grep-like speed.
    // `.json(` is a response being decoded (res.json(), r.json()), not a path, and `v2` alone is
    // any API's version: counting them sent almost every generic JavaScript/TypeScript file to
    // the parser (bench/README.md, the 100k-file tree).
    static bool worth_parsing(std::string_view text) {
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

    void source(const std::string& name, const std::string& text, const SightingSink& sink) {
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
                result_.notes.push_back(ScanNote{name, std::move(why)});
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

    void walk(const fs::path& dir, std::vector<IgnoreRule> rules, int depth) {
        if (depth > 64) {
            return; // deeper than any real source tree; likely a bind-mount loop
        }
        if (options_.follow_gitignore) {
            read_gitignore(dir, rules);
        }
        std::vector<fs::directory_entry> entries;
        std::error_code ec;
        for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec)) {
            entries.push_back(*it);
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

    std::vector<ServiceDescription> descriptions_;
    std::vector<ApiBase> bases_;

    // Whether the file is a service description (kept for describe()); false for any other
    // JSON, YAML or XML, which is not read further unless named on the command line.
    bool description(const fs::path& path) {
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

    void file(const fs::path& path, bool given_directly) {
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
                ++result_.skipped_files;
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
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        // A file named on the command line is read whatever its size (up to the input limit,
        // which read_source enforces with an error); only files found by walking are skipped.
        if (!ec && size > options_.max_source_bytes && !given_directly) {
            ++result_.skipped_files;
            return;
        }
        const SourceFile source = read_source(name);
        if (looks_binary(source.text.substr(0, 8192))) {
            if (given_directly) {
                refuse_binary(shown, std::string_view(source.text).substr(0, 8192));
            }
            ++result_.skipped_files;
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
};

// The source line of each sighting from parsed code, trimmed and redacted: each file with a
// sighting is read once more (the parse kept no text).
void add_snippets(std::vector<Sighting>& sightings) {
    std::map<std::string, std::vector<Sighting*>> by_file;
    for (auto& s : sightings) {
        if (s.snippet.empty() && s.line > 0) {
            by_file[s.file].push_back(&s);
        }
    }
    for (auto& [file, list] : by_file) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            continue;
        }
        std::sort(list.begin(), list.end(), [](const Sighting* a, const Sighting* b) { return a->line < b->line; });
        std::string line;
        std::uint64_t number = 0;
        std::size_t next = 0;
        while (next < list.size() && std::getline(in, line)) {
            ++number;
            while (next < list.size() && list[next]->line == number) {
                std::string_view body(line);
                if (!body.empty() && body.back() == '\r') {
                    body.remove_suffix(1);
                }
                const auto begin = body.find_first_not_of(" \t");
                body = begin == std::string_view::npos ? std::string_view() : body.substr(begin);
                if (body.size() > 160) {
                    body = body.substr(0, 160);
                }
                list[next]->snippet = redact(body);
                ++next;
            }
        }
    }
}

} // namespace

ScanResult scan(const Router& router, const std::vector<std::string>& paths, const ScanOptions& options) {
    ScanResult result;
    result.roots = paths;
    Folder folder(router, router.rules(), options.cache_routes);
    code::Project project;
    Walker walker(options, result, folder, project);
    for (const auto& path : paths) {
        walker.root(path);
    }
    walker.describe([&router](const std::string& method, const std::string& path) {
        const auto request = parse_request(method + " " + path);
        return request && router.route(*request).status == MatchStatus::Matched;
    });
    std::vector<SdkMap> sdks = builtin_sdk_maps();
    sdks.insert(sdks.end(), options.sdks.begin(), options.sdks.end());
    std::vector<Sighting> sightings;
    project.evaluate(sdks, [&](Sighting&& s) {
        if (!options.include_tests && s.test) {
            ++result.test_sightings_excluded;
            return;
        }
        sightings.push_back(std::move(s));
    });
    add_snippets(sightings);
    for (auto& s : sightings) {
        folder.add(std::move(s));
    }
    folder.into(result);
    return result;
}

Intent scan_to_intent(const RuleSet& rules, const ScanResult& result) {
    Intent intent;
    intent.service = "scanned";
    WorkspaceIntent& w = intent.workspace(kDefaultWorkspace);
    auto evidence_note = [](const std::vector<std::string>& evidence, std::uint64_t calls, bool test_only = false) {
        std::string note;
        for (const auto& e : evidence) {
            note += (note.empty() ? "" : ", ") + e;
        }
        return note + " (" + std::to_string(calls) + (calls == 1 ? " sighting" : " sightings") +
               (test_only ? ", test code only)" : ")");
    };
    for (const auto& op : result.operations) {
        IntendedOperation io;
        io.text = rules.at(op.endpoint).key();
        io.parameters = op.parameters;
        io.evidence = evidence_note(op.evidence, op.calls, op.test_only);
        io.note = io.evidence;
        w.operations.push_back(std::move(io));
    }
    for (const auto& a : result.ambiguous) {
        IntendedOperation io;
        io.text = a.target;
        io.evidence = evidence_note(a.evidence, a.calls);
        io.note = "ambiguous: the HTTP method could not be inferred; " + io.evidence;
        w.operations.push_back(std::move(io));
    }
    for (const auto& u : result.unmatched) {
        IntendedOperation io;
        io.text = u.text;
        io.evidence = evidence_note(u.evidence, u.calls);
        io.note = "unmatched: " + io.evidence;
        w.operations.push_back(std::move(io));
    }
    return intent;
}

} // namespace minrole

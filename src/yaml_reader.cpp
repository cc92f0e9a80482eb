#include "yaml_reader.hpp"

#include "minrole/display.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <istream>
#include <streambuf>

namespace minrole::yaml {

Location locate(const SourceFile& source, const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return Location{source.path, 0, 0};
    }
    return Location{source.path, mark.line + 1, mark.column + 1};
}

const char* type_name(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar:
        return "a scalar";
    case YAML::NodeType::Null:
        return "nothing";
    default:
        return "an undefined node";
    }
}

Limits limits() {
    Limits out;
    out.depth = max_input_depth();
    out.nodes = limit_from_environment("MINROLE_MAX_NODES", out.nodes);
    out.alias_nodes = limit_from_environment("MINROLE_MAX_ALIAS_NODES", out.alias_nodes);
    out.alias_bytes = limit_from_environment("MINROLE_MAX_ALIAS_BYTES", out.alias_bytes);
    out.bytes = max_input_bytes();
    return out;
}

std::size_t max_scalar_bytes() { return limit_from_environment("MINROLE_MAX_SCALAR", std::size_t{64} * 1024); }

namespace {

// 1-based line and byte column of a byte offset.
Location at_offset(const SourceFile& source, std::size_t offset) {
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < source.text.size(); ++i) {
        if (source.text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return Location{source.path, line, static_cast<int>(offset - line_start + 1)};
}

// Length of the valid UTF-8 sequence at `at`, or 0 when it is not one.
std::size_t utf8_length(const std::string& text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char c = byte(at);
    std::size_t length = 0;
    unsigned min = 0;
    unsigned value = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2, min = 0x80, value = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3, min = 0x800, value = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4, min = 0x10000, value = c & 0x07u;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0u) != 0x80u) {
            return 0;
        }
        value = (value << 6) | (byte(at + i) & 0x3Fu);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    return length;
}

std::string depth_message(const Limits& limits) {
    return "nested deeper than " + std::to_string(limits.depth) + " levels (MINROLE_MAX_DEPTH)";
}

// Nesting depth from the text alone: a stack of block indentation columns ("- " opens a level
// too) plus the count of open flow collections. Quoted scalars, comments and block scalars are
// skipped. It errs towards counting more, never less, than yaml-cpp would recurse.
class DepthScan {
public:
    DepthScan(const SourceFile& source, const Limits& limits) : source_(source), text_(source.text), limits_(limits) {}

    void run() {
        for (std::size_t at = 0; at < text_.size();) {
            std::size_t end = text_.find('\n', at);
            if (end == std::string::npos) {
                end = text_.size();
            }
            line(at, end);
            at = end + 1;
        }
    }

private:
    const SourceFile& source_;
    const std::string& text_;
    const Limits& limits_;
    std::vector<std::size_t> block_;     // columns of open block collections
    std::size_t flow_ = 0;               // open [ and {
    char quote_ = 0;                     // inside a quoted scalar spanning lines
    std::optional<std::size_t> literal_; // inside a block scalar: the indentation of its parent

    void deeper(std::size_t offset) const {
        if (block_.size() + flow_ > limits_.depth) {
            throw Error(at_offset(source_, offset), depth_message(limits_));
        }
    }

    void open_block(std::size_t column, std::size_t offset) {
        while (!block_.empty() && block_.back() >= column) {
            block_.pop_back();
        }
        block_.push_back(column);
        deeper(offset);
    }

    void line(std::size_t at, std::size_t end) {
        std::size_t p = at;
        while (p < end && text_[p] == ' ') {
            ++p;
        }
        const std::size_t indent = p - at;
        const bool blank = p == end || text_[p] == '\r' || text_[p] == '#';
        if (literal_) {
            if (blank || indent > *literal_) {
                return;
            }
            literal_.reset();
        }
        if (!blank && quote_ == 0 && flow_ == 0) {
            p = indicators(at, end, p, indent);
        }
        const std::size_t token = characters(at, end, p);
        if (quote_ == 0 && flow_ == 0 && token < end) {
            block_scalar(token, end, indent);
        }
    }

    // The line's indentation and its "- " / "? " indicators open block collections.
    std::size_t indicators(std::size_t at, std::size_t end, std::size_t p, std::size_t indent) {
        open_block(indent, p);
        while (p < end && (text_[p] == '-' || text_[p] == '?') && (p + 1 == end || text_[p + 1] == ' ')) {
            ++p;
            while (p < end && text_[p] == ' ') {
                ++p;
            }
            if (p < end && text_[p] != '#' && text_[p] != '\r') {
                open_block(p - at, p);
            }
        }
        return p;
    }

    // Quotes and flow collections from `p` to the end of the line; returns where the last plain
    // token starts.
    std::size_t characters(std::size_t at, std::size_t end, std::size_t p) {
        bool value = true;     // at a place where a node may start
        std::size_t token = p; // start of the last plain token
        for (; p < end; ++p) {
            const char c = text_[p];
            if (quote_ != 0) {
                p = in_quote(end, p);
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                if (p + 1 < end && text_[p + 1] != ' ') {
                    token = p + 1;
                }
                continue;
            }
            if (c == '#' && (p == at || text_[p - 1] == ' ' || text_[p - 1] == '\t')) {
                break;
            }
            if (c == ',' && flow_ == 0 && value) {
                // No node starts with ','; yaml-cpp 0.7 loops forever on some of these.
                throw Error(at_offset(source_, p), "malformed YAML: ',' outside a flow collection");
            }
            if ((c == '"' || c == '\'') && value) {
                quote_ = c;
                value = false;
            } else if ((c == '[' || c == '{') && (value || flow_ > 0)) {
                ++flow_;
                deeper(p);
                value = true;
            } else if ((c == ']' || c == '}') && flow_ > 0) {
                --flow_;
                value = false;
            } else {
                // A node may follow ", " in a flow collection, ": ", and a "- " or "? " indicator.
                const bool separated = p + 1 == end || text_[p + 1] == ' ' || text_[p + 1] == '\r';
                value = (c == ',' && flow_ > 0) || (c == ':' && (separated || flow_ > 0)) ||
                        ((c == '-' || c == '?') && value && separated);
            }
        }
        return token;
    }

    // One character inside a quoted scalar; returns the position of the last character used.
    std::size_t in_quote(std::size_t end, std::size_t p) {
        const char c = text_[p];
        if (quote_ == '"') {
            if (c == '\\') {
                ++p;
            } else if (c == '"') {
                quote_ = 0;
            }
        } else if (c == '\'' && p + 1 < end && text_[p + 1] == '\'') {
            ++p;
        } else if (c == '\'') {
            quote_ = 0;
        }
        return p;
    }

    // A line ending in "|" or ">" (with indicators) starts a block scalar: its lines are text.
    void block_scalar(std::size_t token, std::size_t end, std::size_t indent) {
        std::size_t stop = end;
        while (stop > token && (text_[stop - 1] == '\r' || text_[stop - 1] == ' ')) {
            --stop;
        }
        if (stop > token && (text_[token] == '|' || text_[token] == '>') &&
            std::all_of(text_.begin() + static_cast<std::ptrdiff_t>(token) + 1,
                        text_.begin() + static_cast<std::ptrdiff_t>(stop),
                        [](char c) { return c == '+' || c == '-' || (c >= '0' && c <= '9'); })) {
            literal_ = indent;
        }
    }
};

void check_depth(const SourceFile& source, const Limits& limits) { DepthScan(source, limits).run(); }

// Walks the tree as the readers will, aliases expanded, within the depth and node limits.
// The scalars' text counts too: a few aliases of a long string must not expand to gigabytes
// (the expanded document may hold no more text than one input file may). What aliases add is
// bounded on its own, far lower: a walk in document order only ever moves forward through the
// text, except into an alias, whose node is its anchor's, earlier in the file; so a node whose
// position lies before the furthest one reached (or is that node again) starts an alias's
// expansion, found in O(1) memory before any reader copies it.
class TreeCheck {
public:
    TreeCheck(const SourceFile& source, const Limits& limits) : source_(source), limits_(limits) {}

    void visit(const YAML::Node& node, std::size_t depth, const Location* alias) {
        const YAML::Mark mark = node.Mark();
        Location anchor;
        if (alias == nullptr && !mark.is_null()) {
            // Back before the furthest node, or that very node again (an alias right after its
            // anchor). Two different nodes starting at one place differ in type (a map and its
            // first key).
            if (mark.pos < furthest_ || (mark.pos == furthest_ && node.Type() == furthest_type_)) {
                anchor = locate(source_, node);
                alias = &anchor;
            } else {
                furthest_ = mark.pos;
                furthest_type_ = node.Type();
            }
        }
        if (++nodes_ > limits_.nodes) {
            throw Error(locate(source_, node), "more than " + std::to_string(limits_.nodes) +
                                                   " nodes once aliases are expanded (MINROLE_MAX_NODES)");
        }
        const std::size_t text = node.IsScalar() ? node.Scalar().size() : 0;
        if ((bytes_ += text) > limits_.bytes) {
            throw Error(locate(source_, node), "once aliases are expanded, the text is larger than the " +
                                                   describe_bytes(limits_.bytes) + " limit (MINROLE_MAX_BYTES)");
        }
        if (alias != nullptr && ++alias_nodes_ > limits_.alias_nodes) {
            throw Error(*alias, "aliases of this and other anchors add more than " + std::to_string(limits_.alias_nodes) +
                                    " nodes (MINROLE_MAX_ALIAS_NODES)");
        }
        if (alias != nullptr && (alias_bytes_ += text) > limits_.alias_bytes) {
            throw Error(*alias, "aliases of this and other anchors add more than " + describe_bytes(limits_.alias_bytes) +
                                    " of text (MINROLE_MAX_ALIAS_BYTES)");
        }
        if (depth > limits_.depth) {
            throw Error(locate(source_, node), depth_message(limits_));
        }
        if (node.IsMap()) {
            for (const auto& entry : node) {
                visit(entry.first, depth + 1, alias);
                visit(entry.second, depth + 1, alias);
            }
        } else if (node.IsSequence()) {
            for (const auto& item : node) {
                visit(item, depth + 1, alias);
            }
        }
    }

private:
    const SourceFile& source_;
    const Limits& limits_;
    std::size_t nodes_ = 0;
    std::size_t bytes_ = 0;
    std::size_t alias_nodes_ = 0;
    std::size_t alias_bytes_ = 0;
    int furthest_ = -1; // the furthest position in the text reached outside an alias
    YAML::NodeType::value furthest_type_ = YAML::NodeType::Undefined;
};

// Whether a line starts with a document marker after the first document has begun.
bool has_later_marker(const std::string& text) {
    bool content = false;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) {
            end = text.size();
        }
        const bool marker = text.compare(at, 3, "---") == 0 || text.compare(at, 3, "...") == 0;
        if (marker && content) {
            return true;
        }
        if (!marker && at < end && text[at] != '#' && text[at] != '\r') {
            content = true;
        }
        at = end + 1;
    }
    return false;
}

// The text as an input stream without a copy (std::istringstream would copy a file of up to
// MINROLE_MAX_BYTES once per pass).
class TextBuffer : public std::streambuf {
public:
    explicit TextBuffer(const std::string& text) {
        char* begin = const_cast<char*>(text.data()); // read only: the get area is never written
        setg(begin, begin, begin + text.size());
    }
};

// yaml-cpp's parser events reduced to the two this file needs: a document starts, a node (null,
// alias, scalar, sequence or map) starts.
class NodeEvents : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override { document(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { node(mark); }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnMapEnd() override {}

private:
    virtual void document(const YAML::Mark&) {}
    virtual void node(const YAML::Mark& mark) = 0;
};

// Records where the second document's first node is. Only document boundaries matter here.
class DocumentCounter : public NodeEvents {
public:
    YAML::Mark second;
    int documents = 0;

private:
    bool located_ = false;
    void document(const YAML::Mark& mark) override {
        if (++documents == 2) {
            second = mark;
        }
    }
    void node(const YAML::Mark& mark) override {
        if (documents == 2 && !located_) {
            located_ = true;
            second = mark;
        }
    }
};

// Refuses a second document. YAML::LoadAll is not used: yaml-cpp 0.7 returns endless empty
// documents for some stray tokens, so at most two documents are asked for here.
void check_single_document(const SourceFile& source) {
    if (!has_later_marker(source.text)) {
        return;
    }
    TextBuffer buffer(source.text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    DocumentCounter counter;
    if (parser.HandleNextDocument(counter) && parser.HandleNextDocument(counter) && counter.documents >= 2) {
        const Location where = counter.second.is_null()
                                   ? Location{source.path, 0, 0}
                                   : Location{source.path, counter.second.line + 1, counter.second.column + 1};
        throw Error(where, "a second YAML document ('---'): minrole reads one document per file");
    }
}

// Counts the nodes of the first document from the parser's events, before yaml-cpp builds its
// tree: the tree costs about 450 bytes a node (a 10 MB flow list of 5,000,000 one-letter
// items took 2.3 GB and 6 s to build, and was only then refused by TreeCheck; a 64 MiB one
// would exhaust memory). The events hold one token at a time. An alias counts as one node
// here; what aliases expand to costs no tree memory and is bounded by TreeCheck, which also
// repeats this count exactly, aliases expanded.
class NodeCount : public NodeEvents {
public:
    NodeCount(const SourceFile& source, const Limits& limits) : source_(source), limits_(limits) {}

private:
    const SourceFile& source_;
    const Limits& limits_;
    std::size_t nodes_ = 0;
    void node(const YAML::Mark& mark) override {
        if (++nodes_ > limits_.nodes) {
            throw Error(Location{source_.path, mark.line + 1, mark.column + 1},
                        "more than " + std::to_string(limits_.nodes) + " nodes once aliases are expanded (MINROLE_MAX_NODES)");
        }
    }
};

void check_node_count(const SourceFile& source, const Limits& limits) {
    // A node takes a byte of text at least ("a," in a flow map is a key and its empty value), so
    // a file this short is under the limit before aliases, its tree a few tens of MB at most,
    // and the small files minrole usually reads are parsed once.
    if (source.text.size() <= limits.nodes / 2) {
        return;
    }
    TextBuffer buffer(source.text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    NodeCount counter(source, limits);
    parser.HandleNextDocument(counter);
}

} // namespace

void check_text(const SourceFile& source, const Limits& limits) {
    const std::string& text = source.text;
    if (text.size() > limits.bytes) {
        throw Error(Location{source.path, 0, 0},
                    "input is larger than the " + describe_bytes(limits.bytes) + " limit (MINROLE_MAX_BYTES)");
    }
    if (const std::string encoded = compressed_or_utf16(std::string_view(text).substr(0, 512)); !encoded.empty()) {
        throw Error(Location{source.path, 0, 0}, encoded);
    }
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) {
            throw Error(at_offset(source, i), "NUL byte: binary data, expected YAML text");
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8_length(text, i);
        if (length == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(c));
            throw Error(at_offset(source, i),
                        std::string("invalid UTF-8 (byte ") + hex + " at offset " + std::to_string(i) + ")");
        }
        i += length;
    }
    check_depth(source, limits);
}

YAML::Node parse(const SourceFile& source) {
    const Limits bounds = limits();
    check_text(source, bounds);
    YAML::Node root;
    try {
        check_node_count(source, bounds);
        TextBuffer buffer(source.text);
        std::istream in(&buffer);
        root = YAML::Load(in);
        check_single_document(source);
    } catch (const YAML::Exception& e) {
        const Location where{source.path, e.mark.is_null() ? 0 : e.mark.line + 1,
                             e.mark.is_null() ? 0 : e.mark.column + 1};
        throw Error(where, "malformed YAML: " + e.msg);
    }
    if (!root || root.IsNull()) {
        throw Error(Location{source.path, 0, 0}, "empty document");
    }
    TreeCheck(source, bounds).visit(root, 1, nullptr);
    return root;
}

namespace {

// The kinds of YAML file minrole reads: what each is called, which commands read it, and the
// top-level keys only it has (to recognise one written without `kind:`).
struct KindInfo {
    std::string_view kind;
    std::string_view name;
    std::string_view read_by;
    std::array<std::string_view, 6> own_keys; // unused places are empty
};

constexpr KindInfo kKinds[] = {
    {"intent", "an intent", "recommend INTENT and audit --intent", {"service", "operations"}},
    {"role", "a role spec", "allows ROLE, diff OLD NEW and audit --role", {"role", "permissions"}},
    {"policy", "a policy", "audit --policy or as .minrole.yaml", {"severity", "forbidden", "exceptions", "fail_on"}},
    {"instance", "an instance file", "audit --instance", {"instance", "users", "services", "roles", "partitions", "import"}},
    {"overrides", "an overrides file", "--overrides", {}},
    {"permissions", "a permissions catalog", "--catalog", {"groups"}},
    {"rules", "a rules file", "--catalog", {"area", "spec"}},
    {"sdk", "an SDK map", "--sdk", {"methods", "dispatch", "modules"}},
};

const KindInfo* kind_info(std::string_view kind) {
    for (const KindInfo& info : kKinds) {
        if (info.kind == kind) {
            return &info;
        }
    }
    return nullptr;
}

} // namespace

void expect_kind(const SourceFile& source, const YAML::Node& root, std::string_view expected,
                 std::initializer_list<const char*> allowed_keys) {
    if (!root.IsMap()) {
        return; // Map says what is wrong with it
    }
    for (const auto& entry : root) {
        if (entry.first.IsScalar() && entry.first.Scalar() == "kind" && entry.second.IsScalar()) {
            const std::string& found = entry.second.Scalar();
            if (found == expected) {
                return;
            }
            const KindInfo* info = kind_info(found);
            std::string message = "expected 'kind: " + std::string(expected) + "', found '" + found + "'";
            if (info != nullptr) {
                message += " (" + std::string(info->name) + ", read by " + std::string(info->read_by) + ")";
            }
            throw Error(locate(source, entry.second), message);
        }
    }
    // No `kind:`: the first key the expected kind does not have, if only another kind has it.
    for (const auto& entry : root) {
        if (!entry.first.IsScalar()) {
            return;
        }
        const std::string& key = entry.first.Scalar();
        if (std::any_of(allowed_keys.begin(), allowed_keys.end(), [&](const char* a) { return key == a; })) {
            continue;
        }
        for (const KindInfo& info : kKinds) {
            if (info.kind != expected && !key.empty() &&
                std::find(info.own_keys.begin(), info.own_keys.end(), key) != info.own_keys.end()) {
                const KindInfo* want = kind_info(expected);
                throw Error(locate(source, entry.first),
                            "unknown key '" + key + "' in " + (want != nullptr ? std::string(want->name) : "the file") +
                                ": this looks like " + std::string(info.name) + " (kind: " + std::string(info.kind) +
                                "), which is read by " + std::string(info.read_by));
            }
        }
        return; // Map names the unknown key, with a suggestion
    }
}

Map::Map(const SourceFile& source, const YAML::Node& node, const std::string& what,
         std::initializer_list<const char*> allowed_keys)
    : source_(&source), node_(node), what_(what) {
    if (!node.IsMap()) {
        throw Error(locate(source, node), "expected " + what + " to be a map, found " + type_name(node));
    }
    // Every map of every rule passes through here: no copies of the allowed keys, and the
    // duplicate check looks through the few entries already kept.
    const auto is_allowed = [&](const std::string& name) {
        return std::any_of(allowed_keys.begin(), allowed_keys.end(), [&](const char* key) { return name == key; });
    };
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            throw Error(locate(source, key), "expected a scalar key in " + what);
        }
        const std::string& name = key.Scalar();
        if (!is_allowed(name)) {
            const std::vector<std::string> allowed(allowed_keys.begin(), allowed_keys.end());
            std::string message = "unknown key '" + name + "' in " + what;
            const std::string suggestion = did_you_mean(name, allowed);
            if (!suggestion.empty()) {
                message += " (did you mean '" + suggestion + "'?)";
            } else {
                std::string list;
                for (const auto& a : allowed) {
                    list += (list.empty() ? "" : ", ") + a;
                }
                message += " (expected one of: " + list + ")";
            }
            throw Error(locate(source, key), message);
        }
        if (std::any_of(entries_.begin(), entries_.end(), [&](const auto& kept) { return kept.first == name; })) {
            throw Error(locate(source, key), "duplicate key '" + name + "' in " + what);
        }
        entries_.emplace_back(name, entry.second);
    }
}

// yaml-cpp looks a key up by converting every key of the map to a string; the constructor has
// already walked the keys once, so later lookups use that list.
const YAML::Node* Map::find(const char* key) const {
    for (const auto& [name, value] : entries_) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

bool Map::has(const char* key) const {
    const YAML::Node* value = find(key);
    return value != nullptr && value->IsDefined() && !value->IsNull();
}

YAML::Node Map::get(const char* key) const {
    const YAML::Node* value = find(key);
    return value != nullptr && value->IsDefined() ? *value : YAML::Node();
}

Location Map::where(const char* key) const {
    if (const YAML::Node* value = find(key)) {
        return locate(*source_, *value);
    }
    return where();
}

YAML::Node Map::require(const char* key) const {
    if (!has(key)) {
        throw Error(where(), "missing required key '" + std::string(key) + "' in " + what_);
    }
    return *find(key);
}

std::string scalar(const SourceFile& source, const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) {
        throw Error(locate(source, node), "expected " + what + " to be a string, found " + type_name(node));
    }
    if (const std::size_t limit = max_scalar_bytes(); node.Scalar().size() > limit) {
        throw Error(locate(source, node), what + " is longer than the " + describe_bytes(limit) +
                                              " limit for one value (MINROLE_MAX_SCALAR)");
    }
    // Text from a file anyone can edit: a line break or an escape inside a value must never
    // reach a line-oriented report or a terminal as it is (README "Hardening").
    return displayable(node.Scalar());
}

void expect_sequence(const SourceFile& source, const YAML::Node& node, const std::string& what) {
    if (!node.IsSequence()) {
        throw Error(locate(source, node), "expected " + what + " to be a list, found " + type_name(node));
    }
}

std::string Map::string(const char* key) const {
    std::string value = scalar(*source_, require(key), "'" + std::string(key) + "'");
    if (value.empty()) {
        throw Error(where(key), "'" + std::string(key) + "' must not be empty");
    }
    return value;
}

std::optional<std::string> Map::optional_string(const char* key) const {
    if (!has(key)) {
        return std::nullopt;
    }
    return string(key);
}

bool Map::boolean(const char* key, bool fallback) const {
    if (!has(key)) {
        return fallback;
    }
    const std::string text = scalar(*source_, get(key), "'" + std::string(key) + "'");
    if (text == "true") {
        return true;
    }
    if (text == "false") {
        return false;
    }
    throw Error(where(key), "expected '" + std::string(key) + "' to be true or false, found '" + text + "'");
}

std::vector<std::string> Map::strings(const char* key) const {
    std::vector<std::string> out;
    if (!has(key)) {
        return out;
    }
    const YAML::Node list = get(key);
    expect_sequence(*source_, list, "'" + std::string(key) + "'");
    for (const auto& item : list) {
        out.push_back(scalar(*source_, item, "each entry of '" + std::string(key) + "'"));
    }
    return out;
}

} // namespace minrole::yaml

#pragma once
// Strict reading of YAML documents: every node access is located, every map is checked for
// unknown and duplicate keys, every scalar for its type. Private to the library.
#include "minrole/error.hpp"
#include "minrole/source.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::yaml {

// Limits that keep hostile input from exhausting the stack or memory. Each can be overridden
// by an environment variable holding a positive integer:
//   MINROLE_MAX_DEPTH  nesting depth, flow ([ {) and block (indentation, "- ") alike   (64)
//   MINROLE_MAX_NODES  nodes visited in one document, aliases expanded                (150000)
//   MINROLE_MAX_BYTES  size of one input file                                         (64 MiB)
//   MINROLE_MAX_ALIAS_NODES  nodes that aliases add to a document, all aliases together (10000)
//   MINROLE_MAX_ALIAS_BYTES  scalar text that aliases add to a document                (1 MiB)
// The alias limits keep memory in proportion to the file: each node read costs about a
// kilobyte downstream (an operation, its routing, its report lines), so a 67 KB file of
// aliases expanding to 60 MB of text or 900,000 operations would take 0.6 to 1 GB. The node
// limit is 150,000 for the same reason, without aliases: an intent of 1,000,000 operations
// (36 MB) took 1.5 GB, 4.4 GB in JSON; the largest shipped file (the asset rules) has 3,051.
struct Limits {
    std::size_t depth = 64;
    // 100,000 operations written as plain strings (the scale bench/ holds recommend to) and the
    // document around them; a scan-written intent (op and note per operation, 5 nodes each)
    // has at most about 10,400. Reports of that many operations peak at a few hundred MB.
    std::size_t nodes = 150000;
    std::size_t bytes = kMaxInputBytes;
    std::size_t alias_nodes = 10000;
    std::size_t alias_bytes = std::size_t{1} << 20;
};
Limits limits(); // the defaults above, overridden from the environment

// Longest single value read from YAML or the command line (an operation, a name, a note):
// MINROLE_MAX_SCALAR, else 64 KiB. Longer ones are refused, so no report echoes megabytes and
// no suggestion search runs over them.
std::size_t max_scalar_bytes();

// Cheap pre-scan of the text before yaml-cpp sees it: size, NUL bytes (binary), invalid
// UTF-8 and nesting depth. Throws a located Error.
void check_text(const SourceFile& source, const Limits& limits);

// Parses one YAML document, turning parser errors into located Errors. An empty document
// is an error: every minrole input has content. So is a second document, text that fails
// check_text, and a tree that nests deeper than the depth limit or has more nodes than the
// node limit once aliases are expanded (billion laughs).
YAML::Node parse(const SourceFile& source);

Location locate(const SourceFile& source, const YAML::Node& node);

// Before a document's keys are checked against its kind: a file of another kind (a role spec
// given where an intent is read) is named as what it is, with where it belongs, instead of as
// an unknown key. A `kind:` that differs from `expected` is that error; with no `kind:`, so is
// a top-level key outside `allowed_keys` that only another kind has (`role:` in an intent).
void expect_kind(const SourceFile& source, const YAML::Node& root, std::string_view expected,
                 std::initializer_list<const char*> allowed_keys);

// A YAML map with its keys checked; gives typed, located access to its values.
class Map {
public:
    Map(const SourceFile& source, const YAML::Node& node, const std::string& what,
        std::initializer_list<const char*> allowed_keys);

    [[nodiscard]] bool has(const char* key) const;
    [[nodiscard]] YAML::Node get(const char* key) const; // null node when absent
    [[nodiscard]] YAML::Node require(const char* key) const;
    [[nodiscard]] std::string string(const char* key) const; // required, non-empty scalar
    [[nodiscard]] std::optional<std::string> optional_string(const char* key) const;
    [[nodiscard]] bool boolean(const char* key, bool fallback) const;
    [[nodiscard]] std::vector<std::string> strings(const char* key) const; // optional sequence of scalars
    [[nodiscard]] Location where() const { return locate(*source_, node_); }
    [[nodiscard]] Location where(const char* key) const;
    [[nodiscard]] const YAML::Node& node() const { return node_; }

private:
    [[nodiscard]] const YAML::Node* find(const char* key) const; // present keys only, from the constructor's pass

    const SourceFile* source_;
    YAML::Node node_;
    std::string what_;
    std::vector<std::pair<std::string, YAML::Node>> entries_; // key -> value, in document order
};

std::string scalar(const SourceFile& source, const YAML::Node& node, const std::string& what);
void expect_sequence(const SourceFile& source, const YAML::Node& node, const std::string& what);
const char* type_name(const YAML::Node& node);

} // namespace minrole::yaml

#pragma once
// Strict reading of YAML documents: every node access is located, every map is checked for
// unknown and duplicate keys, every scalar for its type. Private to the library.
#include "minrole/error.hpp"
#include "minrole/source.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace minrole::yaml {

// Parses one YAML document, turning parser errors into located Errors. An empty document
// is an error: every minrole input has content.
YAML::Node parse(const SourceFile& source);

Location locate(const SourceFile& source, const YAML::Node& node);

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

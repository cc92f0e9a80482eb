#include "yaml_reader.hpp"

#include <algorithm>
#include <set>

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

YAML::Node parse(const SourceFile& source) {
    YAML::Node root;
    try {
        root = YAML::Load(source.text);
    } catch (const YAML::Exception& e) {
        const Location where{source.path, e.mark.is_null() ? 0 : e.mark.line + 1,
                             e.mark.is_null() ? 0 : e.mark.column + 1};
        throw Error(where, "malformed YAML: " + e.msg);
    }
    if (!root || root.IsNull()) {
        throw Error(Location{source.path, 0, 0}, "empty document");
    }
    return root;
}

Map::Map(const SourceFile& source, const YAML::Node& node, const std::string& what,
         std::initializer_list<const char*> allowed_keys)
    : source_(&source), node_(node), what_(what) {
    if (!node.IsMap()) {
        throw Error(locate(source, node), "expected " + what + " to be a map, found " + type_name(node));
    }
    std::vector<std::string> allowed(allowed_keys.begin(), allowed_keys.end());
    std::set<std::string> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            throw Error(locate(source, key), "expected a scalar key in " + what);
        }
        const std::string name = key.Scalar();
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
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
        if (!seen.insert(name).second) {
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
    return node.Scalar();
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

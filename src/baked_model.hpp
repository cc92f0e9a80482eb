#pragma once
// The default model as constant tables: the records tools/bake_model.cpp writes (data only, into
// the build tree's generated/baked_model_data.cpp) and build_model(), which turns them into a
// Model. No pointers in the tables (text is an offset and a length into one pool), so nothing is
// relocated when the program starts. The generated rows use designated initialisers, so a field
// renamed or reordered here is a compile error there, not a silent mix-up. Private to the library.
#include "minrole/loader.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace minrole::baked {

struct Text {
    std::uint32_t at = 0;
    std::uint32_t size = 0;
};

struct Place {
    Text file;
    int line = 0;
    int column = 0;
};

struct Group {
    Text name;
    Text description;
    bool api_tree = false;
    Place where;
};

struct Permission {
    Text name;
    Text group;
    Text resource;
    AccessLevel access = AccessLevel::Read;
    Risk risk = Risk::Low;
    Text grants;
    std::uint32_t first_alias = 0; // a run of Tables::aliases
    std::uint32_t aliases = 0;
    std::uint32_t first_implied = 0; // a run of Tables::implied
    std::uint32_t implied = 0;
    std::int64_t parent = -1; // a PermissionId, or -1 for none
    Place where;
};

// A requirement tree flattened: each node names its operands as a run of Tables::operands.
struct Requirement {
    minrole::Requirement::Kind kind = minrole::Requirement::Kind::None;
    std::uint32_t permission = 0;
    Text parameter;
    std::uint32_t first_operand = 0;
    std::uint32_t operands = 0;
};

struct Endpoint {
    Text operation_id;
    Text method;
    Text path;
    Text area;
    Text summary;
    std::uint32_t requirement = 0; // index into Tables::requirements
    bool deprecated = false;
    Text superseded_by;
    Text provenance;
    Place where;
};

struct Tables {
    std::string_view text; // every string of the model, each stored once
    std::span<const Group> groups;
    std::span<const Permission> permissions;
    std::span<const Text> aliases;
    std::span<const std::uint32_t> implied;
    std::span<const Endpoint> endpoints;
    std::span<const Requirement> requirements;
    std::span<const std::uint32_t> operands;
    std::span<const Text> sources;
};

// The tables of data/ and rules/, generated at build time.
extern const Tables kDefault;

Model build_model(const Tables& tables);

} // namespace minrole::baked

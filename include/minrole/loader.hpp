#pragma once
// Loads the permission catalog and endpoint rules from YAML sources into a Model.
// Each source declares what it is with a top-level `kind:`:
//   kind: permissions  groups and permissions (data/marketo/permissions.yaml)
//   kind: rules        one API area's endpoint rules (rules/marketo/*.yaml)
//   kind: overrides    an organisation's corrections, applied after the rules
// Sources of other kinds (policy) are skipped so a catalog directory may hold them too.
#include "minrole/catalog.hpp"
#include "minrole/graph.hpp"
#include "minrole/rules.hpp"
#include "minrole/source.hpp"

#include <memory>
#include <string>
#include <vector>

namespace minrole {

struct Model {
    Catalog catalog;
    std::unique_ptr<ImplicationGraph> graph;
    RuleSet rules;
    std::vector<std::string> sources; // paths the model came from, for `lint` and `explain`
};

// Builds the model; throws a located Error on the first problem (unknown key or permission,
// duplicate name, dangling edge, cycle, wrong type...).
Model load_model(const std::vector<SourceFile>& sources);

// Applies a `kind: overrides` file: replaces rules by operationId or method+path, or adds new ones.
void apply_overrides(Model& model, const SourceFile& overrides);

// The catalog and rules compiled into the binary.
const std::vector<SourceFile>& embedded_sources();
Model load_default_model();

} // namespace minrole

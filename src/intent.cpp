#include "minrole/intent.hpp"

#include "minrole/display.hpp"
#include "minrole/redact.hpp"
#include "yaml_reader.hpp"

#include <set>

namespace minrole {

WorkspaceIntent& Intent::workspace(const std::string& name) {
    for (auto& w : workspaces) {
        if (w.name == name) {
            return w;
        }
    }
    workspaces.push_back(WorkspaceIntent{name, {}, {}});
    return workspaces.back();
}

namespace {

IntendedOperation read_operation(const SourceFile& source, const YAML::Node& node) {
    IntendedOperation op;
    op.where = yaml::locate(source, node);
    op.evidence = op.where.to_string();
    if (node.IsScalar()) {
        op.text = yaml::scalar(source, node, "an operation");
    } else {
        const yaml::Map m(source, node, "an operation", {"op", "params", "note"});
        op.text = m.string("op");
        for (const auto& p : m.strings("params")) {
            op.parameters.insert(p);
        }
        op.note = m.optional_string("note").value_or("");
    }
    if (op.text.find_first_not_of(" \t") == std::string::npos) {
        throw Error(op.where, "empty operation");
    }
    // Reports echo the operation as written; a pasted URL may carry ?access_token=. Redaction
    // only rewrites credential values, so routing (path, method, leadId) is unchanged.
    op.text = redact(op.text);
    op.note = redact(op.note);
    return op;
}

void read_operations(const SourceFile& source, const YAML::Node& list, WorkspaceIntent& into) {
    yaml::expect_sequence(source, list, "'operations'");
    for (const auto& item : list) {
        into.operations.push_back(read_operation(source, item));
    }
}

} // namespace

Intent parse_intent(const SourceFile& source) {
    const YAML::Node root = yaml::parse(source);
    const yaml::Map top(source, root, "the intent", {"kind", "service", "workspaces", "operations"});
    if (auto kind = top.optional_string("kind"); kind && *kind != "intent") {
        throw Error(top.where("kind"), "expected 'kind: intent', found '" + *kind + "'");
    }
    Intent intent;
    intent.service = top.optional_string("service").value_or("");
    if (!top.has("workspaces") && !top.has("operations")) {
        throw Error(top.where(), "the intent names no operations (expected 'operations' or 'workspaces')");
    }
    if (top.has("operations")) {
        read_operations(source, top.get("operations"), intent.workspace(kDefaultWorkspace));
    }
    if (top.has("workspaces")) {
        const YAML::Node list = top.get("workspaces");
        yaml::expect_sequence(source, list, "'workspaces'");
        std::set<std::string> listed;
        for (const auto& node : list) {
            const yaml::Map w(source, node, "a workspace", {"name", "partition", "operations"});
            const std::string name = w.string("name");
                if (!listed.insert(name).second) {
                throw Error(w.where("name"), "workspace '" + name + "' is listed twice");
            }
            WorkspaceIntent& into = intent.workspace(name);
            into.partition = w.optional_string("partition").value_or("");
            read_operations(source, w.require("operations"), into);
        }
    }
    std::size_t total = 0;
    for (const auto& w : intent.workspaces) {
        total += w.operations.size();
    }
    if (total == 0) {
        throw Error(top.where(), "the intent names no operations (its operation lists are empty)");
    }
    return intent;
}

Intent intent_from_operations(const std::vector<std::string>& operations) {
    Intent intent;
    WorkspaceIntent& w = intent.workspace(kDefaultWorkspace);
    for (std::size_t i = 0; i < operations.size(); ++i) {
        if (const std::size_t limit = yaml::max_scalar_bytes(); operations[i].size() > limit) {
            throw Error("--op #" + std::to_string(i + 1) + " is longer than the " + describe_bytes(limit) +
                        " limit for one value (MINROLE_MAX_SCALAR)");
        }
        IntendedOperation op;
        op.text = displayable(redact(operations[i]));
        op.evidence = "--op #" + std::to_string(i + 1);
        w.operations.push_back(std::move(op));
    }
    return intent;
}

} // namespace minrole

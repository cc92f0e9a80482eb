#include "minrole/intent.hpp"

#include "minrole/display.hpp"
#include "minrole/redact.hpp"

#include "intent_reader.hpp"
#include "yaml_reader.hpp"

#include <cctype>
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

OperationEntry read_operation_entry(const SourceFile& source, const YAML::Node& node, bool workspace_key) {
    OperationEntry entry;
    IntendedOperation& op = entry.operation;
    op.where = yaml::locate(source, node);
    op.evidence = op.where.to_string();
    if (node.IsScalar()) {
        op.text = yaml::scalar(source, node, "an operation");
    } else {
        const yaml::Map m = workspace_key ? yaml::Map(source, node, "an operation", {"op", "params", "note", "workspace"})
                                          : yaml::Map(source, node, "an operation", {"op", "params", "note"});
        op.text = m.string("op");
        const std::vector<std::string> params = m.strings("params");
        if (!params.empty()) {
            // A warning about a parameter points at its entry, not at the operation's `op:`.
            const YAML::Node entries = m.get("params");
            std::size_t i = 0;
            for (const auto& entry : entries) {
                op.parameters.insert(params[i]);
                op.parameter_where.emplace(params[i++], yaml::locate(source, entry));
            }
        }
        op.note = m.optional_string("note").value_or("");
        if (workspace_key) {
            entry.workspace = m.optional_string("workspace");
            entry.workspace_where = m.where("workspace");
        }
    }
    if (op.text.find_first_not_of(" \t") == std::string::npos) {
        throw Error(op.where, "empty operation");
    }
    // Reports echo the operation as written; a pasted URL may carry ?access_token=. Redaction
    // only rewrites credential values, so routing (path, method, leadId) is unchanged.
    op.text = redact(op.text);
    op.note = redact(op.note);
    return entry;
}

namespace {

void read_operations(const SourceFile& source, const YAML::Node& list, WorkspaceIntent& into) {
    yaml::expect_sequence(source, list, "'operations'");
    for (const auto& item : list) {
        into.operations.push_back(read_operation_entry(source, item, false).operation);
    }
}

} // namespace

Intent parse_intent(const SourceFile& source) {
    const YAML::Node root = yaml::parse(source);
    yaml::expect_kind(source, root, "intent", {"kind", "service", "workspaces", "operations"});
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

namespace {
std::string lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// A declared name that is a near miss of a parameter some rule reacts to (`leadid`, `lead_id`,
// `leadID` for leadId). Other names (`fields`, `nextPageToken`) are real API parameters that
// change no requirement; warning about them would teach people to ignore warnings.
bool near_known_parameter(const std::string& name, const std::vector<std::string>& known) {
    for (const auto& k : known) {
        if (lower(k) == lower(name)) {
            return true;
        }
    }
    return !did_you_mean(name, known).empty();
}
} // namespace

std::vector<IntentWarning> check_declared_parameters(const Intent& intent, const Router& router) {
    std::vector<IntentWarning> out;
    std::vector<std::string> everywhere; // every parameter any rule reacts to, built on first use
    bool collected = false;
    for (const auto& w : intent.workspaces) {
        for (const auto& op : w.operations) {
            if (op.parameters.empty()) {
                continue;
            }
            const RouteMatch match = router.route(op.text);
            if (match.status != MatchStatus::Matched || !match.endpoint) {
                continue;
            }
            const Endpoint& endpoint = router.rules().at(*match.endpoint);
            const std::set<std::string> known = endpoint.requirement.conditional_parameters();
            const std::vector<std::string> known_list(known.begin(), known.end());
            for (const auto& name : op.parameters) {
                if (known.count(name) != 0) {
                    continue;
                }
                if (!collected) {
                    std::set<std::string> all;
                    for (EndpointId id = 0; id < router.rules().size(); ++id) {
                        const auto some = router.rules().at(id).requirement.conditional_parameters();
                        all.insert(some.begin(), some.end());
                    }
                    everywhere.assign(all.begin(), all.end());
                    collected = true;
                }
                if (!near_known_parameter(name, everywhere)) {
                    continue;
                }
                std::string message = "parameter '" + name + "' does not change what " + endpoint.key() + " needs";
                if (known.empty()) {
                    message += " (no parameter does)";
                } else {
                    const std::string hint = did_you_mean(name, known_list);
                    if (!hint.empty()) {
                        message += " (did you mean '" + hint + "'?)";
                    } else {
                        std::string list;
                        for (const auto& k : known_list) {
                            list += (list.empty() ? "" : ", ") + k;
                        }
                        message += " (only " + list + " does)";
                    }
                }
                out.push_back({op.where_of_parameter(name), message});
            }
        }
    }
    return out;
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

#include "minrole/loader.hpp"

#include "vocabulary.hpp"
#include "yaml_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string_view>

namespace minrole {

namespace {

const std::set<std::string> kReservedNames{"none", "undocumented"};

std::string kind_of(const SourceFile& source, const YAML::Node& root) {
    if (!root.IsMap()) {
        throw Error(yaml::locate(source, root), std::string("expected a map with a 'kind' key, found ") +
                                                    yaml::type_name(root));
    }
    const YAML::Node kind = root["kind"];
    if (!kind.IsDefined() || kind.IsNull()) {
        throw Error(yaml::locate(source, root),
                    "missing required key 'kind' (one of: permissions, rules, overrides, policy)");
    }
    return yaml::scalar(source, kind, "'kind'");
}

// First pass over a permissions file: names, groups and facts; edges are resolved later
// because a permission may imply one defined further down.
struct PendingEdges {
    PermissionId id;
    std::vector<std::pair<std::string, Location>> implies;
    std::optional<std::pair<std::string, Location>> parent;
};

void read_permissions(const SourceFile& source, const YAML::Node& root, Catalog& catalog,
                      std::vector<PendingEdges>& pending) {
    const yaml::Map top(source, root, "the permissions file", {"kind", "groups", "permissions"});
    const YAML::Node groups = top.require("groups");
    yaml::expect_sequence(source, groups, "'groups'");
    for (const auto& node : groups) {
        const yaml::Map g(source, node, "a group", {"name", "description", "api_tree"});
        catalog.add_group(Group{g.string("name"), g.optional_string("description").value_or(""),
                                g.boolean("api_tree", false), g.where()});
    }
    const YAML::Node permissions = top.require("permissions");
    yaml::expect_sequence(source, permissions, "'permissions'");
    for (const auto& node : permissions) {
        const yaml::Map m(source, node, "a permission",
                          {"name", "group", "resource", "access", "risk", "grants", "aliases", "implies", "parent"});
        Permission p;
        p.where = m.where();
        p.name = m.string("name");
        if (kReservedNames.count(p.name) != 0) {
            throw Error(m.where("name"), "'" + p.name + "' is reserved and cannot name a permission");
        }
        p.group = m.string("group");
        if (catalog.group(p.group) == nullptr) {
            std::vector<std::string> names;
            for (const auto& g : catalog.groups()) {
                names.push_back(g.name);
            }
            const std::string hint = did_you_mean(p.group, names);
            throw Error(m.where("group"), "unknown group '" + p.group + "'" +
                                              (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        p.resource = m.string("resource");
        const std::string access = m.string("access");
        auto level = parse_access_level(access);
        if (!level) {
            throw Error(m.where("access"), "unknown access level '" + access + "' (expected one of: read, access, "
                                                                               "write, delete, approve, execute, admin)");
        }
        p.access = *level;
        const std::string risk = m.string("risk");
        auto tier = parse_risk(risk);
        if (!tier) {
            throw Error(m.where("risk"), "unknown risk tier '" + risk + "' (expected one of: low, medium, high, critical)");
        }
        p.risk = *tier;
        p.grants = m.string("grants");
        p.aliases = m.strings("aliases");
        PendingEdges edges;
        if (m.has("implies")) {
            const YAML::Node list = m.get("implies");
            yaml::expect_sequence(source, list, "'implies'");
            for (const auto& item : list) {
                edges.implies.emplace_back(yaml::scalar(source, item, "each entry of 'implies'"),
                                           yaml::locate(source, item));
            }
        }
        if (m.has("parent")) {
            edges.parent.emplace(m.string("parent"), m.where("parent"));
        }
        edges.id = catalog.add(std::move(p));
        pending.push_back(std::move(edges));
    }
}

void link_permissions(Catalog& catalog, const std::vector<PendingEdges>& pending) {
    for (const auto& edges : pending) {
        Permission& p = catalog.at(edges.id);
        for (const auto& [name, where] : edges.implies) {
            const PermissionId target = catalog.resolve(name, where);
            if (target == edges.id) {
                throw Error(where, "permission '" + p.name + "' implies itself");
            }
            p.implies.push_back(target);
        }
        if (edges.parent) {
            const PermissionId parent = catalog.resolve(edges.parent->first, edges.parent->second);
            if (parent == edges.id) {
                throw Error(edges.parent->second, "permission '" + p.name + "' is its own parent");
            }
            p.parent = parent;
        }
    }
}

Requirement parse_requirement(const Catalog& catalog, const SourceFile& source, const YAML::Node& node, int depth) {
    if (depth > 32) {
        throw Error(yaml::locate(source, node), "requirement nested deeper than 32 levels");
    }
    if (node.IsScalar()) {
        const std::string text = yaml::scalar(source, node, "a requirement");
        if (text == "none") {
            return Requirement::none();
        }
        if (text == "undocumented") {
            return Requirement::undocumented();
        }
        return Requirement::of(catalog.resolve(text, yaml::locate(source, node)));
    }
    if (!node.IsMap()) {
        throw Error(yaml::locate(source, node),
                    std::string("expected a requirement (a permission, none, undocumented, any_of, all_of or "
                                "when), found ") +
                        yaml::type_name(node));
    }
    const yaml::Map m(source, node, "a requirement", {"any_of", "all_of", "when", "require"});
    const bool any = m.has("any_of");
    const bool all = m.has("all_of");
    const bool when = m.has("when");
    if (static_cast<int>(any) + static_cast<int>(all) + static_cast<int>(when) != 1) {
        throw Error(m.where(), "a requirement map needs exactly one of 'any_of', 'all_of' or 'when'");
    }
    if (when) {
        const std::string parameter = m.string("when");
        return Requirement::when(parameter, parse_requirement(catalog, source, m.require("require"), depth + 1));
    }
    if (m.has("require")) {
        throw Error(m.where("require"), "'require' belongs with 'when', not with 'any_of' or 'all_of'");
    }
    const char* key = any ? "any_of" : "all_of";
    const YAML::Node list = m.get(key);
    yaml::expect_sequence(source, list, std::string("'") + key + "'");
    if (list.size() == 0) {
        throw Error(m.where(key), std::string("'") + key + "' needs at least one operand");
    }
    std::vector<Requirement> operands;
    for (const auto& item : list) {
        operands.push_back(parse_requirement(catalog, source, item, depth + 1));
    }
    return any ? Requirement::any_of(std::move(operands)) : Requirement::all_of(std::move(operands));
}

std::string read_method(const yaml::Map& m) {
    const std::string method = vocab::to_upper(m.string("method"));
    if (vocab::method_index(method) == vocab::kOtherMethod) {
        throw Error(m.where("method"), "unknown HTTP method '" + m.string("method") +
                                           "' (expected GET, POST, PUT, DELETE or PATCH)");
    }
    return method;
}

std::string read_path(const yaml::Map& m) {
    std::string path = m.string("path");
    if (path.front() != '/') {
        throw Error(m.where("path"), "path template '" + path + "' must start with '/'");
    }
    int depth = 0;
    for (char c : path) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth < 0 || depth > 1) {
            throw Error(m.where("path"), "unbalanced braces in path template '" + path + "'");
        }
    }
    if (depth != 0) {
        throw Error(m.where("path"), "unbalanced braces in path template '" + path + "'");
    }
    return path;
}

void read_rules(const SourceFile& source, const YAML::Node& root, Model& model) {
    const yaml::Map top(source, root, "the rules file", {"kind", "area", "spec", "operations"});
    const std::string area = top.string("area");
    const std::string spec = top.optional_string("spec").value_or("");
    const YAML::Node operations = top.require("operations");
    yaml::expect_sequence(source, operations, "'operations'");
    for (const auto& node : operations) {
        const yaml::Map m(source, node, "a rule",
                          {"id", "method", "path", "summary", "requires", "deprecated", "superseded_by",
                           "provenance"});
        Endpoint e;
        e.where = m.where();
        e.operation_id = m.string("id");
        e.method = read_method(m);
        e.path = read_path(m);
        e.area = area;
        e.summary = m.string("summary");
        e.requirement = parse_requirement(model.catalog, source, m.require("requires"), 0);
        e.deprecated = m.boolean("deprecated", false);
        e.superseded_by = m.optional_string("superseded_by").value_or("");
        e.provenance = m.optional_string("provenance").value_or(spec.empty() ? source.path : spec);
        model.rules.add(std::move(e));
    }
}

void check_superseded_links(const Model& model) {
    for (const auto& e : model.rules.all()) {
        if (!e.superseded_by.empty() && !model.rules.find_operation(e.superseded_by)) {
            throw Error(e.where, "'" + e.operation_id + "' is superseded by unknown operation '" + e.superseded_by + "'");
        }
    }
}

// Whether a source could be a permissions file, from its text alone and erring towards yes:
// only a single-document file with one top-level `kind: WORD` line naming another kind is a no.
bool may_be_permissions(const SourceFile& source) {
    const std::string& text = source.text;
    std::string value;
    int kind_lines = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line(text.data() + at, end - at);
        if (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") {
            if (at != 0) {
                return true; // several documents: leave it to the parser
            }
        } else if (line.substr(0, 5) == "kind:") {
            ++kind_lines;
            std::string_view rest = line.substr(5);
            const std::size_t comment = rest.find(" #");
            rest = rest.substr(0, comment);
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
                rest.remove_prefix(1);
            }
            while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r')) {
                rest.remove_suffix(1);
            }
            if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front()) {
                rest = rest.substr(1, rest.size() - 2);
            }
            value = std::string(rest);
        }
        at = end + 1;
    }
    if (kind_lines != 1 || value.empty() || value == "permissions") {
        return true;
    }
    return !std::all_of(value.begin(), value.end(),
                        [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

} // namespace

Model load_model(const std::vector<SourceFile>& sources) {
    Model model;
    // Rules files are read once the catalog's permissions are all known. When no permissions
    // file can follow a rules file (the usual layout: data/ before rules/), it is read right after
    // parsing so that only one YAML tree is alive at a time; a problem it has is kept and
    // reported where reading it in order would have reported it, after every parse, kind and
    // permissions error.
    struct PendingRules {
        const SourceFile* source;
        YAML::Node root;                  // dropped once read
        bool read = false;                // read early, successfully
        std::optional<Error> problem;     // from reading it early
    };
    std::size_t last_permissions = sources.size();
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (may_be_permissions(sources[i])) {
            last_permissions = i;
        }
    }
    bool read_early = true; // false once a rules file had to wait or failed
    std::vector<PendingRules> rules;
    std::vector<const SourceFile*> overrides;
    std::vector<PendingEdges> pending;
    bool saw_permissions = false;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const SourceFile& source = sources[i];
        YAML::Node root = yaml::parse(source);
        const std::string kind = kind_of(source, root);
        if (kind == "permissions") {
            read_permissions(source, root, model.catalog, pending);
            saw_permissions = true;
        } else if (kind == "rules") {
            const bool early = read_early && saw_permissions && last_permissions < sources.size() && i > last_permissions;
            if (!early) {
                read_early = false;
                rules.push_back(PendingRules{&source, root, false, std::nullopt});
            } else {
                try {
                    read_rules(source, root, model);
                    rules.push_back(PendingRules{&source, YAML::Node(), true, std::nullopt});
                } catch (const Error& problem) {
                    read_early = false;
                    rules.push_back(PendingRules{&source, YAML::Node(), false, problem});
                }
            }
        } else if (kind == "overrides") {
            overrides.push_back(&source);
        } else if (kind != "policy" && kind != "sdk") { // SDK maps (data/sdks/) are read by scan
            throw Error(yaml::locate(source, root["kind"]),
                        "unknown kind '" + kind + "' (expected permissions, rules, overrides or policy)");
        }
        if (kind != "sdk") {
            model.sources.push_back(source.path);
        }
    }
    if (!saw_permissions) {
        throw Error("no 'kind: permissions' file among the catalog sources");
    }
    link_permissions(model.catalog, pending);
    model.graph = std::make_unique<ImplicationGraph>(model.catalog);
    for (const auto& entry : rules) {
        if (entry.problem) {
            throw *entry.problem; // NOLINT(misc-throw-by-value-catch-by-reference): the Error kept from reading early
        }
        if (!entry.read) {
            read_rules(*entry.source, entry.root, model);
        }
    }
    for (const SourceFile* source : overrides) {
        apply_overrides(model, *source);
    }
    check_superseded_links(model);
    return model;
}

void apply_overrides(Model& model, const SourceFile& source) {
    const YAML::Node root = yaml::parse(source);
    const yaml::Map top(source, root, "the overrides file", {"kind", "operations"});
    const std::string kind = top.string("kind");
    if (kind != "overrides") {
        throw Error(top.where("kind"), "expected 'kind: overrides', found '" + kind + "'");
    }
    const YAML::Node operations = top.require("operations");
    yaml::expect_sequence(source, operations, "'operations'");
    for (const auto& node : operations) {
        const yaml::Map m(source, node, "an override",
                          {"id", "method", "path", "summary", "requires", "reason", "deprecated", "superseded_by"});
        std::optional<EndpointId> existing;
        if (m.has("id")) {
            existing = model.rules.find_operation(m.string("id"));
        }
        if (!existing && m.has("method") && m.has("path")) {
            existing = model.rules.find_template(read_method(m), read_path(m));
        }
        Endpoint e;
        if (existing) {
            e = model.rules.at(*existing);
        } else {
            if (!m.has("id") || !m.has("method") || !m.has("path") || !m.has("summary")) {
                throw Error(m.where(), "override matches no known rule; a new rule needs id, method, path and summary");
            }
            e.area = "override";
        }
        if (m.has("id")) {
            e.operation_id = m.string("id");
        }
        if (m.has("method")) {
            e.method = read_method(m);
        }
        if (m.has("path")) {
            e.path = read_path(m);
        }
        if (m.has("summary")) {
            e.summary = m.string("summary");
        }
        e.requirement = parse_requirement(model.catalog, source, m.require("requires"), 0);
        e.deprecated = m.boolean("deprecated", e.deprecated);
        if (m.has("superseded_by")) {
            e.superseded_by = m.string("superseded_by");
        }
        e.override_reason = m.string("reason");
        e.where = m.where();
        e.provenance = "override " + e.where.to_string();
        model.rules.upsert(std::move(e));
    }
    check_superseded_links(model);
}



} // namespace minrole

// Cross-checks the shipped rules against Adobe's published specs with an interpretation of the
// "Required Permissions" statements written here from the decided semantics, independently of
// minrole's importer. The specs are vendored under third_party/marketo-apis/, so these checks run
// in every clone; a missing spec file is a failure, never a skip.
#include "minrole/loader.hpp"
#include "minrole/openapi.hpp"
#include "minrole/source.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace minrole;

const std::vector<std::string> kSpecFiles{"swagger-asset.json", "swagger-mapi.json", "swagger-user.json",
                                          "swagger-data-ingestion.json", "swagger-identity.json"};

bool specs_present() {
    const fs::path dir(MINROLE_SPECS_DIR);
    return std::all_of(kSpecFiles.begin(), kSpecFiles.end(), [&](const std::string& f) { return fs::exists(dir / f); });
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// ---- The test's own reading of a statement ----

// A conjunction of disjunctions of canonical permission names.
using Cnf = std::vector<std::vector<std::string>>;

struct Expected {
    enum class Kind { None, Undocumented, Formula } kind = Kind::Undocumented;
    Cnf base;
    std::string parameter; // non-empty: `conditional` applies only when it is passed
    Cnf conditional;
};

const std::map<std::string, std::string>& aliases() {
    static const std::map<std::string, std::string> table{
        {"Read-Asset", "Read-Only Assets"},
        {"Read-Only Asset", "Read-Only Assets"},
        {"Read-Write Asset", "Read-Write Assets"},
        {"Read-Write Named Opportunity", "Read-Write Opportunity"},
        {"Read-Only Campaigns", "Read-Only Campaign"},
        {"Read-Write Campaigns", "Read-Write Campaign"},
        {"Read Only Redirect Rules", "Read-Only Redirect Rules"},
        {"Read Write Redirect Rules", "Read-Write Redirect Rules"},
        {"Access User", "Access Users"},
    };
    return table;
}

std::string strip(std::string s) {
    auto junk = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == '`'; };
    while (!s.empty() && junk(s.back())) {
        s.pop_back();
    }
    std::size_t i = 0;
    while (i < s.size() && junk(s[i])) {
        ++i;
    }
    return s.substr(i);
}

std::vector<std::string> split_any(const std::string& text, const std::vector<std::string>& separators) {
    std::vector<std::string> out;
    std::string current;
    std::size_t i = 0;
    while (i < text.size()) {
        bool cut = false;
        for (const auto& sep : separators) {
            if (text.compare(i, sep.size(), sep) == 0) {
                out.push_back(current);
                current.clear();
                i += sep.size();
                cut = true;
                break;
            }
        }
        if (!cut) {
            current += text[i++];
        }
    }
    out.push_back(current);
    return out;
}

std::string canonical(const std::string& raw) {
    const std::string name = strip(raw);
    const auto it = aliases().find(name);
    return it == aliases().end() ? name : it->second;
}

Cnf read_list(const std::string& text, bool design_studio) {
    const std::string body = strip(text);
    if (body.find(" and ") != std::string::npos) {
        Cnf out;
        for (const auto& part : split_any(body, {" and "})) {
            out.push_back({canonical(part)});
        }
        return out;
    }
    const bool has_or = body.find(" or ") != std::string::npos;
    std::vector<std::string> names;
    for (const auto& part : split_any(body, {",", " or "})) {
        names.push_back(canonical(part));
    }
    if (design_studio && !has_or) {
        Cnf out;
        for (const auto& n : names) {
            out.push_back({n});
        }
        return out;
    }
    return {names};
}

std::optional<std::string> statement_of(const std::string& description) {
    for (const char* marker : {"Required Permissions:", "Required permission:", "Required Permission:",
                               "Required permissions:"}) {
        const std::size_t at = description.find(marker);
        if (at == std::string::npos) {
            continue;
        }
        std::string rest = description.substr(at + std::string(marker).size());
        for (const char* stop : {"<br", "<b>", "\n"}) {
            const std::size_t end = rest.find(stop);
            if (end != std::string::npos) {
                rest.resize(end);
            }
        }
        return rest;
    }
    return std::nullopt;
}

Expected expected_for(const std::string& spec_file, const std::string& path, const std::string& description) {
    Expected e;
    const auto statement = statement_of(description);
    if (!statement) {
        e.kind = spec_file == "swagger-identity.json" ? Expected::Kind::None : Expected::Kind::Undocumented;
        return e;
    }
    const bool design_studio = path.rfind("/rest/asset/v2/", 0) == 0;
    std::string text = *statement;
    const std::string if_marker = "If ";
    const std::string passed_marker = " is passed in the request:";
    const std::size_t if_at = text.find(if_marker);
    const std::size_t passed_at = text.find(passed_marker);
    if (if_at != std::string::npos && passed_at != std::string::npos && if_at < passed_at) {
        e.parameter = text.substr(if_at + if_marker.size(), passed_at - if_at - if_marker.size());
        e.conditional = read_list(text.substr(passed_at + passed_marker.size()), design_studio);
        text = text.substr(0, if_at);
    }
    if (strip(text) == "None") {
        e.kind = e.parameter.empty() ? Expected::Kind::None : Expected::Kind::Formula;
        return e;
    }
    e.kind = Expected::Kind::Formula;
    e.base = read_list(text, design_studio);
    return e;
}

// ---- Evaluation of the expectation, with its own notion of what a set of grants gives ----

// Read-Write X gives Read-Only X; a member whose parent is not held gives nothing.
std::set<std::string> gives(const Catalog& catalog, const std::set<std::string>& granted) {
    std::set<std::string> active;
    for (const auto& name : granted) {
        const Permission& p = catalog.at(*catalog.find(name));
        bool parents_held = true;
        for (auto parent = p.parent; parent; parent = catalog.at(*parent).parent) {
            parents_held = parents_held && granted.count(catalog.at(*parent).name) != 0;
        }
        if (parents_held) {
            active.insert(name);
        }
    }
    std::set<std::string> out = active;
    for (const auto& name : active) {
        if (name.rfind("Read-Write ", 0) == 0) {
            const std::string read_only = "Read-Only " + name.substr(11);
            if (catalog.find(read_only)) {
                out.insert(read_only);
            }
        }
    }
    return out;
}

bool cnf_holds(const Cnf& cnf, const std::set<std::string>& have) {
    return std::all_of(cnf.begin(), cnf.end(), [&](const std::vector<std::string>& clause) {
        return std::any_of(clause.begin(), clause.end(), [&](const std::string& n) { return have.count(n) != 0; });
    });
}

bool expected_holds(const Expected& e, const std::set<std::string>& have, const Parameters& parameters) {
    switch (e.kind) {
    case Expected::Kind::None:
        return true;
    case Expected::Kind::Undocumented:
        return false;
    case Expected::Kind::Formula:
        break;
    }
    if (!cnf_holds(e.base, have)) {
        return false;
    }
    return e.parameter.empty() || parameters.count(e.parameter) == 0 || cnf_holds(e.conditional, have);
}

struct SpecOperation {
    std::string file;
    std::string method;
    std::string path;
    std::string operation_id;
    std::string description;
};

std::vector<SpecOperation> read_spec_operations(const std::string& file) {
    const auto document = nlohmann::json::parse(slurp(fs::path(MINROLE_SPECS_DIR) / file));
    std::vector<SpecOperation> out;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            static const std::set<std::string> methods{"get", "post", "put", "delete", "patch"};
            if (methods.count(method) == 0) {
                continue;
            }
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
            out.push_back({file, upper, path, operation.value("operationId", ""), operation.value("description", "")});
        }
    }
    return out;
}

} // namespace

TEST_CASE("spec cross-check: every spec operation's rule means what the statement says") {
    REQUIRE_MESSAGE(specs_present(), "Adobe specs missing from " MINROLE_SPECS_DIR " (see its README.md)");
    const Model model = load_default_model();
    const Catalog& catalog = model.catalog;
    const ImplicationGraph& graph = *model.graph;

    std::map<std::string, std::size_t> counts;
    std::set<EndpointId> seen;
    std::size_t total = 0;
    for (const auto& file : kSpecFiles) {
        for (const SpecOperation& op : read_spec_operations(file)) {
            ++total;
            ++counts[file];
            CAPTURE(op.file);
            CAPTURE(op.method);
            CAPTURE(op.path);
            const auto id = model.rules.find_template(op.method, op.path);
            REQUIRE_MESSAGE(id.has_value(), "no rule for " << op.method << " " << op.path);
            CHECK(seen.insert(*id).second);
            const Endpoint& rule = model.rules.at(*id);
            CHECK(rule.operation_id == op.operation_id);

            const Expected expected = expected_for(op.file, op.path, op.description);
            if (expected.kind == Expected::Kind::Undocumented) {
                CHECK(rule.requirement.kind == Requirement::Kind::Undocumented);
            }
            if (expected.kind == Expected::Kind::None) {
                CHECK(rule.requirement.kind == Requirement::Kind::None);
            }

            // Every name in the statement must be a catalog permission under its canonical spelling.
            std::set<PermissionId> named;
            for (const Cnf* cnf : {&expected.base, &expected.conditional}) {
                for (const auto& clause : *cnf) {
                    for (const auto& name : clause) {
                        const auto pid = catalog.find(name);
                        REQUIRE_MESSAGE(pid.has_value(), "statement names unknown permission '" << name << "'");
                        CHECK(catalog.at(*pid).name == name);
                        named.insert(*pid);
                    }
                }
            }
            std::vector<PermissionId> from_rule;
            rule.requirement.collect_permissions(from_rule);
            named.insert(from_rule.begin(), from_rule.end());
            std::set<PermissionId> relevant;
            for (PermissionId n : named) {
                const auto& providers = graph.providers(n);
                for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
                    relevant.insert(static_cast<PermissionId>(q));
                    for (PermissionId a : graph.ancestors(static_cast<PermissionId>(q))) {
                        relevant.insert(a);
                    }
                }
            }
            const std::vector<PermissionId> members(relevant.begin(), relevant.end());
            REQUIRE(members.size() <= 12);

            std::vector<Parameters> parameter_sets{{}, {"leadId"}};
            if (!expected.parameter.empty()) {
                parameter_sets.push_back({expected.parameter});
            }
            for (const auto& p : rule.requirement.conditional_parameters()) {
                parameter_sets.push_back({p});
            }
            CHECK(rule.requirement.conditional_parameters() ==
                  (expected.parameter.empty() ? std::set<std::string>{} : std::set<std::string>{expected.parameter}));

            bool reported = false; // one counterexample per operation is enough
            for (std::size_t mask = 0; mask < (std::size_t{1} << members.size()) && !reported; ++mask) {
                PermissionSet granted = graph.empty_set();
                std::set<std::string> names;
                for (std::size_t b = 0; b < members.size(); ++b) {
                    if ((mask >> b) & 1U) {
                        granted.set(members[b]);
                        names.insert(catalog.at(members[b]).name);
                    }
                }
                const std::set<std::string> have = gives(catalog, names);
                for (const auto& parameters : parameter_sets) {
                    const bool mine = expected_holds(expected, have, parameters);
                    const bool theirs = satisfies(graph, granted, rule.requirement, parameters);
                    if (mine != theirs && !reported) {
                        reported = true;
                        std::string role;
                        for (const auto& n : names) {
                            role += "[" + n + "]";
                        }
                        FAIL_CHECK("role " << role << " with " << parameters.size()
                                           << " parameter(s): expected " << mine << ", rule says " << theirs
                                           << " (" << describe(catalog, rule.requirement) << ")");
                    }
                }
            }
        }
    }
    CHECK(counts["swagger-asset.json"] == 199);
    CHECK(counts["swagger-mapi.json"] == 147);
    CHECK(counts["swagger-user.json"] == 12);
    CHECK(counts["swagger-data-ingestion.json"] == 7);
    CHECK(counts["swagger-identity.json"] == 2);
    CHECK(total == 367);
    // ... and no rule without a spec operation.
    CHECK(model.rules.size() == total);
    CHECK(seen.size() == total);
}

TEST_CASE("spec cross-check: the catalog's implications are exactly Read-Write X => Read-Only X") {
    const Model model = load_default_model();
    const Catalog& catalog = model.catalog;
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        const Permission& p = catalog.at(id);
        std::set<std::string> expected;
        if (p.name.rfind("Read-Write ", 0) == 0 && catalog.find("Read-Only " + p.name.substr(11))) {
            expected.insert("Read-Only " + p.name.substr(11));
        }
        std::set<std::string> actual;
        for (PermissionId t : p.implies) {
            actual.insert(catalog.at(t).name);
        }
        CAPTURE(p.name);
        CHECK(actual == expected);
    }
    for (const auto& entry : aliases()) {
        // (not a structured binding: clang 14 cannot capture one in CAPTURE's lambda)
        const auto& alias = entry.first;
        CAPTURE(alias);
        const auto id = catalog.find(alias);
        REQUIRE(id.has_value());
        CHECK(catalog.at(*id).name == entry.second);
    }
}

TEST_CASE("spec cross-check: import-openapi over the five specs reproduces rules/marketo byte for byte") {
    REQUIRE_MESSAGE(specs_present(), "Adobe specs missing from " MINROLE_SPECS_DIR " (see its README.md)");
    const Model model = load_default_model();
    std::vector<ImportedSpec> specs;
    for (const auto& file : kSpecFiles) {
        specs.push_back(import_openapi(model.catalog, read_source((fs::path(MINROLE_SPECS_DIR) / file).string())));
    }
    const auto rendered = render_rules_files(model.catalog, specs);
    std::map<std::string, std::string> shipped;
    for (const auto& entry : fs::directory_iterator(fs::path(MINROLE_SOURCE_DIR) / "rules" / "marketo")) {
        if (entry.path().extension() == ".yaml") {
            shipped[entry.path().filename().string()] = slurp(entry.path());
        }
    }
    std::vector<std::string> rendered_names;
    std::vector<std::string> shipped_names;
    for (const auto& [name, text] : rendered) {
        rendered_names.push_back(name);
    }
    for (const auto& [name, text] : shipped) {
        shipped_names.push_back(name);
    }
    CHECK(rendered_names == shipped_names);
    for (const auto& entry : shipped) {
        const auto& name = entry.first;
        const auto& text = entry.second;
        CAPTURE(name);
        const auto it = rendered.find(name);
        REQUIRE(it != rendered.end());
        if (it->second != text) {
            // Point at the first differing line rather than dumping two whole files.
            std::istringstream a(it->second);
            std::istringstream b(text);
            std::string la;
            std::string lb;
            int line = 0;
            while (true) {
                const bool ga = static_cast<bool>(std::getline(a, la));
                const bool gb = static_cast<bool>(std::getline(b, lb));
                ++line;
                if (!ga && !gb) {
                    break;
                }
                if (!ga || !gb || la != lb) {
                    FAIL_CHECK(name << ":" << line << ": regenerated '" << la << "' but shipped '" << lb << "'");
                    break;
                }
            }
            CHECK(it->second == text); // e.g. a trailing-newline difference
        }
    }
}

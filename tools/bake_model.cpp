// Build-time tool: loads the default catalog and rules from YAML and writes them as constant
// tables of the records in src/baked_model.hpp (data only: the code that builds the Model from
// them is src/baked_model.cpp), so `minrole` starts without parsing YAML (see bench/ for the gain).
// Usage: bake_model OUT.cpp ROOT FILE...   (FILE paths relative to ROOT, as embedded)
#include "minrole/loader.hpp"
#include "minrole/source.hpp"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace {

using namespace minrole;

std::string literal(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\%03o", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

// Every string of the model in one character array, each stored once; records refer to text by
// offset and length, so the tables hold no pointers and need no relocation when the program starts.
class TextPool {
public:
    std::string ref(const std::string& text) {
        auto [it, added] = offsets_.emplace(text, blob_.size());
        if (added) {
            blob_ += text;
        }
        return "{" + std::to_string(it->second) + ", " + std::to_string(text.size()) + "}";
    }
    [[nodiscard]] const std::string& blob() const { return blob_; }

private:
    std::string blob_;
    std::map<std::string, std::size_t> offsets_;
};

std::string place(TextPool& pool, const Location& where) {
    return "{.file = " + pool.ref(where.file) + ", .line = " + std::to_string(where.line) +
           ", .column = " + std::to_string(where.column) + "}";
}

std::string flag(bool value) { return value ? "true" : "false"; }

// Requirement trees flattened: each node names its operands as a run of kOperands.
struct RequirementTable {
    std::vector<std::string> nodes;
    std::vector<std::size_t> operands;

    std::size_t add(TextPool& pool, const Requirement& r) {
        std::vector<std::size_t> children;
        for (const auto& operand : r.operands) {
            children.push_back(add(pool, operand));
        }
        const std::size_t first = operands.size();
        operands.insert(operands.end(), children.begin(), children.end());
        nodes.push_back("{.kind = static_cast<minrole::Requirement::Kind>(" + std::to_string(static_cast<int>(r.kind)) +
                        "), .permission = " + std::to_string(r.permission) + ", .parameter = " + pool.ref(r.parameter) +
                        ", .first_operand = " + std::to_string(first) + ", .operands = " + std::to_string(children.size()) +
                        "}");
        return nodes.size() - 1;
    }
};

// A table: its rows and, after them, one value-initialised row so that no array is empty.
void table(std::ostream& out, const char* type, const char* name, const std::vector<std::string>& rows) {
    out << "constexpr " << type << " " << name << "[] = {\n";
    for (const auto& row : rows) {
        out << "    " << row << ",\n";
    }
    out << "    {}};\n\n";
}

// The tables of the model, as rows of the records in src/baked_model.hpp.
std::string tables(const Model& model, TextPool& pool) {
    std::vector<std::string> groups;
    for (const auto& g : model.catalog.groups()) {
        groups.push_back("{.name = " + pool.ref(g.name) + ", .description = " + pool.ref(g.description) +
                         ", .api_tree = " + flag(g.api_tree) + ", .where = " + place(pool, g.where) + "}");
    }
    std::vector<std::string> permissions;
    std::vector<std::string> aliases;
    std::vector<std::string> implied;
    for (const auto& p : model.catalog.all()) {
        permissions.push_back(
            "{.name = " + pool.ref(p.name) + ", .group = " + pool.ref(p.group) + ", .resource = " + pool.ref(p.resource) +
            ", .access = static_cast<AccessLevel>(" + std::to_string(static_cast<int>(p.access)) +
            "), .risk = static_cast<Risk>(" + std::to_string(static_cast<int>(p.risk)) + "), .grants = " + pool.ref(p.grants) +
            ", .first_alias = " + std::to_string(aliases.size()) + ", .aliases = " + std::to_string(p.aliases.size()) +
            ", .first_implied = " + std::to_string(implied.size()) + ", .implied = " + std::to_string(p.implies.size()) +
            ", .parent = " + std::to_string(p.parent ? static_cast<std::int64_t>(*p.parent) : std::int64_t{-1}) +
            ", .where = " + place(pool, p.where) + "}");
        for (const auto& a : p.aliases) {
            aliases.push_back(pool.ref(a));
        }
        for (PermissionId id : p.implies) {
            implied.push_back(std::to_string(id));
        }
    }
    RequirementTable requirements;
    std::vector<std::string> endpoints;
    for (const auto& e : model.rules.all()) {
        const std::size_t requirement = requirements.add(pool, e.requirement);
        endpoints.push_back("{.operation_id = " + pool.ref(e.operation_id) + ", .method = " + pool.ref(e.method) +
                            ", .path = " + pool.ref(e.path) + ", .area = " + pool.ref(e.area) + ", .summary = " +
                            pool.ref(e.summary) + ", .requirement = " + std::to_string(requirement) +
                            ", .deprecated = " + flag(e.deprecated) + ", .superseded_by = " + pool.ref(e.superseded_by) +
                            ", .provenance = " + pool.ref(e.provenance) + ", .where = " + place(pool, e.where) + "}");
    }
    std::vector<std::string> operands;
    for (std::size_t operand : requirements.operands) {
        operands.push_back(std::to_string(operand));
    }
    std::vector<std::string> sources;
    for (const auto& source : model.sources) {
        sources.push_back(pool.ref(source));
    }
    std::ostringstream out;
    table(out, "Group", "kGroups", groups);
    table(out, "Permission", "kPermissions", permissions);
    table(out, "Text", "kAliases", aliases);
    table(out, "std::uint32_t", "kImplied", implied);
    table(out, "Endpoint", "kEndpoints", endpoints);
    table(out, "Requirement", "kRequirements", requirements.nodes);
    table(out, "std::uint32_t", "kOperands", operands);
    table(out, "Text", "kSources", sources);
    const auto count = [](const std::vector<std::string>& rows) { return std::to_string(rows.size()); };
    out << "} // namespace\n\nconst Tables kDefault{\n"
        << "    .text = std::string_view(kText, sizeof kText - 1),\n"
        << "    .groups = std::span(kGroups, " << count(groups) << "),\n"
        << "    .permissions = std::span(kPermissions, " << count(permissions) << "),\n"
        << "    .aliases = std::span(kAliases, " << count(aliases) << "),\n"
        << "    .implied = std::span(kImplied, " << count(implied) << "),\n"
        << "    .endpoints = std::span(kEndpoints, " << count(endpoints) << "),\n"
        << "    .requirements = std::span(kRequirements, " << count(requirements.nodes) << "),\n"
        << "    .operands = std::span(kOperands, " << count(operands) << "),\n"
        << "    .sources = std::span(kSources, " << count(sources) << "),\n"
        << "};\n";
    return out.str();
}

// The whole generated file: the text pool, then the tables.
std::string generated(const Model& model) {
    TextPool pool;
    const std::string rows = tables(model, pool);
    std::ostringstream out;
    out << "// Generated by tools/bake_model.cpp from data/ and rules/. Do not edit.\n"
        << "// The default model's tables (src/baked_model.hpp); build_model() in src/baked_model.cpp reads them.\n"
        << "#include \"baked_model.hpp\"\n\n#include <cstdint>\n#include <span>\n#include <string_view>\n\n"
        << "namespace minrole::baked {\n\nnamespace {\n\n";
    out << "constexpr char kText[] =\n";
    const std::string& blob = pool.blob();
    for (std::size_t at = 0; at < blob.size(); at += 96) {
        out << "    " << literal(blob.substr(at, 96)) << "\n";
    }
    out << "    \"\";\n\n" << rows << "\n} // namespace minrole::baked\n";
    return out.str();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bake_model OUT.cpp ROOT FILE...\n";
        return 2;
    }
    try {
        std::vector<SourceFile> sources;
        for (int i = 3; i < argc; ++i) {
            SourceFile source = read_source(std::string(argv[2]) + "/" + argv[i]);
            source.path = argv[i];
            sources.push_back(std::move(source));
        }
        const std::string text = generated(load_model(sources));
        std::ifstream existing(argv[1], std::ios::binary);
        std::stringstream current;
        current << existing.rdbuf();
        if (current.str() != text) {
            std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
            file << text;
            if (!file) {
                std::cerr << "bake_model: cannot write " << argv[1] << "\n";
                return 2;
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "bake_model: error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

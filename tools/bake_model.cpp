// Build-time tool: loads the default catalog and rules from YAML and writes C++ that builds
// the same Model directly, so `minrole` starts without parsing YAML (see bench/ for the gain).
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

std::string location(TextPool& pool, const Location& where) {
    return pool.ref(where.file) + ", " + std::to_string(where.line) + ", " + std::to_string(where.column);
}

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
        nodes.push_back("{" + std::to_string(static_cast<int>(r.kind)) + ", " + std::to_string(r.permission) + ", " +
                        pool.ref(r.parameter) + ", " + std::to_string(first) + ", " +
                        std::to_string(children.size()) + "}");
        return nodes.size() - 1;
    }
};

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
        const Model model = load_model(sources);
        TextPool pool;
        std::ostringstream tables;
        tables << "constexpr BakedGroup kGroups[] = {\n";
        for (const auto& g : model.catalog.groups()) {
            tables << "    {" << pool.ref(g.name) << ", " << pool.ref(g.description) << ", "
                   << (g.api_tree ? "true" : "false") << ", " << location(pool, g.where) << "},\n";
        }
        tables << "};\n\n";
        std::vector<std::string> aliases;
        std::vector<PermissionId> implied;
        tables << "constexpr BakedPermission kPermissions[] = {\n";
        for (const auto& p : model.catalog.all()) {
            tables << "    {" << pool.ref(p.name) << ", " << pool.ref(p.group) << ", " << pool.ref(p.resource) << ", "
                   << static_cast<int>(p.access) << ", " << static_cast<int>(p.risk) << ", " << pool.ref(p.grants)
                   << ", " << aliases.size() << ", " << p.aliases.size() << ", " << implied.size() << ", "
                   << p.implies.size() << ", " << (p.parent ? static_cast<std::int64_t>(*p.parent) : std::int64_t{-1}) << ", "
                   << location(pool, p.where) << "},\n";
            for (const auto& a : p.aliases) {
                aliases.push_back(pool.ref(a));
            }
            implied.insert(implied.end(), p.implies.begin(), p.implies.end());
        }
        tables << "};\n\nconstexpr BakedText kAliases[] = {";
        for (const auto& a : aliases) {
            tables << a << ", ";
        }
        tables << "{0, 0}};\n\nconstexpr std::uint32_t kImplied[] = {";
        for (PermissionId id : implied) {
            tables << id << ", ";
        }
        tables << "0};\n\n";
        RequirementTable requirements;
        tables << "constexpr BakedEndpoint kEndpoints[] = {\n";
        std::ostringstream endpoint_rows;
        for (const auto& e : model.rules.all()) {
            const std::size_t requirement = requirements.add(pool, e.requirement);
            endpoint_rows << "    {" << pool.ref(e.operation_id) << ", " << pool.ref(e.method) << ", "
                          << pool.ref(e.path) << ", " << pool.ref(e.area) << ", " << pool.ref(e.summary) << ", "
                          << requirement << ", " << (e.deprecated ? "true" : "false") << ", "
                          << pool.ref(e.superseded_by) << ", " << pool.ref(e.provenance) << ", "
                          << location(pool, e.where) << "},\n";
        }
        tables << endpoint_rows.str() << "};\n\nconstexpr BakedRequirement kRequirements[] = {\n";
        for (const auto& node : requirements.nodes) {
            tables << "    " << node << ",\n";
        }
        tables << "};\n\nconstexpr std::uint32_t kOperands[] = {";
        for (std::size_t operand : requirements.operands) {
            tables << operand << ", ";
        }
        tables << "0};\n\nconstexpr BakedText kSources[] = {";
        for (const auto& source : model.sources) {
            tables << pool.ref(source) << ", ";
        }
        tables << "};\n\n";

        std::ostringstream out;
        out << "// Generated by tools/bake_model.cpp from data/ and rules/. Do not edit.\n"
            << "// The default model as constant tables (no pointers, so nothing to relocate at start-up)\n"
            << "// and one loop that builds the Model from them: a few pages of data instead of straight-line\n"
            << "// code as large as the rules.\n"
            << "#include \"minrole/loader.hpp\"\n\n#include <cstdint>\n#include <string_view>\n\n"
            << "namespace minrole {\n\nnamespace {\n\n"
            << "struct BakedText {\n    std::uint32_t at;\n    std::uint32_t size;\n};\n\n"
            << "struct BakedGroup {\n    BakedText name, description;\n    bool api_tree;\n"
            << "    BakedText file;\n    int line, column;\n};\n\n"
            << "struct BakedPermission {\n    BakedText name, group, resource;\n    int access, risk;\n"
            << "    BakedText grants;\n    std::uint32_t first_alias, aliases, first_implied, implied;\n"
            << "    std::int64_t parent;\n    BakedText file;\n    int line, column;\n};\n\n"
            << "struct BakedEndpoint {\n    BakedText operation_id, method, path, area, summary;\n"
            << "    std::uint32_t requirement;\n    bool deprecated;\n    BakedText superseded_by, provenance;\n"
            << "    BakedText file;\n    int line, column;\n};\n\n"
            << "struct BakedRequirement {\n    int kind;\n    std::uint32_t permission;\n    BakedText parameter;\n"
            << "    std::uint32_t first_operand, operands;\n};\n\n";
        out << "constexpr char kText[] =\n";
        const std::string& blob = pool.blob();
        for (std::size_t at = 0; at < blob.size(); at += 96) {
            out << "    " << literal(blob.substr(at, 96)) << "\n";
        }
        out << "    ;\n\n" << tables.str();
        out << R"(std::string text(BakedText t) { return std::string(kText + t.at, t.size); }

Location location(BakedText file, int line, int column) { return Location{text(file), line, column}; }

Requirement requirement(std::uint32_t index) {
    const BakedRequirement& r = kRequirements[index];
    Requirement out;
    out.kind = static_cast<Requirement::Kind>(r.kind);
    out.permission = r.permission;
    out.parameter = text(r.parameter);
    out.operands.reserve(r.operands);
    for (std::uint32_t i = 0; i < r.operands; ++i) {
        out.operands.push_back(requirement(kOperands[r.first_operand + i]));
    }
    return out;
}

} // namespace

Model load_default_model() {
    Model m;
    for (const BakedGroup& g : kGroups) {
        m.catalog.add_group(Group{text(g.name), text(g.description), g.api_tree, location(g.file, g.line, g.column)});
    }
    for (const BakedPermission& b : kPermissions) {
        Permission p;
        p.name = text(b.name);
        p.group = text(b.group);
        p.resource = text(b.resource);
        p.access = static_cast<AccessLevel>(b.access);
        p.risk = static_cast<Risk>(b.risk);
        p.grants = text(b.grants);
        for (std::uint32_t i = 0; i < b.aliases; ++i) {
            p.aliases.push_back(text(kAliases[b.first_alias + i]));
        }
        p.implies.assign(kImplied + b.first_implied, kImplied + b.first_implied + b.implied);
        if (b.parent >= 0) {
            p.parent = static_cast<PermissionId>(b.parent);
        }
        p.where = location(b.file, b.line, b.column);
        m.catalog.add(std::move(p));
    }
    m.graph = std::make_unique<ImplicationGraph>(m.catalog);
    m.rules.reserve(std::size(kEndpoints));
    for (const BakedEndpoint& b : kEndpoints) {
        Endpoint e;
        e.operation_id = text(b.operation_id);
        e.method = text(b.method);
        e.path = text(b.path);
        e.area = text(b.area);
        e.summary = text(b.summary);
        e.requirement = requirement(b.requirement);
        e.deprecated = b.deprecated;
        e.superseded_by = text(b.superseded_by);
        e.provenance = text(b.provenance);
        e.where = location(b.file, b.line, b.column);
        m.rules.add(std::move(e));
    }
    for (const BakedText& source : kSources) {
        m.sources.push_back(text(source));
    }
    return m;
}

} // namespace minrole
)";
        const std::string text = out.str();
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

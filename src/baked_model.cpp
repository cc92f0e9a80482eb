// The compiled-in default model: build_model() over the tables tools/bake_model.cpp generated
// from data/ and rules/ (baked_model.hpp). Linked into minrole_core only: the bake tool, which
// writes the tables, links the library without them.
#include "baked_model.hpp"

namespace minrole {

namespace baked {

namespace {

class Builder {
public:
    explicit Builder(const Tables& tables) : t_(tables) {}

    [[nodiscard]] std::string text(Text t) const { return std::string(t_.text.substr(t.at, t.size)); }

    [[nodiscard]] Location location(const Place& p) const { return Location{text(p.file), p.line, p.column}; }

    [[nodiscard]] minrole::Requirement requirement(std::uint32_t index) const {
        const Requirement& r = t_.requirements[index];
        minrole::Requirement out;
        out.kind = r.kind;
        out.permission = r.permission;
        out.parameter = text(r.parameter);
        out.operands.reserve(r.operands);
        for (std::uint32_t i = 0; i < r.operands; ++i) {
            out.operands.push_back(requirement(t_.operands[r.first_operand + i]));
        }
        return out;
    }

    [[nodiscard]] minrole::Permission permission(const Permission& b) const {
        minrole::Permission p;
        p.name = text(b.name);
        p.group = text(b.group);
        p.resource = text(b.resource);
        p.access = b.access;
        p.risk = b.risk;
        p.grants = text(b.grants);
        for (std::uint32_t i = 0; i < b.aliases; ++i) {
            p.aliases.push_back(text(t_.aliases[b.first_alias + i]));
        }
        const auto implied = t_.implied.subspan(b.first_implied, b.implied);
        p.implies.assign(implied.begin(), implied.end());
        if (b.parent >= 0) {
            p.parent = static_cast<PermissionId>(b.parent);
        }
        p.where = location(b.where);
        return p;
    }

    [[nodiscard]] minrole::Endpoint endpoint(const Endpoint& b) const {
        minrole::Endpoint e;
        e.operation_id = text(b.operation_id);
        e.method = text(b.method);
        e.path = text(b.path);
        e.area = text(b.area);
        e.summary = text(b.summary);
        e.requirement = requirement(b.requirement);
        e.deprecated = b.deprecated;
        e.superseded_by = text(b.superseded_by);
        e.provenance = text(b.provenance);
        e.where = location(b.where);
        return e;
    }

private:
    const Tables& t_;
};

} // namespace

Model build_model(const Tables& tables) {
    const Builder build(tables);
    Model m;
    for (const Group& g : tables.groups) {
        m.catalog.add_group(minrole::Group{build.text(g.name), build.text(g.description), g.api_tree, build.location(g.where)});
    }
    for (const Permission& p : tables.permissions) {
        m.catalog.add(build.permission(p));
    }
    m.graph = std::make_unique<ImplicationGraph>(m.catalog);
    m.rules.reserve(tables.endpoints.size());
    for (const Endpoint& e : tables.endpoints) {
        m.rules.add(build.endpoint(e));
    }
    for (const Text& source : tables.sources) {
        m.sources.push_back(build.text(source));
    }
    return m;
}

} // namespace baked

Model load_default_model() { return baked::build_model(baked::kDefault); }

} // namespace minrole

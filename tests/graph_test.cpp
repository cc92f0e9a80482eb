// ImplicationGraph: closures over implies edges, providers, parent chains, and the effective
// set Marketo honours (a child whose parent is not granted gives nothing).
#include "minrole/graph.hpp"
#include "minrole/loader.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace graph_test {

using namespace minrole;
using test::default_model;

namespace {


PermissionId id_of(const std::string& name) {
    auto id = default_model().catalog.find(name);
    REQUIRE_MESSAGE(id, name);
    return *id;
}

PermissionSet set_of(const ImplicationGraph& graph, const std::vector<PermissionId>& ids) {
    PermissionSet s = graph.empty_set();
    for (PermissionId id : ids) {
        s.set(id);
    }
    return s;
}

// A hand-built catalog; each entry is (name, implies, parent), edges by index.
struct Spec {
    std::string name;
    std::vector<PermissionId> implies;
    std::optional<PermissionId> parent;
};

Catalog catalog_of(const std::vector<Spec>& specs) {
    Catalog c;
    int line = 1;
    for (const auto& s : specs) {
        Permission p;
        p.name = s.name;
        p.group = "Access API";
        p.resource = s.name;
        p.grants = "g";
        p.implies = s.implies;
        p.parent = s.parent;
        p.where = Location{"perms.yaml", line++, 5};
        c.add(std::move(p));
    }
    return c;
}

std::string error_of(const Catalog& c) {
    try {
        ImplicationGraph graph(c);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("Read-Write X implies Read-Only X for every resource that has both") {
    const Model& model = default_model();
    int pairs = 0;
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        const std::string& name = model.catalog.at(id).name;
        const std::string prefix = "Read-Write ";
        if (name.rfind(prefix, 0) != 0) {
            continue;
        }
        auto read_only = model.catalog.find("Read-Only " + name.substr(prefix.size()));
        if (!read_only) {
            continue;
        }
        ++pairs;
        CHECK_MESSAGE(model.graph->implies(id, *read_only), name);
        CHECK_MESSAGE(!model.graph->implies(*read_only, id), name);
    }
    CHECK(pairs == 13);
}

TEST_CASE("every permission implies itself") {
    const Model& model = default_model();
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        CHECK(model.graph->implies(id, id));
    }
}

TEST_CASE("implication does not cross resources") {
    const Model& model = default_model();
    CHECK_FALSE(model.graph->implies(id_of("Read-Write Lead"), id_of("Read-Only Assets")));
    CHECK_FALSE(model.graph->implies(id_of("Read-Write Assets"), id_of("Approve Assets")));
}

TEST_CASE("implied_by_one is the holder plus what it implies") {
    const Model& model = default_model();
    const auto& closure = model.graph->implied_by_one(id_of("Read-Write Lead"));
    CHECK(closure == set_of(*model.graph, {id_of("Read-Write Lead"), id_of("Read-Only Lead")}));
}

TEST_CASE("providers of Read-Only Lead are Read-Only Lead and Read-Write Lead") {
    const Model& model = default_model();
    CHECK(model.graph->providers(id_of("Read-Only Lead")) ==
          set_of(*model.graph, {id_of("Read-Only Lead"), id_of("Read-Write Lead")}));
    CHECK(model.graph->providers(id_of("Read-Write Lead")) == set_of(*model.graph, {id_of("Read-Write Lead")}));
}

TEST_CASE("ancestors of Edit Email is Access Design Studio") {
    const Model& model = default_model();
    CHECK(model.graph->ancestors(id_of("Edit Email")) == std::vector<PermissionId>{id_of("Access Design Studio")});
    CHECK(model.graph->ancestors(id_of("Access Design Studio")).empty());
    CHECK(model.graph->ancestors(id_of("Read-Only Lead")).empty());
}

TEST_CASE("effective drops a child whose parent is not granted") {
    const Model& model = default_model();
    const auto& g = *model.graph;
    CHECK(g.effective(set_of(g, {id_of("Edit Email")})).none());
    CHECK(g.effective(set_of(g, {id_of("Edit Email"), id_of("Read-Only Lead")})) ==
          set_of(g, {id_of("Read-Only Lead")}));
}

TEST_CASE("effective keeps a child when its parent is granted") {
    const Model& model = default_model();
    const auto& g = *model.graph;
    const PermissionSet granted = set_of(g, {id_of("Edit Email"), id_of("Access Design Studio")});
    CHECK(g.effective(granted) == granted);
}

TEST_CASE("effective adds everything the granted permissions imply") {
    const Model& model = default_model();
    const auto& g = *model.graph;
    CHECK(g.effective(set_of(g, {id_of("Read-Write Lead"), id_of("Read-Write Assets")})) ==
          set_of(g, {id_of("Read-Write Lead"), id_of("Read-Only Lead"), id_of("Read-Write Assets"),
                     id_of("Read-Only Assets")}));
    CHECK(g.effective(g.empty_set()).none());
}

TEST_CASE("with_parents adds the parents granted members need") {
    const Model& model = default_model();
    const auto& g = *model.graph;
    CHECK(g.with_parents(set_of(g, {id_of("Edit Email"), id_of("Read-Only Lead")})) ==
          set_of(g, {id_of("Edit Email"), id_of("Access Design Studio"), id_of("Read-Only Lead")}));
    CHECK(g.with_parents(set_of(g, {id_of("Read-Only Lead")})) == set_of(g, {id_of("Read-Only Lead")}));
    const PermissionSet fixed = g.with_parents(set_of(g, {id_of("Delete Snippet")}));
    CHECK(g.effective(fixed).test(id_of("Delete Snippet")));
}

TEST_CASE("implication is transitive") {
    const Catalog c = catalog_of({{"A", {1}, {}}, {"B", {2}, {}}, {"C", {}, {}}});
    const ImplicationGraph g(c);
    CHECK(g.implies(0, 2));
    CHECK(g.implies(0, 1));
    CHECK_FALSE(g.implies(2, 0));
    CHECK(g.providers(2).count() == 3);
    CHECK(g.effective(set_of(g, {0})).count() == 3);
}

TEST_CASE("ancestors lists the parent chain nearest first") {
    const Catalog c = catalog_of({{"Child", {}, 1}, {"Parent", {}, 2}, {"Root", {}, {}}});
    const ImplicationGraph g(c);
    CHECK(g.ancestors(0) == std::vector<PermissionId>{1, 2});
    CHECK(g.ancestors(1) == std::vector<PermissionId>{2});
    CHECK(g.with_parents(set_of(g, {0})) == set_of(g, {0, 1, 2}));
}

TEST_CASE("effective drops a whole chain when a distant ancestor is missing") {
    const Catalog c = catalog_of({{"Child", {}, 1}, {"Parent", {}, 2}, {"Root", {}, {}}});
    const ImplicationGraph g(c);
    CHECK(g.effective(set_of(g, {0, 1})).none());
    CHECK(g.effective(set_of(g, {0, 1, 2})) == set_of(g, {0, 1, 2}));
}

TEST_CASE("effective: a parent must be granted, being implied is not enough") {
    // 0 needs parent 1; 2 implies 1. The parent has to be granted for the child to take effect,
    // the same reading the solver uses when it adds parents to every role it builds.
    const Catalog c = catalog_of({{"Child", {}, 1}, {"Parent", {}, {}}, {"Grand", {1}, {}}});
    const ImplicationGraph g(c);
    CHECK(g.effective(set_of(g, {0, 2})) == set_of(g, {1, 2}));
    CHECK(g.effective(set_of(g, {0, 1, 2})) == set_of(g, {0, 1, 2}));
}

TEST_CASE("effective: a child whose parent is only implied by another member drops") {
    // 0 (parent 3) implies 1; 2 needs parent 1. Without 3, 0 gives nothing, so 1 is gone and 2 drops too.
    const Catalog c = catalog_of({{"A", {1}, 3}, {"B", {}, {}}, {"C", {}, 1}, {"P", {}, {}}});
    const ImplicationGraph g(c);
    CHECK(g.effective(set_of(g, {0, 2})).none());
    // With 3 granted, 0 takes effect and implies 1, but 2 needs 1 granted, not merely implied.
    CHECK(g.effective(set_of(g, {0, 2, 3})) == set_of(g, {0, 1, 3}));
    CHECK(g.effective(set_of(g, {0, 1, 2, 3})) == set_of(g, {0, 1, 2, 3}));
}

TEST_CASE("the digraph holds one edge per implies and parent link, tagged with its kind") {
    const Catalog c = catalog_of({{"A", {1}, 2}, {"B", {}, {}}, {"C", {}, {}}});
    const ImplicationGraph g(c);
    const auto& d = g.digraph();
    CHECK(boost::num_vertices(d) == 3);
    CHECK(boost::num_edges(d) == 2);
    int implies = 0;
    int parent = 0;
    auto [begin, end] = boost::edges(d);
    for (auto e = begin; e != end; ++e) {
        (d[*e].kind == EdgeKind::Implies ? implies : parent) += 1;
    }
    CHECK(implies == 1);
    CHECK(parent == 1);
}

TEST_CASE("graph construction rejects implication and parent cycles, naming them") {
    CHECK(error_of(catalog_of({{"A", {1}, {}}, {"B", {0}, {}}})) == "perms.yaml:1:5: implication cycle: 'A' -> 'B' -> 'A'");
    CHECK(error_of(catalog_of({{"A", {}, 1}, {"B", {}, 2}, {"C", {}, 0}})) ==
          "perms.yaml:1:5: parent cycle: 'A' -> 'B' -> 'C' -> 'A'");
    CHECK(error_of(catalog_of({{"A", {1}, {}}, {"B", {}, 0}})).empty());
}

} // namespace graph_test

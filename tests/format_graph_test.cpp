// src/format_graph.cpp: the implication graph as Graphviz dot and Mermaid.
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace minrole;

namespace {
std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}
} // namespace

TEST_CASE("graph: dot and mermaid draw every implication and parent edge once") {
    const Model& model = test::model();
    std::size_t implies = 0;
    std::size_t parents = 0;
    for (const auto& p : model.catalog.all()) {
        implies += p.implies.size();
        parents += p.parent ? 1 : 0;
    }
    const std::string dot = render_graph(model, Format::Dot);
    CHECK(dot.rfind("digraph permissions {", 0) == 0);
    CHECK(count(dot, "[label=\"implies\"]") == implies);
    CHECK(count(dot, "[label=\"needs parent\", style=dashed]") == parents);
    CHECK(dot.find("\"Read-Write Lead\" -> \"Read-Only Lead\" [label=\"implies\"];") != std::string::npos);
    const std::string mermaid = render_graph(model, Format::Mermaid);
    CHECK(count(mermaid, "-->|implies|") == implies);
    CHECK(count(mermaid, "-.->|needs parent|") == parents);
    CHECK(count(mermaid, "[\"") == model.catalog.size());
}

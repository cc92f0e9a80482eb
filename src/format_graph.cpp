// Graph renderings of the implication graph: Graphviz dot and Mermaid.
#include "report_model.hpp"
#include "vocabulary.hpp"

#include <fmt/format.h>

namespace minrole::graph_format {

namespace {
std::string quoted(const std::string& text) { return vocab::double_quoted(text); }

std::string dot(const Model& model) {
    std::string out = "digraph permissions {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
    for (const auto& group : model.catalog.groups()) {
        out += fmt::format("  subgraph {} {{\n    label={};\n", quoted("cluster_" + group.name), quoted(group.name));
        for (const auto& p : model.catalog.all()) {
            if (p.group == group.name) {
                out += fmt::format("    {};\n", quoted(p.name));
            }
        }
        out += "  }\n";
    }
    for (const auto& p : model.catalog.all()) {
        for (PermissionId t : p.implies) {
            out += fmt::format("  {} -> {} [label=\"implies\"];\n", quoted(p.name), quoted(model.catalog.at(t).name));
        }
        if (p.parent) {
            out += fmt::format("  {} -> {} [label=\"needs parent\", style=dashed];\n", quoted(p.name),
                               quoted(model.catalog.at(*p.parent).name));
        }
    }
    return out + "}\n";
}

// A Mermaid node label from a permission name (a --catalog from a pull request can name one
// anything): its own quote would close the label and let the rest add statements ('"]; click p0
// href "javascript:..."'), '<' would start HTML and a backtick a Markdown string, so those and
// '#' and '&' are written as Mermaid's entity codes, which render as the character itself.
std::string mermaid_label(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '"': out += "#quot;"; break;
        case '#': out += "#35;"; break;
        case '<': out += "#lt;"; break;
        case '>': out += "#gt;"; break;
        case '&': out += "#amp;"; break;
        case '`': out += "#96;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string mermaid(const Model& model) {
    std::string out = "graph LR\n";
    auto id = [](PermissionId i) { return "p" + std::to_string(i); };
    for (PermissionId i = 0; i < model.catalog.size(); ++i) {
        out += fmt::format("  {}[\"{}\"]\n", id(i), mermaid_label(model.catalog.at(i).name));
    }
    for (PermissionId i = 0; i < model.catalog.size(); ++i) {
        const Permission& p = model.catalog.at(i);
        for (PermissionId t : p.implies) {
            out += fmt::format("  {} -->|implies| {}\n", id(i), id(t));
        }
        if (p.parent) {
            out += fmt::format("  {} -.->|needs parent| {}\n", id(i), id(*p.parent));
        }
    }
    return out;
}

} // namespace

} // namespace minrole::graph_format

namespace minrole::report {

const Renderers kDotRenderers{.graph = graph_format::dot};
const Renderers kMermaidRenderers{.graph = graph_format::mermaid};

} // namespace minrole::report

#pragma once
// The HTML report's building blocks, private to the library: escaping, the page skeleton
// (inline CSS and script under a hash-pinned Content-Security-Policy), data tables that the
// script filters and sorts, and the implication graph as inline SVG.
//
// Everything echoed from an input goes through html::text() (redact, then escape); markup is
// written by the renderers in src/format_html*.cpp and never contains input bytes unescaped.
#include "minrole/audit.hpp"
#include "minrole/loader.hpp"
#include "minrole/recommend.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole::html {

// HTML-escapes text for element content and quoted attribute values: & < > " ' become entities;
// C0 controls and DEL become their visible Control Pictures (U+2400..); bidirectional overrides
// and isolates (the "trojan source" characters) become a visible <U+202E>; invalid UTF-8 bytes
// become U+FFFD. Tab and newline are kept.
std::string escape(std::string_view text);

// For every string that comes from an input: redact() first, then escape().
std::string text(std::string_view input);

// SHA-256 of the bytes, base64-encoded: what a CSP 'sha256-...' source names.
std::string sha256_base64(std::string_view bytes);

// The page's inline stylesheet and script (src/format_html_assets.cpp).
std::string_view stylesheet();
std::string_view script();

struct Page {
    std::string kind;     // "audit", "allows", ...: the <body> class and the title's first word
    std::string title;    // already escaped
    std::string subtitle; // already escaped markup
    std::vector<std::pair<std::string, std::string>> sections; // (anchor id, label) for the navigation
    std::string body;     // the report's markup
};

// The whole document: doctype, CSP meta, inline style, navigation, body, inline script.
std::string render_page(const Page& page);

// A data table the script can filter and sort. Rows go into <tbody> chunks of kChunkRows each,
// which the stylesheet marks `content-visibility: auto`, so a 50,000-row table lays out only
// the chunks on screen.
inline constexpr std::size_t kChunkRows = 200;

struct Column {
    std::string label;      // escaped
    std::string sort = "";  // "", "text" or "num": how the script sorts this column
};

struct Filter {
    std::string attribute;  // the row's data-<attribute>
    std::string label;      // escaped
    bool checkboxes = false; // one checkbox per value (severity); else a <select>
    std::vector<std::pair<std::string, std::string>> values; // (value, label) in display order
};

class Table {
public:
    Table(std::string id, std::string caption, std::vector<Column> columns);
    // Filters and a text search above the table; hidden until the script shows them.
    void add_filter(Filter filter);
    void enable_search() { search_ = true; }
    // `attributes` is markup inside <tr ...> (data-* attributes, class); `cells` is the row's
    // <td> markup.
    void add_row(std::string attributes, std::string cells);
    [[nodiscard]] std::size_t rows() const { return rows_.size(); }
    [[nodiscard]] std::string render(const std::string& empty_message) const;

private:
    std::string id_;
    std::string caption_;
    std::vector<Column> columns_;
    std::vector<Filter> filters_;
    bool search_ = false;
    std::vector<std::pair<std::string, std::string>> rows_;
};

// The implication graph of a set of permissions, laid out in layers (src/format_html_graph.cpp).
enum class NodeState { Granted, Implied, Needed, Missing, Unused, Other };
struct GraphNode {
    PermissionId permission = 0;
    NodeState state = NodeState::Other;
    std::string note; // plain text for the node's tooltip
};
// Nodes: the given permissions plus everything they imply and every parent they need.
// Edges: implies (solid) and needs-parent (dashed). Returns the <figure> with an inline <svg>,
// or a paragraph saying why it is left out (more than kMaxGraphNodes).
inline constexpr std::size_t kMaxGraphNodes = 300;
std::string implication_graph(const Model& model, const std::vector<GraphNode>& nodes, const std::string& id);

// A workspace column of the role matrix: what is granted there and, when an intent is known,
// what the minimal role for it needs.
struct MatrixColumn {
    std::string workspace;
    PermissionSet granted;
    bool has_needs = false;
    PermissionSet needed;
    bool recommended = false; // `granted` is a recommended role, not one that exists
};
// Workspaces x permissions (src/format_html_common.cpp): granted and needed, granted and not
// needed, implied (by which grant), needed and missing; with each permission's risk tier.
std::string role_matrix(const Model& model, const std::vector<MatrixColumn>& columns, const std::string& id);
// The graph's nodes for those columns, in catalog order.
std::vector<GraphNode> graph_nodes(const Model& model, const std::vector<MatrixColumn>& columns);
// Per workspace: the minimal role, each member's justification, alternatives, and the
// operations with their status. Anchors start with `prefix`.
std::string recommendation_body(const Model& model, const Recommendation& recommendation, const std::string& prefix);
std::string severity_badge(Severity severity);
std::string risk_badge(Risk risk);

// Small markup helpers.
std::string badge(std::string_view css_class, std::string_view label); // label escaped by the caller
std::string code(std::string_view input);                              // <code> of an input string
std::string list(const std::vector<std::string>& items_markup, std::string_view css_class = "");
std::string plural(std::size_t n, std::string_view one, std::string_view many);

} // namespace minrole::html

// Reading tree-sitter nodes the same way in every language: a node's role, its text, the name an
// identifier stands for (PHP's $x is x; this, $this, self, cls and Me are all "self") and the
// dotted name of a member chain. The rest of the walk asks these, never the raw node types.
#include "code_lower.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace minrole::code {

Role Lowerer::role(TSNode node) const {
    const auto& t = roles();
    const char* type = ts_node_type(node);
    const auto it = t.find(type);
    if (it == t.end()) {
        return Role::Other;
    }
    // Only Ruby's `block` is a closure ({ |x| ... }); elsewhere it is a statement block.
    if (it->second == Role::Lambda && !dialect_.closure_blocks && std::strcmp(type, "block") == 0) {
        return Role::Other;
    }
    return it->second;
}

std::string_view Lowerer::node_text(TSNode node) const {
    const std::uint32_t begin = ts_node_start_byte(node);
    const std::uint32_t end = ts_node_end_byte(node);
    if (begin >= text_.size() || end <= begin) {
        return {};
    }
    return text_.substr(begin, std::min<std::size_t>(end, text_.size()) - begin);
}

// An identifier's name: PHP's $x is "x", this/self/$this are "self".
std::string Lowerer::name_of(TSNode node) const {
    std::string_view t = node_text(node);
    if (!t.empty() && t.front() == '$') {
        t.remove_prefix(1);
    }
    if (t == "this" || t == "self" || t == "cls" || t == "Me") {
        return "self";
    }
    return std::string(t);
}

// "a.b.c" for a member chain made of names only; empty otherwise.
std::string Lowerer::dotted(TSNode node) const {
    if (ts_node_is_null(node)) {
        return {};
    }
    switch (role(node)) {
    case Role::Identifier:
        return name_of(node);
    case Role::Self:
        return "self";
    case Role::InstanceVar: {
        std::string_view t = node_text(node);
        while (!t.empty() && t.front() == '@') {
            t.remove_prefix(1);
        }
        return "self." + std::string(t);
    }
    case Role::Paren:
        return ts_node_named_child_count(node) == 1 ? dotted(ts_node_named_child(node, 0)) : std::string();
    case Role::Member: {
        TSNode object = first_field(node, {"object", "operand", "expression", "scope"});
        TSNode property = first_field(node, {"property", "attribute", "field", "name"});
        if (ts_node_is_null(object) || ts_node_is_null(property)) {
            // PHP Foo::BAR (children: scope, name), qualified names.
            const std::uint32_t n = ts_node_named_child_count(node);
            if (n < 2) {
                return n == 1 ? dotted(ts_node_named_child(node, 0)) : std::string();
            }
            object = ts_node_named_child(node, 0);
            property = ts_node_named_child(node, n - 1);
        }
        std::string head = std::string(ts_node_type(object)) == "relative_scope" ? "self" : dotted(object);
        if (head.empty()) {
            return {};
        }
        std::string prop = name_of(property);
        if (prop.empty()) {
            return {};
        }
        return head + "." + prop;
    }
    default:
        return {};
    }
}

TSNode Lowerer::first_field(TSNode node, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        TSNode f = field(node, n);
        if (!ts_node_is_null(f)) {
            return f;
        }
    }
    return TSNode{};
}

std::string Lowerer::unescape(std::string_view escape) {
    if (escape.size() < 2 || escape[0] != '\\') {
        return std::string(escape);
    }
    switch (escape[1]) {
    case 'n':
        return "\n";
    case 't':
        return "\t";
    case 'u':
    case 'x':
    case 'U':
        return "\x01"; // a code point: not part of a path we can route
    default:
        return std::string(escape.substr(1, 1));
    }
}

std::vector<TSNode> Lowerer::named_children(TSNode node, std::size_t limit) {
    std::vector<TSNode> out;
    if (ts_node_is_null(node) || limit == 0) {
        return out;
    }
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
            TSNode c = ts_tree_cursor_current_node(&cursor);
            if (ts_node_is_named(c)) {
                out.push_back(c);
            }
        } while (out.size() < limit && ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
    return out;
}

} // namespace minrole::code

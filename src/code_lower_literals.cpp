// Literals to IR: strings (with their escapes and interpolations, in every language's
// spelling), lists and dicts, and the fields an object or struct literal sets.
#include "code_lower.hpp"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace minrole::code {

ExprPtr Lowerer::string_literal(TSNode node) {
    const std::uint32_t line = line_of(node);
    const std::uint32_t n = ts_node_named_child_count(node);
    auto concat = std::make_shared<Expr>();
    concat->op = Op::Concat;
    concat->line = line;
    bool any_part = false;
    std::uint32_t cursor = ts_node_start_byte(node);
    for (std::uint32_t i = 0; i < n; ++i) {
        TSNode child = ts_node_named_child(node, i);
        const Role r = role(child);
        const char* type = ts_node_type(child);
        if (r == Role::StringPart) {
            concat->items.push_back(make(Op::Str, line, std::string(node_text(child))));
            any_part = true;
        } else if (r == Role::Escape) {
            concat->items.push_back(make(Op::Str, line, unescape(node_text(child))));
            any_part = true;
        } else if (r == Role::Interpolation) {
            TSNode inner = first_field(child, {"expression"});
            if (ts_node_is_null(inner)) {
                for (std::uint32_t k = 0; k < ts_node_named_child_count(child); ++k) {
                    TSNode c = ts_node_named_child(child, k);
                    const std::string_view ct = ts_node_type(c);
                    if (ct != "interpolation_brace" && ct != "interpolation_start" && ct != "format_specifier" &&
                        ct != "type_conversion" && ct != "interpolation_alignment_clause" && ct != "interpolation_format_clause") {
                        inner = c;
                        break;
                    }
                }
            }
            concat->items.push_back(ts_node_is_null(inner) ? hole(child) : expr(inner));
            any_part = true;
        } else if (std::strcmp(type, "string_start") == 0 || std::strcmp(type, "string_end") == 0 ||
                   std::strcmp(type, "interpolation_start") == 0 || std::strcmp(type, "interpolation_quote") == 0 ||
                   std::strcmp(type, "heredoc_start") == 0 || std::strcmp(type, "heredoc_end") == 0 ||
                   std::strcmp(type, "raw_string_start") == 0 || std::strcmp(type, "raw_string_end") == 0) {
            continue;
        } else {
            // PHP "$id" (variable_name), "{$this->x}", a String nested in a string: expressions.
            concat->items.push_back(expr(child));
            any_part = true;
        }
        cursor = ts_node_end_byte(child);
    }
    (void)cursor;
    if (!any_part) {
        // No children: the literal's text between its quotes ('' or a C# @"..." verbatim).
        std::string_view t = node_text(node);
        while (!t.empty() && (t.front() == '@' || t.front() == '$' || t.front() == 'r' || t.front() == 'b' ||
                              t.front() == 'u' || t.front() == 'f' || t.front() == 'R')) {
            t.remove_prefix(1);
        }
        const char q = t.empty() ? '\0' : t.front();
        if (q == '"' || q == '\'' || q == '`') {
            std::size_t quotes = 0;
            while (quotes < t.size() / 2 && t[quotes] == q && t[t.size() - 1 - quotes] == q) {
                ++quotes;
            }
            t = t.substr(quotes, t.size() - 2 * quotes);
        }
        return make(Op::Str, line, std::string(t));
    }
    if (concat->items.size() == 1 && concat->items.front()->op == Op::Str) {
        return concat->items.front();
    }
    // Adjacent literal pieces merge, so "a\/b" stays one Str.
    std::vector<ExprPtr> merged;
    for (auto& item : concat->items) {
        if (item->op == Op::Str && !merged.empty() && merged.back()->op == Op::Str) {
            auto joined = std::make_shared<Expr>(*merged.back());
            joined->text += item->text;
            merged.back() = joined;
        } else {
            merged.push_back(item);
        }
    }
    if (merged.size() == 1) {
        return merged.front();
    }
    concat->items = std::move(merged);
    return concat;
}

ExprPtr Lowerer::collection(TSNode node, bool dict) {
    const std::uint32_t line = line_of(node);
    auto e = std::make_shared<Expr>();
    e->op = dict ? Op::Dict : Op::List;
    e->line = line;
    const std::uint32_t n = ts_node_named_child_count(node);
    std::vector<char> spread; // per list item: a spread element (...a, *a)
    for (std::uint32_t i = 0; i < n && e->items.size() < 4096; ++i) {
        TSNode c = ts_node_named_child(node, i);
        Role r = role(c);
        if (r == Role::Pair) {
            TSNode key = field(c, "key");
            TSNode value = field(c, "value");
            if (ts_node_is_null(key) && ts_node_named_child_count(c) == 2) {
                key = ts_node_named_child(c, 0);
                value = ts_node_named_child(c, 1);
            }
            if (ts_node_is_null(key) || ts_node_is_null(value)) {
                continue;
            }
            if (role(value) == Role::Function || role(value) == Role::Lambda) {
                // { createPath: function joinPath() {...} }: callers use the key.
                function(value, key_text(key), {});
                continue;
            }
            e->op = Op::Dict;
            e->keys.push_back(key_text(key));
            e->items.push_back(expr(value));
            field_definition(e->keys.back(), e->items.back(), line_of(c));
        } else if (r == Role::ElementInit) {
            const std::uint32_t k = ts_node_named_child_count(c);
            if (k == 2) {
                e->op = Op::Dict;
                e->keys.push_back(key_text(ts_node_named_child(c, 0)));
                e->items.push_back(expr(ts_node_named_child(c, 1)));
            } else if (k == 1) {
                e->keys.push_back({});
                e->items.push_back(expr(ts_node_named_child(c, 0)));
            }
        } else if (r == Role::Dict && std::string_view(ts_node_type(c)) == "literal_value") {
            return collection(c, dict);
        } else if (std::string_view(ts_node_type(c)) == "literal_element") {
            e->keys.push_back({});
            e->items.push_back(ts_node_named_child_count(c) > 0 ? expr(ts_node_named_child(c, 0)) : hole(c));
        } else if (std::string_view(ts_node_type(c)) == "comment" || std::string_view(ts_node_type(c)) == "type_identifier" ||
                   std::string_view(ts_node_type(c)) == "qualified_type" || std::string_view(ts_node_type(c)) == "slice_type" ||
                   std::string_view(ts_node_type(c)) == "map_type") {
            continue;
        } else {
            e->keys.push_back({});
            e->items.push_back(expr(c));
            if (r == Role::Spread) {
                spread.resize(e->items.size(), 0);
                spread.back() = 1;
            }
        }
    }
    if (e->op == Op::List) {
        e->keys.clear();
    }
    if (e->op == Op::List && !spread.empty()) {
        // [...a, b, ...c] (JS), [*a, b] (Python): the lists spread and the elements between
        // them, concatenated.
        auto joined = std::make_shared<Expr>();
        joined->op = Op::Concat;
        joined->line = line;
        std::shared_ptr<Expr> run;
        for (std::size_t i = 0; i < e->items.size(); ++i) {
            if (i < spread.size() && spread[i] != 0) {
                run.reset();
                joined->items.push_back(e->items[i]);
                continue;
            }
            if (!run) {
                run = std::make_shared<Expr>();
                run->op = Op::List;
                run->line = line;
                joined->items.push_back(run);
            }
            run->items.push_back(e->items[i]);
        }
        if (spread.front() != 0) {
            // A spread first: an empty list before it, so that it joins as a list.
            auto empty = std::make_shared<Expr>();
            empty->op = Op::List;
            empty->line = line;
            joined->items.insert(joined->items.begin(), empty);
        }
        return joined;
    }
    return e;
}

// A field set in an object or struct literal (&Client{identity: identity}): what obj.identity
// reads when nothing else defines it.
void Lowerer::field_definition(const std::string& key, const ExprPtr& value, std::uint32_t line) {
    if (!key.empty() && key.find_first_of(" /.") == std::string::npos && value && value->op != Op::Dict &&
        value->op != Op::List) {
        out_.definitions.push_back(Definition{"." + key, value, scope_, line, true});
    }
}

std::string Lowerer::key_text(TSNode key) {
    if (role(key) == Role::String) {
        ExprPtr s = string_literal(key);
        return s->op == Op::Str ? s->text : std::string();
    }
    std::string k = std::string(node_text(key));
    while (!k.empty() && (k.back() == ':' || k.front() == ':')) {
        k.erase(k.back() == ':' ? k.size() - 1 : 0, 1);
    }
    return k;
}

} // namespace minrole::code

// Parses source code with tree-sitter and lowers it to the IR of code_ir.hpp. One generic walk
// serves every language: the grammars share most node and field names (call/arguments,
// left/right, name/value, object/property), and where they differ the tables below list each
// spelling. Anything the walk does not know becomes a Hole, never a guess.
#include "code_ir.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

extern "C" {
const TSLanguage* tree_sitter_javascript(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_python(void);
const TSLanguage* tree_sitter_php(void);
const TSLanguage* tree_sitter_java(void);
const TSLanguage* tree_sitter_go(void);
const TSLanguage* tree_sitter_ruby(void);
const TSLanguage* tree_sitter_c_sharp(void);
}

namespace minrole::code {

namespace {

struct Grammar {
    std::string_view extension;
    const char* language;
    const TSLanguage* (*load)();
};

// .tsx is read with the TypeScript grammar (JSX in it recovers as errors around the markup;
// the string expressions scan needs parse the same). One grammar fewer to compile.
constexpr std::array<Grammar, 14> kGrammars{{
    {".js", "javascript", tree_sitter_javascript},  {".mjs", "javascript", tree_sitter_javascript},
    {".cjs", "javascript", tree_sitter_javascript}, {".jsx", "javascript", tree_sitter_javascript},
    {".ts", "typescript", tree_sitter_typescript},  {".tsx", "typescript", tree_sitter_typescript},
    {".mts", "typescript", tree_sitter_typescript}, {".py", "python", tree_sitter_python},
    {".php", "php", tree_sitter_php},               {".java", "java", tree_sitter_java},
    {".go", "go", tree_sitter_go},                  {".rb", "ruby", tree_sitter_ruby},
    {".cs", "csharp", tree_sitter_c_sharp},         {".cts", "typescript", tree_sitter_typescript},
}};

const Grammar* grammar_for(const std::string& path) {
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) {
        return nullptr;
    }
    const std::string_view ext(path.data() + dot, path.size() - dot);
    for (const Grammar& g : kGrammars) {
        if (g.extension == ext) {
            return &g;
        }
    }
    return nullptr;
}

// What a node is, whatever the language calls it.
enum class Role : std::uint8_t {
    Other,
    String,        // a whole literal (its children: content, escapes, interpolations)
    StringPart,    // literal text inside a string
    Escape,        // \n, \/ ...
    Interpolation, // ${x}, {x}, #{x}: the expression inside
    Concatenated,  // Python "a" "b"
    Identifier,
    Self,          // this, self, $this
    InstanceVar,   // Ruby @x
    Member,        // a.b in all its spellings
    Subscript,
    Call,
    New,
    Binary,
    Ternary,
    List,
    Dict,
    Pair,
    Paren,
    Await,
    Spread,
    Declarator,    // name = value declarations
    Assignment,
    AugAssign,
    Function,
    Lambda,
    Class,
    Return,
    ForIn,
    Comparison,
    Import,
    Number,
    Symbol,        // Ruby :get
    Argument,      // PHP / C# argument wrapper
    KeywordArg,
    ExpressionList,// Go a, b := ...
    ElementInit,   // PHP array_element_initializer
    ProtoDict,     // (internal)
};

const std::unordered_map<std::string_view, Role>& roles() {
    static const std::unordered_map<std::string_view, Role> table = [] {
        std::unordered_map<std::string_view, Role> t;
        for (auto n : {"string", "template_string", "string_literal", "encapsed_string", "interpreted_string_literal",
                       "raw_string_literal", "interpolated_string_expression", "verbatim_string_literal", "bare_string",
                       "heredoc_body", "nowdoc_body", "text_block"}) {
            t[n] = Role::String;
        }
        for (auto n : {"string_fragment", "string_content", "interpreted_string_literal_content", "raw_string_literal_content",
                       "string_literal_content", "string_value", "nowdoc_string", "heredoc_content"}) {
            t[n] = Role::StringPart;
        }
        for (auto n : {"escape_sequence", "string_literal_encoding"}) {
            t[n] = Role::Escape;
        }
        for (auto n : {"template_substitution", "interpolation"}) {
            t[n] = Role::Interpolation;
        }
        t["concatenated_string"] = Role::Concatenated;
        for (auto n : {"identifier", "property_identifier", "field_identifier", "shorthand_property_identifier", "constant",
                       "variable_name", "name", "type_identifier", "private_property_identifier", "package_identifier"}) {
            t[n] = Role::Identifier;
        }
        for (auto n : {"this", "self", "base", "super"}) {
            t[n] = Role::Self;
        }
        t["instance_variable"] = Role::InstanceVar;
        t["class_variable"] = Role::InstanceVar;
        for (auto n : {"member_expression", "attribute", "member_access_expression", "nullsafe_member_access_expression", "field_access",
                       "selector_expression", "scope_resolution", "class_constant_access_expression", "scoped_property_access_expression",
                       "qualified_name", "conditional_access_expression"}) {
            t[n] = Role::Member;
        }
        for (auto n : {"subscript_expression", "subscript", "element_reference", "index_expression", "element_access_expression"}) {
            t[n] = Role::Subscript;
        }
        for (auto n : {"call_expression", "call", "method_invocation", "function_call_expression", "member_call_expression",
                       "nullsafe_member_call_expression", "scoped_call_expression", "invocation_expression"}) {
            t[n] = Role::Call;
        }
        for (auto n : {"new_expression", "object_creation_expression"}) {
            t[n] = Role::New;
        }
        for (auto n : {"binary_expression", "binary_operator", "binary"}) {
            t[n] = Role::Binary;
        }
        for (auto n : {"ternary_expression", "conditional_expression"}) {
            t[n] = Role::Ternary;
        }
        for (auto n : {"array", "list", "tuple", "set", "string_array", "array_initializer", "collection_expression",
                       "implicit_array_creation_expression", "symbol_array"}) {
            t[n] = Role::List;
        }
        for (auto n : {"object", "dictionary", "hash", "array_creation_expression", "composite_literal", "literal_value",
                       "initializer_expression", "anonymous_object_creation_expression"}) {
            t[n] = Role::Dict;
        }
        for (auto n : {"pair", "keyed_element"}) {
            t[n] = Role::Pair;
        }
        for (auto n : {"parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression",
                       "type_assertion", "cast_expression", "parenthesized_statements", "checked_expression"}) {
            t[n] = Role::Paren;
        }
        t["await_expression"] = Role::Await;
        for (auto n : {"spread_element", "list_splat", "splat_argument", "variadic_unpacking"}) {
            t[n] = Role::Spread;
        }
        for (auto n : {"variable_declarator", "const_spec", "var_spec", "const_element", "property_element", "field_definition",
                       "public_field_definition", "property_declaration_clause"}) {
            t[n] = Role::Declarator;
        }
        for (auto n : {"assignment_expression", "assignment", "short_var_declaration", "assignment_statement"}) {
            t[n] = Role::Assignment;
        }
        for (auto n : {"augmented_assignment_expression", "augmented_assignment", "operator_assignment"}) {
            t[n] = Role::AugAssign;
        }
        for (auto n : {"function_declaration", "function_expression", "generator_function_declaration", "generator_function",
                       "method_definition", "function_definition", "method_declaration", "constructor_declaration", "method",
                       "singleton_method", "local_function_statement", "func_literal", "anonymous_function",
                       "anonymous_function_creation_expression"}) {
            t[n] = Role::Function;
        }
        for (auto n : {"arrow_function", "lambda", "lambda_expression", "block", "do_block", "arrow_function_expression"}) {
            t[n] = Role::Lambda;
        }
        for (auto n : {"class_declaration", "class_definition", "class", "module", "interface_declaration", "trait_declaration",
                       "struct_declaration", "record_declaration", "object_declaration"}) {
            t[n] = Role::Class;
        }
        t["return_statement"] = Role::Return;
        for (auto n : {"for_in_statement", "for_statement", "for_in_clause", "foreach_statement", "enhanced_for_statement", "for",
                       "range_clause"}) {
            t[n] = Role::ForIn;
        }
        t["comparison_operator"] = Role::Comparison;
        for (auto n : {"import_statement", "import_from_statement", "import_declaration", "import_spec", "using_directive",
                       "namespace_use_clause"}) {
            t[n] = Role::Import;
        }
        for (auto n : {"number", "integer", "int_literal", "integer_literal", "decimal_integer_literal", "float"}) {
            t[n] = Role::Number;
        }
        t["simple_symbol"] = Role::Symbol;
        t["argument"] = Role::Argument;
        for (auto n : {"keyword_argument", "named_argument"}) {
            t[n] = Role::KeywordArg;
        }
        t["expression_list"] = Role::ExpressionList;
        t["literal_element"] = Role::Paren; // Go: {key: value} wraps both in literal_element
        t["array_element_initializer"] = Role::ElementInit;
        return t;
    }();
    return table;
}

constexpr int kMaxDepth = 200; // deeper syntax is hostile or generated: lowered as a Hole

class Lowerer {
public:
    Lowerer(std::string_view text, FileIR& out, std::string_view language)
        : text_(text), out_(out), python_(language == "python"), ruby_(language == "ruby"), php_(language == "php") {
        out_.scopes.push_back(Scope{});
    }

    void run(TSNode root) { statement(root, 0); }

private:
    std::string_view text_;
    FileIR& out_;
    bool python_;
    bool ruby_;
    bool php_;
    int scope_ = 0;
    int function_ = -1;
    int root_depth_ = 0; // > 0 while inside a call's arguments, a definition or a return
    int conditional_ = 0; // > 0 inside a branch or loop body of the current function
    int depth_ = 0;

    struct DepthGuard {
        int& depth;
        explicit DepthGuard(int& d) : depth(d) { ++depth; }
        ~DepthGuard() { --depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

    Role role(TSNode node) const {
        const auto& t = roles();
        const char* type = ts_node_type(node);
        const auto it = t.find(type);
        if (it == t.end()) {
            return Role::Other;
        }
        // Only Ruby's `block` is a closure ({ |x| ... }); elsewhere it is a statement block.
        if (it->second == Role::Lambda && !ruby_ && std::strcmp(type, "block") == 0) {
            return Role::Other;
        }
        return it->second;
    }

    std::string_view node_text(TSNode node) const {
        const std::uint32_t begin = ts_node_start_byte(node);
        const std::uint32_t end = ts_node_end_byte(node);
        if (begin >= text_.size() || end <= begin) {
            return {};
        }
        return text_.substr(begin, std::min<std::size_t>(end, text_.size()) - begin);
    }

    static std::uint32_t line_of(TSNode node) { return ts_node_start_point(node).row + 1; }

    static TSNode field(TSNode node, const char* name) {
        return ts_node_child_by_field_name(node, name, static_cast<std::uint32_t>(std::strlen(name)));
    }

    static ExprPtr make(Op op, std::uint32_t line, std::string text = {}) {
        auto e = std::make_shared<Expr>();
        e->op = op;
        e->line = line;
        e->text = std::move(text);
        return e;
    }

    static ExprPtr hole(TSNode node) { return make(Op::Hole, line_of(node)); }

    // An identifier's name: PHP's $x is "x", this/self/$this are "self".
    std::string name_of(TSNode node) const {
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
    std::string dotted(TSNode node) const {
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

    static TSNode first_field(TSNode node, std::initializer_list<const char*> names) {
        for (const char* n : names) {
            TSNode f = field(node, n);
            if (!ts_node_is_null(f)) {
                return f;
            }
        }
        return TSNode{};
    }

    static std::string unescape(std::string_view escape) {
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

    // ---------------------------------------------------------------- expressions

    ExprPtr string_literal(TSNode node) {
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
                       std::strcmp(type, "heredoc_start") == 0 || std::strcmp(type, "heredoc_end") == 0) {
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

    // The arguments of a call: positional expressions and keywords.
    void arguments(TSNode args, Expr& call) {
        if (ts_node_is_null(args)) {
            return;
        }
        const std::uint32_t n = ts_node_named_child_count(args);
        for (std::uint32_t i = 0; i < n; ++i) {
            TSNode a = ts_node_named_child(args, i);
            Role r = role(a);
            std::string keyword;
            if (r == Role::Argument) {
                TSNode name = field(a, "name");
                if (!ts_node_is_null(name)) {
                    keyword = name_of(name);
                }
                // C# `name: value` has a name_colon child; PHP/C# the value is the last named child.
                const std::uint32_t k = ts_node_named_child_count(a);
                if (k == 0) {
                    continue;
                }
                TSNode first = ts_node_named_child(a, 0);
                if (std::string_view(ts_node_type(first)) == "name_colon" && ts_node_named_child_count(first) > 0) {
                    keyword = name_of(ts_node_named_child(first, 0));
                }
                a = ts_node_named_child(a, k - 1);
                r = role(a);
            }
            if (r == Role::KeywordArg || (ruby_ && r == Role::Pair)) {
                TSNode name = first_field(a, {"name", "key"});
                TSNode value = field(a, "value");
                keyword = ts_node_is_null(name) ? std::string() : name_of(name);
                while (!keyword.empty() && (keyword.back() == ':' || keyword.front() == ':')) {
                    keyword.erase(keyword.back() == ':' ? keyword.size() - 1 : 0, 1);
                }
                call.items.push_back(ts_node_is_null(value) ? hole(a) : expr(value));
                call.keys.push_back(keyword);
                continue;
            }
            if (std::string_view(ts_node_type(a)) == "comment") {
                continue;
            }
            call.items.push_back(expr(a));
            call.keys.push_back(keyword);
        }
    }

    ExprPtr call(TSNode node, bool constructor) {
        const std::uint32_t line = line_of(node);
        auto e = std::make_shared<Expr>();
        e->op = Op::Call;
        e->line = line;
        TSNode function = first_field(node, {"function", "constructor", "type"});
        TSNode object = first_field(node, {"object", "receiver", "scope"});
        TSNode name = first_field(node, {"name", "method"});
        if (!ts_node_is_null(function) && ts_node_is_null(name)) {
            std::string d = dotted(function);
            if (d.empty() && role(function) == Role::Member) {
                // A method on something that is not a name: '/'.join(x), [..].join('/'), f().get()
                TSNode obj = first_field(function, {"object", "operand", "expression"});
                TSNode prop = first_field(function, {"property", "attribute", "field", "name"});
                if (!ts_node_is_null(obj) && !ts_node_is_null(prop)) {
                    e->object = expr(obj);
                    d = "." + name_of(prop);
                }
            }
            if (d.empty() && role(function) == Role::Identifier) {
                d = name_of(function);
            }
            if (d.empty() && !ts_node_is_null(function)) {
                d = std::string(ts_node_type(function)) == "generic_name" || std::string(ts_node_type(function)) == "generic_type"
                        ? std::string(node_text(ts_node_named_child(function, 0)))
                        : std::string();
            }
            e->text = d;
        } else if (!ts_node_is_null(name)) {
            std::string m = name_of(name);
            if (!ts_node_is_null(object)) {
                std::string d = dotted(object);
                if (d.empty()) {
                    e->object = expr(object);
                    e->text = "." + m;
                } else {
                    e->text = d + "." + m;
                }
            } else {
                e->text = m;
            }
        } else if (constructor) {
            // PHP `new Foo(...)`: the class name is the first named child.
            if (ts_node_named_child_count(node) > 0) {
                e->text = dotted(ts_node_named_child(node, 0));
            }
        }
        if (constructor) {
            e->text = "new " + e->text;
        }
        ++root_depth_;
        arguments(first_field(node, {"arguments"}), *e);
        --root_depth_;
        // Ruby blocks and JS callbacks over a literal list: [..].each { |x| } / [..].forEach(x => ..)
        TSNode block = field(node, "block");
        const std::string_view last = std::string_view(e->text).substr(std::string_view(e->text).rfind('.') + 1);
        const bool iterates = last == "each" || last == "forEach" || last == "map" || last == "flatMap" || last == "flat_map" ||
                              last == "each_with_index" || last == "filter";
        if (!ts_node_is_null(block)) {
            lambda(block, iterates && e->object ? e->object : nullptr, line);
        }
        if (iterates && e->object && !e->items.empty()) {
            (void)0; // the callback was lowered as an argument; its parameter binding is added there
        }
        out_.calls.push_back(CallSite{e, scope_, function_});
        if (function_ >= 0) {
            out_.functions[static_cast<std::size_t>(function_)].calls.push_back(out_.calls.size() - 1);
        }
        // Mutations that build a list: args.unshift(x), parts.push(x), parts.append(x)
        if (last == "unshift" || last == "push" || last == "append" || last == "insert" || last == "concat" || last == "extend") {
            const std::string target = e->text.substr(0, e->text.rfind('.'));
            if (!target.empty() && target.find('.') == std::string::npos && !e->items.empty()) {
                auto op = make(Op::Call, line, last == "unshift" || last == "insert" ? "%prepend" : "%append");
                auto mutable_op = std::const_pointer_cast<Expr>(op);
                mutable_op->items.push_back(make(Op::Name, line, target));
                mutable_op->items.push_back(e->items.back());
                mutable_op->keys = {"", ""};
                define(target, op, line);
            }
        }
        // Membership facts: [..].includes(x) binds x to the listed values.
        if (last == "includes" && e->object && e->object->op == Op::List && e->items.size() == 1 && e->items[0]->op == Op::Name) {
            auto elements = make(Op::Elements, line);
            std::const_pointer_cast<Expr>(elements)->items.push_back(e->object);
            define(e->items[0]->text, elements, line);
        }
        // require('x') / require "x" is an import.
        if ((e->text == "require" || e->text == "require_once" || e->text == "require_relative") && !e->items.empty() &&
            e->items[0]->op == Op::Str) {
            out_.imports.push_back(e->items[0]->text);
        }
        return e;
    }

    ExprPtr collection(TSNode node, bool dict) {
        const std::uint32_t line = line_of(node);
        auto e = std::make_shared<Expr>();
        e->op = dict ? Op::Dict : Op::List;
        e->line = line;
        const std::uint32_t n = ts_node_named_child_count(node);
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
            }
        }
        if (e->op == Op::List) {
            e->keys.clear();
        }
        return e;
    }

    // A field set in an object or struct literal (&Client{identity: identity}): what obj.identity
    // reads when nothing else defines it.
    void field_definition(const std::string& key, const ExprPtr& value, std::uint32_t line) {
        if (!key.empty() && key.find_first_of(" /.") == std::string::npos && value && value->op != Op::Dict &&
            value->op != Op::List) {
            out_.definitions.push_back(Definition{"." + key, value, scope_, line, true});
        }
    }

    std::string key_text(TSNode key) {
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

    ExprPtr binary(TSNode node) {
        TSNode left = field(node, "left");
        TSNode right = field(node, "right");
        TSNode op = field(node, "operator");
        if (ts_node_is_null(left) || ts_node_is_null(right)) {
            return hole(node);
        }
        std::string_view o;
        if (!ts_node_is_null(op)) {
            o = node_text(op);
        } else {
            // The operator is the anonymous child between the operands.
            const std::uint32_t n = ts_node_child_count(node);
            for (std::uint32_t i = 0; i < n; ++i) {
                TSNode c = ts_node_child(node, i);
                if (!ts_node_is_named(c)) {
                    o = ts_node_type(c);
                    break;
                }
            }
        }
        const std::uint32_t line = line_of(node);
        if (o == "+" || (php_ && o == ".") || o == "&" || o == "<<") {
            auto e = std::make_shared<Expr>();
            e->op = Op::Concat;
            e->line = line;
            for (TSNode side : {left, right}) {
                ExprPtr part = expr(side);
                if (part->op == Op::Concat) {
                    e->items.insert(e->items.end(), part->items.begin(), part->items.end());
                } else {
                    e->items.push_back(part);
                }
            }
            return e;
        }
        if (o == "%") {
            auto e = std::make_shared<Expr>();
            e->op = Op::Format;
            e->text = "percent";
            e->line = line;
            e->items.push_back(expr(left));
            ExprPtr values = expr(right);
            if (values->op == Op::List) {
                e->items.insert(e->items.end(), values->items.begin(), values->items.end());
            } else {
                e->items.push_back(values);
            }
            return e;
        }
        if (o == "||" || o == "or" || o == "??" || o == "?:") {
            auto e = std::make_shared<Expr>();
            e->op = Op::Either;
            e->line = line;
            e->items = {expr(left), expr(right)};
            return e;
        }
        expr(left);
        expr(right);
        return hole(node);
    }

    ExprPtr expr(TSNode node) {
        if (ts_node_is_null(node)) {
            return make(Op::Hole, 0);
        }
        DepthGuard guard(depth_);
        if (depth_ > kMaxDepth) {
            return hole(node);
        }
        const std::uint32_t line = line_of(node);
        const Role r = role(node);
        switch (r) {
        case Role::String: {
            ExprPtr s = string_literal(node);
            if (root_depth_ == 0) {
                out_.loose.push_back(Loose{s, scope_, function_});
            }
            return s;
        }
        case Role::Concatenated: {
            auto e = std::make_shared<Expr>();
            e->op = Op::Concat;
            e->line = line;
            ++root_depth_;
            for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
                e->items.push_back(expr(ts_node_named_child(node, i)));
            }
            --root_depth_;
            if (root_depth_ == 0) {
                out_.loose.push_back(Loose{e, scope_, function_});
            }
            return e;
        }
        case Role::StringPart:
            return make(Op::Str, line, std::string(node_text(node)));
        case Role::Identifier:
            return make(Op::Name, line, name_of(node));
        case Role::Self:
            return make(Op::Name, line, "self");
        case Role::InstanceVar:
        case Role::Member: {
            std::string d = dotted(node);
            if (!d.empty()) {
                return make(Op::Member, line, d);
            }
            // obj().x or "literal".x: lower the object for its calls, the value is unknown
            TSNode object = first_field(node, {"object", "operand", "expression"});
            if (!ts_node_is_null(object)) {
                expr(object);
            }
            return hole(node);
        }
        case Role::Subscript: {
            TSNode object = first_field(node, {"object", "value", "operand", "expression"});
            TSNode index = first_field(node, {"index", "subscript"});
            if (ts_node_is_null(object) && ts_node_named_child_count(node) >= 2) {
                object = ts_node_named_child(node, 0);
                index = ts_node_named_child(node, 1);
            }
            if (ts_node_is_null(object) || ts_node_is_null(index)) {
                return hole(node);
            }
            if (std::string_view(ts_node_type(index)) == "bracketed_argument_list" && ts_node_named_child_count(index) > 0) {
                index = ts_node_named_child(index, 0);
                if (role(index) == Role::Argument && ts_node_named_child_count(index) > 0) {
                    index = ts_node_named_child(index, 0);
                }
            }
            auto e = std::make_shared<Expr>();
            e->op = Op::Index;
            e->line = line;
            ++root_depth_;
            e->items = {expr(object), expr(index)};
            --root_depth_;
            return e;
        }
        case Role::Call: {
            // Ruby `obj.attr` without arguments reads an attribute.
            if (ruby_ && ts_node_is_null(field(node, "arguments")) && ts_node_is_null(field(node, "block")) &&
                !ts_node_is_null(field(node, "receiver"))) {
                std::string d = dotted(field(node, "receiver"));
                TSNode m = field(node, "method");
                if (!d.empty() && !ts_node_is_null(m)) {
                    const std::string name = name_of(m);
                    if (name != "new") {
                        return make(Op::Member, line, d + "." + name);
                    }
                }
            }
            return call(node, false);
        }
        case Role::New:
            return call(node, true);
        case Role::Binary:
            return binary(node);
        case Role::Ternary: {
            TSNode a = first_field(node, {"consequence", "body"});
            TSNode b = first_field(node, {"alternative", "alternate"});
            TSNode c = field(node, "condition");
            if (!ts_node_is_null(c)) {
                expr(c);
            }
            if (ts_node_is_null(a) || ts_node_is_null(b)) {
                if (ts_node_named_child_count(node) == 3) {
                    // Python: body if condition else alternative
                    a = ts_node_named_child(node, python_ ? 0 : 1);
                    b = ts_node_named_child(node, 2);
                    if (python_) {
                        expr(ts_node_named_child(node, 1));
                    }
                } else {
                    return hole(node);
                }
            }
            auto e = std::make_shared<Expr>();
            e->op = Op::Either;
            e->line = line;
            e->items = {expr(a), expr(b)};
            return e;
        }
        case Role::List:
            return collection(node, false);
        case Role::Dict:
            return collection(node, true);
        case Role::Paren:
        case Role::Await:
        case Role::Spread:
        case Role::Argument:
            if (ts_node_named_child_count(node) == 0) {
                return hole(node);
            }
            {
                // as_expression / cast: the value is the first (TS) or last (C#) named child
                TSNode value = first_field(node, {"value", "expression"});
                if (ts_node_is_null(value)) {
                    value = std::string_view(ts_node_type(node)) == "cast_expression"
                                ? ts_node_named_child(node, ts_node_named_child_count(node) - 1)
                                : ts_node_named_child(node, 0);
                }
                return expr(value);
            }
        case Role::Function:
        case Role::Class:
            statement(node, 0);
            return hole(node);
        case Role::Lambda:
            lambda(node, nullptr, line);
            return hole(node);
        case Role::Number:
            return make(Op::Str, line, std::string(node_text(node)));
        case Role::Symbol: {
            std::string_view t = node_text(node);
            if (!t.empty() && t.front() == ':') {
                t.remove_prefix(1);
            }
            return make(Op::Str, line, std::string(t));
        }
        case Role::Assignment:
        case Role::AugAssign:
        case Role::Declarator:
            statement(node, 0);
            return hole(node);
        case Role::Comparison:
            comparison(node);
            return hole(node);
        default:
            // Anything else: lower what it contains (calls inside conditions, JSX, ...).
            for (std::uint32_t i = 0; i < ts_node_named_child_count(node) && i < 100000; ++i) {
                statement(ts_node_named_child(node, i), 0);
            }
            return hole(node);
        }
    }

    // ---------------------------------------------------------------- statements

    void define(const std::string& name, ExprPtr value, std::uint32_t line) {
        if (!value) {
            return;
        }
        if (name.empty()) {
            // module.exports = {...}: each key is a name of the module.
            if (value->op == Op::Dict) {
                for (std::size_t i = 0; i < value->items.size() && i < value->keys.size(); ++i) {
                    define(value->keys[i], value->items[i], line);
                }
            }
            return;
        }
        out_.definitions.push_back(Definition{name, value, scope_, line, conditional_ > 0});
        // Object literals: config = {api: {version: '/v1'}} also defines config.api.version.
        if (value->op == Op::Dict) {
            for (std::size_t i = 0; i < value->items.size() && i < value->keys.size(); ++i) {
                if (!value->keys[i].empty() && value->keys[i].find_first_of(" /") == std::string::npos) {
                    define(name + "." + value->keys[i], value->items[i], line);
                }
            }
        }
    }

    // The name an assignment target gives, "" when it is a pattern we do not follow.
    std::string target_name(TSNode left) {
        const Role r = role(left);
        if (r == Role::ExpressionList || std::string_view(ts_node_type(left)) == "pattern_list" ||
            std::string_view(ts_node_type(left)) == "left_assignment_list") {
            return ts_node_named_child_count(left) > 0 ? target_name(ts_node_named_child(left, 0)) : std::string();
        }
        std::string d = dotted(left);
        // module.exports.X and exports.X are X to whoever imports them.
        for (std::string_view prefix : {"module.exports.", "exports.", "module.exports"}) {
            if (d.rfind(prefix, 0) == 0) {
                d = d.substr(prefix.size());
                break;
            }
        }
        return d;
    }

    void assignment(TSNode node, bool augmented) {
        TSNode left = first_field(node, {"left", "name"});
        TSNode right = first_field(node, {"right", "value", "default_value"});
        const std::uint32_t line = line_of(node);
        if (ts_node_is_null(left)) {
            if (ts_node_named_child_count(node) >= 2) {
                left = ts_node_named_child(node, 0);
                right = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
            } else {
                return;
            }
        }
        if (ts_node_is_null(right) && ts_node_named_child_count(node) >= 2) {
            // C# variable_declarator: name, then the value as an unnamed-field child
            TSNode last = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
            if (!ts_node_eq(last, left)) {
                right = last;
                if (std::string_view(ts_node_type(right)) == "equals_value_clause" && ts_node_named_child_count(right) > 0) {
                    right = ts_node_named_child(right, 0);
                }
            }
        }
        if (ts_node_is_null(right)) {
            return;
        }
        // X.prototype = { m: function() {} }: the object's functions are X's methods.
        std::string name = target_name(left);
        if (name.size() > 10 && name.compare(name.size() - 10, 10, ".prototype") == 0 && role(right) == Role::Dict) {
            class_body(name.substr(0, name.size() - 10), right);
            return;
        }
        if (role(right) == Role::ExpressionList && ts_node_named_child_count(right) > 0) {
            right = ts_node_named_child(right, 0);
        }
        // Functions assigned to a name are named after it.
        if (role(right) == Role::Function || role(right) == Role::Lambda) {
            std::string fname = name;
            if (fname.find(".prototype.") != std::string::npos) {
                const std::string cls = fname.substr(0, fname.find(".prototype."));
                fname = fname.substr(fname.find(".prototype.") + 11);
                function(right, fname, cls);
            } else {
                function(right, fname.substr(fname.rfind('.') + 1), {});
            }
            return;
        }
        ++root_depth_;
        ExprPtr value = expr(right);
        --root_depth_;
        if (augmented && !name.empty()) {
            auto e = std::make_shared<Expr>();
            e->op = Op::Concat;
            e->line = line;
            e->items = {make(name.find('.') == std::string::npos ? Op::Name : Op::Member, line, name), value};
            value = e;
        }
        define(name, value, line);
    }

    void class_body(const std::string& name, TSNode body) {
        out_.scopes.push_back(Scope{Scope::Kind::Class, name, scope_});
        const int saved = scope_;
        scope_ = static_cast<int>(out_.scopes.size()) - 1;
        if (role(body) == Role::Dict) {
            for (std::uint32_t i = 0; i < ts_node_named_child_count(body); ++i) {
                TSNode pair = ts_node_named_child(body, i);
                if (role(pair) == Role::Pair) {
                    TSNode key = field(pair, "key");
                    TSNode value = field(pair, "value");
                    if (!ts_node_is_null(key) && !ts_node_is_null(value)) {
                        if (role(value) == Role::Function || role(value) == Role::Lambda) {
                            function(value, key_text(key), name);
                        } else {
                            ++root_depth_;
                            define(key_text(key), expr(value), line_of(pair));
                            --root_depth_;
                        }
                    }
                } else if (role(pair) == Role::Function) {
                    statement(pair, 0);
                }
            }
        } else {
            statement(body, 0);
        }
        scope_ = saved;
    }

    void parameters(TSNode params, Function& f) {
        if (ts_node_is_null(params)) {
            return;
        }
        const Role pr = role(params);
        if (pr == Role::Identifier) {
            f.params.push_back(name_of(params));
            f.defaults.push_back(nullptr);
            return;
        }
        const std::uint32_t n = ts_node_named_child_count(params);
        for (std::uint32_t i = 0; i < n; ++i) {
            TSNode p = ts_node_named_child(params, i);
            const std::string_view type = ts_node_type(p);
            if (type == "comment" || type == "this") {
                continue;
            }
            const bool rest = type.find("rest") != std::string_view::npos || type.find("splat") != std::string_view::npos ||
                              type.find("variadic") != std::string_view::npos || type.find("spread") != std::string_view::npos;
            TSNode name = first_field(p, {"name", "pattern", "left"});
            TSNode value = first_field(p, {"value", "default_value", "right", "default"});
            if (ts_node_is_null(name)) {
                if (role(p) == Role::Identifier) {
                    name = p;
                } else {
                    for (std::uint32_t k = 0; k < ts_node_named_child_count(p); ++k) {
                        if (role(ts_node_named_child(p, k)) == Role::Identifier) {
                            name = ts_node_named_child(p, k);
                            break;
                        }
                    }
                }
            }
            if (ts_node_is_null(name)) {
                f.params.push_back({});
                f.defaults.push_back(nullptr);
                continue;
            }
            if (rest) {
                f.rest_param = static_cast<int>(f.params.size());
            }
            f.params.push_back(name_of(name));
            if (!ts_node_is_null(value)) {
                ++root_depth_;
                f.defaults.push_back(expr(value));
                --root_depth_;
            } else {
                f.defaults.push_back(nullptr);
            }
        }
    }

    // A function, method or lambda: its own scope, parameters, returns and calls.
    int function(TSNode node, std::string name, const std::string& cls) {
        if (name.empty()) {
            TSNode n = field(node, "name");
            name = ts_node_is_null(n) ? std::string() : name_of(n);
        }
        std::string owner = cls;
        if (owner.empty()) {
            for (int s = scope_; s >= 0; s = out_.scopes[static_cast<std::size_t>(s)].parent) {
                if (out_.scopes[static_cast<std::size_t>(s)].kind == Scope::Kind::Class) {
                    owner = out_.scopes[static_cast<std::size_t>(s)].name;
                    break;
                }
            }
        }
        // Go methods name their receiver's type.
        TSNode receiver = field(node, "receiver");
        if (owner.empty() && !ts_node_is_null(receiver)) {
            std::string_view t = node_text(receiver);
            const std::size_t star = t.find_last_of("* ");
            const std::size_t close = t.rfind(')');
            if (star != std::string_view::npos && close != std::string_view::npos && close > star) {
                owner = std::string(t.substr(star + 1, close - star - 1));
            }
        }
        Function f;
        f.name = name;
        f.owner = owner;
        f.qualified = owner.empty() ? name : owner + "." + name;
        if (name.empty() && function_ >= 0) {
            // A callback: its calls belong to the named function around it.
            f.qualified = out_.functions[static_cast<std::size_t>(function_)].qualified;
        }
        f.line = line_of(node);
        out_.scopes.push_back(Scope{Scope::Kind::Function, name, scope_});
        const int saved_scope = scope_;
        const int saved_function = function_;
        const int saved_conditional = conditional_;
        conditional_ = 0;
        scope_ = static_cast<int>(out_.scopes.size()) - 1;
        f.scope = scope_;
        parameters(first_field(node, {"parameters", "parameter"}), f);
        if (ts_node_is_null(first_field(node, {"parameters", "parameter"}))) {
            // Ruby blocks: |x|
            for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
                TSNode c = ts_node_named_child(node, i);
                if (std::string_view(ts_node_type(c)) == "block_parameters" || std::string_view(ts_node_type(c)) == "lambda_parameters") {
                    parameters(c, f);
                }
            }
        }
        out_.functions.push_back(std::move(f));
        function_ = static_cast<int>(out_.functions.size()) - 1;
        TSNode body = field(node, "body");
        if (ts_node_is_null(body)) {
            for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
                TSNode c = ts_node_named_child(node, i);
                const std::string_view t = ts_node_type(c);
                if (t == "block_body" || t == "body_statement" || t == "statement_block" || t == "block" || t == "compound_statement") {
                    body = c;
                }
            }
        }
        if (!ts_node_is_null(body)) {
            const Role br = role(body);
            const bool expression_body = br != Role::Other && br != Role::Lambda && br != Role::Function &&
                                         std::string_view(ts_node_type(body)) != "block";
            if (expression_body) {
                ++root_depth_;
                out_.functions[static_cast<std::size_t>(function_)].returns.push_back(expr(body));
                --root_depth_;
            } else {
                statement(body, 0);
            }
        }
        const int index = function_;
        scope_ = saved_scope;
        function_ = saved_function;
        conditional_ = saved_conditional;
        return index;
    }

    // A callback or block; `elements` binds its first parameter to a list's values.
    void lambda(TSNode node, ExprPtr elements, std::uint32_t line) {
        const int index = function(node, {}, {});
        if (elements) {
            Function& f = out_.functions[static_cast<std::size_t>(index)];
            if (!f.params.empty()) {
                auto e = make(Op::Elements, line);
                std::const_pointer_cast<Expr>(e)->items.push_back(elements);
                out_.definitions.push_back(Definition{f.params.front(), e, f.scope, line, false});
            }
        }
    }

    void for_in(TSNode node) {
        TSNode left = first_field(node, {"left", "name", "pattern", "value"});
        TSNode right = first_field(node, {"right", "value"});
        if (std::string_view(ts_node_type(node)) == "foreach_statement" && ts_node_named_child_count(node) >= 2) {
            right = ts_node_named_child(node, 0); // PHP foreach ($list as $x)
            left = ts_node_named_child(node, 1);
            if (std::string_view(ts_node_type(left)) == "pair" && ts_node_named_child_count(left) == 2) {
                left = ts_node_named_child(left, 1);
            }
        }
        if (ts_node_eq(left, right) && std::string_view(ts_node_type(node)) == "enhanced_for_statement") {
            left = field(node, "name");
        }
        if (!ts_node_is_null(right) && std::string_view(ts_node_type(right)) == "in" && ts_node_named_child_count(right) > 0) {
            right = ts_node_named_child(right, 0); // Ruby for x in [...]
        }
        if (!ts_node_is_null(left) && !ts_node_is_null(right)) {
            ++root_depth_;
            ExprPtr iterable = expr(right);
            --root_depth_;
            std::string name = target_name(left);
            if (!name.empty()) {
                auto e = make(Op::Elements, line_of(node));
                std::const_pointer_cast<Expr>(e)->items.push_back(iterable);
                define(name, e, line_of(node));
            }
        }
        for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
            TSNode c = ts_node_named_child(node, i);
            if (!ts_node_eq(c, left) && !ts_node_eq(c, right)) {
                statement(c, 0);
            }
        }
    }

    // x in ('leads', 'activities'): the check tells which values x takes.
    void comparison(TSNode node) {
        const std::uint32_t n = ts_node_child_count(node);
        bool in = false;
        for (std::uint32_t i = 0; i < n; ++i) {
            TSNode c = ts_node_child(node, i);
            if (!ts_node_is_named(c) && std::string_view(ts_node_type(c)) == "in") {
                in = true;
            }
        }
        if (in && ts_node_named_child_count(node) == 2) {
            TSNode left = ts_node_named_child(node, 0);
            TSNode right = ts_node_named_child(node, 1);
            std::string subject = role(left) == Role::Identifier ? name_of(left) : fact_name(left);
            if (!subject.empty() && (role(right) == Role::List || role(right) == Role::Dict)) {
                ++root_depth_;
                ExprPtr list = expr(right);
                --root_depth_;
                auto e = make(Op::Elements, line_of(node));
                std::const_pointer_cast<Expr>(e)->items.push_back(list);
                if (role(left) == Role::Identifier) {
                    define(subject, e, line_of(node));
                } else {
                    // stream["tap_stream_id"] in [...]: a fact about that field wherever the
                    // file reads it (another function usually does), kept at module level.
                    out_.definitions.push_back(Definition{subject, e, 0, line_of(node), true});
                }
                return;
            }
        }
        for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
            expr(ts_node_named_child(node, i));
        }
    }

    // "stream.tap_stream_id" for stream["tap_stream_id"] or stream.tap_stream_id; "" otherwise.
    std::string fact_name(TSNode node) {
        if (role(node) == Role::Member) {
            return dotted(node);
        }
        if (role(node) != Role::Subscript) {
            return {};
        }
        TSNode object = first_field(node, {"object", "value", "operand", "expression"});
        TSNode index = first_field(node, {"index", "subscript"});
        if (ts_node_is_null(object) || ts_node_is_null(index) || role(index) != Role::String) {
            return {};
        }
        const std::string head = dotted(object);
        const ExprPtr key = string_literal(index);
        return head.empty() || key->op != Op::Str || key->text.empty() ? std::string() : head + "." + key->text;
    }

    void import(TSNode node) {
        // The module is the first string or dotted name inside.
        for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
            TSNode c = ts_node_named_child(node, i);
            const Role r = role(c);
            if (r == Role::String) {
                ExprPtr s = string_literal(c);
                if (s->op == Op::Str) {
                    out_.imports.push_back(s->text);
                }
                return;
            }
            const std::string_view t = ts_node_type(c);
            if (t == "dotted_name" || t == "scoped_identifier" || t == "qualified_name" || t == "identifier" || t == "name" ||
                t == "namespace_name" || t == "aliased_import") {
                out_.imports.emplace_back(node_text(c));
                return;
            }
        }
    }

    void statement(TSNode node, int) {
        if (ts_node_is_null(node)) {
            return;
        }
        DepthGuard guard(depth_);
        if (depth_ > kMaxDepth) {
            return;
        }
        const Role r = role(node);
        switch (r) {
        case Role::Function:
            function(node, {}, {});
            return;
        case Role::Lambda:
            lambda(node, nullptr, line_of(node));
            return;
        case Role::Class: {
            TSNode name = field(node, "name");
            TSNode body = field(node, "body");
            std::string n = ts_node_is_null(name) ? std::string() : std::string(node_text(name));
            if (ts_node_is_null(body)) {
                for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
                    TSNode c = ts_node_named_child(node, i);
                    if (!ts_node_eq(c, name)) {
                        statement(c, 0);
                    }
                }
                return;
            }
            class_body(n, body);
            return;
        }
        case Role::Declarator:
        case Role::Assignment:
            assignment(node, false);
            return;
        case Role::AugAssign: {
            TSNode op = field(node, "operator");
            const std::string_view o = ts_node_is_null(op) ? std::string_view("+=") : node_text(op);
            assignment(node, o == "+=" || o == ".=" || o == "<<");
            return;
        }
        case Role::Return: {
            if (ts_node_named_child_count(node) > 0) {
                TSNode value = ts_node_named_child(node, 0);
                if (role(value) == Role::ExpressionList && ts_node_named_child_count(value) > 0) {
                    value = ts_node_named_child(value, 0);
                }
                ++root_depth_;
                ExprPtr e = expr(value);
                --root_depth_;
                if (function_ >= 0) {
                    out_.functions[static_cast<std::size_t>(function_)].returns.push_back(e);
                } else {
                    out_.loose.push_back(Loose{e, scope_, function_});
                }
            }
            return;
        }
        case Role::ForIn:
            ++conditional_;
            for_in(node);
            --conditional_;
            return;
        case Role::Import:
            import(node);
            return;
        case Role::Comparison:
            comparison(node);
            return;
        case Role::Other: {
            const std::string_view type = ts_node_type(node);
            // Branches and loop bodies may not run: what they assign is an alternative, not
            // a replacement (see Evaluator::name).
            const bool branch = type == "if_statement" || type == "else_clause" || type == "elif_clause" || type == "else" ||
                                type == "try_statement" || type == "except_clause" || type == "catch_clause" ||
                                type == "while_statement" || type == "do_statement" || type == "switch_statement" ||
                                type == "switch_case" || type == "case_statement" || type == "switch_section" ||
                                type == "expression_case" || type == "if" || type == "unless" || type == "elsif" ||
                                type == "when" || type == "case" || type == "while" || type == "until" || type == "if_modifier" ||
                                type == "unless_modifier" || type == "else_if_clause" || type == "with_statement";
            conditional_ += branch ? 1 : 0;
            // Declarations wrap their declarators; Go const/var blocks wrap specs.
            const std::uint32_t n = ts_node_named_child_count(node);
            for (std::uint32_t i = 0; i < n && i < 1000000; ++i) {
                statement(ts_node_named_child(node, i), 0);
            }
            conditional_ -= branch ? 1 : 0;
            return;
        }
        default:
            expr(node);
            return;
        }
    }
};

bool test_path(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string with_slash = "/" + lower;
    for (std::string_view folder : {"/test/", "/tests/", "/spec/", "/specs/", "/__tests__/", "/__mocks__/", "/fixtures/", "/testdata/",
                                    "/test_data/", "/mocks/", "/e2e/"}) {
        if (with_slash.find(folder) != std::string::npos) {
            return true;
        }
    }
    const std::size_t slash = lower.rfind('/');
    const std::string_view name = std::string_view(lower).substr(slash == std::string::npos ? 0 : slash + 1);
    const std::size_t dot = name.find('.');
    const std::string_view stem = name.substr(0, dot);
    return name.rfind("test_", 0) == 0 || name.find(".test.") != std::string_view::npos ||
           name.find(".spec.") != std::string_view::npos || (stem.size() > 5 && stem.substr(stem.size() - 5) == "_test") ||
           (stem.size() > 5 && stem.substr(stem.size() - 5) == "_spec") ||
           (stem.size() > 4 && stem.substr(stem.size() - 4) == "test" && path[path.size() - name.size() + stem.size() - 4] == 'T') ||
           (stem.size() > 5 && stem.substr(stem.size() - 5) == "tests" && path[path.size() - name.size() + stem.size() - 5] == 'T');
}

} // namespace

const char* parsed_language(const std::string& path) {
    const Grammar* g = grammar_for(path);
    return g == nullptr ? nullptr : g->language;
}

bool is_test_path(const std::string& path) { return test_path(path); }

bool lower_source(const std::string& path, std::string_view text, FileIR& out) {
    const Grammar* g = grammar_for(path);
    if (g == nullptr || text.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
        return false;
    }
    TSParser* parser = ts_parser_new();
    if (parser == nullptr || !ts_parser_set_language(parser, g->load())) {
        if (parser != nullptr) {
            ts_parser_delete(parser);
        }
        return false;
    }
    // A safety net against pathological input, far above what real files take (a few ms per
    // 100 KB): a file that hits it is read by the lexical extractor instead.
    ts_parser_set_timeout_micros(parser, 20'000'000);
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
    ts_parser_delete(parser);
    if (tree == nullptr) {
        return false;
    }
    out.path = path;
    out.language = g->language;
    out.test_code = test_path(path);
    Lowerer lowerer(text, out, g->language);
    lowerer.run(ts_tree_root_node(tree));
    ts_tree_delete(tree);
    return true;
}

} // namespace minrole::code

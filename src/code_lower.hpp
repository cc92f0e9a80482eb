#pragma once
// The lowering walk of code_ir.hpp, shared by every language and split by kind of syntax over
// the code_lower_*.cpp files: this header is what they share. The grammars agree on most node
// and field names (call/arguments, left/right, name/value, object/property); where they differ,
// the node vocabulary (code_node_roles.cpp) lists each spelling, and what a language does
// differently beyond spelling is a flag of its Dialect (code_languages.cpp). Anything the walk
// does not know becomes a Hole, never a guess.
#include "code_ir.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minrole::code {

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
    Null,          // None, null, nil, undefined
    ProtoDict,     // (internal)
};

// Node type -> role, for every grammar at once (code_node_roles.cpp).
const std::unordered_map<std::string_view, Role>& roles();

// What a language does differently from the shared walk, beyond the names of its nodes.
struct Dialect {
    bool closure_blocks = false;             // a `block` node is a closure ({ |x| ... }), not a statement block
    bool pairs_are_keywords = false;         // `k: v` among a call's arguments is a keyword argument
    bool bare_calls_read_attributes = false; // `obj.attr` with no arguments or block reads an attribute
    bool dot_concatenates = false;           // "a" . "b" joins strings
    bool body_before_condition = false;      // the conditional expression is `body if condition else alternative`
    bool properties_are_members = false;     // C# properties: `Name => x` and getters are methods, `= x` a definition
};

// A file extension's grammar (code_languages.cpp).
struct Grammar {
    std::string_view extension;
    const char* language;
    const TSLanguage* (*load)();
    const Dialect* dialect;
};

// The grammar for a path's extension; null when no grammar reads it.
const Grammar* grammar_for(const std::string& path);

// Deeper syntax than this is hostile or generated: lowered as a Hole.
constexpr int kMaxLowerDepth = 200;

// One file's walk: run() lowers a tree into `out`, adding scopes, definitions, functions, calls,
// loose strings and imports as it meets them.
class Lowerer {
public:
    Lowerer(std::string_view text, FileIR& out, const Dialect& dialect) : text_(text), out_(out), dialect_(dialect) {
        out_.scopes.push_back(Scope{});
    }

    void run(TSNode root) { statement(root, 0); }

private:
    std::string_view text_;
    FileIR& out_;
    const Dialect& dialect_;
    int scope_ = 0;
    int function_ = -1;
    int root_depth_ = 0; // > 0 while inside a call's arguments, a definition or a return
    int conditional_ = 0; // > 0 inside a branch or loop body of the current function
    std::vector<Guard> guards_; // the decidable conditions of the branches around (this function's)
    int depth_ = 0;

    struct DepthGuard {
        int& depth;
        explicit DepthGuard(int& d) : depth(d) { ++depth; }
        ~DepthGuard() { --depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

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

    // ------------------------------------------------ reading nodes (code_lower_nodes.cpp)
    Role role(TSNode node) const;
    std::string_view node_text(TSNode node) const;
    // An identifier's name: PHP's $x is "x", this/self/$this are "self".
    std::string name_of(TSNode node) const;
    // "a.b.c" for a member chain made of names only; empty otherwise.
    std::string dotted(TSNode node) const;
    static TSNode first_field(TSNode node, std::initializer_list<const char*> names);
    // The named children of a node, at most `limit`, read with a tree cursor: ts_node_named_child(node, i)
    // walks the children from the first, so a loop over it is quadratic in a node of thousands
    // (error recovery over a megabyte of token soup builds such nodes).
    static std::vector<TSNode> named_children(TSNode node, std::size_t limit = SIZE_MAX);
    static std::string unescape(std::string_view escape);

    // ------------------------------------------------ literals (code_lower_literals.cpp)
    ExprPtr string_literal(TSNode node);
    ExprPtr collection(TSNode node, bool dict);
    // A field set in an object or struct literal (&Client{identity: identity}): what obj.identity
    // reads when nothing else defines it.
    void field_definition(const std::string& key, const ExprPtr& value, std::uint32_t line);
    std::string key_text(TSNode key);

    // ------------------------------------------------ calls (code_lower_calls.cpp)
    // The arguments of a call: positional expressions and keywords.
    void arguments(TSNode args, Expr& call);
    ExprPtr call(TSNode node, bool constructor);
    void initializer(TSNode init, Expr& call);

    // ------------------------------------------------ expressions (code_lower_expressions.cpp)
    ExprPtr binary(TSNode node);
    ExprPtr expr(TSNode node);

    // ------------------------------------------------ statements and definitions (code_lower_statements.cpp)
    void statement(TSNode node, int);
    void define(const std::string& name, ExprPtr value, std::uint32_t line);
    // The name an assignment target gives, "" when it is a pattern we do not follow.
    std::string target_name(TSNode left);
    void assignment(TSNode node, bool augmented);
    void class_body(const std::string& name, TSNode body, std::string base = {});
    void for_in(TSNode node);
    // x in ('leads', 'activities'): the check tells which values x takes.
    void comparison(TSNode node);
    // "stream.tap_stream_id" for stream["tap_stream_id"] or stream.tap_stream_id; "" otherwise.
    std::string fact_name(TSNode node);
    void import(TSNode node);

    // ------------------------------------------------ classes (code_lower_classes.cpp)
    // The innermost named class around the current scope, or the class it extends.
    std::string enclosing_class(bool base) const;
    // The class a class declaration extends, without type arguments or package.
    std::string base_class(TSNode node) const;
    // A Java enum constant NAME(args): a class-level NAME holding `new Enum(args)`.
    void enum_constant(TSNode node);
    // Java `new Callback() { ... }`: the anonymous class's methods, lowered as closures of the
    // function around them.
    void anonymous_class_body(TSNode creation);
    // A C# property: `Name => expression` and `get { return ...; }` are methods named after it,
    // `{ get; set; } = value` a definition of the class.
    void property(TSNode node);
    // ------------------------------------------------ guarded branches (code_lower_branches.cpp)
    // A condition evaluation can decide (a Guard), or nothing.
    std::optional<Guard> guard_of(TSNode condition);
    // The operator token of a comparison or a unary node.
    std::string_view operator_of(TSNode node) const;
    // if / elif / else and unless: the consequence under the condition's guard, the alternatives
    // under its negation. False when `node` is no such statement.
    bool branches(TSNode node, std::string_view type);

    // ------------------------------------------------ functions and callbacks (code_lower_functions.cpp)
    void parameters(TSNode params, Function& f);
    // A function, method or lambda: its own scope, parameters, returns and calls.
    int function(TSNode node, std::string name, const std::string& cls);
    void function_body(TSNode node);
    // A callback or block; `elements` binds its first parameter to a list's values.
    void lambda(TSNode node, ExprPtr elements, std::uint32_t line);
};

} // namespace minrole::code

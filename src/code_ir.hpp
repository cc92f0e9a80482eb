#pragma once
// The language-neutral form of a parsed source file that scan evaluates: string expressions,
// definitions (constants, config objects, class attributes, loop variables), functions with
// their parameters and returns, and every call with its arguments. src/code_lower.cpp builds
// it from tree-sitter trees, one table per language; src/code_eval.cpp evaluates it. Only
// what can build a path is kept: a file's IR is a small fraction of its syntax tree, so a whole
// project's IR fits in memory while each tree is freed as soon as it is lowered.
#include "sha256.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::code {

enum class Op : std::uint8_t {
    Str,     // text: the literal value
    Hole,    // something evaluation cannot follow (a number read at run time, user input)
    Name,    // text: an identifier
    Member,  // text: a dotted path ("config.api.version", "self.host"; this/$this/@ become "self")
    Concat,  // items, joined
    Call,    // text: the callee as a dotted path; items: arguments; keys: keyword per argument ("" positional); object: receiver when it is not a plain name
    Index,   // items: [object, key]
    List,    // items
    Dict,    // items: values; keys: their keys
    Format,  // items: [format, values...]; text: "percent" (printf-style %s) — the % operator
    Elements,// items: [iterable]: one value per element (a loop variable)
    Either,  // items: alternatives (a conditional expression)
    Null,    // None, null, nil, undefined
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
    Op op = Op::Hole;
    std::string text;
    std::vector<ExprPtr> items;
    std::vector<std::string> keys;
    ExprPtr object;
    std::uint32_t line = 0;
};

// A scope: the module of a file, a class or a function. Scope 0 of each file is its module.
struct Scope {
    enum class Kind : std::uint8_t { Module, Class, Function } kind = Kind::Module;
    std::string name;        // class or function name; "" for the module
    int parent = -1;         // index in FileIR::scopes
    std::string base;        // a class: the class it extends ("" when none or unknown)
};

// A condition a branch runs under that evaluation can decide from what a call binds: a name
// compared with null (None, nil, undefined) or with a literal, or tested for truthiness
// (`if job is not None:`, `if (job === undefined)`, `if not job:`, `if kind == "leads":`).
struct Guard {
    enum class Test : std::uint8_t { IsNull, NotNull, Truthy, Falsy, Equals, NotEquals } test = Test::Truthy;
    std::string subject;      // the name tested
    std::string literal = {}; // Equals / NotEquals: the literal it is compared with
};

struct Definition {
    std::string name;        // "BASE", "config.api.version", "self.host"
    ExprPtr value;
    int scope = 0;
    std::uint32_t line = 0;
    bool conditional = false; // inside an if/else, try, loop or case of its scope: may not run
    std::vector<Guard> guards = {}; // the decidable conditions of the branches around it
    bool only_guards = false;       // each branch around it has one (it runs when they all hold)
};

struct Function {
    std::string name;        // "createPath", "get_lead_by_id"
    std::string qualified;   // "Lead.byId", "MarketoClient.get_lead_by_id"; a callback: its enclosing function's
    std::string owner;       // the class (or prototype) it is a method of; "" for a plain function
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults;  // parallel to params; null when none
    int rest_param = -1;     // index of a ...rest / *args parameter
    int scope = 0;           // the function's own scope
    std::vector<ExprPtr> returns;
    std::vector<std::vector<Guard>> return_guards; // parallel to returns: the decidable conditions of their branches
    std::vector<std::size_t> calls; // indexes into FileIR::calls made inside the body
    std::uint32_t line = 0;
};

struct CallSite {
    ExprPtr call;            // an Op::Call
    int scope = 0;           // innermost enclosing scope
    int function = -1;       // innermost enclosing function (index in FileIR::functions)
    std::vector<Guard> guards = {}; // the decidable conditions of the branches around it
};

// A string expression that no call, definition or return contains (a path in a table, an
// attribute read by a framework): evaluated on its own, method unknown.
struct Loose {
    ExprPtr value;
    int scope = 0;
    int function = -1;
};

struct FileIR {
    std::string path;
    std::string language;
    bool test_code = false;  // under tests/, spec/, fixtures/ ... or named like a test
    std::vector<Scope> scopes;
    std::vector<Definition> definitions;
    std::vector<Function> functions;
    std::vector<CallSite> calls;
    std::vector<Loose> loose;
    std::vector<std::string> imports; // module names imported or required
    // SHA-256 of the source text: identical copies of one file (an SDK vendored into several
    // applications of one tree) are told apart from files that merely look alike.
    Sha256Digest digest{};
};

// Whether a path is test code: under tests/, spec/, fixtures/, __tests__/ ... or named like a
// test (test_x.py, x_test.go, x.test.js, x.spec.ts, XTest.java, XTests.cs).
bool is_test_path(const std::string& path);

// Whether tree-sitter parses files with this name's extension (and which grammar does).
const char* parsed_language(const std::string& path);

// What one parse may take (README "Hardening: guarantees and limits"); read once from
// MINROLE_PARSE_MAX_BYTES, MINROLE_PARSE_MAX_MEMORY and MINROLE_PARSE_TIMEOUT_MS.
struct ParseLimits {
    std::size_t max_bytes;  // larger files are not parsed (1 MiB)
    std::size_t max_memory; // what the syntax tree and the parser's stacks may hold (128 MiB)
    std::size_t timeout_ms; // the parser gives up after this long (3,000 ms)
};
const ParseLimits& parse_limits();

// Parses `text` and lowers it. Returns false when the file is not parsed (no grammar, or over
// a limit of parse_limits()): the caller then falls back to the lexical extractor, and `why`
// (when given) says which limit, in words meant for the report.
bool lower_source(const std::string& path, std::string_view text, FileIR& out, std::string* why = nullptr);

} // namespace minrole::code

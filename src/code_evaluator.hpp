#pragma once
// The evaluator's shared state, split over the code_eval_*.cpp files: the project's index
// (Project::Impl), the frames of applied functions, and the Evaluator, whose parts live in
// code_eval_expressions.cpp (expressions and the names they read), code_eval_builtins.cpp
// (library calls it knows: joins, formats, conversions), code_eval_functions.cpp (project
// functions applied at their call sites) and code_http_method.cpp (the method a call sends).
#include "code_eval.hpp"
#include "code_templates.hpp"
#include "code_value.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace minrole::code {

constexpr int kMaxInline = 4; // wrappers inside wrappers

struct Project::Impl {
    std::vector<FileIR> files;

    struct DefRef {
        std::uint32_t file;
        std::uint32_t def;
    };
    struct FnRef {
        std::uint32_t file;
        std::uint32_t fn;
    };
    // name -> definitions, for the whole project and per file
    std::unordered_map<std::string, std::vector<DefRef>> defs;
    // Per file: name -> its definitions in that file, grouped by scope (each scope's in source
    // order), so a use reads only its own scope's, found by line (Evaluator::reaching).
    struct Local {
        std::vector<std::uint32_t> defs; // sorted by (scope, definition index)
        bool lines_ordered = true;       // within each scope, lines never decrease
        // The definitions of scope `s`, [first, last).
        [[nodiscard]] std::pair<std::size_t, std::size_t> scope_range(const FileIR& file, int s) const {
            const auto lo = std::partition_point(defs.begin(), defs.end(), [&](std::uint32_t d) { return file.definitions[d].scope < s; });
            const auto hi = std::partition_point(lo, defs.end(), [&](std::uint32_t d) { return file.definitions[d].scope <= s; });
            return {static_cast<std::size_t>(lo - defs.begin()), static_cast<std::size_t>(hi - defs.begin())};
        }
    };
    std::vector<std::unordered_map<std::string, Local>> local_defs;
    [[nodiscard]] const Local* local(std::uint32_t file, const std::string& name) const {
        const auto it = local_defs[file].find(name);
        return it == local_defs[file].end() ? nullptr : &it->second;
    }
    std::unordered_map<std::string, std::vector<FnRef>> functions; // by short name
    std::vector<std::vector<int>> function_of_scope;                 // per file: scope -> function index or -1
    std::vector<std::vector<char>> forwards;                         // per file, per function: passes a parameter to a call
    // per file, per function: the calls made in it and in the closures and anonymous-class
    // methods nested in it (which read its parameters), in source order
    std::vector<std::vector<std::vector<std::size_t>>> calls_within;
    struct CallRef {
        std::uint32_t file;
        std::uint32_t call;
    };
    std::unordered_map<std::string, std::vector<CallRef>> constructions; // class -> its `new Class(...)` calls
    std::unordered_map<std::string, std::string> base_of;                // class -> the class it extends

    // Identical copies of one file (the same SDK vendored into several applications of a tree):
    // defs, functions and constructions list a definition of copies once, under the first copy
    // by path, and a use reads it from the copy nearest to it (near()). Reading every copy gave
    // nothing new (they hold the same text) and cost N evaluations per level of nesting, N^depth
    // for N copies, and a loop over N entries per use.
    static constexpr std::uint32_t kNoCopies = 0xFFFFFFFF;
    std::vector<std::uint32_t> copy_group;           // per file: its group in `copies`, or kNoCopies
    std::vector<std::vector<std::uint32_t>> copies;  // per group: its files, sorted by path
    mutable std::unordered_map<std::uint64_t, std::uint32_t> nearest_copy; // (group, use's file) -> file
    // Whether `f` is listed in defs, functions and constructions: it has no copy, or it is the
    // first of its copies.
    [[nodiscard]] bool listed(std::uint32_t f) const { return copy_group[f] == kNoCopies || copies[copy_group[f]].front() == f; }
    // The copy of `file` that a use in `from` reads: `from` itself when it is one, else the one
    // under the most folders `from` shares, then the first by path; `file` when it has no copy.
    [[nodiscard]] std::uint32_t nearest_copy_of(std::uint32_t file, std::uint32_t from) const;
    // A listed definition, function or construction as the use in `from` reads it: the same
    // index in the nearest copy of its file (copies hold the same text, so the same IR).
    template <class Ref>
    [[nodiscard]] Ref near(Ref ref, std::uint32_t from) const {
        if (copy_group[ref.file] != kNoCopies) {
            ref.file = nearest_copy_of(ref.file, from);
        }
        return ref;
    }
    void index_copies();

    void index() {
        index_copies();
        defs.clear();
        functions.clear();
        constructions.clear();
        base_of.clear();
        local_defs.assign(files.size(), {});
        function_of_scope.assign(files.size(), {});
        forwards.assign(files.size(), {});
        calls_within.assign(files.size(), {});
        for (std::uint32_t f = 0; f < files.size(); ++f) {
            const FileIR& file = files[f];
            for (std::uint32_t d = 0; d < file.definitions.size(); ++d) {
                if (listed(f)) {
                    defs[file.definitions[d].name].push_back(DefRef{f, d});
                }
                local_defs[f][file.definitions[d].name].defs.push_back(d);
            }
            for (auto& entry : local_defs[f]) {
                Local& local = entry.second;
                std::stable_sort(local.defs.begin(), local.defs.end(),
                                 [&](std::uint32_t a, std::uint32_t b) { return file.definitions[a].scope < file.definitions[b].scope; });
                for (std::size_t k = 1; k < local.defs.size(); ++k) {
                    const Definition& a = file.definitions[local.defs[k - 1]];
                    const Definition& b = file.definitions[local.defs[k]];
                    local.lines_ordered = local.lines_ordered && (a.scope != b.scope || a.line <= b.line);
                }
            }
            function_of_scope[f].assign(file.scopes.size(), -1);
            forwards[f].assign(file.functions.size(), 0);
            for (std::uint32_t k = 0; k < file.functions.size(); ++k) {
                const Function& fn = file.functions[k];
                if (!fn.name.empty() && listed(f)) {
                    functions[fn.name].push_back(FnRef{f, k});
                }
                if (fn.scope >= 0 && static_cast<std::size_t>(fn.scope) < file.scopes.size()) {
                    function_of_scope[f][static_cast<std::size_t>(fn.scope)] = static_cast<int>(k);
                }
            }
            index_calls(f);
            for (std::uint32_t k = 0; k < file.functions.size(); ++k) {
                const Function& fn = file.functions[k];
                std::unordered_set<std::string> params(fn.params.begin(), fn.params.end());
                params.insert("arguments");
                for (std::size_t c : calls_within[f][k]) {
                    for (const auto& arg : file.calls[c].call->items) {
                        if (mentions(*arg, params, 0)) {
                            forwards[f][k] = 1;
                        }
                    }
                }
            }
        }
    }

    // calls_within, constructions and base_of for file `f` (code_eval_classes.cpp).
    void index_calls(std::uint32_t f);
    // Whether `cls` is `ancestor` or extends it (through classes the project defines).
    bool is_a(const std::string& cls, const std::string& ancestor) const;
    // Constructors: named after their class (Java, C#) or by the language.
    static bool is_constructor(const Function& f);

    static bool mentions(const Expr& e, const std::unordered_set<std::string>& names, int depth) {
        if (depth > 16) {
            return false;
        }
        if ((e.op == Op::Name || e.op == Op::Member) && names.count(e.text.substr(0, e.text.find('.'))) != 0) {
            return true;
        }
        if (e.op == Op::Name) {
            return false; // a local derived from a parameter is caught when it is evaluated
        }
        for (const auto& item : e.items) {
            if (item && mentions(*item, names, depth + 1)) {
                return true;
            }
        }
        return e.object && mentions(*e.object, names, depth + 1);
    }
};

// A project function: (file, index in FileIR::functions).
using FunctionKey = std::pair<std::uint32_t, int>;

// Evaluation state for one root expression.
struct Frame {
    std::uint32_t file = 0;
    int function = -1;                                // whose parameters are bound
    std::unordered_map<std::string, Value> bound;
    Value arguments;                                  // JS `arguments`
    const Frame* caller = nullptr;
    const Alt* self = nullptr;                        // the instance a method was called on, when known
    // Per bound parameter: the functions whose unbound parameters its argument read (see
    // Evaluator::unbound), so a hole passed on through a call keeps its origin.
    std::unordered_map<std::string, std::set<FunctionKey>> unbound = {};
};

struct Context {
    std::uint32_t file;
    int scope;
    const Frame* frame;
};

// Evaluates expressions of a project to values; one per evaluate() run, so its memo of
// definitions' values is shared by every root expression.
class Evaluator {
public:
    explicit Evaluator(const Project::Impl& p) : p_(p), limits_(eval_limits()) {}

    // ------------------------------------------------ bounds (README "Hardening: guarantees and limits")
    // Each file's evaluation (its calls, definitions, returns and loose strings, wrappers inlined
    // into them) has a budget of eval_limits().max_steps: an expression evaluated or a definition
    // looked at is a step. Once it is spent every evaluation is a hole until start_file().
    void start_file() {
        steps_ = 0;
        exhausted_ = false;
        capped_.clear();
    }
    bool spend() {
        if (++steps_ > limits_.max_steps) {
            exhausted_ = true;
        }
        return !exhausted_;
    }
    [[nodiscard]] bool exhausted() const { return exhausted_; }
    // The names of which a use read only the last eval_limits().max_definitions definitions of
    // one scope, since start_file().
    [[nodiscard]] const std::set<std::string>& capped() const { return capped_; }
    [[nodiscard]] const EvalLimits& limits() const { return limits_; }

    std::vector<std::string> via; // names and functions consulted, for the evidence
    std::vector<std::string> consulted; // all of them (up to 64): which definitions a call sends
    // The functions whose parameters were read with no call binding them (each read is a hole),
    // since the caller last cleared it; and every function applied with its parameters bound.
    // A path holding such a hole is reported where the project calls the function instead.
    std::set<FunctionKey> unbound;
    std::set<FunctionKey> applied;

    // ------------------------------------------------ expressions and names (code_eval_expressions.cpp)
    Value eval(const Expr& e, const Context& c, int depth);
    bool within(std::uint32_t file, int scope, int ancestor) const;
    Value definition(const Project::Impl::DefRef& ref, const Context& c, int depth);
    // The parameter `name` of the function owning `scope`, if it is one: its bound value, or a hole.
    std::optional<Value> parameter(const std::string& name, std::uint32_t file, int scope, const Frame* frame, int depth);
    // A name's value at a use on line `line` (0: anywhere), from the innermost scope that assigns
    // it. Within a scope, assignments before the use count from the last one that always runs
    // (x = ...; if (...) x += "/a"; x += ".json" is two values, not every combination); an
    // assignment in a branch or loop adds its value to what came before.
    Value name(const std::string& n, const Context& c, int depth, std::uint32_t line = 0);
    // The dict literals an expression stands for: a name assigned one in its function, or a
    // key of such a literal whose value is itself one (state_info[state] in
    // state_info[state]['method'], which values, plain text, cannot hold).
    void dict_literals(const Expr& e, const Context& c, int depth, std::vector<const Expr*>& out);
    // The definitions of `n` in scope `s` that reach a use on `line`: from the last one that
    // always runs there, leaving out those in branches the call's arguments rule out.
    // `overwritten` (when given) says whether the first of them sits in a branch the call's
    // arguments decide to take, so the argument it reassigns is no longer the name's value. (An
    // unconditional reassignment still keeps the argument as an alternative: making it replace
    // the argument too waits on marketo_path_of accepting a ':' in a query, since a
    // `dateTime = t.Format("2006-01-02T15:04")` would otherwise lose goketo's pagingtoken call.)
    std::vector<Project::Impl::DefRef> reaching(const std::string& n, const Context& c, int s, std::uint32_t line,
                                                bool* overwritten = nullptr);
    // Module- and class-level definitions of `n` anywhere in the project (module-level only with
    // `modules_only`).
    Value global(const std::string& n, const Context& c, int depth, bool modules_only = false);
    Value member(const std::string& dotted, const Context& c, int depth, std::uint32_t line = 0);
    // obj.x where only an object or struct literal sets x ({x: ...}, &T{x: ...}): those values,
    // this file first.
    Value field(const std::string& key, const Context& c, int depth);
    void note(const std::string& n);

    // ------------------------------------------------ qualified names (code_eval_qualified.cpp)
    // The names of the classes around a scope, innermost first; empty when the scope is not a class.
    std::vector<std::string> class_chain(std::uint32_t file, int scope) const;
    // Whether `head` names an object of the function around `c`: one of its parameters or locals.
    bool instance_name(const std::string& head, const Context& c) const;
    // Class.CONST, Outer.Inner.CONST, Namespace.Class.CONST: the class-level definitions of the
    // last name whose enclosing classes the prefix spells. Sets `instance` when none does and
    // the prefix starts with a parameter or local (request.Name is the caller's data).
    std::optional<Value> qualified(const std::string& dotted, const Context& c, int depth, bool& instance);

    // ------------------------------------------------ guarded branches (code_eval_guards.cpp)
    enum class Truth : std::uint8_t { False, True, Unknown };
    // What a call passed for the parameter `n` of a function around `scope`: the argument, Null
    // when the call left it out (and it has no default), nothing when no call binds it.
    std::optional<Value> argument(const std::string& n, std::uint32_t file, int scope, const Frame* frame) const;
    // Whether a guard holds for what the call passed.
    Truth decide(const Guard& g, std::uint32_t file, int scope, const Frame* frame) const;
    // All of a branch's guards: False when one is false, True when all are true.
    Truth decide_all(const std::vector<Guard>& guards, std::uint32_t file, int scope, const Frame* frame) const;

    // ------------------------------------------------ known library calls (code_eval_builtins.cpp)
    Value apply_format(const Value& fmt, const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& named,
                       bool percent_default);
    static std::vector<std::vector<std::string>> lists_of(const Value& v);
    Value call(const Expr& e, const Context& c, int depth);
    // C# and Java text builders (code_eval_builders.cpp): new StringBuilder(x), sb.Append(y),
    // new Uri(base, relative); nullopt for any other call.
    std::optional<Value> text_builder(const Expr& e, const Context& c, int depth);
    // Per definition of `file`: 1 for a step of a text built up by Append (sb.Append(x) with more
    // appends after it), which is reported as it ends up, not at each step.
    std::vector<char> text_steps(std::uint32_t file);

    // Template substitution helpers give the template, its ${name} placeholders left for the
    // router: StrSubstitutor.replace(template, values), new StringSubstitutor(values)
    // .replace(template), string.Template(template).substitute(values).
    std::optional<Value> substitution(const Expr& e, const Context& c, int depth);
    // Python's dict.get(key[, default]) on a table (ENDPOINTS.get("leads"), self.paths.get(name,
    // d)): the table's receiver when the call is one, else null. Such a call reads the table as
    // table[key] does, plus the default when the key may be missing, and sends nothing.
    ExprPtr mapping_of_get(const Expr& e, const Context& c, int depth);
    std::optional<Value> mapping_get(const Expr& e, const Context& c, int depth);

    // ------------------------------------------------ project functions (code_eval_functions.cpp)
    // The project functions a call may reach: by name, the caller's file first.
    std::vector<Project::Impl::FnRef> targets(const Expr& e, const Context& c) const;
    // The call's arguments bound to the function's parameters; `evaluated`: the arguments'
    // values when the caller has them already (arguments_of).
    struct Argument {
        Value value;
        std::set<FunctionKey> unbound; // what evaluating it read unbound
    };
    Frame bind(const Expr& e, const Context& c, const Project::Impl::FnRef& ref, int depth, const std::vector<Argument>* evaluated = nullptr);
    std::vector<Argument> arguments_of(const Expr& e, const Context& c, int depth);
    Value apply_function(const Expr& e, const Context& c, int depth);
    static bool on_stack(const Project::Impl::FnRef& ref, const Frame* frame);

    // ------------------------------------------------ methods (code_http_method.cpp)
    // The expressions assigned to `n` in the innermost scope (of this file) that assigns it.
    std::vector<const Expr*> assigned(const std::string& n, const Context& c) const;
    // A tunnelled method: `_method: 'GET'` anywhere in what the call sends (an options object,
    // a variable built with _.extend(...), form data, "?_method=GET" in a body string).
    std::string tunnel(const Expr& e, const Context& c, int depth);
    // The HTTP method a call sends: an argument or option naming it, the callee's name, or a
    // tunnelled _method (which wins: it is what Marketo executes).
    std::string method_of(const Expr& e, const Context& c, int depth, std::string& tunnelled);
    // As above; `from_argument` tells whether an argument (not the callee's name) gave it.
    std::string method_of(const Expr& e, const Context& c, int depth, std::string& tunnelled, bool& from_argument);
    // `_method` put into a variable by a call in the same function: params.put("_method", "GET").
    std::string tunnel_put(const std::string& variable, const Context& c, int depth);

    // ------------------------------------------------ classes and instances (code_eval_classes.cpp)
    // `new Class(args)`, or a method called on an instance the evaluation knows (an enum
    // constant, an object built here); empty for any other call.
    std::optional<Value> instance_call(const Expr& e, const Context& c, int depth);
    // `new Class(args)` of a class the project defines: an instance whose fields are what its
    // constructor (and the ones it delegates to with this(...) and super(...)) assigns to
    // `this.x`. Other classes: a hole.
    Value construct(const Expr& e, const Context& c, int depth);
    // `name(...)` called on each instance among `instances`: the methods of its class (or of a
    // class it extends) whose parameters fit, with `this` bound. Empty when no instance is known.
    std::optional<Value> apply_method(const Expr& e, const Context& c, int depth, const Value& instances);
    bool has_method(const std::string& name) const;
    // A constructor's parameter where no call binds it: the arguments of its `new Class(...)`,
    // this(...) and super(...) calls in the project whose argument count fits.
    Value constructor_argument(std::uint32_t file, int fn, const std::string& name, int depth);
    static bool arity_fits(const Function& f, std::size_t arguments);
    // Java and C# read a field or call a method of `this` by its bare name.
    bool implicit_this(std::uint32_t file) const;
    // The named class whose body holds `scope` ("" at module level).
    std::string class_of(std::uint32_t file, int scope) const;
    // The instance the method running at `c` was called on, when the call bound one.
    const Alt* self_of(const Context& c) const;
    // A bare name in a Java or C# method that no scope defines: a field of its class (or of one
    // it extends), from the bound instance or the assignments `this.name = ...`.
    std::optional<Value> implicit_field(const std::string& n, const Context& c, int depth);
    // A field of an instance, if it has that key.
    static std::optional<Value> field_of(const Alt* instance, const std::string& key);

    // ------------------------------------------------ request classes (code_request_class.cpp)
    // The HTTP method an expression stands for, or "": HttpMethod.Post, Method.POST, "post",
    // new HttpMethod("PATCH"), a variable assigned one, a project function returning one.
    std::string verb_value(const Expr& e, const Context& c, int depth);
    // The HTTP method the class declared at `scope` of `file` sends, and the member that says
    // so: its own HTTP-method member (GetHttpMethod(), Method, method = ...), else its base class's.
    std::pair<std::string, std::string> request_method(std::uint32_t file, int scope, int depth);
    // The request method for a path evaluated in `scope` from `via`: its class's, unless it was
    // read through self.x (a base class reading its subclasses' attributes is no request).
    std::pair<std::string, std::string> request_method_at(std::uint32_t file, int scope, const std::vector<std::string>& via);

private:
    const Project::Impl& p_;
    const EvalLimits& limits_;
    std::size_t steps_ = 0;
    bool exhausted_ = false;
    mutable std::set<std::string> capped_;
    std::map<std::pair<std::uint32_t, int>, std::pair<std::string, std::string>> class_method_;

    std::map<std::tuple<std::uint32_t, int, std::string>, Value> constructor_memo_;
    std::set<std::tuple<std::uint32_t, int, std::string>> constructor_active_;
    std::set<std::pair<std::uint32_t, std::uint32_t>> active_;
    struct Memo {
        Value value;
        std::set<FunctionKey> unbound; // what evaluating it read unbound
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, Memo> memo_;
};

// One operation a file implies, before duplicates are merged into sightings.
struct Found {
    std::string method;
    std::string path;
    std::uint32_t file;
    std::uint32_t line;
    int function;
    std::string derivation;
    std::string target_override; // SDK: the text reported when no path applies
    std::vector<std::string> via = {}; // with a method: the names and functions it was evaluated from
    std::string origin = {};           // without: the definition or function whose value it is
    // The functions whose unbound parameters the path read (holes in it): when the project
    // calls one of them with its parameters bound, those calls report the path instead.
    std::set<FunctionKey> unbound = {};
    // A call's argument: the call (file, index in FileIR::calls); a definition, return or loose
    // string: none.
    std::optional<std::pair<std::uint32_t, std::size_t>> call = {};
    std::vector<std::string> names = {}; // with a method: every name consulted, here and at the calls it was inlined from
};

// The operations of one SDK's calls, in a project that imports it (code_sdk_calls.cpp).
void sdk_sightings(const Project::Impl& p, Evaluator& ev, const SdkMap& sdk, std::vector<Found>& found);

} // namespace minrole::code

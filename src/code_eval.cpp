// The sightings of a project (code_eval.hpp's Project::evaluate): every call's arguments
// evaluated with the call's method, wrappers inlined at their call sites, paths that sit in
// definitions, returns and loose strings, SDK calls; then one sighting per line and path, a
// path without a method folded into the call that sends it.
#include "code_evaluator.hpp"
#include "code_marketo_path.hpp"
#include "minrole/source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minrole::code {

Project::Project() : impl_(std::make_unique<Impl>()) {}
Project::~Project() = default;

void Project::for_each_definition(const std::function<void(const std::string&, const std::string&)>& visit) const {
    for (const FileIR& file : impl_->files) {
        for (const Definition& d : file.definitions) {
            if (d.value->op != Op::Call || d.value->text.empty()) {
                continue;
            }
            std::string cls = d.value->text.rfind("new ", 0) == 0 ? d.value->text.substr(4) : d.value->text;
            cls = last_component(cls);
            if (!cls.empty() && std::isupper(static_cast<unsigned char>(cls.front())) != 0) {
                visit(d.name, cls);
            }
        }
    }
}

void Project::for_each_call_edge(const std::function<void(const std::string&, const std::string&, bool)>& visit) const {
    Impl& p = *impl_;
    p.index();
    Evaluator ev(p);
    for (std::uint32_t f = 0; f < p.files.size(); ++f) {
        const FileIR& file = p.files[f];
        for (const CallSite& site : file.calls) {
            if (site.function < 0) {
                continue;
            }
            for (const auto& ref : ev.targets(*site.call, Context{f, site.scope, nullptr})) {
                visit(file.functions[static_cast<std::size_t>(site.function)].qualified, p.files[ref.file].functions[ref.fn].qualified,
                      p.forwards[ref.file][ref.fn] != 0);
            }
        }
    }
}

void Project::add(FileIR&& file) { impl_->files.push_back(std::move(file)); }
std::size_t Project::size() const { return impl_->files.size(); }

namespace {

std::string describe(const Expr& root, const std::vector<std::string>& via) {
    if (root.op == Op::Str) {
        return "literal";
    }
    if (via.empty()) {
        return "expression";
    }
    std::string out = "evaluated from ";
    for (std::size_t i = 0; i < via.size(); ++i) {
        out += (i == 0 ? "" : ", ") + via[i];
    }
    return out;
}

// The paths in a value: its strings, and the strings inside its lists and dicts.
std::vector<std::string> paths_in(const Value& v) {
    std::vector<std::string> out;
    auto consider = [&](const std::string& s) {
        std::string p = marketo_path_of(s);
        if (!p.empty() && std::find(out.begin(), out.end(), p) == out.end()) {
            out.push_back(std::move(p));
        }
    };
    for (const Alt& a : v) {
        if (a.kind == Alt::Kind::Str) {
            consider(a.text);
        } else {
            for (const auto& item : a.items) {
                consider(item);
            }
        }
    }
    return out;
}

// Which calls were visited with which functions' parameters bound: (call's file, call's index,
// function's file, function's index).
using BoundVisits = std::set<std::tuple<std::uint32_t, std::size_t, std::uint32_t, int>>;

// Whether a path holds a hole for a parameter of a function that the project's own calls bind,
// so those calls report the path with the argument filled in: the same call visited with that
// function's parameters bound (a wrapper inlined at a call site), or, for a definition or a
// return, the function inlined or applied somewhere.
bool reported_at_call_sites(const Found& x, const BoundVisits& visits, const std::set<FunctionKey>& inlined,
                            const std::set<FunctionKey>& applied) {
    return x.path.find("{x}") != std::string::npos && std::any_of(x.unbound.begin(), x.unbound.end(), [&](const FunctionKey& fn) {
               if (x.call) {
                   return visits.count({x.call->first, x.call->second, fn.first, fn.second}) != 0;
               }
               return inlined.count(fn) != 0 || applied.count(fn) != 0;
           });
}

// What the file's evaluation left out because it went over eval_limits(), in words for the report.
void limit_notes(const Evaluator& ev, const std::string& file, std::vector<ScanNote>& notes) {
    if (ev.exhausted()) {
        notes.push_back(ScanNote{file, "evaluation stopped after " + std::to_string(ev.limits().max_steps) +
                                           " steps (MINROLE_EVAL_MAX_STEPS); paths this file builds may be missing"});
    }
    if (!ev.capped().empty()) {
        std::string names;
        std::size_t listed = 0;
        for (const std::string& n : ev.capped()) {
            if (listed++ == 3) {
                names += ", ...";
                break;
            }
            names += (names.empty() ? "" : ", ") + (n.size() > 64 ? n.substr(0, 64) + "..." : n);
        }
        notes.push_back(ScanNote{file, "more than " + std::to_string(ev.limits().max_definitions) + " definitions of " + names +
                                           " in one scope; a use read the last " + std::to_string(ev.limits().max_definitions) +
                                           " (MINROLE_EVAL_MAX_DEFINITIONS)"});
    }
}

} // namespace

const EvalLimits& eval_limits() {
    static const EvalLimits limits{
        .max_steps = limit_from_environment("MINROLE_EVAL_MAX_STEPS", 2'000'000),
        .max_definitions = limit_from_environment("MINROLE_EVAL_MAX_DEFINITIONS", 256),
    };
    return limits;
}

namespace {

// Where a visited call's sightings are reported (the call site in the code being evaluated, even
// when the call itself sits in a wrapper inlined there), and what the outer calls pass down.
struct CallOrigin {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    int function = -1;
    int inline_depth = 0;
    std::string through;                // the wrapper inlined: "Client._api_call()"
    std::string forced;                 // a method tunnelled at an outer call: it wins over what the wrapper sends
    std::vector<std::string> inherited; // the names the outer calls' arguments were evaluated from
};

// Step 1 of evaluate(): every path in the project's code, with the method of the call that sends
// it where there is one, as Found records.
class Collector {
public:
    Collector(const Project::Impl& p, Evaluator& ev) : p_(p), ev_(ev) {}

    // Each call of file `f`: its arguments' paths with the call's method; wrappers inlined.
    void calls_of(std::uint32_t f) {
        const FileIR& file = p_.files[f];
        for (std::size_t k = 0; k < file.calls.size() && !ev_.exhausted(); ++k) {
            const CallSite& site = file.calls[k];
            visit_call(k, Context{f, site.scope, nullptr}, CallOrigin{f, site.call->line, site.function, 0, {}, {}, {}});
        }
    }

    // Definitions, returns and loose strings of file `f`: paths with no call around them.
    void loose_of(std::uint32_t f) {
        const FileIR& file = p_.files[f];
        const std::vector<char> steps = ev_.text_steps(f);
        for (std::size_t k = 0; k < file.definitions.size() && !ev_.exhausted(); ++k) {
            const Definition& d = file.definitions[k];
            if (d.value->op != Op::Elements && steps[k] == 0) {
                loose(*d.value, f, d.scope, p_.function_of_scope[f][static_cast<std::size_t>(d.scope)], d.name);
            }
        }
        for (std::size_t k = 0; k < file.functions.size() && !ev_.exhausted(); ++k) {
            for (const auto& r : file.functions[k].returns) {
                loose(*r, f, file.functions[k].scope, static_cast<int>(k), file.functions[k].qualified + "()");
            }
        }
        for (const Loose& l : file.loose) {
            if (ev_.exhausted()) {
                break;
            }
            loose(*l.value, f, l.scope, l.function, {});
        }
    }

    // What file `f` lowered to and how its calls evaluate (builds with -DMINROLE_DEBUG_SCAN).
    void dump(std::uint32_t f) {
        const FileIR& file = p_.files[f];
        std::fprintf(stderr, "file %s: %zu defs %zu functions %zu calls %zu loose\n", file.path.c_str(), file.definitions.size(),
                     file.functions.size(), file.calls.size(), file.loose.size());
        for (const auto& d : file.definitions) {
            std::fprintf(stderr, "  def %s (scope %d) line %u\n", d.name.c_str(), d.scope, d.line);
        }
        for (const auto& fn : file.functions) {
            std::fprintf(stderr, "  fn %s params %zu returns %zu calls %zu\n", fn.qualified.c_str(), fn.params.size(), fn.returns.size(),
                         fn.calls.size());
        }
        for (const auto& site : file.calls) {
            std::string args;
            for (const auto& a : site.call->items) {
                ev_.via.clear();
                for (const Alt& alt : ev_.eval(*a, Context{f, site.scope, nullptr}, 0)) {
                    args += "[" + (alt.kind == Alt::Kind::Str ? alt.text : "list/dict") + "]";
                }
                args += " ";
            }
            std::fprintf(stderr, "  call %s line %u: %s\n", site.call->text.c_str(), site.call->line, args.c_str());
        }
    }

    std::vector<Found> found;
    std::set<FunctionKey> inlined; // functions whose calls were visited with their parameters bound
    BoundVisits visits;

private:
    // One visit of a call: where it is, the method it sends, what it has consulted so far.
    struct Visit {
        std::size_t site;
        const Context& c;
        const CallOrigin& at;
        std::string sent; // empty: not known
        std::optional<std::vector<std::string>> built; // the paths the call's own value holds, once asked
        std::vector<std::string> names;
    };
    void visit_call(std::size_t site, const Context& c, const CallOrigin& at);
    void report_argument(const Expr& arg, Visit& v);
    void inline_wrappers(const Visit& v, const std::string& tunnelled);
    void loose(const Expr& e, std::uint32_t f, int scope, int function, const std::string& origin);

    const Project::Impl& p_;
    Evaluator& ev_;
};

void Collector::visit_call(std::size_t site, const Context& c, const CallOrigin& at) {
    const Expr& call = *p_.files[c.file].calls[site].call;
    for (const Frame* fr = c.frame; fr != nullptr; fr = fr->caller) {
        visits.emplace(c.file, site, fr->file, fr->function);
    }
    std::string tunnelled = at.forced;
    ev_.via.clear();
    bool from_argument = false;
    const std::string method = ev_.method_of(call, c, 0, tunnelled, from_argument);
    Visit v{site, c, at, tunnelled.empty() ? method : tunnelled, std::nullopt, at.inherited};
    // A table's get(key, default) sends nothing: its value is reported where it is sent, and
    // a default the key rules out is no path at all.
    const bool reads_table = v.sent.empty() && ev_.mapping_of_get(call, c, 0) != nullptr;
    for (const auto& item : call.items) {
        if (!reads_table) {
            report_argument(*item, v);
        }
    }
    // client.newRequest(url).method(HttpMethod.GET): a method given as an argument to a call
    // chained on the one that takes the URL is that URL's.
    for (const Expr* o = from_argument ? call.object.get() : nullptr; o != nullptr && o->op == Op::Call; o = o->object.get()) {
        for (const auto& item : o->items) {
            report_argument(*item, v);
        }
    }
    if (at.inline_depth < kMaxInline) {
        inline_wrappers(v, tunnelled);
    }
}

// One argument's paths, sent with the call's method. A call with no method whose own value holds
// the path it was given (a format, a join, a project function building a URL) builds a value
// rather than sending it: the value is reported where it is sent.
void Collector::report_argument(const Expr& arg, Visit& v) {
    const Expr& call = *p_.files[v.c.file].calls[v.site].call;
    ev_.via.clear();
    ev_.consulted.clear();
    ev_.unbound.clear();
    const Value value = ev_.eval(arg, v.c, 0);
    const std::vector<std::string> via = ev_.via;
    const std::vector<std::string> consulted = ev_.consulted;
    const std::set<FunctionKey> unbound = ev_.unbound;
    for (const auto& name : consulted) {
        if (v.names.size() < 128 && std::find(v.names.begin(), v.names.end(), name) == v.names.end()) {
            v.names.push_back(name);
        }
    }
    for (const auto& path : paths_in(value)) {
        if (v.sent.empty()) {
            if (!v.built) {
                v.built = paths_in(ev_.eval(call, v.c, 0));
            }
            if (std::find(v.built->begin(), v.built->end(), path) != v.built->end()) {
                continue;
            }
        }
        std::string derivation = describe(arg, via);
        if (!v.at.through.empty()) {
            derivation += (derivation == "literal" ? " passed to " : ", through ") + v.at.through;
        }
        found.push_back(Found{v.sent, path, v.at.file, v.at.line, v.at.function, derivation, {}, via});
        found.back().unbound = unbound;
        found.back().call = std::make_pair(v.c.file, v.site);
        if (!v.at.through.empty()) {
            found.back().via.push_back(v.at.through);
        }
        found.back().names = consulted;
        found.back().names.insert(found.back().names.end(), v.at.inherited.begin(), v.at.inherited.end());
    }
}

// The project functions the call reaches that pass a parameter on (wrappers): their bodies and
// the closures in them, visited with the parameters bound, reported at the same call site.
void Collector::inline_wrappers(const Visit& v, const std::string& tunnelled) {
    const Expr& call = *p_.files[v.c.file].calls[v.site].call;
    for (const auto& ref : ev_.targets(call, v.c)) {
        if (!p_.forwards[ref.file][ref.fn] || Evaluator::on_stack(ref, v.c.frame)) {
            continue;
        }
        const Function& f = p_.files[ref.file].functions[ref.fn];
        const Frame frame = ev_.bind(call, v.c, ref, 0);
        inlined.emplace(ref.file, static_cast<int>(ref.fn));
        const CallOrigin inner_at{v.at.file, v.at.line, v.at.function, v.at.inline_depth + 1, f.qualified + "()", tunnelled, v.names};
        for (std::size_t k : p_.calls_within[ref.file][ref.fn]) {
            const CallSite& inner = p_.files[ref.file].calls[k];
            if (ev_.decide_all(inner.guards, ref.file, inner.scope, &frame) == Evaluator::Truth::False) {
                continue; // in a branch the arguments rule out
            }
            visit_call(k, Context{ref.file, inner.scope, &frame}, inner_at);
        }
    }
}

// A path with no call around it. A path a request class's member builds is sent with the class's
// HTTP method (code_request_class.cpp).
void Collector::loose(const Expr& e, std::uint32_t f, int scope, int function, const std::string& origin) {
    ev_.via.clear();
    ev_.unbound.clear();
    const Value v = ev_.eval(e, Context{f, scope, nullptr}, 0);
    const std::vector<std::string> paths = paths_in(v);
    if (paths.empty()) {
        return;
    }
    const std::vector<std::string> via = ev_.via;
    const std::set<FunctionKey> unbound = ev_.unbound;
    const auto [method, member] = ev_.request_method_at(f, scope, via);
    for (const auto& path : paths) {
        const std::string derivation = describe(e, via) + (method.empty() ? std::string() : ", method from " + member);
        found.push_back(Found{method, path, f, e.line, function, derivation, {}, via, origin, unbound});
    }
}

// Step 2: what the sightings with a method send, and which definitions reported themselves. Each
// distinct text is kept once and compared by its number: thousands of sightings of kilobyte paths
// (a hostile chain of constants) must not be copied once per name they pass.
class SentIndex {
public:
    explicit SentIndex(const std::vector<Found>& found);
    // Whether a path seen without a method is some other sighting's: it merely passes on a
    // definition that reported itself (return LIST_LEADS, a base class's self.path), or a call
    // sends it (a constant and the call that uses it; one line's duplicates).
    bool covered_elsewhere(const Found& x);
    std::uint32_t id_of(std::string text) { return ids_.emplace(std::move(text), static_cast<std::uint32_t>(ids_.size())).first->second; }

private:
    // Paths compare without their query: "/identity/oauth/token?" built up,
    // "/identity/oauth/token?{x}" sent, is one call.
    std::uint32_t route(const std::string& path) { return id_of(path.substr(0, path.find('?'))); }
    void sent_through(std::uint32_t path, const std::string& name);

    using Keyed = std::pair<std::uint32_t, std::string>;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::set<Keyed> sent_;                                                    // path + name it was evaluated through
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> at_;    // file, line, path
    std::set<Keyed> defined_;                                                 // path + the definition it is the value of
};

SentIndex::SentIndex(const std::vector<Found>& found) {
    for (const Found& x : found) {
        if (!x.method.empty()) {
            const std::uint32_t path = route(x.path);
            at_.emplace(x.file, x.line, path);
            for (const auto& name : x.names) {
                sent_through(path, name);
            }
            for (const auto& name : x.via) {
                sent_through(path, name);
            }
        }
    }
    for (const Found& x : found) {
        if (!x.origin.empty()) {
            defined_.emplace(route(x.path), x.origin);
        }
    }
}

// A name read as a table's entry (ENDPOINTS.programs, ENDPOINTS["programs"]) also sends that path
// from the table (ENDPOINTS = {programs: ...}): the table's entry is the call's sighting. An entry
// no call sends stays a sighting of its own, method unknown.
void SentIndex::sent_through(std::uint32_t path, const std::string& name) {
    sent_.emplace(path, name);
    sent_.emplace(path, last_component(name));
    for (std::size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0; dot = name.rfind('.', dot - 1)) {
        sent_.emplace(path, name.substr(0, dot));
    }
}

bool SentIndex::covered_elsewhere(const Found& x) {
    if (!x.method.empty() || !x.target_override.empty()) {
        return false;
    }
    const std::uint32_t path = route(x.path);
    if (std::any_of(x.via.begin(), x.via.end(), [&](const std::string& n) {
            return n != x.origin && (defined_.count(Keyed{path, n}) != 0 ||
                                     (n.rfind("self.", 0) == 0 && defined_.count(Keyed{path, n.substr(5)}) != 0));
        })) {
        return true;
    }
    return at_.count({x.file, x.line, path}) != 0 ||
           (!x.origin.empty() && (sent_.count(Keyed{path, x.origin}) != 0 || sent_.count(Keyed{path, last_component(x.origin)}) != 0));
}

} // namespace

void Project::evaluate(const std::vector<SdkMap>& sdks, const SightingSink& sink, ParameterHoles holes, std::vector<ScanNote>* notes) const {
    Impl& p = *impl_;
    p.index();
    Evaluator ev(p);
    // Build with -DMINROLE_DEBUG_SCAN to see what each file lowered to and how its calls evaluate.
#ifdef MINROLE_DEBUG_SCAN
    const bool debug = true;
#else
    const bool debug = false;
#endif
    // 1. Every path: calls (wrappers inlined), then definitions, returns and loose strings, per
    // file; then the calls of known SDKs in files that import them.
    Collector collector(p, ev);
    for (std::uint32_t f = 0; f < p.files.size(); ++f) {
        if (debug) {
            collector.dump(f);
        }
        ev.start_file();
        collector.calls_of(f);
        collector.loose_of(f);
        if (notes != nullptr) {
            limit_notes(ev, p.files[f].path, *notes);
        }
    }
    std::vector<Found>& found = collector.found;
    for (const SdkMap& sdk : sdks) {
        sdk_sightings(p, ev, sdk, found);
    }
    // 2. What is sent with a method, and through which names.
    SentIndex index(found);
    // 3. One sighting per line, path and method: holes the project's calls fill are reported
    // there, and a path without a method that another sighting covers is that one.
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t>> seen;
    for (Found& x : found) {
        if (holes == ParameterHoles::AtCallSites && reported_at_call_sites(x, collector.visits, collector.inlined, ev.applied)) {
            continue;
        }
        if (index.covered_elsewhere(x) || !seen.emplace(x.file, x.line, x.method, index.id_of(x.path + x.target_override)).second) {
            continue;
        }
        const FileIR& file = p.files[x.file];
        Sighting s;
        s.method = x.method;
        s.target = x.target_override.empty() ? x.path : x.target_override;
        s.file = file.path;
        s.line = x.line;
        s.function = x.function >= 0 ? file.functions[static_cast<std::size_t>(x.function)].qualified : std::string();
        s.derivation = x.derivation;
        s.test = file.test_code;
        s.sdk_unknown = !x.target_override.empty();
        sink(std::move(s));
    }
}

} // namespace minrole::code

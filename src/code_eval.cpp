// The sightings of a project (code_eval.hpp's Project::evaluate): every call's arguments
// evaluated with the call's method, wrappers inlined at their call sites, paths that sit in
// definitions, returns and loose strings, SDK calls; then one sighting per line and path, a
// path without a method folded into the call that sends it.
#include "code_evaluator.hpp"
#include "code_marketo_path.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <tuple>
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

} // namespace

void Project::evaluate(const std::vector<SdkMap>& sdks, const SightingSink& sink, ParameterHoles holes) const {
    Impl& p = *impl_;
    p.index();
    Evaluator ev(p);
    std::vector<Found> found;
    std::set<FunctionKey> inlined; // functions whose calls were visited with their parameters bound
    BoundVisits visits;

    // Calls: each argument's paths, with the call's method; wrappers inlined at their call sites.
    // `forced` is a method tunnelled at an outer call (it wins over what the wrapper sends);
    // `inherited` the names the outer calls' arguments were evaluated from.
    std::function<void(std::size_t, const Context&, std::uint32_t, std::uint32_t, int, int, const std::string&, const std::string&,
                       const std::vector<std::string>&)>
        visit_call;
    visit_call = [&](std::size_t site, const Context& c, std::uint32_t at_file, std::uint32_t at_line, int at_function, int inline_depth,
                     const std::string& through, const std::string& forced, const std::vector<std::string>& inherited) {
        const Expr& call = *p.files[c.file].calls[site].call;
        for (const Frame* fr = c.frame; fr != nullptr; fr = fr->caller) {
            visits.emplace(c.file, site, fr->file, fr->function);
        }
        std::string tunnelled = forced;
        ev.via.clear();
        bool from_argument = false;
        const std::string method = ev.method_of(call, c, 0, tunnelled, from_argument);
        const std::string sent = tunnelled.empty() ? method : tunnelled;
        std::vector<std::string> names = inherited;
        // A call with no method whose own value holds the path it was given (a format, a join, a
        // project function building a URL) builds a value rather than sending it: the value is
        // reported where it is sent.
        std::optional<std::vector<std::string>> built;
        auto report = [&](const Expr& arg) {
            ev.via.clear();
            ev.consulted.clear();
            ev.unbound.clear();
            const Value v = ev.eval(arg, c, 0);
            const std::vector<std::string> via = ev.via;
            const std::vector<std::string> consulted = ev.consulted;
            const std::set<FunctionKey> unbound = ev.unbound;
            for (const auto& name : consulted) {
                if (names.size() < 128 && std::find(names.begin(), names.end(), name) == names.end()) {
                    names.push_back(name);
                }
            }
            for (const auto& path : paths_in(v)) {
                if (sent.empty()) {
                    if (!built) {
                        built = paths_in(ev.eval(call, c, 0));
                    }
                    if (std::find(built->begin(), built->end(), path) != built->end()) {
                        continue;
                    }
                }
                std::string derivation = describe(arg, via);
                if (!through.empty()) {
                    derivation += (derivation == "literal" ? " passed to " : ", through ") + through;
                }
                found.push_back(Found{sent, path, at_file, at_line, at_function, derivation, {}, via});
                found.back().unbound = unbound;
                found.back().call = std::make_pair(c.file, site);
                if (!through.empty()) {
                    found.back().via.push_back(through);
                }
                found.back().names = consulted;
                found.back().names.insert(found.back().names.end(), inherited.begin(), inherited.end());
            }
        };
        // A table's get(key, default) sends nothing: its value is reported where it is sent, and
        // a default the key rules out is no path at all.
        const bool reads_table = sent.empty() && ev.mapping_of_get(call, c, 0) != nullptr;
        for (const auto& item : call.items) {
            if (!reads_table) {
                report(*item);
            }
        }
        // client.newRequest(url).method(HttpMethod.GET): a method given as an argument to a call
        // chained on the one that takes the URL is that URL's.
        for (const Expr* o = from_argument ? call.object.get() : nullptr; o != nullptr && o->op == Op::Call; o = o->object.get()) {
            for (const auto& item : o->items) {
                report(*item);
            }
        }
        if (inline_depth >= kMaxInline) {
            return;
        }
        for (const auto& ref : ev.targets(call, c)) {
            if (!p.forwards[ref.file][ref.fn] || Evaluator::on_stack(ref, c.frame)) {
                continue;
            }
            const Function& f = p.files[ref.file].functions[ref.fn];
            const Frame frame = ev.bind(call, c, ref, 0);
            inlined.emplace(ref.file, static_cast<int>(ref.fn));
            // Its body and the closures in it (callbacks, anonymous classes), its parameters bound.
            for (std::size_t k : p.calls_within[ref.file][ref.fn]) {
                const CallSite& inner = p.files[ref.file].calls[k];
                if (ev.decide_all(inner.guards, ref.file, inner.scope, &frame) == Evaluator::Truth::False) {
                    continue; // in a branch the arguments rule out
                }
                visit_call(k, Context{ref.file, inner.scope, &frame}, at_file, at_line, at_function, inline_depth + 1,
                           f.qualified + "()", tunnelled, names);
            }
        }
    };
    // Build with -DMINROLE_DEBUG_SCAN to see what each file lowered to and how its calls evaluate.
#ifdef MINROLE_DEBUG_SCAN
    const bool debug = true;
#else
    const bool debug = false;
#endif
    for (std::uint32_t f = 0; f < p.files.size(); ++f) {
        const FileIR& file = p.files[f];
        if (debug) {
            std::fprintf(stderr, "file %s: %zu defs %zu functions %zu calls %zu loose\n", file.path.c_str(), file.definitions.size(),
                         file.functions.size(), file.calls.size(), file.loose.size());
            for (const auto& d : file.definitions) {
                std::fprintf(stderr, "  def %s (scope %d) line %u\n", d.name.c_str(), d.scope, d.line);
            }
            for (const auto& fn : file.functions) {
                std::fprintf(stderr, "  fn %s params %zu returns %zu calls %zu\n", fn.qualified.c_str(), fn.params.size(), fn.returns.size(), fn.calls.size());
            }
            for (const auto& site : file.calls) {
                std::string args;
                for (const auto& a : site.call->items) {
                    ev.via.clear();
                    for (const Alt& alt : ev.eval(*a, Context{f, site.scope, nullptr}, 0)) {
                        args += "[" + (alt.kind == Alt::Kind::Str ? alt.text : "list/dict") + "]";
                    }
                    args += " ";
                }
                std::fprintf(stderr, "  call %s line %u: %s\n", site.call->text.c_str(), site.call->line, args.c_str());
            }
        }
        for (std::size_t k = 0; k < file.calls.size(); ++k) {
            const CallSite& site = file.calls[k];
            visit_call(k, Context{f, site.scope, nullptr}, f, site.call->line, site.function, 0, {}, {}, {});
        }
        // Definitions, returns and loose strings: paths with no call around them. A path a
        // request class's member builds is sent with the class's HTTP method (code_request_class.cpp).
        auto loose = [&](const Expr& e, int scope, int function, const std::string& origin) {
            ev.via.clear();
            ev.unbound.clear();
            const Value v = ev.eval(e, Context{f, scope, nullptr}, 0);
            const std::vector<std::string> paths = paths_in(v);
            if (paths.empty()) {
                return;
            }
            const std::vector<std::string> via = ev.via;
            const std::set<FunctionKey> unbound = ev.unbound;
            const auto [method, member] = ev.request_method_at(f, scope, via);
            for (const auto& path : paths) {
                const std::string derivation = describe(e, via) + (method.empty() ? std::string() : ", method from " + member);
                found.push_back(Found{method, path, f, e.line, function, derivation, {}, via, origin, unbound});
            }
        };
        const std::vector<char> steps = ev.text_steps(f);
        for (std::size_t k = 0; k < file.definitions.size(); ++k) {
            const Definition& d = file.definitions[k];
            if (d.value->op != Op::Elements && steps[k] == 0) {
                loose(*d.value, d.scope, p.function_of_scope[f][static_cast<std::size_t>(d.scope)], d.name);
            }
        }
        for (std::size_t k = 0; k < file.functions.size(); ++k) {
            for (const auto& r : file.functions[k].returns) {
                loose(*r, file.functions[k].scope, static_cast<int>(k), file.functions[k].qualified + "()");
            }
        }
        for (const Loose& l : file.loose) {
            loose(*l.value, l.scope, l.function, {});
        }
    }

    // SDK calls in files that import a known SDK.
    for (const SdkMap& sdk : sdks) {
        sdk_sightings(p, ev, sdk, found);
    }

    // A path seen without a method where it is also sent with one (a constant and the call that
    // uses it) is that call; one line's duplicates are one sighting. Paths compare without their
    // query: "/identity/oauth/token?" built up, "/identity/oauth/token?{x}" sent, is one call.
    auto route = [](const std::string& path) { return path.substr(0, path.find('?')); };
    std::set<std::string> sent;                                   // path + origin it was evaluated through
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> sent_at; // file, line, path
    // A name read as a table's entry (ENDPOINTS.programs, ENDPOINTS["programs"]) also sends that
    // path from the table (ENDPOINTS = {programs: ...}): the table's entry is the call's sighting.
    // An entry no call sends stays a sighting of its own, method unknown.
    auto sent_through = [&](const std::string& path, const std::string& name) {
        sent.insert(path + '\x02' + name);
        sent.insert(path + '\x02' + last_component(name));
        for (std::size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0; dot = name.rfind('.', dot - 1)) {
            sent.insert(path + '\x02' + name.substr(0, dot));
        }
    };
    for (const Found& x : found) {
        if (!x.method.empty()) {
            sent_at.emplace(x.file, x.line, route(x.path));
            for (const auto& name : x.names) {
                sent_through(route(x.path), name);
            }
            for (const auto& name : x.via) {
                sent_through(route(x.path), name);
            }
        }
    }
    // A path with no method that merely passes on a definition reported itself (return LIST_LEADS,
    // a base class's self.path) is that definition's sighting.
    std::set<std::string> defined;
    for (const Found& x : found) {
        if (!x.origin.empty()) {
            defined.insert(route(x.path) + '\x02' + x.origin);
        }
    }
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::string>> seen;
    for (Found& x : found) {
        if (holes == ParameterHoles::AtCallSites && reported_at_call_sites(x, visits, inlined, ev.applied)) {
            continue;
        }
        if (x.method.empty() && x.target_override.empty() &&
            std::any_of(x.via.begin(), x.via.end(), [&](const std::string& n) {
                return n != x.origin && (defined.count(route(x.path) + '\x02' + n) != 0 ||
                                         (n.rfind("self.", 0) == 0 && defined.count(route(x.path) + '\x02' + n.substr(5)) != 0));
            })) {
            continue;
        }
        if (x.target_override.empty() && x.method.empty() &&
            (sent_at.count({x.file, x.line, route(x.path)}) != 0 ||
             (!x.origin.empty() && (sent.count(route(x.path) + '\x02' + x.origin) != 0 ||
                                    sent.count(route(x.path) + '\x02' + last_component(x.origin)) != 0)))) {
            continue;
        }
        if (!seen.emplace(x.file, x.line, x.method, x.path + x.target_override).second) {
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

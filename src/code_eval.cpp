// The abstract interpreter of code_eval.hpp. Values are sets of alternatives (at most
// kMaxAlternatives): a string template, a list or a dict of them. Definitions are looked up
// flow-insensitively (every assignment of a name is an alternative), innermost scope first,
// then across the project; functions are applied at their call sites with the arguments bound;
// a call whose function forwards its parameters to another call (a wrapper) is inlined so the
// sighting carries the call site's arguments and the wrapper's method.
#include "code_eval.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace minrole::code {

namespace {

constexpr char kHole = '\x01';
constexpr std::size_t kMaxAlternatives = 32;
constexpr int kMaxDepth = 24;      // nested evaluation (definitions, calls)
constexpr int kMaxInline = 4;      // wrappers inside wrappers
constexpr std::size_t kMaxText = 4096;

struct Alt {
    enum class Kind : std::uint8_t { Str, List, Dict } kind = Kind::Str;
    std::string text;
    std::vector<std::string> items;
    std::vector<std::string> keys;
    bool operator<(const Alt& o) const { return std::tie(kind, text, items, keys) < std::tie(o.kind, o.text, o.items, o.keys); }
    bool operator==(const Alt& o) const { return kind == o.kind && text == o.text && items == o.items && keys == o.keys; }
};
using Value = std::vector<Alt>;

Value str(std::string s) { return Value{Alt{Alt::Kind::Str, std::move(s), {}, {}}}; }
Value hole() { return str(std::string(1, kHole)); }

void add(Value& into, const Value& more) {
    for (const Alt& a : more) {
        if (into.size() >= kMaxAlternatives) {
            return;
        }
        if (std::find(into.begin(), into.end(), a) == into.end()) {
            into.push_back(a);
        }
    }
}

std::string as_text(const Alt& a) { return a.kind == Alt::Kind::Str ? a.text : std::string(1, kHole); }

bool only_holes(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == kHole; });
}

std::string last_component(std::string_view dotted) {
    const std::size_t dot = dotted.rfind('.');
    return std::string(dot == std::string_view::npos ? dotted : dotted.substr(dot + 1));
}

constexpr std::array<std::string_view, 5> kVerbs{"get", "post", "put", "delete", "patch"};

// "GET" for "get", "Get", "GET"; empty otherwise.
std::string verb(std::string_view s) {
    const std::string l = vocab::to_lower(s);
    for (std::string_view v : kVerbs) {
        if (l == v) {
            std::string up(v);
            std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            return up;
        }
    }
    return {};
}

// The verb a callee's name starts with: get, postJson, PostAsync, post_json, HttpPost, MethodPost.
std::string verb_of_name(std::string_view name) {
    std::string_view n = name;
    for (std::string_view prefix : {"Http", "HTTP", "http", "Method", "new "}) {
        if (n.size() > prefix.size() && n.substr(0, prefix.size()) == prefix) {
            n.remove_prefix(prefix.size());
        }
    }
    for (std::string_view v : kVerbs) {
        if (n.size() >= v.size() && vocab::to_lower(n.substr(0, v.size())) == v) {
            if (n.size() == v.size()) {
                return verb(v);
            }
            const char next = n[v.size()];
            if (std::isupper(static_cast<unsigned char>(next)) != 0 || next == '_') {
                // getLead(…) is a getter more often than a request; only the request-shaped
                // suffixes count: Json, Async, Request, _json, Data, Form.
                const std::string_view rest = n.substr(v.size());
                for (std::string_view ok : {"Json", "JSON", "Async", "Request", "_json", "_request", "Data", "Form", "Raw", "_raw", "Multipart"}) {
                    if (rest.substr(0, ok.size()) == ok) {
                        return verb(v);
                    }
                }
            }
        }
    }
    return {};
}

bool is_hole_text(const std::string& s) { return s.find(kHole) != std::string::npos; }

// Python str.format / C# string.Format: {} {0} {name} {name!r:>10}; {{ }} are braces.
std::string format_braces(const std::string& fmt, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& named) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            ++i;
        } else if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            out += '}';
            ++i;
        } else if (c == '{') {
            const std::size_t close = fmt.find('}', i);
            if (close == std::string::npos) {
                out += fmt.substr(i);
                break;
            }
            std::string field = fmt.substr(i + 1, close - i - 1);
            field = field.substr(0, field.find_first_of("!:,"));
            std::string value(1, kHole);
            if (field.empty()) {
                value = next < args.size() ? args[next] : value;
                ++next;
            } else if (std::all_of(field.begin(), field.end(), [](unsigned char d) { return std::isdigit(d) != 0; })) {
                const std::size_t k = static_cast<std::size_t>(std::stoul(field.substr(0, 6)));
                value = k < args.size() ? args[k] : value;
            } else {
                for (const auto& [name, v] : named) {
                    if (name == field) {
                        value = v;
                    }
                }
            }
            out += value;
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

// printf-style: %s %d %v %05d %-10s %%; Python %(name)s.
std::string format_percent(const std::string& fmt, const std::vector<std::string>& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out += fmt[i];
            continue;
        }
        if (fmt[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        if (fmt[j] == '(') {
            const std::size_t close = fmt.find(')', j);
            j = close == std::string::npos ? fmt.size() : close + 1;
        }
        while (j < fmt.size() && std::string_view("-+ #0123456789.*").find(fmt[j]) != std::string_view::npos) {
            ++j;
        }
        if (j < fmt.size() && std::isalpha(static_cast<unsigned char>(fmt[j])) != 0) {
            out += next < args.size() ? args[next] : std::string(1, kHole);
            ++next;
            i = j;
        } else {
            out += fmt[i];
        }
    }
    return out;
}

// Joins path pieces with one slash between them.
std::string join_path(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty()) {
            continue;
        }
        if (out.empty()) {
            out = p;
            continue;
        }
        const bool slash_end = out.back() == '/';
        const bool slash_start = p.front() == '/';
        if (slash_end && slash_start) {
            out += p.substr(1);
        } else if (slash_end || slash_start) {
            out += p;
        } else {
            out += '/' + p;
        }
    }
    return out;
}

std::string join_with(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : sep) + parts[i];
    }
    return out;
}

constexpr std::array<std::string_view, 5> kBases{"rest/", "bulk/", "identity/oauth", "userservice/", "subscriptions/"};

// Removes "." and ".." segments: "/rest/../bulk/v1" is "/bulk/v1".
std::string remove_dot_segments(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    const std::size_t query = path.find('?');
    const std::string body = path.substr(0, query);
    while (start <= body.size()) {
        const std::size_t end = std::min(body.find('/', start), body.size());
        const std::string seg = body.substr(start, end - start);
        if (seg == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (seg != "." && !(seg.empty() && start != 0 && end != body.size())) {
            segments.push_back(seg);
        }
        start = end + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        out += (i == 0 ? "" : "/") + segments[i];
    }
    if (out.empty() || out.front() != '/') {
        out.insert(out.begin(), '/');
    }
    return query == std::string::npos ? out : out + path.substr(query);
}

// Holes become {x}; so does any {...} left in the text (a template written in a literal).
std::string neutralise(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == kHole) {
            out += "{x}";
            while (i + 1 < s.size() && s[i + 1] == kHole) {
                ++i;
            }
        } else if (s[i] == '{') {
            const std::size_t close = s.find('}', i);
            out += "{x}";
            i = close == std::string::npos ? s.size() : close;
        } else if (static_cast<unsigned char>(s[i]) < 0x20 || s[i] == ' ') {
            break; // a line break or space ends the path (a message around it)
        } else {
            out += s[i];
        }
    }
    while (!out.empty() && std::string_view(".,;:)'\"").find(out.back()) != std::string_view::npos) {
        out.pop_back(); // "... at https://x.mktorest.com/identity/oauth/token."
    }
    return out;
}

} // namespace

std::string marketo_path_of(const std::string& evaluated) {
    if (evaluated.size() > kMaxText) {
        return {};
    }
    std::string text = evaluated;
    // A leading hole is a base the code decides at run time: "{base}/v1/leads.json".
    std::size_t lead = 0;
    while (lead < text.size() && text[lead] == kHole) {
        ++lead;
    }
    std::size_t best = std::string::npos;
    for (std::string_view base : kBases) {
        std::size_t at = text.find(base);
        while (at != std::string::npos && at > 0 && text[at - 1] != '/') {
            at = text.find(base, at + 1);
        }
        if (at != std::string::npos && at < best) {
            best = at;
        }
        if (text.compare(lead, base.size(), base) == 0 && lead < best) {
            best = lead;
        }
    }
    std::string path;
    if (best != std::string::npos) {
        // "/rest/../bulk/v1/...": the dot segments go first, so the bulk path is what is left.
        std::size_t from = best > 0 ? best - 1 : 0;
        const std::size_t dots = text.rfind("/..", from);
        if (dots != std::string::npos) {
            const std::size_t rest = text.rfind("rest", dots);
            if (rest != std::string::npos && rest + 4 == dots) {
                from = rest - (rest > 0 ? 1 : 0);
            }
        }
        path = text.substr(from);
        if (path.front() != '/') {
            path.insert(path.begin(), '/');
        }
        path = remove_dot_segments(path);
        const std::string first = path.substr(1, path.find('/', 1) == std::string::npos ? std::string::npos : path.find('/', 1) - 1);
        if (first != "rest" && first != "bulk" && first != "identity" && first != "userservice" && first != "subscriptions") {
            return {};
        }
        // A base alone ("https://x.mktorest.com/rest", "/rest/v1/") is configuration, not a call:
        // a call names at least three segments (/rest/v1/leads.json, /identity/oauth/token).
        std::size_t segments = 0;
        for (std::size_t at = 0; at < path.size() && path[at] != '?'; ++at) {
            segments += path[at] == '/' && at + 1 < path.size() && path[at + 1] != '/' && path[at + 1] != '?' ? 1 : 0;
        }
        if (segments < 3) {
            return {};
        }
    } else {
        // Relative to a /rest base: "/v1/leads.json", "v1/lead/{x}.json", "/asset/v1/email/{x}".
        std::string rel = text.substr(lead);
        if (!rel.empty() && rel.front() != '/') {
            rel.insert(rel.begin(), '/');
        }
        const bool versioned = rel.rfind("/v1/", 0) == 0 || rel.rfind("/v2/", 0) == 0;
        const bool asset = rel.rfind("/asset/v1/", 0) == 0 || rel.rfind("/asset/v2/", 0) == 0;
        if (!(asset || (versioned && rel.find(".json") != std::string::npos))) {
            return {};
        }
        path = remove_dot_segments("/rest" + rel);
    }
    path = neutralise(path);
    if (path.size() < 8 || path.find(':') != std::string::npos) {
        return {}; // a URL glued after a base ("/rest/v1/https://...") is not a call
    }
    // Something literal after the version: "/rest/v1/{x}" is a base with a hole, not an operation.
    const std::size_t version_end = path.find('/', path.find('/', 1) + 1);
    const std::string tail = version_end == std::string::npos ? std::string() : path.substr(version_end);
    std::string letters;
    for (std::size_t i = 0; i < tail.size(); ++i) {
        if (tail.compare(i, 3, "{x}") == 0) {
            i += 2;
        } else if (std::isalpha(static_cast<unsigned char>(tail[i])) != 0) {
            letters += tail[i];
        }
    }
    if (letters.empty()) {
        return {};
    }
    return path;
}

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
    std::unordered_map<std::string, std::vector<FnRef>> functions; // by short name
    std::vector<std::vector<int>> function_of_scope;                 // per file: scope -> function index or -1
    std::vector<std::vector<char>> forwards;                         // per file, per function: passes a parameter to a call

    void index() {
        defs.clear();
        functions.clear();
        function_of_scope.assign(files.size(), {});
        forwards.assign(files.size(), {});
        for (std::uint32_t f = 0; f < files.size(); ++f) {
            const FileIR& file = files[f];
            for (std::uint32_t d = 0; d < file.definitions.size(); ++d) {
                defs[file.definitions[d].name].push_back(DefRef{f, d});
            }
            function_of_scope[f].assign(file.scopes.size(), -1);
            forwards[f].assign(file.functions.size(), 0);
            for (std::uint32_t k = 0; k < file.functions.size(); ++k) {
                const Function& fn = file.functions[k];
                if (!fn.name.empty()) {
                    functions[fn.name].push_back(FnRef{f, k});
                }
                if (fn.scope >= 0 && static_cast<std::size_t>(fn.scope) < file.scopes.size()) {
                    function_of_scope[f][static_cast<std::size_t>(fn.scope)] = static_cast<int>(k);
                }
                std::unordered_set<std::string> params(fn.params.begin(), fn.params.end());
                params.insert("arguments");
                for (std::size_t c : fn.calls) {
                    for (const auto& arg : file.calls[c].call->items) {
                        if (mentions(*arg, params, 0)) {
                            forwards[f][k] = 1;
                        }
                    }
                }
            }
        }
    }

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

namespace {

// Evaluation state for one root expression.
struct Frame {
    std::uint32_t file = 0;
    int function = -1;                                // whose parameters are bound
    std::unordered_map<std::string, Value> bound;
    Value arguments;                                  // JS `arguments`
    const Frame* caller = nullptr;
};

struct Context {
    std::uint32_t file;
    int scope;
    const Frame* frame;
};

class Evaluator {
public:
    explicit Evaluator(const Project::Impl& p) : p_(p) {}

    std::vector<std::string> via; // names and functions consulted, for the evidence

    Value eval(const Expr& e, const Context& c, int depth) {
        if (depth > kMaxDepth) {
            return hole();
        }
        switch (e.op) {
        case Op::Str:
            return str(e.text.size() > kMaxText ? std::string(1, kHole) : e.text);
        case Op::Hole:
            return hole();
        case Op::Name:
            return name(e.text, c, depth, e.line);
        case Op::Member:
            return member(e.text, c, depth, e.line);
        case Op::Concat: {
            Value acc = str({});
            for (const auto& item : e.items) {
                const Value part = eval(*item, c, depth + 1);
                Value next;
                for (const Alt& a : acc) {
                    for (const Alt& b : part) {
                        std::string t = a.text + as_text(b);
                        if (t.size() > kMaxText) {
                            t.resize(kMaxText);
                        }
                        add(next, str(std::move(t)));
                    }
                }
                acc = std::move(next);
            }
            return acc;
        }
        case Op::Call:
            return call(e, c, depth);
        case Op::Index: {
            if (e.items.size() != 2) {
                return hole();
            }
            if ((e.items[0]->op == Op::Name || e.items[0]->op == Op::Member) && e.items[1]->op == Op::Str) {
                // stream["tap_stream_id"]: a definition or fact about that field first
                const Value fact = name(e.items[0]->text + "." + e.items[1]->text, c, depth + 1, e.line);
                if (!(fact.size() == 1 && fact[0].kind == Alt::Kind::Str && only_holes(fact[0].text))) {
                    return fact;
                }
            }
            const Value object = eval(*e.items[0], c, depth + 1);
            const Value key = eval(*e.items[1], c, depth + 1);
            Value out;
            for (const Alt& o : object) {
                if (o.kind == Alt::Kind::Str) {
                    add(out, hole());
                    continue;
                }
                bool found = false;
                for (const Alt& k : key) {
                    for (std::size_t i = 0; i < o.items.size(); ++i) {
                        const bool hit = o.kind == Alt::Kind::Dict ? (i < o.keys.size() && o.keys[i] == k.text)
                                                                   : (k.text == std::to_string(i));
                        if (hit) {
                            add(out, str(o.items[i]));
                            found = true;
                        }
                    }
                }
                if (!found) {
                    for (const auto& item : o.items) {
                        add(out, str(item));
                    }
                }
            }
            return out.empty() ? hole() : out;
        }
        case Op::List:
        case Op::Dict: {
            Alt base;
            base.kind = e.op == Op::List ? Alt::Kind::List : Alt::Kind::Dict;
            Value acc{base};
            for (std::size_t i = 0; i < e.items.size() && i < 256; ++i) {
                const Value v = eval(*e.items[i], c, depth + 1);
                Value next;
                for (const Alt& a : acc) {
                    for (const Alt& b : v) {
                        Alt n = a;
                        n.items.push_back(as_text(b));
                        if (base.kind == Alt::Kind::Dict) {
                            n.keys.push_back(i < e.keys.size() ? e.keys[i] : std::string());
                        }
                        if (next.size() < kMaxAlternatives) {
                            next.push_back(std::move(n));
                        }
                    }
                }
                acc = std::move(next);
            }
            return acc;
        }
        case Op::Format: {
            if (e.items.empty()) {
                return hole();
            }
            const Value fmt = eval(*e.items[0], c, depth + 1);
            std::vector<Value> args;
            for (std::size_t i = 1; i < e.items.size(); ++i) {
                args.push_back(eval(*e.items[i], c, depth + 1));
            }
            return apply_format(fmt, args, {}, true);
        }
        case Op::Elements: {
            if (e.items.empty()) {
                return hole();
            }
            Value out;
            for (const Alt& a : eval(*e.items[0], c, depth + 1)) {
                if (a.kind == Alt::Kind::Str) {
                    add(out, str(a.text));
                } else {
                    for (const auto& item : a.kind == Alt::Kind::Dict ? a.keys : a.items) {
                        add(out, str(item));
                    }
                }
            }
            return out.empty() ? hole() : out;
        }
        case Op::Either: {
            Value out;
            for (const auto& item : e.items) {
                add(out, eval(*item, c, depth + 1));
            }
            return out;
        }
        }
        return hole();
    }

    // ------------------------------------------------------------------ names

    bool within(std::uint32_t file, int scope, int ancestor) const {
        const auto& scopes = p_.files[file].scopes;
        for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
            if (s == ancestor) {
                return true;
            }
        }
        return false;
    }

    Value definition(const Project::Impl::DefRef& ref, const Context& c, int depth) {
        const FileIR& file = p_.files[ref.file];
        const Definition& d = file.definitions[ref.def];
        const auto key = std::make_pair(ref.file, ref.def);
        if (active_.count(key) != 0) {
            return {}; // a definition that refers to itself (url = url + x): its other values
        }
        // Inside the frame's function the value depends on the bound parameters: no memo.
        const bool framed = c.frame != nullptr && c.frame->function >= 0 && c.frame->file == ref.file &&
                            within(ref.file, d.scope, p_.files[ref.file].functions[static_cast<std::size_t>(c.frame->function)].scope);
        if (!framed) {
            const auto it = memo_.find(key);
            if (it != memo_.end()) {
                return it->second;
            }
        }
        active_.insert(key);
        Value v = eval(*d.value, Context{ref.file, d.scope, framed ? c.frame : nullptr}, depth + 1);
        active_.erase(key);
        if (!framed && active_.empty()) {
            memo_[key] = v;
        }
        return v;
    }

    // The parameter `name` of the function owning `scope`, if it is one: its bound value, or a hole.
    std::optional<Value> parameter(const std::string& name, std::uint32_t file, int scope, const Frame* frame) const {
        const int fn = p_.function_of_scope[file][static_cast<std::size_t>(scope)];
        if (fn < 0) {
            return std::nullopt;
        }
        const Function& f = p_.files[file].functions[static_cast<std::size_t>(fn)];
        const bool is_param = std::find(f.params.begin(), f.params.end(), name) != f.params.end();
        const bool is_arguments = name == "arguments";
        if (!is_param && !is_arguments) {
            return std::nullopt;
        }
        for (const Frame* fr = frame; fr != nullptr; fr = fr->caller) {
            if (fr->file == file && fr->function == fn) {
                if (is_arguments) {
                    return fr->arguments;
                }
                const auto it = fr->bound.find(name);
                return it == fr->bound.end() ? hole() : it->second;
            }
        }
        return hole();
    }

    // A name's value at a use on line `line` (0: anywhere), from the innermost scope that assigns
    // it. Within a scope, assignments before the use count from the last one that always runs
    // (x = ...; if (...) x += "/a"; x += ".json" is two values, not every combination); an
    // assignment in a branch or loop adds its value to what came before.
    Value name(const std::string& n, const Context& c, int depth, std::uint32_t line = 0) {
        const FileIR& file = p_.files[c.file];
        const auto it = p_.defs.find(n);
        for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
            Value out;
            bool found = false;
            if (it != p_.defs.end()) {
                std::vector<Project::Impl::DefRef> here;
                for (const auto& ref : it->second) {
                    if (ref.file == c.file && file.definitions[ref.def].scope == s &&
                        active_.count({ref.file, ref.def}) == 0) {
                        here.push_back(ref);
                    }
                }
                std::vector<Project::Impl::DefRef> before;
                for (const auto& ref : here) {
                    if (line != 0 && file.definitions[ref.def].line < line) {
                        before.push_back(ref);
                    }
                }
                if (!before.empty()) {
                    std::size_t from = 0;
                    for (std::size_t k = 0; k < before.size(); ++k) {
                        if (!file.definitions[before[k].def].conditional) {
                            from = k;
                        }
                    }
                    here.assign(before.begin() + static_cast<std::ptrdiff_t>(from), before.end());
                }
                for (const auto& ref : here) {
                    found = true;
                    add(out, definition(ref, c, depth));
                }
            }
            if (const auto param = parameter(n, c.file, s, c.frame)) {
                add(out, *param);
                found = true;
            }
            if (found) {
                note(n);
                return out.empty() ? hole() : out;
            }
        }
        return global(n, c, depth);
    }

    // Module- and class-level definitions of `n` anywhere in the project.
    Value global(const std::string& n, const Context& c, int depth) {
        const auto it = p_.defs.find(n);
        if (it == p_.defs.end()) {
            return hole();
        }
        Value out;
        for (const auto& ref : it->second) {
            const FileIR& file = p_.files[ref.file];
            const Definition& d = file.definitions[ref.def];
            if (p_.function_of_scope[ref.file][static_cast<std::size_t>(d.scope)] >= 0) {
                continue; // a function's local
            }
            add(out, definition(ref, c, depth));
        }
        if (!out.empty()) {
            note(n);
        }
        return out.empty() ? hole() : out;
    }

    Value member(const std::string& dotted, const Context& c, int depth, std::uint32_t line = 0) {
        if (dotted.rfind("self.", 0) == 0) {
            const std::string attribute = dotted.substr(5);
            Value out;
            // self.x = ... in any method, x = ... in a class body: this file first, then anywhere
            // (a base class elsewhere).
            for (int pass = 0; pass < 2 && out.empty(); ++pass) {
                for (const std::string& key : {dotted, attribute}) {
                    const auto it = p_.defs.find(key);
                    if (it == p_.defs.end()) {
                        continue;
                    }
                    for (const auto& ref : it->second) {
                        const FileIR& file = p_.files[ref.file];
                        const Definition& d = file.definitions[ref.def];
                        const bool same_file = ref.file == c.file;
                        if ((pass == 0) != same_file) {
                            continue;
                        }
                        const bool class_level = file.scopes[static_cast<std::size_t>(d.scope)].kind == Scope::Kind::Class;
                        if (key == dotted || class_level) {
                            add(out, definition(ref, c, depth));
                        }
                    }
                }
            }
            if (!out.empty()) {
                note(dotted);
                return out;
            }
            return hole();
        }
        // a.b.c: the whole name in scope, then shorter and shorter suffixes across the project
        // (config.api.version is module.exports.api.version of the config module).
        Value v = name(dotted, c, depth, line);
        if (!(v.size() == 1 && v[0].kind == Alt::Kind::Str && only_holes(v[0].text))) {
            return v;
        }
        std::size_t dot = dotted.find('.');
        while (dot != std::string::npos) {
            const std::string suffix = dotted.substr(dot + 1);
            Value s = global(suffix, c, depth);
            if (!(s.size() == 1 && s[0].kind == Alt::Kind::Str && only_holes(s[0].text))) {
                return s;
            }
            dot = dotted.find('.', dot + 1);
        }
        return field(last_component(dotted), c, depth);
    }

    // obj.x where only an object or struct literal sets x ({x: ...}, &T{x: ...}): those values,
    // this file first.
    Value field(const std::string& key, const Context& c, int depth) {
#ifdef MINROLE_DEBUG_SCAN
        std::fprintf(stderr, "field %s\n", key.c_str());
#endif
        const auto it = p_.defs.find("." + key);
        if (it == p_.defs.end()) {
            return hole();
        }
        Value out;
        for (int pass = 0; pass < 2 && out.empty(); ++pass) {
            for (const auto& ref : it->second) {
                if ((pass == 0) == (ref.file == c.file)) {
                    add(out, definition(ref, c, depth));
                }
            }
        }
        return out.empty() ? hole() : out;
    }

    void note(const std::string& n) {
        if (via.size() < 4 && std::find(via.begin(), via.end(), n) == via.end()) {
            via.push_back(n);
        }
    }

    // ------------------------------------------------------------------ calls

    Value apply_format(const Value& fmt, const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& named,
                       bool percent_default) {
        // One alternative per combination, bounded: the format's alternatives times the first
        // alternative of each argument, then each argument's other alternatives in turn.
        Value out;
        std::vector<std::vector<std::string>> arg_alts;
        for (const Value& a : args) {
            std::vector<std::string> alts;
            for (const Alt& x : a) {
                alts.push_back(as_text(x));
            }
            if (alts.empty()) {
                alts.emplace_back(1, kHole);
            }
            arg_alts.push_back(std::move(alts));
        }
        std::vector<std::pair<std::string, std::string>> names;
        for (const auto& [k, v] : named) {
            names.emplace_back(k, v.empty() ? std::string(1, kHole) : as_text(v.front()));
        }
        for (const Alt& f : fmt) {
            if (f.kind != Alt::Kind::Str) {
                add(out, hole());
                continue;
            }
            const bool percent = f.text.find('%') != std::string::npos && (percent_default || f.text.find('{') == std::string::npos);
            // Cartesian product, capped.
            std::vector<std::size_t> index(arg_alts.size(), 0);
            for (std::size_t round = 0; round < kMaxAlternatives; ++round) {
                std::vector<std::string> chosen;
                for (std::size_t i = 0; i < arg_alts.size(); ++i) {
                    chosen.push_back(arg_alts[i][index[i]]);
                }
                add(out, str(percent ? format_percent(f.text, chosen) : format_braces(f.text, chosen, names)));
                std::size_t i = 0;
                while (i < index.size() && ++index[i] == arg_alts[i].size()) {
                    index[i] = 0;
                    ++i;
                }
                if (i == index.size()) {
                    break;
                }
            }
        }
        return out.empty() ? hole() : out;
    }

    static std::vector<std::vector<std::string>> lists_of(const Value& v) {
        std::vector<std::vector<std::string>> out;
        for (const Alt& a : v) {
            if (a.kind == Alt::Kind::List) {
                out.push_back(a.items);
            }
        }
        return out;
    }

    Value call(const Expr& e, const Context& c, int depth) {
        const std::string& callee = e.text;
        const std::string last = last_component(callee);
        const std::string receiver = callee.find('.') == std::string::npos ? std::string() : callee.substr(0, callee.rfind('.'));
        auto arg = [&](std::size_t i) { return i < e.items.size() ? eval(*e.items[i], c, depth + 1) : hole(); };
        auto receiver_value = [&]() -> Value {
            if (e.object) {
                return eval(*e.object, c, depth + 1);
            }
            if (receiver.empty()) {
                return hole();
            }
            return receiver.find('.') == std::string::npos ? name(receiver, c, depth + 1) : member(receiver, c, depth + 1);
        };
        if (callee == "%prepend" || callee == "%append") {
            const Value list = arg(0);
            const Value item = arg(1);
            Value out;
            for (const Alt& l : list) {
                if (l.kind != Alt::Kind::List) {
                    continue;
                }
                for (const Alt& i : item) {
                    Alt n = l;
                    if (callee == "%prepend") {
                        n.items.insert(n.items.begin(), as_text(i));
                    } else if (i.kind == Alt::Kind::List) {
                        n.items.insert(n.items.end(), i.items.begin(), i.items.end());
                    } else {
                        n.items.push_back(as_text(i));
                    }
                    add(out, Value{n});
                }
            }
            return out.empty() ? hole() : out;
        }
        // Copies of a list: Array.prototype.slice.call(arguments), Array.from(x), list(x)
        if (callee == "Array.prototype.slice.call" || callee == "Array.from" || callee == "list" || callee == "Array.prototype.slice.apply") {
            return arg(0);
        }
        if (last == "join" || last == "Join" || last == "urljoin" || last == "resolve" || last == "Combine" || last == "implode") {
            const Value recv = receiver_value();
            const auto lists = lists_of(recv);
            Value out;
            if (!lists.empty() && (last == "join" || last == "Join")) {
                // [..].join(sep)
                const Value sep = e.items.empty() ? str(",") : arg(0);
                for (const auto& l : lists) {
                    for (const Alt& s : sep) {
                        add(out, str(join_with(l, as_text(s))));
                    }
                }
                return out;
            }
            if (last == "implode" || (recv.size() == 1 && recv[0].kind == Alt::Kind::Str && !only_holes(recv[0].text) &&
                                      e.items.size() == 1 && !lists_of(arg(0)).empty())) {
                // sep.join(list) (Python), implode(sep, list) (PHP), strings.Join(list, sep) (Go)
                const Value sep = last == "implode" ? arg(0) : recv;
                const Value list = last == "implode" ? arg(1) : arg(0);
                for (const auto& l : lists_of(list)) {
                    for (const Alt& s : sep) {
                        add(out, str(join_with(l, as_text(s))));
                    }
                }
                return out.empty() ? hole() : out;
            }
            if (callee == "strings.Join" && e.items.size() == 2) {
                for (const auto& l : lists_of(arg(0))) {
                    for (const Alt& s : arg(1)) {
                        add(out, str(join_with(l, as_text(s))));
                    }
                }
                return out.empty() ? hole() : out;
            }
            // path.join(a, b, c), os.path.join, urljoin(base, path), Path.Combine, url.resolve
            std::vector<Value> parts;
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                parts.push_back(arg(i));
            }
            Value acc = str({});
            for (const Value& part : parts) {
                Value next;
                for (const Alt& a : acc) {
                    for (const Alt& b : part) {
                        add(next, str(a.text.empty() ? as_text(b) : join_path({a.text, as_text(b)})));
                    }
                }
                acc = std::move(next);
            }
            return acc;
        }
        if (last == "format" || last == "Format" || last == "sprintf" || last == "Sprintf" || last == "vsprintf" ||
            last == "formatted" || last == "printf") {
            std::vector<Value> args;
            std::vector<std::pair<std::string, Value>> named;
            Value fmt;
            std::size_t first = 0;
            if (last == "format" && (e.object || (!receiver.empty() && receiver != "String" && receiver != "string" &&
                                                   receiver != "util" && receiver != "fmt" && receiver != "str"))) {
                fmt = receiver_value(); // "{}/x".format(a)
            } else if (last == "formatted") {
                fmt = receiver_value();
            } else {
                fmt = arg(0);
                first = 1;
            }
            for (std::size_t i = first; i < e.items.size(); ++i) {
                const std::string key = i < e.keys.size() ? e.keys[i] : std::string();
                if (key.empty()) {
                    if (last == "vsprintf") {
                        for (const auto& l : lists_of(arg(i))) {
                            for (const auto& item : l) {
                                args.push_back(str(item));
                            }
                        }
                    } else {
                        args.push_back(arg(i));
                    }
                } else {
                    named.emplace_back(key, arg(i));
                }
            }
            return apply_format(fmt, args, named, last != "format" && last != "Format");
        }
        // Conversions and trims keep the value: str(x), String(x), x.toString(), x.strip('/'), quote(x)
        static const std::set<std::string, std::less<>> kPassThrough{
            "str",          "String",     "toString",  "to_s",         "strval",    "encodeURIComponent", "encodeURI",
            "quote",        "quote_plus", "escape",    "trim",         "strip",     "rstrip",             "lstrip",
            "trimEnd",      "trimStart",  "TrimEnd",   "TrimStart",    "Trim",      "valueOf",            "ToString",
            "chomp",        "rtrim",      "ltrim",     "url_encode",   "urlencode", "rawurlencode",       "QueryEscape",
            "PathEscape",   "Itoa",       "FormatInt", "toLowerCase",  "lower",     "downcase",           "unicode",
            "text_type",    "text",       "EscapeDataString", "freeze", "dup",      "clone",              "copy"};
        if (kPassThrough.count(last) != 0) {
            if (e.object || (!receiver.empty() && receiver != "String" && receiver != "urllib.parse" && receiver != "urllib" &&
                             receiver != "parse" && receiver != "url" && receiver != "Uri" && receiver != "strconv" &&
                             receiver != "CGI" && receiver != "ERB::Util" && receiver != "six" && receiver != "Integer")) {
                Value r = receiver_value();
                return r;
            }
            return e.items.empty() ? hole() : arg(0);
        }
        if (last == "replace" || last == "Replace" || last == "sub" || last == "gsub" || last == "rstrip" || last == "removesuffix") {
            return receiver_value();
        }
        // A project function: applied with its arguments bound.
        return apply_function(e, c, depth);
    }

    // The project functions a call may reach: by name, the caller's file first.
    std::vector<Project::Impl::FnRef> targets(const Expr& e, const Context& c) const {
        std::vector<Project::Impl::FnRef> out;
        if (e.text.empty() || e.text[0] == '.' || e.text.rfind("new ", 0) == 0) {
            return out;
        }
        const std::string last = last_component(e.text);
        const auto it = p_.functions.find(last);
        if (it == p_.functions.end()) {
            return out;
        }
        // obj.m(...) reaches a method m only when obj names its class (connection.postJson ->
        // Connection), self.m(...) any method, a plain or module-qualified call (util.createPath)
        // plain functions: `_.find(...)` is not Lead.find.
        const std::size_t dot = e.text.rfind('.');
        const std::string receiver = dot == std::string::npos ? std::string() : vocab::to_lower(last_component(e.text.substr(0, dot)));
        bool self_call = e.text.rfind("self.", 0) == 0 && e.text.find('.', 5) == std::string::npos;
        // Go: c.Get(...) inside a method of Client, c being the receiver: a call on the same type.
        std::string caller_owner;
        for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < p_.files[c.file].scopes.size();
             s = p_.files[c.file].scopes[static_cast<std::size_t>(s)].parent) {
            const int fn = p_.function_of_scope[c.file][static_cast<std::size_t>(s)];
            if (fn >= 0) {
                caller_owner = p_.files[c.file].functions[static_cast<std::size_t>(fn)].owner;
                break;
            }
        }
        const bool short_receiver = dot != std::string::npos && e.text.find('.') == dot && dot <= 2;
        for (int pass = 0; pass < 2 && out.empty(); ++pass) {
            for (const auto& ref : it->second) {
                const Function& f = p_.files[ref.file].functions[ref.fn];
                const bool reachable = f.owner.empty() || self_call || (short_receiver && !caller_owner.empty() && caller_owner == f.owner) ||
                                       (!receiver.empty() && vocab::to_lower(f.owner) == receiver && caller_owner != f.owner) ||
                                       (!receiver.empty() && receiver.size() > 1 && vocab::to_lower(f.owner).find(receiver) != std::string::npos &&
                                        caller_owner != f.owner);
                if ((pass == 0) == (ref.file == c.file) && reachable) {
                    out.push_back(ref);
                }
            }
        }
        if (out.empty() && short_receiver == false && dot != std::string::npos && receiver.size() >= 2 &&
            e.text.find('.') == dot && std::isupper(static_cast<unsigned char>(last.front())) != 0) {
            // (Exported names only: Go and C# methods. args.push(x) is not Lead.push.)
            // req.Get(...) on an interface or a variable of unknown type: the project's only
            // method of that name, if there is exactly one.
            std::vector<Project::Impl::FnRef> methods;
            for (const auto& ref : it->second) {
                if (!p_.files[ref.file].functions[ref.fn].owner.empty()) {
                    methods.push_back(ref);
                }
            }
            if (methods.size() == 1) {
                out = methods;
            }
        }
        if (out.size() > 4) {
            out.resize(4); // a name defined everywhere (get, run) is not a path builder to follow
        }
        return out;
    }

    Frame bind(const Expr& e, const Context& c, const Project::Impl::FnRef& ref, int depth) {
        const Function& f = p_.files[ref.file].functions[ref.fn];
        Frame frame;
        frame.file = ref.file;
        frame.function = static_cast<int>(ref.fn);
        frame.caller = c.frame;
        std::size_t param = 0;
        if (!f.params.empty() && (f.params[0] == "self" || f.params[0] == "cls") && e.text.find('.') != std::string::npos) {
            ++param;
        }
        Alt all;
        all.kind = Alt::Kind::List;
        std::vector<Value> rest_items;
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            const std::string key = i < e.keys.size() ? e.keys[i] : std::string();
            Value v = eval(*e.items[i], c, depth + 1);
            if (key.empty()) {
                all.items.push_back(v.empty() ? std::string(1, kHole) : as_text(v.front()));
            }
            if (!key.empty()) {
                frame.bound[key] = std::move(v);
            } else if (f.rest_param >= 0 && param >= static_cast<std::size_t>(f.rest_param)) {
                rest_items.push_back(std::move(v));
            } else if (param < f.params.size()) {
                frame.bound[f.params[param++]] = std::move(v);
            }
        }
        if (f.rest_param >= 0 && static_cast<std::size_t>(f.rest_param) < f.params.size()) {
            Alt list;
            list.kind = Alt::Kind::List;
            for (const auto& v : rest_items) {
                list.items.push_back(v.empty() ? std::string(1, kHole) : as_text(v.front()));
            }
            frame.bound[f.params[static_cast<std::size_t>(f.rest_param)]] = Value{list};
        }
        // Defaults for what the call leaves out.
        for (std::size_t i = 0; i < f.params.size(); ++i) {
            if (frame.bound.count(f.params[i]) == 0 && i < f.defaults.size() && f.defaults[i]) {
                frame.bound[f.params[i]] = eval(*f.defaults[i], Context{ref.file, f.scope, nullptr}, depth + 1);
            }
        }
        frame.arguments = Value{all};
        return frame;
    }

    Value apply_function(const Expr& e, const Context& c, int depth) {
        Value out;
        for (const auto& ref : targets(e, c)) {
            const Function& f = p_.files[ref.file].functions[ref.fn];
            if (f.returns.empty() || on_stack(ref, c.frame) || depth > kMaxDepth - 4) {
                continue;
            }
            const Frame frame = bind(e, c, ref, depth);
            for (const auto& r : f.returns) {
                add(out, eval(*r, Context{ref.file, f.scope, &frame}, depth + 1));
            }
            note(f.qualified + "()");
        }
        return out.empty() ? hole() : out;
    }

    static bool on_stack(const Project::Impl::FnRef& ref, const Frame* frame) {
        for (const Frame* f = frame; f != nullptr; f = f->caller) {
            if (f->file == ref.file && f->function == static_cast<int>(ref.fn)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ methods

    // The expressions assigned to `n` in the innermost scope (of this file) that assigns it.
    std::vector<const Expr*> assigned(const std::string& n, const Context& c) const {
        std::vector<const Expr*> out;
        const FileIR& file = p_.files[c.file];
        const auto it = p_.defs.find(n);
        if (it == p_.defs.end()) {
            return out;
        }
        for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
            for (const auto& ref : it->second) {
                if (ref.file == c.file && file.definitions[ref.def].scope == s) {
                    out.push_back(file.definitions[ref.def].value.get());
                }
            }
            if (!out.empty()) {
                return out;
            }
        }
        return out;
    }

    // A tunnelled method: `_method: 'GET'` anywhere in what the call sends (an options object,
    // a variable built with _.extend(...), form data, "?_method=GET" in a body string).
    std::string tunnel(const Expr& e, const Context& c, int depth) {
        if (depth > 6) {
            return {};
        }
        switch (e.op) {
        case Op::Dict:
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                if (i < e.keys.size() && e.keys[i] == "_method") {
                    const Value v = eval(*e.items[i], c, depth + 1);
                    if (v.size() == 1 && v[0].kind == Alt::Kind::Str && !verb(v[0].text).empty()) {
                        return verb(v[0].text);
                    }
                } else if (auto m = tunnel(*e.items[i], c, depth + 1); !m.empty()) {
                    return m;
                }
            }
            return {};
        case Op::Call:
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                if (i < e.keys.size() && e.keys[i] == "_method") {
                    const Value v = eval(*e.items[i], c, depth + 1);
                    if (v.size() == 1 && v[0].kind == Alt::Kind::Str && !verb(v[0].text).empty()) {
                        return verb(v[0].text);
                    }
                }
                if (auto m = tunnel(*e.items[i], c, depth + 1); !m.empty()) {
                    return m;
                }
            }
            return {};
        case Op::Name:
            for (const Expr* value : assigned(e.text, c)) {
                if (auto m = tunnel(*value, c, depth + 1); !m.empty()) {
                    return m;
                }
            }
            return {};
        case Op::Str: {
            const std::size_t at = e.text.find("_method=");
            if (at != std::string::npos && (at == 0 || e.text[at - 1] == '&' || e.text[at - 1] == '?')) {
                return verb(e.text.substr(at + 8, e.text.find('&', at) == std::string::npos ? std::string::npos : e.text.find('&', at) - at - 8));
            }
            return {};
        }
        default:
            return {};
        }
    }

    // The HTTP method a call sends: an argument or option naming it, the callee's name, or a
    // tunnelled _method (which wins: it is what Marketo executes).
    std::string method_of(const Expr& e, const Context& c, int depth, std::string& tunnelled) {
        std::string found;
        for (std::size_t i = 1; i < e.items.size() && tunnelled.empty(); ++i) {
            tunnelled = tunnel(*e.items[i], c, depth + 1); // after the URL: options, body, form data
        }
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            const std::string key = i < e.keys.size() ? vocab::to_lower(e.keys[i]) : std::string();
            const Expr& item = *e.items[i];
            if (key == "_method") {
                const Value v = eval(item, c, depth + 1);
                if (v.size() == 1 && !verb(as_text(v[0])).empty()) {
                    tunnelled = verb(as_text(v[0]));
                }
                continue;
            }
            if (item.op == Op::Member) {
                // HttpMethod.Post, http.MethodPost, Method::POST, :post
                const std::string l = last_component(item.text);
                const std::string v = verb(l).empty() ? verb_of_name(l) : verb(l);
                if (!v.empty() && found.empty() && (item.text.find("ethod") != std::string::npos || item.text.find("http") == 0)) {
                    found = v;
                }
                continue;
            }
            if (item.op != Op::Str && item.op != Op::Name && item.op != Op::Dict && item.op != Op::Member) {
                continue;
            }
            const Value v = eval(item, c, depth + 1);
            for (const Alt& a : v) {
                if (a.kind == Alt::Kind::Str) {
                    const std::string m = verb(a.text);
                    if (!m.empty() && (key.empty() || key == "method" || key == "type" || key == "verb" || key == "http_method" ||
                                       key == "httpmethod" || key == "request_method")) {
                        if (found.empty() || found == m) {
                            found = m;
                        } else {
                            return {}; // the argument takes several values
                        }
                    }
                } else if (a.kind == Alt::Kind::Dict) {
                    for (std::size_t k = 0; k < a.keys.size() && k < a.items.size(); ++k) {
                        const std::string dk = vocab::to_lower(a.keys[k]);
                        const std::string m = verb(a.items[k]);
                        if (m.empty()) {
                            continue;
                        }
                        if (dk == "_method") {
                            tunnelled = m;
                        } else if (dk == "method" || dk == "type" || dk == "verb" || dk == "httpmethod" || dk == "http_method") {
                            found = found.empty() ? m : found;
                        }
                    }
                }
            }
        }
        if (!found.empty()) {
            return found;
        }
        std::string last = last_component(e.text);
        if (last == "new" && e.text.find('.') != std::string::npos) {
            last = last_component(e.text.substr(0, e.text.rfind('.'))); // Net::HTTP::Post.new(uri)
        }
        if (e.text.rfind("new ", 0) == 0) {
            last = last_component(e.text.substr(4));
        }
        if (last == "del" || last == "destroy") {
            return "DELETE"; // restler, superagent, Faraday-style clients
        }
        if (last == "fetch" && e.items.size() == 1) {
            return "GET"; // the Fetch API's default
        }
        return verb_of_name(last);
    }

private:
    const Project::Impl& p_;
    std::set<std::pair<std::uint32_t, std::uint32_t>> active_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, Value> memo_;
};

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
};

} // namespace

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

void Project::for_each_call_edge(const std::function<void(const std::string&, const std::string&)>& visit) const {
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
                visit(file.functions[static_cast<std::size_t>(site.function)].qualified, p.files[ref.file].functions[ref.fn].qualified);
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

} // namespace

void Project::evaluate(const std::vector<SdkMap>& sdks, const SightingSink& sink) const {
    Impl& p = *impl_;
    p.index();
    Evaluator ev(p);
    std::vector<Found> found;

    // Calls: each argument's paths, with the call's method; wrappers inlined at their call sites.
    std::function<void(const Expr&, const Context&, std::uint32_t, std::uint32_t, int, int, const std::string&)> visit_call;
    visit_call = [&](const Expr& call, const Context& c, std::uint32_t at_file, std::uint32_t at_line, int at_function, int inline_depth,
                     const std::string& through) {
        std::string tunnelled;
        ev.via.clear();
        const std::string method = ev.method_of(call, c, 0, tunnelled);
        for (std::size_t i = 0; i < call.items.size(); ++i) {
            ev.via.clear();
            const Value v = ev.eval(*call.items[i], c, 0);
            for (const auto& path : paths_in(v)) {
                std::string derivation = describe(*call.items[i], ev.via);
                if (!through.empty()) {
                    derivation += (derivation == "literal" ? " passed to " : ", through ") + through;
                }
                found.push_back(Found{tunnelled.empty() ? method : tunnelled, path, at_file, at_line, at_function, derivation, {}, ev.via});
                if (!through.empty()) {
                    found.back().via.push_back(through);
                }
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
            for (std::size_t k : f.calls) {
                const CallSite& inner = p.files[ref.file].calls[k];
                visit_call(*inner.call, Context{ref.file, inner.scope, &frame}, at_file, at_line, at_function, inline_depth + 1,
                           f.qualified + "()");
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
        for (const CallSite& site : file.calls) {
            visit_call(*site.call, Context{f, site.scope, nullptr}, f, site.call->line, site.function, 0, {});
        }
        // Definitions, returns and loose strings: paths with no call around them.
        auto loose = [&](const Expr& e, int scope, int function, const std::string& origin) {
            ev.via.clear();
            const Value v = ev.eval(e, Context{f, scope, nullptr}, 0);
            for (const auto& path : paths_in(v)) {
                found.push_back(Found{{}, path, f, e.line, function, describe(e, ev.via), {}, ev.via, origin});
            }
        };
        for (const Definition& d : file.definitions) {
            if (d.value->op != Op::Elements) {
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
        std::map<std::string, const SdkMethod*> by_name;
        std::set<std::string> namespaces;
        for (const auto& m : sdk.methods) {
            by_name[m.name] = &m;
            if (m.name.find('.') != std::string::npos) {
                namespaces.insert(m.name.substr(0, m.name.rfind('.')));
            }
        }
        // The SDK is used when any file imports it (a scoped fork, @acme/node-marketo-rest, too):
        // the client object is often created in one file and passed to the others.
        bool uses = false;
        for (const FileIR& file : p.files) {
            for (const auto& imported : file.imports) {
                for (const auto& module : sdk.modules) {
                    const bool scoped = imported.size() > module.size() && imported[imported.size() - module.size() - 1] == '/' &&
                                        imported.compare(imported.size() - module.size(), module.size(), module) == 0;
                    uses = uses || imported == module || scoped || imported.rfind(module + ".", 0) == 0 ||
                           imported.rfind(module + "/", 0) == 0;
                }
            }
        }
        if (!uses) {
            continue;
        }
        for (std::uint32_t f = 0; f < p.files.size(); ++f) {
            const FileIR& file = p.files[f];
            for (const CallSite& site : file.calls) {
                const Expr& call = *site.call;
                std::string method_name;
                if (sdk.style == "dispatch") {
                    if (last_component(call.text) != sdk.dispatch_function) {
                        // client.get_lead_by_id(...) called directly
                        const auto direct = by_name.find(last_component(call.text));
                        if (call.text.find('.') != std::string::npos && direct != by_name.end()) {
                            for (const auto& op : direct->second->operations) {
                                found.push_back(Found{op.substr(0, op.find(' ')), op.substr(op.find(' ') + 1), f, call.line, site.function,
                                                      "SDK " + sdk.name + "@" + sdk.version + " " + direct->first + " (" +
                                                          direct->second->source + ")",
                                                      {}});
                            }
                        }
                        continue;
                    }
                    const Expr* name_arg = nullptr;
                    for (std::size_t i = 0; i < call.items.size(); ++i) {
                        const std::string key = i < call.keys.size() ? call.keys[i] : std::string();
                        if (key == sdk.dispatch_argument || (key.empty() && name_arg == nullptr)) {
                            name_arg = call.items[i].get();
                            if (key == sdk.dispatch_argument) {
                                break;
                            }
                        }
                    }
                    if (name_arg == nullptr) {
                        continue;
                    }
                    ev.via.clear();
                    const Value v = ev.eval(*name_arg, Context{f, site.scope, nullptr}, 0);
                    for (const Alt& a : v) {
                        if (a.kind != Alt::Kind::Str) {
                            continue;
                        }
                        if (is_hole_text(a.text)) {
                            found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " " + sdk.dispatch_function +
                                                  "() with a method name decided at run time",
                                                  "SDK " + sdk.name + ": " + sdk.dispatch_function + "(method={x})"});
                            continue;
                        }
                        const auto it = by_name.find(a.text);
                        if (it == by_name.end()) {
                            found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " method not in the map",
                                                  "SDK " + sdk.name + ": " + a.text + " (not in the map)"});
                            continue;
                        }
                        for (const auto& op : it->second->operations) {
                            found.push_back(Found{op.substr(0, op.find(' ')), op.substr(op.find(' ') + 1), f, call.line, site.function,
                                                  "SDK " + sdk.name + "@" + sdk.version + " " + a.text + " (" + it->second->source + ")", {}});
                        }
                    }
                    continue;
                }
                // member style: x.lead.find(...) where lead is one of the SDK's namespaces
                const std::string& text = call.text;
                const std::size_t last_dot = text.rfind('.');
                if (last_dot == std::string::npos) {
                    continue;
                }
                const std::string head = text.substr(0, last_dot);
                const std::string ns = last_component(head);
                const std::string qualified = ns + "." + text.substr(last_dot + 1);
                if (namespaces.count(ns) == 0 || head.find('.') == std::string::npos) {
                    continue;
                }
                const auto it = by_name.find(qualified);
                if (it == by_name.end()) {
                    found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " method not in the map",
                                          "SDK " + sdk.name + ": " + qualified + " (not in the map)"});
                    continue;
                }
                for (const auto& op : it->second->operations) {
                    found.push_back(Found{op.substr(0, op.find(' ')), op.substr(op.find(' ') + 1), f, call.line, site.function,
                                          "SDK " + sdk.name + "@" + sdk.version + " " + qualified + " (" + it->second->source + ")", {}});
                }
            }
        }
    }

    // A path seen without a method where it is also sent with one (a constant and the call that
    // uses it) is that call; one line's duplicates are one sighting.
    std::set<std::string> sent;                                   // path + origin it was evaluated through
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> sent_at; // file, line, path
    for (const Found& x : found) {
        if (!x.method.empty()) {
            sent_at.emplace(x.file, x.line, x.path);
            for (const auto& name : x.via) {
                sent.insert(x.path + '\x02' + name);
                sent.insert(x.path + '\x02' + last_component(name));
            }
        }
    }
    // A path with no method that merely passes on a definition reported itself (return LIST_LEADS)
    // is that definition's sighting.
    std::set<std::string> defined;
    for (const Found& x : found) {
        if (x.method.empty() && !x.origin.empty()) {
            defined.insert(x.path + '\x02' + x.origin);
        }
    }
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::string>> seen;
    for (Found& x : found) {
        if (x.method.empty() && x.target_override.empty() &&
            std::any_of(x.via.begin(), x.via.end(), [&](const std::string& n) { return n != x.origin && defined.count(x.path + '\x02' + n) != 0; })) {
            continue;
        }
        if (x.target_override.empty() && x.method.empty() &&
            (sent_at.count({x.file, x.line, x.path}) != 0 ||
             (!x.origin.empty() && (sent.count(x.path + '\x02' + x.origin) != 0 ||
                                    sent.count(x.path + '\x02' + last_component(x.origin)) != 0)))) {
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

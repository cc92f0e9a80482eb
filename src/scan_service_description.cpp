// Service descriptions: finds the records of a JSON, YAML or XML file that carry an HTTP method
// and a URI, and resolves each URI against the bases in scope (see the header).
#include "minrole/scan_service_description.hpp"

#include "minrole/error.hpp"
#include "minrole/redact.hpp"
#include "minrole/source.hpp"
#include "yaml_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace minrole {

namespace {

constexpr std::array<std::string_view, 5> kHttpMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
// Keys (JSON, YAML) and attribute or child-element names (XML) that hold a record's method,
// its URI, and the base the URIs in scope are relative to. Compared without case, '-' or '_'.
constexpr std::array<std::string_view, 5> kMethodKeys{"httpmethod", "method", "verb", "requestmethod", "httpverb"};
constexpr std::array<std::string_view, 10> kUriKeys{"uri",         "url",          "path",         "endpoint", "uritemplate",
                                                     "relativeurl", "resourcepath", "urlpath",      "urltemplate", "requesturi"};
constexpr std::array<std::string_view, 5> kBaseKeys{"baseurl", "baseuri", "basepath", "urlbase", "baseaddress"};
// Where Marketo's APIs are rooted: a URI that starts here is absolute whatever the base.
constexpr std::array<std::string_view, 5> kRoots{"/rest/", "/bulk/", "/identity/", "/userservice/", "/subscriptions/"};
constexpr std::size_t kMaxXmlDepth = 256;
// Descriptions are small (Adobe's largest spec is 0.5 MB); yaml-cpp holds a parsed document in
// about fifty times its size, so bigger files are not read as descriptions.
constexpr std::size_t kMaxDescriptionBytes = 2u << 20;

std::string folded_key(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c != '-' && c != '_' && c != '.') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view key) {
    const std::string f = folded_key(key);
    return std::find(list.begin(), list.end(), f) != list.end();
}

// "get", "Get", " GET " -> "GET"; anything that is not one of kHttpMethods -> "".
std::string http_method(std::string_view value) {
    std::string upper;
    for (const char c : value) {
        if (std::isspace(static_cast<unsigned char>(c)) == 0) {
            upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return std::find(kHttpMethods.begin(), kHttpMethods.end(), upper) != kHttpMethods.end() ? upper : std::string();
}

// A URI as a description writes one: not empty, no whitespace ("GET /rest/v1/x.json" is a label
// naming an operation, as minrole's own reports and many documents carry, not a URI).
std::string normalise_placeholders(std::string_view uri);
bool looks_like_uri(std::string_view value) {
    const std::string uri = normalise_placeholders(value); // "{{ id }}" is a placeholder, not a space
    return !uri.empty() && std::none_of(uri.begin(), uri.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) != 0;
    });
}

bool mentions_marketo(std::string_view text) {
    std::string lower(text.substr(0, std::min<std::size_t>(text.size(), 8u << 20)));
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower.find("marketo") != std::string::npos || lower.find("mktorest") != std::string::npos;
}

// The name a placeholder expression stands for: its last identifier ("uri.var.leadId" ->
// "leadId", "config['domain']" -> "domain"), or "x".
std::string placeholder_name(std::string_view expression) {
    std::size_t end = expression.size();
    while (end > 0 && std::isalnum(static_cast<unsigned char>(expression[end - 1])) == 0 && expression[end - 1] != '_') {
        --end;
    }
    std::size_t start = end;
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(expression[start - 1])) != 0 || expression[start - 1] == '_')) {
        --start;
    }
    return start == end ? std::string("x") : std::string(expression.substr(start, end - start));
}

// Every placeholder form as {name}: {{ expr }} (Jinja, connector manifests), ${expr}, #[expr]
// (Mule), {expr} (URI templates, Guzzle, WSO2's {uri.var.x}) and :name at the start of a segment.
std::string normalise_placeholders(std::string_view uri) {
    std::string out;
    for (std::size_t i = 0; i < uri.size();) {
        const auto closing = [&](std::size_t from, std::string_view close) {
            const std::size_t at = uri.find(close, from);
            return at == std::string_view::npos ? uri.size() : at;
        };
        std::size_t open = 0;
        std::string_view close;
        if (uri.substr(i, 2) == "{{") {
            open = 2;
            close = "}}";
        } else if (uri.substr(i, 2) == "${" || uri.substr(i, 2) == "#{") {
            open = 2;
            close = "}";
        } else if (uri.substr(i, 2) == "#[") {
            open = 2;
            close = "]";
        } else if (uri[i] == '{') {
            open = 1;
            close = "}";
        } else if (uri[i] == ':' && i > 0 && uri[i - 1] == '/' && i + 1 < uri.size() &&
                   (std::isalpha(static_cast<unsigned char>(uri[i + 1])) != 0 || uri[i + 1] == '_')) {
            std::size_t end = i + 1;
            while (end < uri.size() && (std::isalnum(static_cast<unsigned char>(uri[end])) != 0 || uri[end] == '_')) {
                ++end;
            }
            out += "{" + std::string(uri.substr(i + 1, end - i - 1)) + "}";
            i = end;
            continue;
        }
        if (open == 0) {
            out += uri[i++];
            continue;
        }
        const std::size_t end = closing(i + open, close);
        out += "{" + placeholder_name(uri.substr(i + open, end - i - open)) + "}";
        i = std::min(uri.size(), end + close.size());
    }
    return out;
}

// Drops a scheme and host ("https://{munchkin}.mktorest.com/rest" -> "/rest") and a leading
// placeholder standing for one ("{base}/rest/v1/..." -> "/rest/v1/...", "{base}" -> "").
std::string strip_origin(std::string uri) {
    const std::size_t scheme = uri.find("://");
    if (scheme != std::string::npos && uri.find('/') > scheme) {
        const std::size_t slash = uri.find('/', scheme + 3);
        uri = slash == std::string::npos ? std::string() : uri.substr(slash);
    }
    while (!uri.empty() && uri.front() == '{') {
        const std::size_t close = uri.find('}');
        if (close == std::string::npos) {
            break;
        }
        uri.erase(0, close + 1);
    }
    return uri;
}

bool rooted(std::string_view path) {
    return std::any_of(kRoots.begin(), kRoots.end(), [&](std::string_view root) {
        return path.substr(0, root.size()) == root || path == root.substr(0, root.size() - 1);
    });
}

// "/rest/../bulk/v1/x" -> "/bulk/v1/x"; "." segments and doubled slashes dropped. The query
// string is kept as it is.
std::string remove_dot_segments(const std::string& target) {
    const std::size_t query = target.find('?');
    const std::string path = target.substr(0, query);
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& s : segments) {
        out += "/" + s;
    }
    if (out.empty()) {
        out = "/";
    }
    return query == std::string::npos ? out : out + target.substr(query);
}

std::string join_path(const std::string& base, const std::string& uri) {
    std::string left = base;
    while (!left.empty() && left.back() == '/') {
        left.pop_back();
    }
    std::size_t skip = 0;
    while (skip < uri.size() && uri[skip] == '/') {
        ++skip;
    }
    return remove_dot_segments(left + "/" + uri.substr(skip));
}

class Collector {
public:
    explicit Collector(ServiceDescription& d) : d_(d) {}
    void add(std::string method, const std::string& uri, std::string name, std::uint64_t line, const std::string& base) {
        if (d_.operations.size() < kMaxDescribedOperations) {
            d_.operations.push_back({std::move(method), normalise_placeholders(uri), std::move(name), line, base});
        } else {
            ++d_.operations_left_out;
        }
    }

private:
    ServiceDescription& d_;
};

// --- JSON and YAML (yaml-cpp reads both, with line numbers) ---------------------------------

std::string scalar_or_empty(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

std::uint64_t line_of(const YAML::Node& node) {
    return static_cast<std::uint64_t>(node.Mark().line) + 1;
}

void walk_tree(const YAML::Node& node, const std::string& name, std::string base, std::size_t depth, Collector& out) {
    if (depth > 64) {
        return;
    }
    if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            walk_tree(node[i], name, base, depth + 1, out);
        }
        return;
    }
    if (!node.IsMap()) {
        return;
    }
    std::string method;
    YAML::Node uri;
    bool has_uri = false; // (a default YAML::Node converts to true: it is not "undefined")
    for (const auto& entry : node) {
        const std::string key = scalar_or_empty(entry.first);
        if (one_of(kBaseKeys, key) && entry.second.IsScalar()) {
            base = entry.second.Scalar();
        } else if (one_of(kMethodKeys, key) && entry.second.IsScalar()) {
            method = http_method(entry.second.Scalar());
        } else if (one_of(kUriKeys, key) && entry.second.IsScalar() && looks_like_uri(entry.second.Scalar())) {
            uri = entry.second;
            has_uri = true;
        }
    }
    if (!method.empty() && has_uri) {
        out.add(method, uri.Scalar(), name, line_of(uri), base);
    }
    for (const auto& entry : node) {
        if (entry.second.IsMap() || entry.second.IsSequence()) {
            walk_tree(entry.second, scalar_or_empty(entry.first), base, depth + 1, out);
        }
    }
}

// OpenAPI 3 / Swagger 2: paths: {"/x": {get: {operationId}, post: ...}} under basePath or servers.
void walk_openapi(const YAML::Node& root, Collector& out) {
    std::string base = scalar_or_empty(root["basePath"]);
    if (const YAML::Node servers = root["servers"]; servers && servers.IsSequence() && servers.size() > 0) {
        base = scalar_or_empty(servers[0]["url"]);
    }
    for (const auto& path : root["paths"]) {
        if (!path.second.IsMap()) {
            continue;
        }
        for (const auto& operation : path.second) {
            const std::string method = http_method(scalar_or_empty(operation.first));
            if (method.empty()) {
                continue;
            }
            std::string name = scalar_or_empty(operation.second.IsMap() ? operation.second["operationId"] : YAML::Node());
            out.add(method, scalar_or_empty(path.first), name.empty() ? method + " " + scalar_or_empty(path.first) : name,
                    line_of(operation.first), base);
        }
    }
}

void read_tree(const std::string& file, std::string_view text, ServiceDescription& d) {
    const YAML::Node root = yaml::parse(SourceFile{file, std::string(text)});
    Collector out(d);
    if (root.IsMap() && root["paths"] && root["paths"].IsMap() && (root["openapi"] || root["swagger"])) {
        walk_openapi(root, out);
    } else {
        walk_tree(root, "", "", 0, out);
    }
}

// --- XML (expat: no external entities, entity amplification capped) ------------------------

struct XmlFrame {
    std::string name;
    std::uint64_t line = 0;
    std::string method; // from an attribute or a child element
    std::string uri;
    std::string text;   // character data of this element
};

struct XmlState {
    XML_Parser parser = nullptr;
    Collector* out = nullptr;
    std::vector<XmlFrame> stack;
    std::size_t ignored_depth = 0; // elements past kMaxXmlDepth
    std::string base;
};

std::string local_name(const char* qualified) {
    const std::string name(qualified);
    const std::size_t colon = name.rfind(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

void XMLCALL on_start(void* data, const XML_Char* element, const XML_Char** attributes) {
    auto& s = *static_cast<XmlState*>(data);
    if (s.stack.size() >= kMaxXmlDepth) {
        ++s.ignored_depth;
        return;
    }
    XmlFrame frame;
    frame.name = local_name(element);
    frame.line = static_cast<std::uint64_t>(XML_GetCurrentLineNumber(s.parser));
    for (std::size_t i = 0; attributes[i] != nullptr && attributes[i + 1] != nullptr; i += 2) {
        const std::string key = local_name(attributes[i]);
        if (one_of(kMethodKeys, key)) {
            frame.method = http_method(attributes[i + 1]);
        } else if (one_of(kUriKeys, key) && looks_like_uri(attributes[i + 1])) {
            frame.uri = attributes[i + 1];
        } else if (one_of(kBaseKeys, key) && s.base.empty()) {
            s.base = attributes[i + 1];
        }
    }
    s.stack.push_back(std::move(frame));
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
    auto& s = *static_cast<XmlState*>(data);
    if (s.ignored_depth == 0 && !s.stack.empty() && s.stack.back().text.size() < 4096) {
        s.stack.back().text.append(text, static_cast<std::size_t>(length));
    }
}

std::string trimmed(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

void XMLCALL on_end(void* data, const XML_Char* /*element*/) {
    auto& s = *static_cast<XmlState*>(data);
    if (s.ignored_depth > 0) {
        --s.ignored_depth;
        return;
    }
    if (s.stack.empty()) {
        return;
    }
    XmlFrame frame = std::move(s.stack.back());
    s.stack.pop_back();
    if (!frame.method.empty() && !frame.uri.empty()) {
        s.out->add(frame.method, frame.uri, frame.name, frame.line, s.base);
        return;
    }
    // <method>GET</method> and <uri>...</uri> as child elements of the record.
    if (!s.stack.empty()) {
        XmlFrame& parent = s.stack.back();
        const std::string text = trimmed(frame.text);
        if (one_of(kMethodKeys, frame.name) && parent.method.empty()) {
            parent.method = http_method(text);
        } else if (one_of(kUriKeys, frame.name) && parent.uri.empty() && looks_like_uri(text)) {
            parent.uri = text;
        } else if (one_of(kBaseKeys, frame.name) && s.base.empty() && !text.empty()) {
            s.base = text;
        }
    }
}

void read_xml(std::string_view text, ServiceDescription& d) {
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                                               &XML_ParserFree);
    if (!parser) {
        throw std::bad_alloc();
    }
    Collector out(d);
    XmlState state;
    state.parser = parser.get();
    state.out = &out;
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    // In chunks: XML_Parse takes an int length.
    constexpr std::size_t kChunk = 1u << 20;
    for (std::size_t at = 0;; at += kChunk) {
        const std::string_view chunk = text.substr(std::min(at, text.size()), kChunk);
        const bool last = at + kChunk >= text.size();
        if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), last ? 1 : 0) == XML_STATUS_ERROR) {
            d.operations.clear(); // not a well-formed document: not a description
            return;
        }
        if (last) {
            break;
        }
    }
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

bool is_service_description_file(std::string_view path) {
    std::string lower(path);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return ends_with(lower, ".json") || ends_with(lower, ".yaml") || ends_with(lower, ".yml") || ends_with(lower, ".xml");
}

bool is_minrole_report(std::string_view text) {
    // The marker sits at the top of every report: JSON `"schema": "minrole/<shape>/v1"` (with
    // `"tool": {"name": "minrole", ...}`), YAML `schema: minrole/<shape>/v1`, and SARIF's
    // `"driver": {"name": "minrole"`.
    const std::string_view head = text.substr(0, 4096);
    const auto value_after = [&](std::size_t key_end) {
        std::size_t at = key_end;
        while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ' || head[at] == '\t')) {
            ++at;
        }
        if (at >= head.size() || head[at] != ':') {
            return std::string_view();
        }
        ++at;
        while (at < head.size() && (head[at] == '"' || head[at] == '\'' || std::isspace(static_cast<unsigned char>(head[at])) != 0)) {
            ++at;
        }
        return head.substr(at);
    };
    for (std::size_t at = head.find("schema"); at != std::string_view::npos; at = head.find("schema", at + 1)) {
        if (value_after(at + 6).substr(0, 8) == "minrole/") {
            return true;
        }
    }
    const std::size_t driver = head.find("\"driver\"");
    if (driver != std::string_view::npos) {
        for (std::size_t at = head.find("\"name\"", driver); at != std::string_view::npos && at < driver + 200;
             at = head.find("\"name\"", at + 1)) {
            if (value_after(at + 5).substr(0, 8) == "minrole\"") {
                return true;
            }
        }
    }
    return false;
}

std::optional<ServiceDescription> read_service_description(const std::string& file, std::string_view text) {
    if (text.size() > kMaxDescriptionBytes || is_minrole_report(text)) {
        return std::nullopt;
    }
    // Cheap first: no key that could name a method, no description.
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const bool openapi = lower.find("paths") != std::string::npos &&
                         (lower.find("swagger") != std::string::npos || lower.find("openapi") != std::string::npos);
    if (!openapi && lower.find("method") == std::string::npos && lower.find("verb") == std::string::npos) {
        return std::nullopt;
    }
    ServiceDescription d;
    d.file = file;
    const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool xml = first != std::string_view::npos && text[first] == '<';
    std::string name = file;
    for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    d.format = xml ? "xml" : ends_with(name, ".json") ? "json" : "yaml";
    try {
        if (xml) {
            read_xml(text, d);
        } else {
            read_tree(file, text, d);
        }
    } catch (const Error&) {
        return std::nullopt; // not valid JSON or YAML, or past the reader's limits
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    if (d.operations.empty()) {
        return std::nullopt;
    }
    d.mentions_marketo = mentions_marketo(text);
    return d;
}

void collect_api_bases(const std::string& file, std::string_view text, std::vector<ApiBase>& bases) {
    const auto is_quote = [](char c) { return c == '"' || c == '\'' || c == '`'; };
    // The version after "/v": digits, a format verb (%d, %s), or an interpolation ({}, {0},
    // ${v}, #{v}, {{v}}). Returns its length, 0 when there is none.
    const auto version_hole = [&](std::size_t at) -> std::size_t {
        if (at >= text.size()) {
            return 0;
        }
        if (std::isdigit(static_cast<unsigned char>(text[at])) != 0) {
            std::size_t end = at;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) != 0) {
                ++end;
            }
            return end - at;
        }
        if (text[at] == '%' && at + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[at + 1])) != 0) {
            return 2;
        }
        std::size_t open = text[at] == '{' ? 1 : (text.substr(at, 2) == "${" || text.substr(at, 2) == "#{") ? 2 : 0;
        if (open == 0) {
            return 0;
        }
        const std::size_t close = text.find('}', at + open);
        if (close == std::string_view::npos || close - at > 40) {
            return 0;
        }
        return close + 1 - at + (text.substr(close + 1, 1) == "}" ? 1 : 0);
    };
    std::uint64_t line = 1;
    std::size_t counted = 0;
    for (std::size_t at = text.find('/'); at != std::string_view::npos; at = text.find('/', at + 1)) {
        std::string_view root;
        if (text.substr(at, 5) == "/rest") {
            root = "/rest";
        } else if (text.substr(at, 5) == "/bulk") {
            root = "/bulk";
        } else {
            continue;
        }
        std::size_t end = at + root.size();
        std::string path(root);
        if (root == "/rest" && text.substr(end, 6) == "/asset") {
            end += 6;
            path += "/asset";
        }
        if (text.substr(end, 2) == "/v") {
            if (const std::size_t hole = version_hole(end + 2); hole != 0) {
                end += 2 + hole;
                path += "/v1";
            } else if (end + 2 < text.size() && is_quote(text[end + 2])) {
                end += 2; // "/rest/v" + version
                path += "/v1";
            } else {
                continue;
            }
        }
        if (end < text.size() && text[end] == '/') {
            ++end;
        }
        if (end >= text.size() || !is_quote(text[end]) || path == "/bulk" || path == "/rest/asset") {
            continue;
        }
        line += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                                      text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        counted = at;
        if (std::none_of(bases.begin(), bases.end(), [&](const ApiBase& b) { return b.path == path; })) {
            bases.push_back({path, file + ":" + std::to_string(line)});
        }
    }
}

void describe_sightings(const ServiceDescription& description, const std::vector<ApiBase>& project_bases,
                        const OperationExists& exists, const SightingSink& sink) {
    // Bases in order of preference: the REST API before the bulk one, as Marketo clients use them.
    std::vector<ApiBase> bases = project_bases;
    const auto rank = [](const std::string& path) {
        return path == "/rest/v1" ? 0 : path == "/rest" ? 1 : path == "/rest/asset/v1" ? 2 : 3;
    };
    std::stable_sort(bases.begin(), bases.end(), [&](const ApiBase& a, const ApiBase& b) { return rank(a.path) < rank(b.path); });
    // Nothing in the project says where the URIs are rooted: Marketo's usual roots, in order,
    // and only the first under which the operation exists (a guess is not widened to the rest).
    const bool guessed = bases.empty();
    if (guessed) {
        bases = {{"/rest/v1", "Marketo's REST root"}, {"/rest", "Marketo's REST root"}, {"/bulk/v1", "Marketo's bulk root"}};
    }
    for (const DescribedOperation& op : description.operations) {
        const std::string uri = strip_origin(op.uri);
        std::vector<std::pair<std::string, std::string>> candidates; // target, where its base comes from
        if (rooted(uri)) {
            candidates.emplace_back(remove_dot_segments(uri), "");
        } else {
            const std::string own = strip_origin(normalise_placeholders(op.base));
            if (!own.empty()) {
                candidates.emplace_back(join_path(own, uri), "base " + own + " in the same file");
            } else {
                for (const ApiBase& b : bases) {
                    candidates.emplace_back(join_path(b.path, uri), "base " + b.path + " from " + b.where);
                }
            }
        }
        if (!description.mentions_marketo && !rooted(uri)) {
            continue;
        }
        std::vector<std::size_t> chosen;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (exists(op.method, candidates[i].first)) {
                chosen.push_back(i);
                if (guessed) {
                    break;
                }
            }
        }
        if (chosen.empty()) {
            chosen.push_back(0);
        }
        for (const std::size_t i : chosen) {
            Sighting s;
            s.method = op.method;
            s.target = candidates[i].first;
            s.file = description.file;
            s.line = op.line;
            s.snippet = redact("service description: " + (op.name.empty() ? std::string() : op.name + ": ") + op.method +
                               " " + op.uri + (candidates[i].second.empty() ? "" : " (" + candidates[i].second + ")"));
            sink(std::move(s));
        }
    }
}

} // namespace minrole

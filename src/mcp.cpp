#include "minrole/mcp.hpp"

#include "minrole/allows.hpp"
#include "minrole/audit.hpp"
#include "minrole/diff.hpp"
#include "minrole/error.hpp"
#include "minrole/intent.hpp"
#include "minrole/recommend.hpp"
#include "minrole/display.hpp"
#include "minrole/redact.hpp"
#include "minrole/report.hpp"
#include "minrole/role.hpp"
#include "minrole/scan.hpp"
#include "minrole/schema.hpp"
#include "minrole/source.hpp"

#include <nlohmann/json.hpp>

#include <new>

namespace minrole::mcp {

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;

// A tool's failure: reported to the model as a tool result with isError, not a protocol error.
// Its whole text is kept: what() would end at a NUL an argument brought in.
struct ToolError : std::runtime_error {
    explicit ToolError(const std::string& message) : std::runtime_error(message), text(message) {}
    std::string text;
};

std::string redact_lines(std::string_view text) {
    std::string out;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        out += redact(text.substr(0, end));
        if (end == std::string_view::npos) {
            break;
        }
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

// A message for the client: redacted, one line, printable, valid UTF-8 (like a CLI error).
std::string shown(std::string_view text) { return displayable(redact(text)); }

Json error_response(const Json& id, int code, const std::string& message) {
    return Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", shown(message)}}}};
}

Json result_response(const Json& id, Json result) {
    return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

const Json& argument(const Json& args, const char* name) {
    static const Json null;
    const auto it = args.find(name);
    return it == args.end() ? null : *it;
}

std::string string_arg(const Json& args, const char* name, bool required) {
    const Json& v = argument(args, name);
    if (v.is_null()) {
        if (required) {
            throw ToolError(std::string("missing argument '") + name + "'");
        }
        return {};
    }
    if (!v.is_string()) {
        throw ToolError(std::string("argument '") + name + "' must be a string");
    }
    return v.get<std::string>();
}

std::vector<std::string> strings_arg(const Json& args, const char* name) {
    const Json& v = argument(args, name);
    std::vector<std::string> out;
    if (v.is_null()) {
        return out;
    }
    if (!v.is_array()) {
        throw ToolError(std::string("argument '") + name + "' must be a list of strings");
    }
    for (const auto& item : v) {
        if (!item.is_string()) {
            throw ToolError(std::string("argument '") + name + "' must be a list of strings");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

Json schema_object(Json properties, std::vector<std::string> required) {
    Json s{{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
    if (!required.empty()) {
        s["required"] = required;
    }
    return s;
}

Json string_schema(const char* description) { return Json{{"type", "string"}, {"description", description}}; }
Json strings_schema(const char* description) {
    return Json{{"type", "array"}, {"items", {{"type", "string"}}}, {"description", description}};
}

// The report's schema as an MCP outputSchema: the published one without its draft and id
// (clients validate with their own draft).
Json output_schema(std::string_view name) {
    Json s = Json::parse(*find_schema(name));
    s.erase("$schema");
    s.erase("$id");
    return s;
}

Json tool(const char* name, const char* title, const char* description, Json input, const char* report) {
    Json t{{"name", name}, {"title", title}, {"description", description}, {"inputSchema", std::move(input)}};
    if (report != nullptr) {
        t["outputSchema"] = output_schema(report);
    }
    return t;
}

Json tools_list() {
    const Json ops = strings_schema("operations the integration calls: 'METHOD /path', URLs or operationIds");
    const Json intent = string_schema("an intent as YAML text (kind: intent)");
    const Json role = string_schema("a role spec as YAML text (kind: role)");
    Json tools = Json::array();
    tools.push_back(tool("recommend", "Minimal Marketo role",
                         "The smallest Marketo API role, per workspace, that lets these operations through, and why "
                         "each permission is in it. Give operations, an intent, or both.",
                         schema_object({{"operations", ops}, {"intent", intent}, {"service", string_schema("the role's name")}}, {}),
                         "recommendation"));
    tools.push_back(tool("explain", "Explain a permission or endpoint",
                         "What a Marketo permission grants and which endpoints need it, or what an endpoint needs.",
                         schema_object({{"subject", string_schema("a permission name or alias, an operationId, or 'METHOD /path'")}},
                                       {"subject"}),
                         nullptr));
    tools.push_back(tool("audit", "Audit a granted role",
                         "Compare a granted role with what the integration calls: unused, broader and missing permissions.",
                         schema_object({{"role", role}, {"operations", ops}, {"intent", intent},
                                        {"policy", string_schema("a policy as YAML text (kind: policy), optional")},
                                        {"today", string_schema("date exceptions are checked against, YYYY-MM-DD")}},
                                       {"role"}),
                         "audit"));
    tools.push_back(tool("allows", "Blast radius of a role", "Every endpoint a role reaches, by area and kind of power.",
                         schema_object({{"role", role}}, {"role"}), "allows"));
    tools.push_back(tool("diff", "Compare two roles",
                         "Permissions and endpoints a change to a role adds or removes; widens is true when the new role "
                         "reaches an endpoint the old one could not.",
                         schema_object({{"old", string_schema("the role before, YAML text")},
                                        {"new", string_schema("the role after, YAML text")}},
                                       {"old", "new"}),
                         "diff"));
    tools.push_back(tool("scan", "Scan code and logs for Marketo calls",
                         "Find the Marketo REST calls in source code and HTTP logs under the server's working directory.",
                         schema_object({{"paths", strings_schema("files or folders, relative to the working directory")}}, {"paths"}),
                         "scan"));
    return Json{{"tools", tools}};
}

bool below(const fs::path& path, const fs::path& root) {
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (r->empty()) {
            continue;
        }
        if (p == path.end() || *p != *r) {
            return false;
        }
    }
    return true;
}

} // namespace

LineStatus read_line(std::istream& in, std::size_t limit, std::string& line) {
    line.clear();
    bool too_long = false;
    std::streambuf* buffer = in.rdbuf();
    for (;;) {
        const int c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            if (too_long) {
                return LineStatus::TooLong;
            }
            return line.empty() ? LineStatus::End : LineStatus::Line;
        }
        if (c == '\n') {
            return too_long ? LineStatus::TooLong : LineStatus::Line;
        }
        if (too_long) {
            continue;
        }
        if (line.size() >= limit) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
            continue;
        }
        line.push_back(static_cast<char>(c));
    }
}

Server::Server(const Model& model, const Router& router, ServerOptions options)
    : model_(model), router_(router), options_(std::move(options)) {
    std::error_code ec;
    canonical_root_ = fs::canonical(options_.root.empty() ? fs::current_path() : options_.root, ec);
    if (ec) {
        throw Error("mcp: cannot use '" + options_.root.string() + "' as the working directory: " + ec.message());
    }
}

std::string Server::too_large() const {
    return error_response(nullptr, kInvalidRequest,
                          "message longer than " + std::to_string(options_.max_message_bytes) + " bytes")
        .dump();
}

std::optional<std::string> Server::handle(std::string_view message) {
    Json id = nullptr;
    try {
        if (message.size() > options_.max_message_bytes) {
            return too_large();
        }
        try {
            check_json_depth("message", message); // the same pre-parse bound as every JSON input
        } catch (const Error&) {
            return error_response(nullptr, kParseError, "JSON nested deeper than " + std::to_string(max_input_depth()) + " levels").dump();
        }
        Json request = Json::parse(message, nullptr, false);
        if (request.is_discarded()) {
            return error_response(nullptr, kParseError, "parse error: not JSON").dump();
        }
        if (!request.is_object()) {
            return error_response(nullptr, kInvalidRequest, "expected one JSON-RPC request object (batches are not supported)").dump();
        }
        const bool notification = !request.contains("id");
        if (!notification) {
            id = request["id"];
            if (!id.is_string() && !id.is_number_integer()) {
                return error_response(nullptr, kInvalidRequest, "id must be a string or an integer").dump();
            }
        }
        if (request.value("jsonrpc", Json()) != "2.0" || !request.contains("method") || !request["method"].is_string()) {
            return notification ? std::nullopt
                                : std::optional<std::string>(error_response(id, kInvalidRequest, "not a JSON-RPC 2.0 request").dump());
        }
        const std::string method = request["method"].get<std::string>();
        const Json params = request.value("params", Json::object());
        if (!params.is_object()) {
            return notification ? std::nullopt
                                : std::optional<std::string>(error_response(id, kInvalidParams, "params must be an object").dump());
        }
        if (notification) {
            return std::nullopt; // notifications/initialized, notifications/cancelled, ...: nothing to answer
        }
        Json result;
        if (method == "initialize") {
            std::string version = kProtocolVersions[0];
            const std::string asked = params.value("protocolVersion", Json("")).is_string() ? params.value("protocolVersion", "") : "";
            for (const char* v : kProtocolVersions) {
                if (asked == v) {
                    version = v;
                }
            }
            result = Json{{"protocolVersion", version},
                          {"capabilities", {{"tools", {{"listChanged", false}}}, {"resources", {{"listChanged", false}}}}},
                          {"serverInfo", {{"name", "minrole"}, {"title", "minrole: least-privilege Marketo API roles"},
                                          {"version", options_.version}}},
                          {"instructions",
                           "minrole answers which Marketo (Adobe Marketo Engage) permissions an API-only user needs for "
                           "the REST endpoints an integration calls. Roles, intents and policies are passed as YAML text; "
                           "scan reads files under the server's working directory only."}};
        } else if (method == "ping") {
            result = Json::object();
        } else if (method == "tools/list") {
            result = tools_list();
        } else if (method == "resources/list") {
            Json resources = Json::array();
            resources.push_back({{"uri", "minrole://catalog/permissions"}, {"name", "permissions"},
                                 {"title", "Marketo permission catalog"}, {"mimeType", "application/json"}});
            resources.push_back({{"uri", "minrole://rules/endpoints"}, {"name", "endpoints"},
                                 {"title", "Endpoint rules: what each REST operation needs"}, {"mimeType", "application/json"}});
            for (const auto& s : schemas()) {
                resources.push_back({{"uri", "minrole://schemas/" + std::string(s.name)}, {"name", "schema " + std::string(s.name)},
                                     {"mimeType", "application/schema+json"}});
            }
            result = Json{{"resources", resources}};
        } else if (method == "resources/read") {
            const std::string uri = params.value("uri", Json("")).is_string() ? params.value("uri", "") : "";
            std::string text;
            std::string mime = "application/json";
            if (uri == "minrole://catalog/permissions") {
                text = render_permissions(model_, Format::Json);
            } else if (uri == "minrole://rules/endpoints") {
                std::vector<EndpointId> all;
                for (std::size_t i = 0; i < model_.rules.size(); ++i) {
                    all.push_back(static_cast<EndpointId>(i));
                }
                text = render_endpoints(model_, all, Format::Json);
            } else if (uri.rfind("minrole://schemas/", 0) == 0 && find_schema(uri.substr(18))) {
                text = std::string(*find_schema(uri.substr(18)));
                mime = "application/schema+json";
            } else {
                return error_response(id, -32002, "resource not found: " + uri.substr(0, 200)).dump();
            }
            result = Json{{"contents", Json::array({Json{{"uri", uri}, {"mimeType", mime}, {"text", text}}})}};
        } else if (method == "tools/call") {
            const Json& name = params.contains("name") ? params["name"] : Json();
            if (!name.is_string()) {
                return error_response(id, kInvalidParams, "tools/call needs a tool name").dump();
            }
            const Json args = params.value("arguments", Json::object());
            const std::string tool_name = name.get<std::string>();
            static const char* const kTools[] = {"recommend", "explain", "audit", "allows", "diff", "scan"};
            if (std::find(std::begin(kTools), std::end(kTools), tool_name) == std::end(kTools)) {
                return error_response(id, kInvalidParams, "unknown tool '" + tool_name.substr(0, 100) + "'").dump();
            }
            try {
                if (!args.is_object()) {
                    throw ToolError("arguments must be an object");
                }
                // What the CLI's emit() does to a report: redacted, and no control character,
                // bidi override or invalid UTF-8 from an argument reaches the client.
                std::string report = displayable_lines(redact_lines(call_tool(tool_name, args)));
                Json structured = Json::parse(report);
                result = Json{{"content", Json::array({Json{{"type", "text"}, {"text", report}}})},
                              {"structuredContent", structured}, {"isError", false}};
            } catch (const ToolError& e) {
                result = Json{{"content", Json::array({Json{{"type", "text"}, {"text", shown(e.text)}}})}, {"isError", true}};
            } catch (const Error& e) {
                // Error's own text, not what(): a NUL in an argument would end what() early.
                const std::string text = e.where().known() ? e.where().to_string() + ": " + e.message() : e.message();
                result = Json{{"content", Json::array({Json{{"type", "text"}, {"text", shown(text)}}})}, {"isError", true}};
            }
        } else {
            return error_response(id, kMethodNotFound, "method not found: " + method.substr(0, 100)).dump();
        }
        return result_response(id, std::move(result)).dump();
    } catch (const std::bad_alloc&) {
        return error_response(id, kInternalError, "out of memory").dump();
    } catch (const std::exception& e) {
        return error_response(id, kInternalError, e.what()).dump();
    }
}

std::string Server::call_tool(const std::string& name, const Json& args) {
    // Inputs are YAML text; errors name the argument as the file ("role:3:5: ...").
    auto intent_of = [&]() {
        const std::string text = string_arg(args, "intent", false);
        const std::vector<std::string> ops = strings_arg(args, "operations");
        if (text.empty() && ops.empty()) {
            throw ToolError("give 'operations' (a list of 'METHOD /path', URLs or operationIds) or 'intent' (YAML)");
        }
        Intent intent = text.empty() ? intent_from_operations(ops) : parse_intent(SourceFile{"intent", text});
        if (!text.empty() && !ops.empty()) {
            const Intent extra = intent_from_operations(ops);
            auto& into = intent.workspace(kDefaultWorkspace).operations;
            into.insert(into.end(), extra.workspaces.front().operations.begin(), extra.workspaces.front().operations.end());
        }
        return intent;
    };
    if (name == "recommend") {
        Intent intent = intent_of();
        if (const std::string service = string_arg(args, "service", false); !service.empty()) {
            intent.service = service;
        }
        return render_recommendation(model_, recommend(model_, router_, intent), Format::Json);
    }
    if (name == "explain") {
        const std::string subject = string_arg(args, "subject", true);
        if (auto permission = model_.catalog.find(subject)) {
            return render_explain_permission(model_, *permission, Format::Json);
        }
        const RouteMatch match = router_.route(subject);
        if (match.status == MatchStatus::Matched) {
            return render_explain_endpoint(model_, *match.endpoint, Format::Json);
        }
        std::string message = "'" + subject + "' is no known permission, operationId or endpoint";
        const std::string hint = did_you_mean(subject, model_.catalog.spellings());
        if (!hint.empty()) {
            message += "; did you mean permission '" + hint + "'";
            if (const std::string characters = non_ascii_characters(subject); !characters.empty()) {
                message += " (the text holds " + characters + ", not ASCII)";
            }
        }
        throw ToolError(message);
    }
    if (name == "audit") {
        const RoleSpec role = parse_role(model_, SourceFile{"role", string_arg(args, "role", true)});
        const Intent intent = intent_of();
        Policy policy;
        if (const std::string text = string_arg(args, "policy", false); !text.empty()) {
            policy = parse_policy(SourceFile{"policy", text});
            if (!policy.overrides.empty()) {
                throw ToolError("policy overrides are not applied over MCP: start the server with --overrides FILE");
            }
        }
        std::string today = string_arg(args, "today", false);
        if (today.empty()) {
            today = today_utc();
        } else if (!valid_date(today)) {
            throw ToolError("'today' expects YYYY-MM-DD");
        }
        return render_audit(model_, audit(model_, router_, role, intent, policy, today), Format::Json);
    }
    if (name == "allows") {
        const RoleSpec role = parse_role(model_, SourceFile{"role", string_arg(args, "role", true)});
        return render_allows(model_, allows(model_, role), Format::Json);
    }
    if (name == "diff") {
        const RoleSpec before = parse_role(model_, SourceFile{"old", string_arg(args, "old", true)});
        const RoleSpec after = parse_role(model_, SourceFile{"new", string_arg(args, "new", true)});
        return render_diff(model_, diff_roles(model_, before, after), Format::Json);
    }
    // scan: every path must resolve (symlinks followed) inside the working directory.
    const std::vector<std::string> paths = strings_arg(args, "paths");
    if (paths.empty()) {
        throw ToolError("give 'paths': files or folders under the working directory");
    }
    std::vector<std::string> inside;
    for (const auto& p : paths) {
        if (p.empty() || p.find('\0') != std::string::npos) {
            throw ToolError("an empty path");
        }
        const fs::path given(p);
        std::error_code ec;
        const fs::path resolved = fs::weakly_canonical(given.is_absolute() ? given : canonical_root_ / given, ec);
        if (ec || !below(resolved, canonical_root_)) {
            throw ToolError("'" + p + "' is outside the working directory " + canonical_root_.string());
        }
        if (!fs::exists(resolved, ec)) {
            throw ToolError("'" + p + "' does not exist");
        }
        inside.push_back(resolved.lexically_relative(canonical_root_).empty() ? "." : resolved.string());
    }
    return render_scan(model_, scan(router_, inside), Format::Json);
}

} // namespace minrole::mcp

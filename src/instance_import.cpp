// Saved User Management API responses -> Instance. The shapes follow Adobe's swagger-user.json:
// each response is an array of records (or the REST envelope {"success": ..., "result": [...]}):
//   users/allusers.json      ResponseOfAllUsers: id, userid, emailAddress, firstName, lastName, apiOnly
//                            (userRoleWorkspaces, as in ResponseOfUser, is read when present)
//   users/{userid}/roles.json UserRoleWorkspace: accessRoleId, accessRoleName, workspaceId, workspaceName
//   users/workspaces.json    ResponseOfWorkspace: id, name, description, status ...
//   users/roles.json         ResponseOfRole: id, name, description, type ...
// JSON carries no positions, so errors and findings are located by searching the text.
#include "instance_import.hpp"
#include "json_input.hpp"
#include "minrole/source.hpp"

#include "yaml_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

namespace minrole::instance_detail {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Location locate_text(const std::string& file, const std::string& text, const std::string& needle) {
    const std::size_t at = needle.empty() ? std::string::npos : text.find(needle);
    if (at == std::string::npos) {
        return Location{file, 1, 1};
    }
    return location_at(file, text, at);
}

namespace {

std::string resolve(const std::string& folder, const std::string& path) {
    const fs::path p(path);
    return p.is_absolute() || folder.empty() ? path : (fs::path(folder) / p).string();
}

struct Response {
    SourceFile source;
    Json records = Json::array();
};

// Reads one saved response: an array, or an envelope whose `result` is the array.
Response read_response(const std::string& path, const std::string& what) {
    Response r;
    r.source = read_source(path);
    Json document = parse_json_input<Json>(path, r.source.text, what);
    if (document.is_object()) {
        if (document.contains("success") && document["success"].is_boolean() && !document["success"].get<bool>()) {
            std::string reason = "the saved response reports failure";
            if (document.contains("errors") && document["errors"].is_array() && !document["errors"].empty() &&
                document["errors"][0].is_object() && document["errors"][0].contains("message")) {
                reason += ": " + document["errors"][0]["message"].dump();
            }
            throw Error(Location{path, 1, 1}, reason + " (" + what + ")");
        }
        if (!document.contains("result") || !document["result"].is_array()) {
            throw Error(Location{path, 1, 1}, "expected " + what + " to be a JSON array or an object with a 'result' array");
        }
        r.records = document["result"];
    } else if (document.is_array()) {
        r.records = document;
    } else {
        throw Error(Location{path, 1, 1}, "expected " + what + " to be a JSON array or an object with a 'result' array");
    }
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        if (!r.records[i].is_object()) {
            throw Error(Location{path, 1, 1}, what + ": record " + std::to_string(i) + " is not an object");
        }
    }
    return r;
}

std::optional<long long> integer_field(const Json& record, const char* key) {
    if (!record.contains(key) || record[key].is_null()) {
        return std::nullopt;
    }
    if (record[key].is_number_integer()) {
        return record[key].get<long long>();
    }
    if (record[key].is_string()) { // some exports quote ids
        try {
            std::size_t used = 0;
            const std::string text = record[key].get<std::string>();
            const long long value = std::stoll(text, &used);
            if (used == text.size()) {
                return value;
            }
        } catch (const std::exception&) {
        }
    }
    return std::nullopt;
}

std::string string_field(const Json& record, const char* key) {
    if (!record.contains(key) || !record[key].is_string()) {
        return {};
    }
    return record[key].get<std::string>();
}

[[noreturn]] void bad_record(const Response& r, std::size_t index, const std::string& what, const std::string& problem) {
    // Locate by the record's id or name when the text has it.
    const Json& record = r.records[index];
    for (const char* key : {"userid", "emailAddress", "name", "id", "accessRoleId"}) {
        if (record.contains(key) && !record[key].is_null()) {
            const std::string value = record[key].is_string() ? "\"" + record[key].get<std::string>() + "\"" : record[key].dump();
            if (r.source.text.find(value) != std::string::npos) {
                throw Error(locate_text(r.source.path, r.source.text, value),
                            what + " record " + std::to_string(index) + ": " + problem);
            }
        }
    }
    throw Error(Location{r.source.path, 1, 1}, what + " record " + std::to_string(index) + ": " + problem);
}

Location record_location(const Response& r, const std::string& key, const std::string& value) {
    // "key": "value" with any spacing: find the quoted value after the key.
    const std::string quoted = "\"" + value + "\"";
    std::size_t at = 0;
    while ((at = r.source.text.find("\"" + key + "\"", at)) != std::string::npos) {
        const std::size_t colon = r.source.text.find_first_not_of(" \t\r\n", at + key.size() + 2);
        if (colon != std::string::npos && r.source.text[colon] == ':') {
            const std::size_t v = r.source.text.find_first_not_of(" \t\r\n", colon + 1);
            if (v != std::string::npos && r.source.text.compare(v, quoted.size(), quoted) == 0) {
                return location_at(r.source.path, r.source.text, at);
            }
        }
        at += key.size() + 2;
    }
    return locate_text(r.source.path, r.source.text, quoted);
}

// Workspaces and roles carry the same id + name; one lookup and one reader serve both.
template <typename Named>
Named* by_id(std::vector<Named>& list, long long id) {
    for (auto& item : list) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

InstanceWorkspace* workspace_by_id(Instance& instance, long long id) { return by_id(instance.workspaces, id); }
InstanceRole* role_by_id(Instance& instance, long long id) { return by_id(instance.roles, id); }

// Reads workspaces.json or roles.json (`what`) into `list`; `kind` names a record in errors.
template <typename Named>
void read_named(std::vector<Named>& list, const std::string& path, const std::string& what, const std::string& kind) {
    const Response r = read_response(path, what);
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const Json& record = r.records[i];
        Named item;
        item.id = integer_field(record, "id");
        item.name = string_field(record, "name");
        if (!item.id || item.name.empty()) {
            bad_record(r, i, what, "expected an integer 'id' and a non-empty 'name'");
        }
        item.where = record_location(r, "name", item.name);
        const bool listed = std::any_of(list.begin(), list.end(), [&](const Named& n) { return n.name == item.name; });
        if (listed) {
            bad_record(r, i, what, kind + " '" + item.name + "' is listed twice");
        }
        list.push_back(std::move(item));
    }
}

void read_workspaces(Instance& into, const std::string& path) { read_named(into.workspaces, path, "workspaces.json", "workspace"); }
void read_roles(Instance& into, const std::string& path) { read_named(into.roles, path, "roles.json", "role"); }

// One UserRoleWorkspace record -> a grant, by id (or by name when the id is unknown).
UserGrant grant_of(Instance& into, const Response& r, const Json& record, std::size_t index, const std::string& what) {
    UserGrant g;
    // Point at this record's role id: the index-th "accessRoleId" of the file.
    g.where = Location{r.source.path, 1, 1};
    std::size_t at = 0;
    for (std::size_t seen = 0; (at = r.source.text.find("\"accessRoleId\"", at)) != std::string::npos; ++seen, at += 14) {
        if (seen == index) {
            g.where = location_at(r.source.path, r.source.text, at);
            break;
        }
    }
    auto failure = [&](const std::string& problem) {
        return Error(g.where, what + " record " + std::to_string(index) + ": " + problem);
    };
    const auto role_id = integer_field(record, "accessRoleId");
    const auto workspace_id = integer_field(record, "workspaceId");
    const std::string role_name = string_field(record, "accessRoleName");
    const std::string workspace_name = string_field(record, "workspaceName");
    const InstanceRole* role = role_id ? role_by_id(into, *role_id) : nullptr;
    if (role == nullptr && !role_name.empty()) {
        role = into.role(role_name);
    }
    if (role == nullptr) {
        if (!role_name.empty()) {
            // Not in roles.json (or no roles.json): the name is all there is; add it.
            InstanceRole added;
            added.name = role_name;
            added.id = role_id;
            added.where = record_location(r, "accessRoleName", role_name);
            into.roles.push_back(std::move(added));
            role = &into.roles.back();
        } else {
            throw failure(
                       role_id ? "role id " + std::to_string(*role_id) + " is not in roles.json"
                               : "expected 'accessRoleId' (and 'accessRoleName')");
        }
    }
    const InstanceWorkspace* workspace = workspace_id ? workspace_by_id(into, *workspace_id) : nullptr;
    if (workspace == nullptr && !workspace_name.empty()) {
        workspace = into.workspace(workspace_name);
    }
    if (workspace == nullptr) {
        throw failure(
                   workspace_id ? "workspace id " + std::to_string(*workspace_id) + " is not in workspaces.json" +
                                      (workspace_name.empty() ? "" : " ('" + workspace_name + "')")
                                : "expected 'workspaceId' (and 'workspaceName')");
    }
    g.role = role->name;
    g.workspace = workspace->name;
    return g;
}

void add_grant(InstanceUser& user, UserGrant g) {
    for (const auto& existing : user.grants) {
        if (existing.role == g.role && existing.workspace == g.workspace) {
            return; // the same grant from allusers.json and roles.json
        }
    }
    user.grants.push_back(std::move(g));
}

void read_users(Instance& into, const std::string& path) {
    const Response r = read_response(path, "allusers.json");
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const Json& record = r.records[i];
        InstanceUser u;
        u.id = integer_field(record, "id");
        u.userid = string_field(record, "userid");
        u.email = string_field(record, "emailAddress");
        if (u.email.empty()) {
            u.email = u.userid;
        }
        if (u.email.empty()) {
            bad_record(r, i, "allusers.json", "expected 'emailAddress' or 'userid'");
        }
        const std::string first = string_field(record, "firstName");
        const std::string last = string_field(record, "lastName");
        u.name = first + (first.empty() || last.empty() ? "" : " ") + last;
        if (!record.contains("apiOnly") || !record["apiOnly"].is_boolean()) {
            bad_record(r, i, "allusers.json", "expected 'apiOnly' to be true or false");
        }
        u.api_only = record["apiOnly"].get<bool>();
        u.where = record_location(r, "emailAddress", u.email);
        if (into.user(u.email) != nullptr || (!u.userid.empty() && into.user(u.userid) != nullptr)) {
            bad_record(r, i, "allusers.json", "user '" + u.email + "' is listed twice");
        }
        if (record.contains("userRoleWorkspaces") && record["userRoleWorkspaces"].is_array()) {
            for (const auto& g : record["userRoleWorkspaces"]) {
                if (g.is_object()) {
                    const Response one{r.source, Json::array({g})};
                    add_grant(u, grant_of(into, one, g, 0, "allusers.json userRoleWorkspaces"));
                }
            }
        }
        into.users.push_back(std::move(u));
    }
}

InstanceUser* user_by_key(Instance& into, const std::string& key) {
    for (auto& u : into.users) {
        if (u.email == key || u.userid == key || (u.id && std::to_string(*u.id) == key)) {
            return &u;
        }
    }
    return nullptr;
}

void read_user_roles(Instance& into, const std::string& key, const std::string& path, const Location& named_at) {
    InstanceUser* user = user_by_key(into, key);
    if (user == nullptr) {
        throw Error(named_at, "user roles file " + path + " is for '" + key + "', who is not in allusers.json");
    }
    const Response r = read_response(path, "roles of " + key);
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        add_grant(*user, grant_of(into, r, r.records[i], i, "roles of " + key));
    }
}

// A folder of saved users/{userid}/roles.json responses: {userid}.json or {userid}/roles.json.
void read_user_roles_folder(Instance& into, const std::string& folder, const Location& named_at) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        throw Error(named_at, "'" + folder + "' is not a folder");
    }
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const fs::path p = entry.path();
        if (entry.is_regular_file() && p.extension() == ".json") {
            files.emplace_back(p.stem().string(), p.string());
        } else if (entry.is_directory()) {
            // A {userid}/ folder it cannot look into is an error: skipped, the user would seem
            // to hold no role at all.
            std::error_code status;
            const fs::file_status roles = fs::status(p / "roles.json", status);
            if (status && status != std::errc::no_such_file_or_directory) {
                throw Error(Location{(p / "roles.json").string(), 0, 0}, "cannot read: " + status.message());
            }
            if (fs::is_regular_file(roles)) {
                files.emplace_back(p.filename().string(), (p / "roles.json").string());
            }
        }
    }
    if (ec) {
        throw Error(named_at, "cannot list '" + folder + "': " + ec.message());
    }
    std::sort(files.begin(), files.end());
    for (const auto& [key, path] : files) {
        read_user_roles(into, key, path, named_at);
    }
}

} // namespace

void import_responses(Instance& into, const SourceFile& source, const YAML::Node& import, const std::string& folder) {
    const yaml::Map m(source, import, "'import'", {"users", "user_roles", "workspaces", "roles"});
    if (m.has("workspaces")) {
        read_workspaces(into, resolve(folder, m.string("workspaces")));
    }
    if (m.has("roles")) {
        read_roles(into, resolve(folder, m.string("roles")));
    }
    if (m.has("users")) {
        read_users(into, resolve(folder, m.string("users")));
    }
    if (m.has("user_roles")) {
        if (!m.has("users")) {
            throw Error(m.where("user_roles"), "'user_roles' needs 'users' (allusers.json) to know who each file is for");
        }
        const YAML::Node node = m.get("user_roles");
        if (node.IsScalar()) {
            read_user_roles_folder(into, resolve(folder, node.Scalar()), m.where("user_roles"));
        } else if (node.IsMap()) {
            for (const auto& entry : node) {
                const std::string key = yaml::scalar(source, entry.first, "a userid");
                const std::string path = yaml::scalar(source, entry.second, "a roles.json path");
                read_user_roles(into, key, resolve(folder, path), yaml::locate(source, entry.second));
            }
        } else if (node.IsSequence()) {
            for (const auto& item : node) {
                const std::string path = yaml::scalar(source, item, "a roles.json path");
                const fs::path p(path);
                // users/{userid}/roles.json or {userid}.json
                const std::string key = p.filename() == "roles.json" ? p.parent_path().filename().string() : p.stem().string();
                read_user_roles(into, key, resolve(folder, path), yaml::locate(source, item));
            }
        } else {
            throw Error(m.where("user_roles"), std::string("expected 'user_roles' to be a folder, a list of files or a map "
                                                           "userid: file, found ") + yaml::type_name(node));
        }
    }
}

} // namespace minrole::instance_detail

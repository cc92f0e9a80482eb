// The local side of `instance pull`: credentials, base URLs, and the snapshot directory
// (written atomically) with the instance file that imports it.
#include "minrole/instance_pull.hpp"

#include "minrole/error.hpp"
#include "yaml_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <regex>
#include <sys/stat.h>
#include <unistd.h>

namespace minrole {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// ---- credentials ----

namespace {

bool valid_credential(const std::string& value) {
    return !value.empty() && value.size() <= 1024 &&
           std::none_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::string trim_blanks(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// A value as written, or with one pair of surrounding quotes removed (env-file style).
std::string unquote(const std::string& value) {
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        return value.substr(1, value.size() - 2);
    }
    return value;
}

} // namespace

Credentials read_credentials(const std::string& file) {
    Credentials c;
    if (file.empty()) {
        const char* id = std::getenv("MARKETO_CLIENT_ID");
        const char* secret = std::getenv("MARKETO_CLIENT_SECRET");
        if (id == nullptr || secret == nullptr || *id == '\0' || *secret == '\0') {
            throw Error("no credentials found; set MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET in the environment (the Custom "
                        "Service's client id and secret), or pass --credentials FILE (mode 0600)");
        }
        c.client_id = id;
        c.client_secret = secret;
        if (!valid_credential(c.client_id) || !valid_credential(c.client_secret)) {
            throw Error("MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET must be one line of printable characters each");
        }
        return c;
    }
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        throw Error(Location{file, 0, 0}, std::string("cannot open the credentials file: ") + std::strerror(errno));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        throw Error(Location{file, 0, 0}, "the credentials file must be a regular file");
    }
    if (st.st_uid != ::geteuid()) {
        throw Error(Location{file, 0, 0}, "the credentials file must belong to the user running minrole");
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw Error(Location{file, 0, 0}, std::string("the credentials file is readable by others (mode ") + mode +
                                              "): chmod 600 " + file);
    }
    if (st.st_size > 64 * 1024) {
        throw Error(Location{file, 0, 0}, "the credentials file is larger than 64 KiB");
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    int line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        ++line_number;
        std::string line = trim_blanks(text.substr(start, end - start));
        start = end + 1;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (line.rfind("export ", 0) == 0) {
            line = trim_blanks(line.substr(7));
        }
        const std::size_t eq = line.find('=');
        // Errors name the line, never its text: it may be the secret itself.
        if (eq == std::string::npos) {
            throw Error(Location{file, line_number, 1}, "expected NAME=VALUE");
        }
        const std::string name = trim_blanks(line.substr(0, eq));
        const std::string value = unquote(trim_blanks(line.substr(eq + 1)));
        if (name == "MARKETO_CLIENT_ID") {
            c.client_id = value;
        } else if (name == "MARKETO_CLIENT_SECRET") {
            c.client_secret = value;
        } else {
            throw Error(Location{file, line_number, 1},
                        "unknown name (expected MARKETO_CLIENT_ID or MARKETO_CLIENT_SECRET)");
        }
        if (!valid_credential(value)) {
            throw Error(Location{file, line_number, 1}, "expected a non-empty value of printable characters");
        }
    }
    std::fill(text.begin(), text.end(), '\0');
    if (c.client_id.empty() || c.client_secret.empty()) {
        throw Error(Location{file, 0, 0}, "the credentials file needs both MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET");
    }
    return c;
}

// ---- base URLs ----

std::string base_url_for_munchkin(const std::string& munchkin) {
    static const std::regex pattern("[0-9]{3}-[A-Za-z]{3}-[0-9]{3}");
    if (!std::regex_match(munchkin, pattern)) {
        throw Error("--munchkin expects a Munchkin account id like 123-ABC-456 (Admin > Integration > Munchkin)");
    }
    return "https://" + munchkin + ".mktorest.com";
}

std::string checked_base_url(const std::string& url) {
    static const std::regex pattern(R"((https?)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?)");
    std::smatch m;
    if (!std::regex_match(url, m, pattern)) {
        throw Error("--base-url expects http(s)://HOST[:PORT][/PATH] with no query, fragment or user name");
    }
    const std::string host = m[2].str();
    const bool loopback = host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
    if (m[1].str() == "http" && !loopback) {
        throw Error("--base-url " + url + " would send the client secret unencrypted: use https (plain http is only "
                    "for a test server on this machine: localhost, 127.x.x.x or [::1])");
    }
    std::string out = url;
    while (!out.empty() && out.back() == '/') {
        out.pop_back();
    }
    return out;
}

// ---- the snapshot ----

namespace {

std::string yaml_string(const std::string& text) { return Json(text).dump(); } // a JSON string is a YAML scalar

std::string pretty(const Json& j) { return j.dump(2) + "\n"; }

// Writes `text` to an open descriptor and closes it; `path` names it in errors.
void write_and_close(int fd, const fs::path& path, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int saved = errno;
            ::close(fd);
            throw Error(Location{path.string(), 0, 0}, std::string("cannot write: ") + std::strerror(saved));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        throw Error(Location{path.string(), 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    }
}

void write_file(const fs::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error(Location{path.string(), 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    }
    write_and_close(fd, path, text);
}

// Creates `target` holding `text` only if nothing is there yet, whole or not at all: written
// into a file with no name (O_TMPFILE) in the target's folder, then linked in by linkat(2),
// which fails with EEXIST when `target` appeared meanwhile. Where the file system has no
// O_TMPFILE, a temporary with a random name (created exclusively, never through a symlink) is
// linked in and removed. Returns false when `target` exists.
bool create_whole(const fs::path& target, const std::string& text) {
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0) {
        // linkat needs the file open; write_and_close closes it, so link through a second one.
        const int keep = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        try {
            write_and_close(fd, target, text);
        } catch (...) {
            ::close(keep);
            throw; // nothing is left behind: the file has no name
        }
        const std::string self = "/proc/self/fd/" + std::to_string(keep);
        const bool placed = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0;
        const int saved = errno;
        ::close(keep);
        if (!placed && saved != EEXIST) {
            throw Error(Location{target.string(), 0, 0}, std::string("cannot write: ") + std::strerror(saved));
        }
        return placed;
    }
    std::random_device random;
    const fs::path temporary = folder / ("." + target.filename().string() + ".init-" + std::to_string(random()) + std::to_string(random()));
    const int named = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (named < 0) {
        throw Error(Location{target.string(), 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    }
    std::error_code ec;
    try {
        write_and_close(named, target, text);
    } catch (...) {
        fs::remove(temporary, ec);
        throw;
    }
    const bool placed = ::link(temporary.c_str(), target.c_str()) == 0;
    const int saved = errno;
    fs::remove(temporary, ec);
    if (!placed && saved != EEXIST) {
        throw Error(Location{target.string(), 0, 0}, std::string("cannot write: ") + std::strerror(saved));
    }
    return placed;
}

void make_directory(const fs::path& path) {
    if (::mkdir(path.c_str(), 0755) != 0) {
        throw Error(Location{path.string(), 0, 0}, std::string("cannot create the folder: ") + std::strerror(errno));
    }
}

void fill(const Snapshot& s, const fs::path& dir) {
    make_directory(dir / "users");
    make_directory(dir / "user-roles");
    make_directory(dir / "leads");
    write_file(dir / "users" / "workspaces.json", pretty(s.workspaces));
    write_file(dir / "users" / "roles.json", pretty(s.roles));
    write_file(dir / "users" / "allusers.json", pretty(s.users));
    for (const auto& u : s.user_roles) {
        // By numeric id: a userid is text from the server and never becomes a path.
        write_file(dir / "user-roles" / (std::to_string(u.id) + ".json"), pretty(u.records));
    }
    write_file(dir / "leads" / "partitions.json", pretty(Json{{"success", true}, {"result", s.partitions}}));
    write_file(dir / "instance.yaml", generated_instance_yaml(s));
    const Json marker = {
        {"schema", "minrole/snapshot/v1"},
        {"base_url", s.base_url},
        {"pulled_at", s.pulled_at},
        {"calls", s.calls},
        {"token_requests", s.token_requests},
        {"retries", s.retries},
        {"counts",
         {{"users", s.users.size()}, {"roles", s.roles.size()}, {"workspaces", s.workspaces.size()}, {"partitions", s.partitions.size()}}},
    };
    write_file(dir / kSnapshotMarker, pretty(marker)); // last: a folder with the marker is complete
}

void fsync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

std::string generated_instance_yaml(const Snapshot& s, const std::string& snapshot_folder) {
    const std::string at = snapshot_folder.empty() || snapshot_folder == "." ? "" : snapshot_folder + "/";
    std::string host = s.base_url;
    if (const std::size_t at = host.find("://"); at != std::string::npos) {
        host = host.substr(at + 3);
    }
    std::string y;
    // No date here: a nightly pull of an unchanged instance changes only minrole-snapshot.json.
    y += "# Generated by `minrole instance pull` from " + s.base_url + ".\n";
    y += "# The User Management API returns the users, their roles per workspace, the roles and the\n"
         "# workspaces (imported below), but not what each role may do, which lead partitions each\n"
         "# workspace reaches, or which Custom Services authenticate as which user. Add them before\n"
         "# `minrole audit --instance` (a role held by an API-Only user needs its permissions):\n"
         "#   workspaces: [{name: ..., partitions: [...]}]   roles: [{name: ..., permissions: [...]}]\n"
         "#   services: [{name: ..., user: ..., operations: [...]}]\n"
         + std::string(at.empty() ? "# To keep your additions across pulls, copy this file outside the snapshot, point its import:\n"
                                    "# paths at the snapshot (or use `instance pull --init FILE`), and run\n"
                                    "# `minrole audit --instance YOUR-FILE.yaml --pull`.\n"
                                  : "# `minrole audit --instance THIS-FILE --pull` pulls the snapshot again, then audits.\n");
    y += "kind: instance\n";
    y += "instance: " + yaml_string(host) + "\n";
    y += "import:\n";
    y += "  users: " + yaml_string(at + "users/allusers.json") + "\n";
    y += "  user_roles: " + yaml_string(at + "user-roles") + "\n";
    y += "  workspaces: " + yaml_string(at + "users/workspaces.json") + "\n";
    y += "  roles: " + yaml_string(at + "users/roles.json") + "\n";
    y += "# The lead partitions (" + at + "leads/partitions.json).\n";
    y += "partitions: [";
    for (std::size_t i = 0; i < s.partitions.size(); ++i) {
        y += (i == 0 ? "" : ", ") + yaml_string(s.partitions[i]["name"].get<std::string>());
    }
    y += "]\n";
    y += "# workspaces:\n";
    for (const auto& w : s.workspaces) {
        y += "#   - {name: " + yaml_string(w["name"].get<std::string>()) + ", partitions: []}\n";
    }
    // Roles an API-Only user holds first: the audit cannot run without their permissions.
    std::set<std::string> api_roles;
    for (std::size_t i = 0; i < s.users.size() && i < s.user_roles.size(); ++i) {
        if (s.users[i]["apiOnly"].get<bool>()) {
            for (const auto& g : s.user_roles[i].records) {
                api_roles.insert(g["accessRoleName"].get<std::string>());
            }
        }
    }
    y += "# roles:\n";
    for (const auto& r : s.roles) {
        const std::string name = r["name"].get<std::string>();
        y += "#   - {name: " + yaml_string(name) + ", permissions: []}" +
             (api_roles.count(name) != 0 ? "   # held by an API-Only user: required" : "") + "\n";
    }
    y += "# services:\n"
         "#   - {name: ..., user: ..., workspace: ..., operations: [GET /rest/v1/leads.json]}\n";
    return y;
}

void check_snapshot_directory(const std::string& directory) {
    fs::path target = fs::path(directory).lexically_normal();
    if (!target.has_filename() && target.has_parent_path()) {
        target = target.parent_path();
    }
    if (target.empty() || target.filename() == "." || target.filename() == "..") {
        throw Error(Location{directory, 0, 0}, "expected a folder name for the snapshot");
    }
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(target, ec);
    if (fs::exists(status)) {
        if (fs::is_symlink(status) || !fs::is_directory(status)) {
            throw Error(Location{directory, 0, 0}, "exists and is not a folder; the snapshot is written as a folder");
        }
        if (!fs::exists(target / kSnapshotMarker) && !fs::is_empty(target, ec)) {
            throw Error(Location{directory, 0, 0}, std::string("exists and is not a snapshot (no ") + kSnapshotMarker +
                                                       "): it would be replaced, so choose another folder");
        }
    }
}

void write_snapshot(const Snapshot& snapshot, const std::string& directory) {
    check_snapshot_directory(directory);
    fs::path target = fs::path(directory).lexically_normal();
    if (!target.has_filename() && target.has_parent_path()) {
        target = target.parent_path(); // "snap/" -> "snap"
    }
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    const bool exists = fs::exists(fs::symlink_status(target, ec));
    std::random_device random;
    const fs::path temporary =
        parent / ("." + target.filename().string() + ".pull-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    bool created = false; // only a folder this run made is ever removed
    try {
        make_directory(temporary);
        created = true;
        fill(snapshot, temporary);
        fsync_directory(temporary);
        if (!exists) {
            fs::rename(temporary, target);
        } else if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
            // One atomic step: readers see the old snapshot or the new one, never neither.
            fs::remove_all(temporary); // now the old snapshot
        } else {
            // A filesystem without RENAME_EXCHANGE: move the old one aside first.
            const fs::path old = parent / ("." + target.filename().string() + ".old-" + std::to_string(::getpid()));
            fs::rename(target, old);
            std::error_code moved;
            fs::rename(temporary, target, moved);
            if (moved) {
                fs::rename(old, target, ec); // the old snapshot back where it was
                throw fs::filesystem_error("cannot replace the snapshot", temporary, target, moved);
            }
            fs::remove_all(old, ec);
        }
        fsync_directory(parent);
    } catch (const fs::filesystem_error& e) {
        if (created) {
            fs::remove_all(temporary, ec);
        }
        throw Error(Location{directory, 0, 0}, std::string("cannot write the snapshot: ") + e.code().message());
    } catch (const Error& e) {
        // Named by the snapshot folder and the file in it, not by the temporary folder (gone).
        if (created) {
            fs::remove_all(temporary, ec);
        }
        const std::string inside = fs::path(e.where().file).lexically_relative(temporary).generic_string();
        std::string why = e.message();
        if (why.rfind("cannot write: ", 0) == 0) {
            why.erase(0, 14);
        }
        throw Error(Location{directory, 0, 0},
                    "cannot write the snapshot: " + (inside.empty() || inside[0] == '.' ? std::string() : inside + ": ") + why);
    } catch (...) {
        if (created) {
            fs::remove_all(temporary, ec);
        }
        throw;
    }
}

bool write_instance_template(const Snapshot& snapshot, const std::string& directory, const std::string& file) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(file, ec))) {
        return false;
    }
    const fs::path target(file);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    fs::create_directories(folder, ec);
    const fs::path relative = fs::weakly_canonical(directory).lexically_relative(fs::weakly_canonical(folder));
    if (relative.empty()) {
        throw Error(Location{file, 0, 0}, "cannot refer to the snapshot " + directory + " from this file's folder");
    }
    if (fs::weakly_canonical(folder) == fs::weakly_canonical(directory)) {
        throw Error(Location{file, 0, 0}, "is inside the snapshot, which the next pull replaces: put it beside the snapshot");
    }
    // An existing file is never replaced, even one that appeared meanwhile.
    return create_whole(target, generated_instance_yaml(snapshot, relative.generic_string()));
}

std::string snapshot_directory_of(const SourceFile& instance_file) {
    const YAML::Node root = yaml::parse(instance_file);
    const YAML::Node import = root.IsMap() ? root["import"] : YAML::Node();
    const YAML::Node users = import && import.IsMap() ? import["users"] : YAML::Node();
    if (!users || !users.IsScalar()) {
        throw Error(import ? yaml::locate(instance_file, import) : Location{instance_file.path, 1, 1},
                    "--pull refreshes the snapshot this file imports, but it has no 'import: users:' (a file in a folder "
                    "written by `minrole instance pull`)");
    }
    const fs::path folder = fs::path(instance_file.path).parent_path();
    fs::path file = fs::path(users.Scalar());
    if (file.is_relative() && !folder.empty()) {
        file = folder / file;
    }
    fs::path dir = file.parent_path();
    for (int up = 0; up < 3 && !dir.empty(); ++up, dir = dir.parent_path()) {
        std::error_code ec;
        if (fs::is_regular_file(dir / kSnapshotMarker, ec)) {
            return dir.string();
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    throw Error(yaml::locate(instance_file, users), "--pull refreshes the snapshot this file imports, but '" + users.Scalar() +
                                                        "' is not in a folder written by `minrole instance pull` (no " +
                                                        kSnapshotMarker + " beside or above it)");
}

std::string snapshot_base_url(const std::string& directory) {
    const SourceFile marker = read_source((fs::path(directory) / kSnapshotMarker).string());
    check_json_depth(marker.path, marker.text);
    Json j;
    try {
        j = Json::parse(marker.text, nullptr, false);
    } catch (const Json::exception&) {
        return {}; // nlohmann throws for an out-of-range number even when asked not to
    }
    if (j.is_object() && j.contains("base_url") && j["base_url"].is_string()) {
        return j["base_url"].get<std::string>();
    }
    return {};
}

} // namespace minrole

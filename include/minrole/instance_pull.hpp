#pragma once
// `instance pull`: read a live Marketo instance's users, their roles per workspace, the roles,
// the workspaces and the lead partitions over its REST API, and write them as a snapshot
// directory that `import:` of an instance file (instance.hpp) reads.
//
// The protocol, as Adobe documents it (Marketo Engage developer docs, experienceleague.adobe.com
// /docs/marketo-developer/marketo/rest/: "authentication", "error-codes", "user-management",
// "marketo-integration-best-practices"; the specs in swagger-identity.json, swagger-user.json,
// swagger-mapi.json):
//   * an access token from /identity/oauth/token with the Custom Service's client id and secret
//     (grant_type=client_credentials; "GET (or POST)". minrole POSTs them form-encoded so the
//     secret never sits in a URL, as Segment's Marketo destination does), valid expires_in s,
//     sent as "Authorization: Bearer" (the access_token query parameter is withdrawn);
//   * 601 (token invalid) / 602 (token expired): get a new token and repeat the call, once;
//   * 606 (more than 100 calls in 20 s) and 615 (more than 10 concurrent calls): back off
//     exponentially and retry. minrole itself makes one call at a time and never more than
//     100 in any 20 s window, counted client side (the identity call does not count);
//   * 607 (daily quota spent): nothing to retry until the quota resets; stop;
//   * 604, 608, 611, 713 (timed out, temporarily unavailable, system error, transient) and HTTP
//     5xx or a network timeout: retry with backoff, then give up;
//   * REST responses are {"requestId", "success", "result": [...], "errors": [{code, message}],
//     "moreResult", "nextPageToken"}; User Management responses have no "success": a 200 with
//     the records as a bare JSON array, or a non-200 status with the "errors" array;
//   * users/allusers.json pages with pageOffset (0-based) and pageSize (at most 200): read
//     until a page is shorter than pageSize.
#include "minrole/http.hpp"
#include "minrole/intent.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace minrole {

// A Custom Service's client id and secret. Held in memory only; wiped when destroyed.
struct Credentials {
    std::string client_id;
    std::string client_secret;
    Credentials() = default;
    Credentials(const Credentials&) = default;
    Credentials& operator=(const Credentials&) = default;
    ~Credentials();
};

// MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET from the environment, or, when `file` is given,
// from that file (lines NAME=VALUE with the same names; '#' comments). The file must be a
// regular file owned by the current user and readable by nobody else (mode 0600 or 0400).
// Errors name the file and line, never a value.
Credentials read_credentials(const std::string& file);

// https://ID.mktorest.com for a Munchkin id (123-ABC-456); a --base-url is checked (http(s),
// no query or credentials; plain http only for a loopback host) and its trailing '/' dropped.
std::string base_url_for_munchkin(const std::string& munchkin);
std::string checked_base_url(const std::string& url);

struct PullProgress {
    std::uint64_t calls = 0;        // HTTP requests made, the identity calls included
    std::uint64_t users = 0;        // users read so far
    std::uint64_t users_total = 0;  // known once allusers.json is read to the end
    std::string current;            // the call under way ("GET /userservice/...")
};

struct PullOptions {
    std::string base_url;
    int page_size = 200;                          // allusers.json pageSize (1..200)
    int retries = 5;                              // per call, for 606/615/transient failures
    std::chrono::milliseconds backoff{2000};      // first backoff; doubles, capped at 20 s
    int rate_calls = 100;                         // at most this many calls ...
    std::chrono::milliseconds rate_window{20000}; // ... in any window this long
    std::function<void(const PullProgress&)> progress;
    // The clock and the sleep, replaceable by tests.
    std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
    std::function<void(std::chrono::milliseconds)> sleep;
    std::function<bool()> cancelled;
    std::uint64_t seed = 0; // jitter; 0 takes one from the system
};

struct PulledUserRoles {
    std::string userid;
    long long id = 0;
    nlohmann::json records; // users/{userid}/roles.json: UserRoleWorkspace records
};

struct Snapshot {
    std::string base_url;
    std::string pulled_at; // UTC, ISO 8601
    nlohmann::json workspaces = nlohmann::json::array();
    nlohmann::json roles = nlohmann::json::array();
    nlohmann::json users = nlohmann::json::array(); // every page of allusers.json, in order
    std::vector<PulledUserRoles> user_roles;
    nlohmann::json partitions = nlohmann::json::array(); // leads/partitions.json: result records
    std::uint64_t calls = 0;
    std::uint64_t token_requests = 0;
    std::uint64_t retries = 0;
};

// Every call of a pull, in order; throws Error naming the call that failed.
Snapshot pull_snapshot(Transport& transport, const Credentials& credentials, const PullOptions& options);

// The calls a pull makes, one line each, for --dry-run.
std::vector<std::string> planned_calls(const PullOptions& options);

// The operations a pull calls, as an intent (service "minrole-instance-pull", workspace Default),
// for `--print-role`: recommend() turns it into the role the puller's API-Only user needs.
Intent pull_intent();

// Writes the snapshot as a directory, atomically: everything goes to a temporary sibling first,
// which then takes the place of `directory`. An existing `directory` is replaced only when a
// previous pull wrote it (it holds kSnapshotMarker) or it is empty. Layout:
//   minrole-snapshot.json           what was pulled, from where, when (no credential)
//   instance.yaml                   a `kind: instance` file importing the responses below
//   users/allusers.json, users/roles.json, users/workspaces.json
//   user-roles/{id}.json            users/{userid}/roles.json per user, by numeric user id
//   leads/partitions.json           the lead partitions (REST envelope)
inline constexpr const char* kSnapshotMarker = "minrole-snapshot.json";
void write_snapshot(const Snapshot& snapshot, const std::string& directory);
// The checks write_snapshot makes on `directory` before it writes, for a pull to make first.
void check_snapshot_directory(const std::string& directory);

// The generated instance.yaml's text (also used by write_snapshot). `snapshot_folder` is the
// snapshot's path relative to the file's folder ("" when the file is inside the snapshot).
std::string generated_instance_yaml(const Snapshot& snapshot, const std::string& snapshot_folder = "");

// `instance pull --init FILE`: writes the generated instance file at `file`, importing the
// snapshot at `directory` by relative paths, so it can be completed and kept across pulls.
// Returns false, writing nothing, when `file` exists (it is the user's to edit).
bool write_instance_template(const Snapshot& snapshot, const std::string& directory, const std::string& file);

// The snapshot directory an instance file imports from: the nearest folder holding
// kSnapshotMarker above its `import: users:` file. Throws a located Error when there is none.
std::string snapshot_directory_of(const SourceFile& instance_file);

// The base URL a snapshot was pulled from (its marker), or "" when it does not say.
std::string snapshot_base_url(const std::string& directory);

} // namespace minrole

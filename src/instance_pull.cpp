// The Marketo side of `instance pull`: token, limits, error codes, paging and the shape of
// every response (the protocol and its sources are summarised in instance_pull.hpp).
#include "minrole/instance_pull.hpp"

#include "minrole/display.hpp"
#include "minrole/error.hpp"
#include "minrole/redact.hpp"
#include "minrole/source.hpp"

#include <algorithm>
#include <ctime>
#include <deque>
#include <random>
#include <set>
#include <thread>

namespace minrole {

using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr const char* kUsers = "/userservice/management/v1/users/allusers.json";
constexpr const char* kUserRoles = "/userservice/management/v1/users/{userid}/roles.json";
constexpr const char* kRoles = "/userservice/management/v1/users/roles.json";
constexpr const char* kWorkspaces = "/userservice/management/v1/users/workspaces.json";
constexpr const char* kPartitions = "/rest/v1/leads/partitions.json";
constexpr const char* kIdentity = "/identity/oauth/token";
constexpr int kMaxPages = 2000;         // 400,000 users at 200 a page: a server that never ends is an error
constexpr int kMaxTokenRequests = 3;    // per call: a token that expires at once, again and again, is an error
constexpr milliseconds kBackoffCap{20000}; // the rate limit's window: waiting longer helps nothing

// Text from a response (an error message, a name) shown in an error: one line, printable,
// bounded, credentials redacted.
std::string clean(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
        if (out.size() >= 200) {
            out += "...";
            break;
        }
    }
    return redact(out);
}

std::string quote_reply(const std::string& text) { return "'" + clean(text) + "'"; }

// The body as JSON, or a discarded value when it is not JSON. nlohmann throws out_of_range for
// a number too large for a double even when asked not to throw (found by fuzz_pull_responses).
Json parse_body(const std::string& text) {
    // Too deep to parse is not JSON here: malformed() says why. Readers of a parsed value
    // recurse per level, and a body of 1,000,000 balanced '[' crashed the pull.
    try {
        check_json_depth("", text);
    } catch (const Error&) {
        return Json(Json::value_t::discarded);
    }
    try {
        return Json::parse(text, nullptr, false);
    } catch (const Json::exception&) {
        return Json(Json::value_t::discarded);
    }
}

std::string json_kind(const Json& j) {
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

// A response that is not what the API documents: which call, where in the body (a JSON
// pointer), what was expected.
[[noreturn]] void surprise(const std::string& call, const std::string& pointer, const std::string& problem) {
    throw Error("unexpected response to " + call + " (at " + (pointer.empty() ? "/" : pointer) + "): " + problem);
}

void expect_type(const std::string& call, const Json& j, const std::string& pointer, Json::value_t type, const char* what) {
    if (j.type() != type && !(type == Json::value_t::number_integer && j.is_number_unsigned())) {
        surprise(call, pointer, std::string("expected ") + what + ", found " + json_kind(j));
    }
}

const Json& member(const std::string& call, const Json& object, const std::string& pointer, const char* key) {
    if (!object.contains(key)) {
        surprise(call, pointer, std::string("expected a '") + key + "' member");
    }
    return object[key];
}

void expect_integer(const std::string& call, const Json& object, const std::string& pointer, const char* key) {
    expect_type(call, member(call, object, pointer, key), pointer + "/" + key, Json::value_t::number_integer, "an integer");
}

void expect_string(const std::string& call, const Json& object, const std::string& pointer, const char* key, bool optional = false) {
    if (optional && (!object.contains(key) || object[key].is_null())) {
        return;
    }
    const Json& value = member(call, object, pointer, key);
    expect_type(call, value, pointer + "/" + key, Json::value_t::string, "a string");
    if (!optional && value.get_ref<const std::string&>().empty()) {
        surprise(call, pointer + "/" + key, "expected a non-empty string");
    }
}

// Shapes of the records each call returns (swagger-user.json, swagger-mapi.json).
enum class Shape { users, user_roles, named, partitions };

void check_record(const std::string& call, const Json& record, const std::string& pointer, Shape shape) {
    expect_type(call, record, pointer, Json::value_t::object, "an object");
    switch (shape) {
    case Shape::users:
        expect_integer(call, record, pointer, "id");
        expect_string(call, record, pointer, "userid");
        expect_string(call, record, pointer, "emailAddress", true);
        expect_string(call, record, pointer, "firstName", true);
        expect_string(call, record, pointer, "lastName", true);
        expect_type(call, member(call, record, pointer, "apiOnly"), pointer + "/apiOnly", Json::value_t::boolean, "true or false");
        break;
    case Shape::user_roles:
        expect_integer(call, record, pointer, "accessRoleId");
        expect_string(call, record, pointer, "accessRoleName");
        expect_integer(call, record, pointer, "workspaceId");
        expect_string(call, record, pointer, "workspaceName");
        break;
    case Shape::named:
    case Shape::partitions:
        expect_integer(call, record, pointer, "id");
        expect_string(call, record, pointer, "name");
        break;
    }
}

// The records of a body: a bare array (User Management) or an envelope's `result` (REST).
const Json& records_of(const std::string& call, const Json& body, bool envelope) {
    if (!envelope) {
        // swagger-user.json and the docs say a bare array; an envelope is read too, as the
        // importer reads saved responses either way.
        if (body.is_object() && body.contains("result") && body.contains("success")) {
            return records_of(call, body, true);
        }
        expect_type(call, body, "", Json::value_t::array, "a JSON array of records");
        return body;
    }
    expect_type(call, body, "", Json::value_t::object, "a JSON object with 'success' and 'result'");
    const Json& success = member(call, body, "", "success");
    expect_type(call, success, "/success", Json::value_t::boolean, "true or false");
    if (!body.contains("result")) {
        static const Json empty = Json::array(); // Marketo leaves `result` out when nothing matched
        return empty;
    }
    expect_type(call, body["result"], "/result", Json::value_t::array, "an array");
    return body["result"];
}

struct MarketoError {
    std::string code;
    std::string message;
};

// The first entry of an "errors" array, when the body has one.
std::optional<MarketoError> error_of(const Json& body) {
    if (!body.is_object() || !body.contains("errors") || !body["errors"].is_array() || body["errors"].empty()) {
        return std::nullopt;
    }
    const Json& e = body["errors"][0];
    MarketoError out;
    if (e.is_object()) {
        if (e.contains("code")) {
            out.code = e["code"].is_string() ? e["code"].get<std::string>() : e["code"].dump();
        }
        if (e.contains("message") && e["message"].is_string()) {
            out.message = e["message"].get<std::string>();
        }
    }
    return out;
}

std::string describe_code(const std::string& code) {
    if (code == "601") return "access token invalid";
    if (code == "602") return "access token expired";
    if (code == "606") return "rate limit: more than 100 calls in 20 seconds";
    if (code == "607") return "daily quota reached: the instance's API calls for today are spent (the quota resets at "
                              "midnight, US Central time); nothing was written";
    if (code == "615") return "concurrency limit: more than 10 calls at once";
    if (code == "603") return "access denied: the API-Only user's role lacks a permission this call needs (see "
                              "`minrole instance pull --print-role`)";
    return "";
}

bool transient_code(const std::string& code) {
    return code == "604" || code == "608" || code == "611" || code == "713";
}

// At most `calls` requests in any `window`: the timestamps of the last `calls` requests.
class RateWindow {
public:
    RateWindow(int calls, milliseconds window) : calls_(static_cast<std::size_t>(std::max(calls, 1))), window_(window) {}

    // How long to wait before the next request may go.
    milliseconds wait(std::chrono::steady_clock::time_point now) {
        while (!sent_.empty() && now - sent_.front() >= window_) {
            sent_.pop_front();
        }
        if (sent_.size() < calls_) {
            return milliseconds(0);
        }
        return std::chrono::ceil<milliseconds>(sent_.front() + window_ - now);
    }
    void record(std::chrono::steady_clock::time_point now) { sent_.push_back(now); }

private:
    std::size_t calls_;
    milliseconds window_;
    std::deque<std::chrono::steady_clock::time_point> sent_;
};

class Client {
public:
    Client(Transport& transport, const Credentials& credentials, const PullOptions& options)
        : transport_(transport), credentials_(credentials), options_(options), rate_(options.rate_calls, options.rate_window),
          random_(options.seed != 0 ? options.seed : std::random_device{}()) {}

    ~Client() {
        // The token lives no longer than the pull.
        std::fill(token_.begin(), token_.end(), '\0');
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // GET path_and_query (relative to the base URL), every retry rule applied; the parsed body.
    Json get(const std::string& path_and_query) {
        const std::string call = "GET " + path_and_query;
        progress_.current = call;
        int token_requests = 0;
        bool refreshed = false;
        int attempt = 0;
        for (;;) {
            check_cancelled();
            if (token_.empty() || options_.now() >= token_expires_) {
                if (++token_requests > kMaxTokenRequests) {
                    throw Error(call + " failed: the identity service keeps issuing tokens that are already expired");
                }
                request_token();
            }
            pace();
            HttpRequest request;
            request.url = options_.base_url + path_and_query;
            request.headers = {{"Authorization", "Bearer " + token_}, {"Accept", "application/json"}};
            const HttpResponse response = send(request);
            std::fill(request.headers.front().second.begin(), request.headers.front().second.end(), '\0');
            if (response.failure != HttpFailure::none) {
                retry_or_fail(call, attempt, transport_failure(response), response.failure == HttpFailure::timeout ||
                                                                               response.failure == HttpFailure::connect);
                continue;
            }
            Json body = parse_body(response.body);
            if (body.is_discarded()) {
                if (response.status >= 500) {
                    retry_or_fail(call, attempt, "HTTP " + std::to_string(response.status), true);
                    continue;
                }
                throw Error(malformed(call, response.body));
            }
            if (const auto e = error_of(body); e && (response.status != 200 || !body.contains("success") ||
                                                     !body["success"].is_boolean() || !body["success"].get<bool>())) {
                const std::string what = "Marketo error " + clean(e->code) +
                                         (e->message.empty() ? "" : " " + quote_reply(e->message));
                if (e->code == "601" || e->code == "602") {
                    if (refreshed) {
                        throw Error(call + " failed: " + what + " again with a new access token (" + describe_code(e->code) + ")");
                    }
                    refreshed = true;
                    std::fill(token_.begin(), token_.end(), '\0');
                    token_.clear(); // one new token, one more try
                    continue;
                }
                if (e->code == "606" || e->code == "615" || transient_code(e->code)) {
                    retry_or_fail(call, attempt, what, true);
                    continue;
                }
                const std::string meaning = describe_code(e->code);
                throw Error(call + " failed: " + what + (meaning.empty() ? "" : " (" + meaning + ")"));
            }
            if (response.status >= 500) {
                retry_or_fail(call, attempt, "HTTP " + std::to_string(response.status), true);
                continue;
            }
            if (response.status != 200) {
                throw Error(call + " failed: HTTP " + std::to_string(response.status) +
                            (response.status == 401 || response.status == 403
                                 ? " (the API-Only user's role lacks a permission this call needs: see `minrole instance pull --print-role`)"
                                 : ""));
            }
            if (body.is_object() && body.contains("success") && body["success"].is_boolean() && !body["success"].get<bool>()) {
                throw Error(call + " failed: the response reports failure without an error code");
            }
            return body;
        }
    }

    [[nodiscard]] const PullProgress& progress() const { return progress_; }
    PullProgress& progress() { return progress_; }
    [[nodiscard]] std::uint64_t token_requests() const { return token_count_; }
    [[nodiscard]] std::uint64_t retries() const { return retry_count_; }

    void report() {
        if (options_.progress) {
            options_.progress(progress_);
        }
    }

private:
    Transport& transport_;
    const Credentials& credentials_;
    const PullOptions& options_;
    RateWindow rate_;
    std::mt19937_64 random_;
    std::string token_;
    std::chrono::steady_clock::time_point token_expires_{};
    PullProgress progress_;
    std::uint64_t token_count_ = 0;
    std::uint64_t retry_count_ = 0;

    void check_cancelled() const {
        if (options_.cancelled && options_.cancelled()) {
            throw Error("interrupted; nothing was written");
        }
    }

    void sleep_for(milliseconds delay) {
        if (delay.count() <= 0) {
            return;
        }
        if (options_.sleep) {
            options_.sleep(delay);
            return;
        }
        // In slices, so Ctrl-C is not kept waiting through a long backoff.
        const auto until = std::chrono::steady_clock::now() + delay;
        while (std::chrono::steady_clock::now() < until) {
            check_cancelled();
            std::this_thread::sleep_for(std::min<milliseconds>(milliseconds(100), std::chrono::ceil<milliseconds>(until - std::chrono::steady_clock::now())));
        }
    }

    // The client-side rate limit: never more than rate_calls API calls in any rate_window.
    void pace() {
        sleep_for(rate_.wait(options_.now()));
        rate_.record(options_.now());
    }

    HttpResponse send(const HttpRequest& request) {
        ++progress_.calls;
        report();
        HttpResponse response = transport_.send(request);
        if (response.failure == HttpFailure::cancelled) {
            throw Error("interrupted; nothing was written");
        }
        return response;
    }

    static std::string transport_failure(const HttpResponse& response) {
        std::string text = response.error;
        for (char& c : text) {
            if (static_cast<unsigned char>(c) < 0x20) {
                c = ' ';
            }
        }
        switch (response.failure) {
        case HttpFailure::timeout: return "timed out (" + text + ")";
        case HttpFailure::tls:
            return "TLS verification failed (" + text + "); for a private certificate authority pass --cacert FILE";
        case HttpFailure::too_large: return "the response is too large";
        default: return text;
        }
    }

    [[noreturn]] static void give_up(const std::string& call, int attempts, const std::string& why) {
        throw Error(call + " failed: " + why + (attempts > 1 ? " (gave up after " + std::to_string(attempts) + " attempts)" : ""));
    }

    // Backs off (exponential from options.backoff, capped at the rate window, full jitter in its
    // upper half) and returns when the call may be retried; throws when retries are spent.
    void retry_or_fail(const std::string& call, int& attempt, const std::string& why, bool retryable) {
        if (!retryable || attempt >= options_.retries) {
            give_up(call, attempt + 1, why);
        }
        const auto base = std::min<long long>(kBackoffCap.count(), options_.backoff.count() << std::min(attempt, 20));
        std::uniform_int_distribution<long long> jitter(base / 2, std::max<long long>(base / 2, base));
        ++attempt;
        ++retry_count_;
        sleep_for(milliseconds(jitter(random_)));
    }

    void request_token() {
        const std::string call = std::string("POST ") + kIdentity;
        int attempt = 0;
        for (;;) {
            check_cancelled();
            HttpRequest request;
            request.method = "POST";
            request.url = options_.base_url + kIdentity;
            request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
            request.body = "grant_type=client_credentials&client_id=" + percent_encode(credentials_.client_id) +
                           "&client_secret=" + percent_encode(credentials_.client_secret);
            ++token_count_;
            HttpResponse response = send(request);
            std::fill(request.body.begin(), request.body.end(), '\0');
            if (response.failure != HttpFailure::none) {
                retry_or_fail(call, attempt, transport_failure(response),
                              response.failure == HttpFailure::timeout || response.failure == HttpFailure::connect);
                continue;
            }
            if (response.status >= 500) {
                retry_or_fail(call, attempt, "HTTP " + std::to_string(response.status), true);
                continue;
            }
            Json body = parse_body(response.body);
            if (body.is_discarded()) {
                throw Error(malformed(call, response.body));
            }
            if (response.status != 200 || (body.is_object() && body.contains("error"))) {
                std::string why = "HTTP " + std::to_string(response.status);
                if (body.is_object() && body.contains("error") && body["error"].is_string()) {
                    why += " " + quote_reply(body["error"].get<std::string>());
                    if (body.contains("error_description") && body["error_description"].is_string()) {
                        why += ": " + quote_reply(body["error_description"].get<std::string>());
                    }
                }
                throw Error(call + " failed: " + why + " (check MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET, and that the "
                                                "Custom Service is active)");
            }
            expect_type(call, body, "", Json::value_t::object, "a JSON object");
            expect_string(call, body, "", "access_token");
            expect_string(call, body, "", "token_type");
            expect_integer(call, body, "", "expires_in");
            std::string type = body["token_type"].get<std::string>();
            std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (type != "bearer") {
                surprise(call, "/token_type", "expected 'bearer'");
            }
            const auto expires_in = body["expires_in"].get<long long>();
            if (expires_in < 0) {
                surprise(call, "/expires_in", "expected a number of seconds, found a negative number");
            }
            std::string& token = body["access_token"].get_ref<std::string&>();
            token_ = token;
            std::fill(token.begin(), token.end(), '\0');
            token_expires_ = options_.now() + std::chrono::seconds(expires_in);
            return;
        }
    }

    // nlohmann's message quotes the bytes it stopped at (maybe a token); line and column say where instead.
    static std::string malformed(const std::string& call, const std::string& text) {
        try {
            check_json_depth("", text);
        } catch (const Error& e) {
            return "the response to " + call + " is " + e.message() + " at line " + std::to_string(e.where().line) +
                   ", column " + std::to_string(e.where().column);
        }
        try {
            const Json ignored = Json::parse(text);
            (void)ignored;
        } catch (const Json::parse_error& e) {
            const Location at = location_at("", text, e.byte == 0 ? 0 : e.byte - 1);
            return "malformed JSON in the response to " + call + " at line " + std::to_string(at.line) + ", column " +
                   std::to_string(at.column) + (text.empty() ? " (empty body)" : "");
        } catch (const Json::exception&) {
            return "malformed JSON in the response to " + call + ": a number out of range";
        }
        return "malformed JSON in the response to " + call;
    }
};

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// Reads one un-paged list and checks each record.
Json list(Client& client, const std::string& path, Shape shape, bool envelope) {
    const std::string call = "GET " + path;
    Json body = client.get(path);
    Json records = records_of(call, body, envelope);
    for (std::size_t i = 0; i < records.size(); ++i) {
        check_record(call, records[i], (body.is_array() ? "/" : "/result/") + std::to_string(i), shape);
    }
    return records;
}

} // namespace

Credentials::~Credentials() {
    std::fill(client_id.begin(), client_id.end(), '\0');
    std::fill(client_secret.begin(), client_secret.end(), '\0');
}

Snapshot pull_snapshot(Transport& transport, const Credentials& credentials, const PullOptions& options) {
    if (options.page_size < 1 || options.page_size > 200) {
        throw Error("the page size must be between 1 and 200 (the API's maximum)");
    }
    Snapshot snapshot;
    snapshot.base_url = options.base_url;
    Client client(transport, credentials, options);

    snapshot.workspaces = list(client, kWorkspaces, Shape::named, false);
    snapshot.roles = list(client, kRoles, Shape::named, false);

    // allusers.json, page by page, until a page is shorter than pageSize.
    std::set<long long> seen;
    for (int page = 0;; ++page) {
        if (page >= kMaxPages) {
            throw Error(std::string("GET ") + kUsers + ": more than " + std::to_string(kMaxPages) + " pages; giving up");
        }
        const std::size_t offset = snapshot.users.size();
        const std::string path = std::string(kUsers) + "?pageOffset=" + std::to_string(offset) +
                                 "&pageSize=" + std::to_string(options.page_size);
        const Json records = list(client, path, Shape::users, false);
        std::size_t added = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto id = records[i]["id"].get<long long>();
            if (!seen.insert(id).second) {
                surprise("GET " + path, "/" + std::to_string(i) + "/id",
                         "user id " + std::to_string(id) + " was already on an earlier page (the paging does not advance)");
            }
            snapshot.users.push_back(records[i]);
            ++added;
        }
        client.progress().users = snapshot.users.size();
        client.report();
        if (added < static_cast<std::size_t>(options.page_size)) {
            break;
        }
    }
    client.progress().users_total = snapshot.users.size();

    std::set<std::string> userids;
    for (std::size_t i = 0; i < snapshot.users.size(); ++i) {
        const Json& user = snapshot.users[i];
        const std::string userid = user["userid"].get<std::string>();
        if (!userids.insert(userid).second) {
            surprise(std::string("GET ") + kUsers, "", "user " + quote_reply(userid) + " is listed twice");
        }
        PulledUserRoles roles;
        roles.userid = userid;
        roles.id = user["id"].get<long long>();
        std::string path = kUserRoles;
        path.replace(path.find("{userid}"), 8, percent_encode(userid));
        roles.records = list(client, path, Shape::user_roles, false);
        snapshot.user_roles.push_back(std::move(roles));
        client.report();
    }

    // Lead partitions: one REST list, following nextPageToken should the server page it.
    std::string token;
    std::set<std::string> tokens;
    for (int page = 0;; ++page) {
        if (page >= kMaxPages) {
            throw Error(std::string("GET ") + kPartitions + ": more than " + std::to_string(kMaxPages) + " pages; giving up");
        }
        const std::string path = std::string(kPartitions) + (token.empty() ? "" : "?nextPageToken=" + percent_encode(token));
        const std::string call = "GET " + path;
        const Json body = client.get(path);
        const Json& records = records_of(call, body, true);
        for (std::size_t i = 0; i < records.size(); ++i) {
            check_record(call, records[i], "/result/" + std::to_string(i), Shape::partitions);
            snapshot.partitions.push_back(records[i]);
        }
        const bool more = body.contains("moreResult") && body["moreResult"].is_boolean() && body["moreResult"].get<bool>();
        if (!more) {
            break;
        }
        if (!body.contains("nextPageToken") || !body["nextPageToken"].is_string() || body["nextPageToken"].get<std::string>().empty()) {
            surprise(call, "/nextPageToken", "'moreResult' is true but there is no 'nextPageToken'");
        }
        token = body["nextPageToken"].get<std::string>();
        if (!tokens.insert(token).second) {
            surprise(call, "/nextPageToken", "the same page token came back twice (the paging does not advance)");
        }
    }

    snapshot.calls = client.progress().calls;
    snapshot.token_requests = client.token_requests();
    snapshot.retries = client.retries();
    snapshot.pulled_at = utc_now();
    return snapshot;
}

std::vector<std::string> planned_calls(const PullOptions& options) {
    const std::string& b = options.base_url;
    const std::string size = std::to_string(options.page_size);
    return {
        "POST " + b + kIdentity + "  (client credentials in the body; again when the token expires)",
        "GET  " + b + kWorkspaces,
        "GET  " + b + kRoles,
        "GET  " + b + kUsers + "?pageOffset=0&pageSize=" + size + "  (then pageOffset=" + size +
            ", ... until a page holds fewer than " + size + " users)",
        "GET  " + b + kUserRoles + "  (once per user)",
        "GET  " + b + kPartitions,
    };
}

Intent pull_intent() {
    Intent intent;
    intent.service = "minrole-instance-pull";
    auto& operations = intent.workspace(kDefaultWorkspace).operations;
    for (const char* path : {kWorkspaces, kRoles, kUsers, kUserRoles, kPartitions}) {
        IntendedOperation op;
        op.text = std::string("GET ") + path;
        op.evidence = "minrole instance pull";
        operations.push_back(std::move(op));
    }
    return intent;
}

} // namespace minrole

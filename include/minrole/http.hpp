#pragma once
// HTTP for `instance pull`: one request at a time over one kept-alive connection.
// `Transport` is the seam: the Marketo protocol (instance_pull.hpp) talks to it, the real one
// is libcurl (make_curl_transport, src/http.cpp: the only file that includes curl.h), and
// tests substitute a scripted one. A transport reports failures as values; what to retry is
// the protocol's decision.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole {

struct HttpRequest {
    std::string method = "GET"; // GET or POST
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body; // POST only
};

// Why no HTTP response arrived. timeout and connect are worth retrying; tls is not (a
// certificate does not become valid by asking again).
enum class HttpFailure { none, timeout, connect, tls, too_large, cancelled, other };

struct HttpResponse {
    HttpFailure failure = HttpFailure::none;
    std::string error; // the failure in words: never a header, a request body or a query string
    long status = 0;
    std::string body;
};

class Transport {
public:
    Transport() = default;
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;
    virtual ~Transport() = default;
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

struct HttpOptions {
    std::string cacert;                              // PEM bundle to trust instead of the system's
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds timeout{60000};        // the whole request
    std::size_t max_body = std::size_t{64} << 20;    // a larger response is a failure, not a crash
    std::string user_agent = "minrole";
    std::function<bool()> cancelled;                 // polled during transfers (Ctrl-C)
};

// libcurl: TLS peers verified (host name and chain), no redirects followed, http/https only,
// proxies from http_proxy / https_proxy / no_proxy as libcurl reads them, TCP keep-alive.
std::unique_ptr<Transport> make_curl_transport(const HttpOptions& options);

// application/x-www-form-urlencoded and query-string encoding (RFC 3986 unreserved kept).
std::string url_encode(std::string_view text);

} // namespace minrole

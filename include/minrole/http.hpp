#pragma once
// HTTP for `instance pull`: one request at a time over one kept-alive connection.
// `Transport` is the seam: the Marketo protocol (instance_pull.hpp) talks to it, and tests
// substitute a scripted one. The real one is libcurl, in a helper process: minrole-http
// (src/http_curl.cpp, the only file that includes curl.h) lives beside minrole, is started for
// the length of a pull and serves requests over pipes (src/http.cpp, src/http_frame.hpp), so
// minrole itself stays a static executable that loads no TLS or proxy libraries at start-up.
// A transport reports failures as values; what to retry is the protocol's decision.
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

// libcurl in the minrole-http helper: TLS peers verified (host name and chain), no redirects
// followed, http/https only, proxies from http_proxy / https_proxy / no_proxy as libcurl reads
// them, TCP keep-alive. The helper is $MINROLE_HTTP_HELPER, else minrole-http in the folder of
// the running executable. `options.cancelled` is polled while waiting for it.
std::unique_ptr<Transport> make_http_transport(const HttpOptions& options);

} // namespace minrole

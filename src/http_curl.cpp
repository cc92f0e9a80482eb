// minrole-http: the libcurl side of `instance pull`, a helper process minrole starts and talks
// to over its standard input and output (http_frame.hpp). It makes the requests it is sent, one
// at a time, with one easy handle: libcurl keeps the connection open between requests to the
// same host (HTTP/1.1 keep-alive), so a pull opens one TLS session. It never prints, logs or
// stores anything it is sent (the requests carry the client secret and the access token).
#include "minrole/http.hpp"

#include "http_frame.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/prctl.h>
#include <unistd.h>

namespace minrole {

namespace {


struct Transfer {
    std::string body;
    std::size_t max_body = 0;
    bool too_large = false;
    const std::function<bool()>* cancelled = nullptr;
};

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (t->body.size() + bytes > t->max_body) {
        t->too_large = true;
        return 0; // libcurl stops with CURLE_WRITE_ERROR
    }
    t->body.append(data, bytes);
    return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* t = static_cast<Transfer*>(user);
    return t->cancelled != nullptr && *t->cancelled && (*t->cancelled)() ? 1 : 0;
}

HttpFailure classify(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return HttpFailure::timeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return HttpFailure::connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return HttpFailure::tls;
    case CURLE_ABORTED_BY_CALLBACK:
        return HttpFailure::cancelled;
    default:
        return HttpFailure::other;
    }
}

class CurlTransport final : public Transport {
public:
    explicit CurlTransport(HttpOptions options) : options_(std::move(options)) {
        handle_ = curl_easy_init();
        if (handle_ == nullptr) {
            throw std::runtime_error("cannot create a libcurl handle");
        }
    }
    ~CurlTransport() override { curl_easy_cleanup(handle_); }
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    HttpResponse send(const HttpRequest& request) override {
        Transfer transfer;
        transfer.max_body = options_.max_body;
        transfer.cancelled = &options_.cancelled;
        char message[CURL_ERROR_SIZE] = {};
        curl_slist* headers = nullptr;
        for (const auto& [name, value] : request.headers) {
            const std::string line = name + ": " + value;
            curl_slist* grown = curl_slist_append(headers, line.c_str());
            if (grown == nullptr) {
                curl_slist_free_all(headers);
                throw std::runtime_error("out of memory building an HTTP request");
            }
            headers = grown;
        }
        CURL* h = handle_;
        // Every option is set on every request: the handle (and its open connection) is reused,
        // so nothing from the previous request may carry over.
        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); // a redirect is reported, never followed with the token
        curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);     // a userid of ".." stays a path segment, not a step up
        curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!options_.cacert.empty()) {
            curl_easy_setopt(h, CURLOPT_CAINFO, options_.cacert.c_str());
        }
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
        curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); // whatever libcurl can decode
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, message);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
        if (request.method == "POST") {
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        }
        const CURLcode code = curl_easy_perform(h);
        // The header list and the body pointer must not outlive this call inside the handle.
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
        curl_slist_free_all(headers);

        HttpResponse response;
        if (code != CURLE_OK) {
            response.failure = transfer.too_large ? HttpFailure::too_large : classify(code);
            response.error = transfer.too_large ? "the response is larger than the limit"
                                                : std::string(curl_easy_strerror(code)) + (message[0] != '\0' ? std::string(": ") + message : "");
            return response;
        }
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
        response.body = std::move(transfer.body);
        return response;
    }

private:
    HttpOptions options_;
    CURL* handle_ = nullptr;
};

long long number(const std::string& text) { return std::strtoll(text.c_str(), nullptr, 10); }

} // namespace

} // namespace minrole

int main() {
    using namespace minrole;
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); // it is sent the client secret and the token: no core dump

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        return 3;
    }
    http_frame::Reader in(STDIN_FILENO);
    HttpOptions options;
    std::string connect_ms;
    std::string timeout_ms;
    std::string max_body;
    if (!in.get(options.cacert) || !in.get(connect_ms) || !in.get(timeout_ms) || !in.get(max_body) ||
        !in.get(options.user_agent)) {
        return 2;
    }
    options.connect_timeout = std::chrono::milliseconds(number(connect_ms));
    options.timeout = std::chrono::milliseconds(number(timeout_ms));
    options.max_body = static_cast<std::size_t>(number(max_body));
    CurlTransport transport(options);
    std::string count;
    for (;;) {
        HttpRequest request;
        if (!in.get(request.method)) {
            break; // minrole closed the pipe: the pull is over
        }
        if (!in.get(request.url) || !in.get(count)) {
            return 2;
        }
        const long long headers = number(count);
        if (headers < 0 || headers > 100) {
            return 2;
        }
        for (long long i = 0; i < headers; ++i) {
            std::string name;
            std::string value;
            if (!in.get(name) || !in.get(value)) {
                return 2;
            }
            request.headers.emplace_back(std::move(name), std::move(value));
        }
        if (!in.get(request.body)) {
            return 2;
        }
        const HttpResponse response = transport.send(request);
        for (auto& [name, value] : request.headers) {
            std::fill(value.begin(), value.end(), '\0');
        }
        std::fill(request.body.begin(), request.body.end(), '\0');
        std::string message;
        http_frame::put(message, std::to_string(static_cast<int>(response.failure)));
        http_frame::put(message, response.error);
        http_frame::put(message, std::to_string(response.status));
        http_frame::put(message, response.body);
        if (!http_frame::write_all(STDOUT_FILENO, message.data(), message.size())) {
            return 2;
        }
    }
    curl_global_cleanup();
    return 0;
}

// The library side of HTTP: the transport that hands requests to the minrole-http helper
// (src/http_curl.cpp) over two pipes, in the framing of http_frame.hpp.
#include "minrole/http.hpp"

#include "http_frame.hpp"
#include "minrole/error.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace minrole {

namespace {

std::string helper_path() {
    if (const char* path = std::getenv("MINROLE_HTTP_HELPER"); path != nullptr && *path != '\0') {
        return path;
    }
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        throw Error("cannot find the minrole-http helper (no /proc/self/exe): set MINROLE_HTTP_HELPER");
    }
    self[n] = '\0';
    return (std::filesystem::path(self).parent_path() / "minrole-http").string();
}

class HelperTransport final : public Transport {
public:
    explicit HelperTransport(const HttpOptions& options) : cancelled_(options.cancelled) {
        const std::string path = helper_path();
        if (::access(path.c_str(), X_OK) != 0) {
            throw Error(Location{path, 0, 0}, "the HTTP helper of `instance pull` is missing (minrole-http is built "
                                              "with libcurl4-openssl-dev and installed beside minrole)");
        }
        int to_helper[2];
        int from_helper[2];
        if (::pipe2(to_helper, O_CLOEXEC) != 0) {
            throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
        }
        if (::pipe2(from_helper, O_CLOEXEC) != 0) {
            ::close(to_helper[0]);
            ::close(to_helper[1]);
            throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, to_helper[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, from_helper[1], STDOUT_FILENO);
        char* argv[] = {const_cast<char*>("minrole-http"), nullptr};
        const int failed = ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(to_helper[0]);
        ::close(from_helper[1]);
        to_ = to_helper[1];
        from_ = from_helper[0];
        if (failed != 0) {
            pid_ = -1;
            close_pipes();
            throw Error(Location{path, 0, 0}, std::string("cannot start the HTTP helper: ") + std::strerror(failed));
        }
        reader_ = std::make_unique<http_frame::Reader>(from_, &cancelled_);
        std::string message;
        http_frame::put(message, options.cacert);
        http_frame::put(message, std::to_string(options.connect_timeout.count()));
        http_frame::put(message, std::to_string(options.timeout.count()));
        http_frame::put(message, std::to_string(options.max_body));
        http_frame::put(message, options.user_agent);
        write(message);
    }

    ~HelperTransport() override {
        close_pipes(); // the helper reads the end of its input and exits
        if (pid_ <= 0) {
            return;
        }
        // Give it a moment to exit on its own (it cleans up libcurl); stop it at once when the
        // pull was interrupted, as it may be in the middle of a slow request.
        int status = 0;
        const bool interrupted = cancelled_ && cancelled_();
        for (int i = 0; i < (interrupted ? 0 : 200); ++i) {
            if (::waitpid(pid_, &status, WNOHANG) != 0) {
                return;
            }
            ::usleep(10000);
        }
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, &status, 0);
    }
    HelperTransport(const HelperTransport&) = delete;
    HelperTransport& operator=(const HelperTransport&) = delete;

    HttpResponse send(const HttpRequest& request) override {
        std::string message;
        http_frame::put(message, request.method);
        http_frame::put(message, request.url);
        http_frame::put(message, std::to_string(request.headers.size()));
        for (const auto& [name, value] : request.headers) {
            http_frame::put(message, name);
            http_frame::put(message, value);
        }
        http_frame::put(message, request.body);
        write(message);
        std::fill(message.begin(), message.end(), '\0'); // it held the token or the secret
        HttpResponse response;
        std::string failure;
        std::string status;
        if (!reader_->get(failure) || !reader_->get(response.error) || !reader_->get(status) || !reader_->get(response.body)) {
            return lost();
        }
        response.failure = static_cast<HttpFailure>(std::atoi(failure.c_str()));
        response.status = std::atol(status.c_str());
        return response;
    }

private:
    std::function<bool()> cancelled_;
    pid_t pid_ = -1;
    int to_ = -1;
    int from_ = -1;
    std::unique_ptr<http_frame::Reader> reader_;

    void close_pipes() {
        if (to_ >= 0) {
            ::close(to_);
            to_ = -1;
        }
        if (from_ >= 0) {
            ::close(from_);
            from_ = -1;
        }
    }

    void write(const std::string& message) {
        if (!http_frame::write_all(to_, message.data(), message.size(), &cancelled_)) {
            if (cancelled_ && cancelled_()) {
                throw Error("interrupted; nothing was written");
            }
            throw Error("the HTTP helper (minrole-http) stopped");
        }
    }

    HttpResponse lost() {
        HttpResponse response;
        if (cancelled_ && cancelled_()) {
            response.failure = HttpFailure::cancelled;
            response.error = "interrupted";
            return response;
        }
        int status = 0;
        std::string why = "the HTTP helper (minrole-http) stopped";
        if (pid_ > 0 && ::waitpid(pid_, &status, 0) == pid_) {
            pid_ = -1;
            if (WIFSIGNALED(status)) {
                why += " (signal " + std::to_string(WTERMSIG(status)) + ")";
            }
        }
        throw Error(why);
    }
};

} // namespace

std::unique_ptr<Transport> make_http_transport(const HttpOptions& options) { return std::make_unique<HelperTransport>(options); }

} // namespace minrole

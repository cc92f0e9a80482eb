#include "pull_input.hpp"

#include <array>
#include <csignal>
#include <sys/prctl.h>
#include <cstdio>
#include <unistd.h>

namespace minrole::cli {

namespace {

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_interrupt(int) { interrupted = 1; }

// SIGINT, SIGTERM, SIGHUP and SIGQUIT set a flag the pull polls (between calls, during
// transfers and backoffs), so it stops within a moment, removes its temporary files and exits 2.
// SIGXFSZ (`ulimit -f`) is ignored: the snapshot's write fails with EFBIG and its temporary
// folder is removed, where the signal would kill the process and leave it behind.
class InterruptGuard {
public:
    InterruptGuard() {
        interrupted = 0;
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < kStopping.size(); ++i) {
            ::sigaction(kStopping[i], &action, &old_stopping_[i]);
        }
        // A helper that dies mid-request must be an error, not the end of minrole.
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        ::sigaction(SIGPIPE, &ignore, &old_pipe_);
        ::sigaction(SIGXFSZ, &ignore, &old_xfsz_);
    }
    ~InterruptGuard() {
        for (std::size_t i = 0; i < kStopping.size(); ++i) {
            ::sigaction(kStopping[i], &old_stopping_[i], nullptr);
        }
        ::sigaction(SIGPIPE, &old_pipe_, nullptr);
        ::sigaction(SIGXFSZ, &old_xfsz_, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    static constexpr std::array<int, 4> kStopping{SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    std::array<struct sigaction, 4> old_stopping_{};
    struct sigaction old_pipe_ {};
    struct sigaction old_xfsz_ {};
};

} // namespace

std::string PullInput::target(const std::string& fallback) const {
    if (!munchkin.empty() && !base_url.empty()) {
        throw Error("give --munchkin or --base-url, not both");
    }
    if (!munchkin.empty()) {
        return base_url_for_munchkin(munchkin);
    }
    if (!base_url.empty()) {
        return checked_base_url(base_url);
    }
    if (!fallback.empty()) {
        return checked_base_url(fallback);
    }
    throw Error("which instance? --munchkin ID (the Munchkin account id, e.g. 123-ABC-456) or --base-url URL");
}

PullOptions PullInput::options(const std::string& url) const {
    PullOptions o;
    o.base_url = url;
    o.page_size = page_size;
    o.retries = retries;
    o.backoff = std::chrono::milliseconds(backoff_ms);
    return o;
}

void add_pull_options(CLI::App& command, PullInput& input, const std::string& group) {
    command.add_option("--munchkin", input.munchkin, "the instance's Munchkin account id (123-ABC-456)")->type_name("ID")->group(group);
    command.add_option("--base-url", input.base_url, "the REST API's base URL instead (a proxy or a test server)")
        ->type_name("URL")
        ->group(group);
    command.add_option("--cacert", input.cacert, "trust this PEM certificate bundle (a private CA) instead of the system's")
        ->type_name("FILE")
        ->check(CLI::ExistingFile)
        ->group(group);
    command.add_option("--credentials", input.credentials_file,
                       "read MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET from FILE (mode 0600) instead of the environment")
        ->type_name("FILE")
        ->group(group);
    command.add_option("--timeout", input.timeout_s, "seconds one request may take")
        ->check(CLI::Range(0.1, 3600.0))
        ->default_str("60")
        ->group(group);
    command.add_option("--connect-timeout", input.connect_timeout_s, "seconds to connect")
        ->check(CLI::Range(0.1, 600.0))
        ->default_str("10")
        ->group(group);
    command.add_option("--retries", input.retries, "retries per call after a rate limit, a 5xx or a timeout")
        ->check(CLI::Range(0, 20))
        ->default_str("5")
        ->group(group);
    command.add_option("--backoff-ms", input.backoff_ms, "first backoff before a retry (doubles, at most 20 s, with jitter)")
        ->check(CLI::Range(1L, 20000L))
        ->default_str("2000")
        ->group(group);
    command.add_option("--page-size", input.page_size, "users per allusers.json page (the API's maximum is 200)")
        ->check(CLI::Range(1, 200))
        ->default_str("200")
        ->group(group);
}

Snapshot run_pull(const PullInput& input, const std::string& base_url, const std::string& directory) {
    check_snapshot_directory(directory); // before any call is spent
    // From here the process holds the client secret and a token: no core dump, no ptrace
    // attach by other processes of the same user (the helper does the same).
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const Credentials credentials = read_credentials(input.credentials_file);
    const InterruptGuard guard;
    HttpOptions http;
    http.cacert = input.cacert;
    http.timeout = std::chrono::milliseconds(static_cast<long long>(input.timeout_s * 1000));
    http.connect_timeout = std::chrono::milliseconds(static_cast<long long>(input.connect_timeout_s * 1000));
    http.user_agent = std::string("minrole/") + MINROLE_VERSION;
    http.cancelled = [] { return interrupted != 0; };
    const auto transport = make_http_transport(http);
    PullOptions options = input.options(base_url);
    options.cancelled = http.cancelled;
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    if (terminal) {
        options.progress = [last = std::chrono::steady_clock::time_point{}](const PullProgress& p) mutable {
            const auto now = std::chrono::steady_clock::now();
            if (now - last > std::chrono::milliseconds(100)) {
                last = now;
                std::fprintf(stderr, "\r\033[Kpulling: %llu calls, %llu users read", static_cast<unsigned long long>(p.calls),
                             static_cast<unsigned long long>(p.users));
            }
        };
    }
    struct ClearLine {
        bool terminal;
        ~ClearLine() {
            if (terminal) {
                std::fprintf(stderr, "\r\033[K");
            }
        }
    } clear{terminal};
    Snapshot snapshot = pull_snapshot(*transport, credentials, options);
    // Still under the guard: a Ctrl-C now waits for the swap, so no temporary folder is left.
    write_snapshot(snapshot, directory);
    return snapshot;
}

std::string pull_summary(const Snapshot& s) {
    auto count = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    return "pulled " + count(s.users.size(), "user", "users") + ", " + count(s.roles.size(), "role", "roles") + ", " +
           count(s.workspaces.size(), "workspace", "workspaces") + " and " +
           count(s.partitions.size(), "lead partition", "lead partitions") + " from " + s.base_url + " in " +
           count(s.calls, "call", "calls") + " (" + count(s.token_requests, "token request", "token requests") + ", " +
           count(s.retries, "retry", "retries") + ")";
}

} // namespace minrole::cli

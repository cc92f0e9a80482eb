// instance pull against a hostile server: the input is a sequence of response bodies, separated
// by a line "---", served in order to every call after the identity call (which always succeeds);
// a body whose first line is a bare number is served with that HTTP status. Once the bodies run
// out every call gets "[]". Clock and sleep are fake, so backoffs cost nothing.
#include "common.hpp"
#include "minrole/error.hpp"
#include "minrole/instance_pull.hpp"

#include <string_view>
#include <vector>

namespace {

struct Replay final : minrole::Transport {
    std::vector<std::string> bodies;
    std::size_t next = 0;
    std::size_t calls = 0;
    minrole::HttpResponse send(const minrole::HttpRequest& request) override {
        if (++calls > 5000) {
            throw minrole::Error("too many calls"); // a pull of a tiny input must end
        }
        if (request.url.find("/identity/") != std::string::npos) {
            return {minrole::HttpFailure::none, "", 200,
                    R"({"access_token":"t","token_type":"bearer","expires_in":3600,"scope":"s"})"};
        }
        if (next >= bodies.size()) {
            return {minrole::HttpFailure::none, "", 200, "[]"};
        }
        std::string body = bodies[next++];
        long status = 200;
        const std::size_t eol = body.find('\n');
        if (eol != std::string::npos && eol > 0 && eol <= 3 &&
            body.find_first_not_of("0123456789") == eol) {
            status = std::stol(body.substr(0, eol));
            body.erase(0, eol + 1);
        }
        return {minrole::HttpFailure::none, "", status, body};
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Replay replay;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = text.find("\n---\n", start);
        replay.bodies.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) {
            break;
        }
        start = at + 5;
    }
    minrole::PullOptions options;
    options.base_url = "https://fuzz.example";
    options.page_size = 2;
    options.retries = 2;
    auto now = std::chrono::steady_clock::time_point{};
    options.now = [&now] { return now; };
    options.sleep = [&now](std::chrono::milliseconds d) { now += d; };
    options.seed = 1;
    try {
        const minrole::Snapshot s = minrole::pull_snapshot(replay, minrole::Credentials{}, options);
        (void)minrole::generated_instance_yaml(s);
    } catch (const minrole::Error&) {
    }
    return 0;
}

#pragma once
// The pipe protocol between minrole (src/http.cpp) and its minrole-http helper
// (src/http_curl.cpp). A message is a sequence of fields, each "<decimal length>\n<bytes>":
// binary-safe, so a response body reaches the parser byte for byte. The helper first reads the
// options (cacert, connect timeout ms, timeout ms, max body, user agent); then, per request,
// method, url, header count, name/value pairs, body; and answers with failure (the
// HttpFailure as a number), error, status, body. Private to minrole and its helper.
#include <cerrno>
#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <unistd.h>

namespace minrole::http_frame {

inline constexpr std::size_t kMaxField = (std::size_t{64} << 20) + 1024;

// Writes all of `data`; false when the pipe is gone. `interrupted` (may be null) is asked after
// an EINTR whether to give up.
inline bool write_all(int fd, const char* data, std::size_t size, const std::function<bool()>* interrupted = nullptr) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR && (interrupted == nullptr || !*interrupted || !(*interrupted)())) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

inline void put(std::string& message, const std::string& field) {
    message += std::to_string(field.size());
    message += '\n';
    message += field;
}

// Buffered reading of fields from a pipe.
class Reader {
public:
    explicit Reader(int fd, const std::function<bool()>* interrupted = nullptr) : fd_(fd), interrupted_(interrupted) {}

    // False at end of input, on a read error or on a malformed field.
    bool get(std::string& field) {
        std::size_t size = 0;
        int digits = 0;
        for (;;) {
            char c = 0;
            if (!byte(c)) {
                return false;
            }
            if (c == '\n') {
                break;
            }
            if (c < '0' || c > '9' || ++digits > 12) {
                return false;
            }
            size = size * 10 + static_cast<std::size_t>(c - '0');
        }
        if (digits == 0 || size > kMaxField) {
            return false;
        }
        field.clear();
        field.reserve(size);
        while (field.size() < size) {
            if (start_ == end_ && !fill()) {
                return false;
            }
            const std::size_t take = std::min(size - field.size(), end_ - start_);
            field.append(buffer_ + start_, take);
            start_ += take;
        }
        return true;
    }

private:
    int fd_;
    const std::function<bool()>* interrupted_;
    char buffer_[1 << 16] = {};
    std::size_t start_ = 0;
    std::size_t end_ = 0;

    bool fill() {
        for (;;) {
            const ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
            if (n < 0 && errno == EINTR && (interrupted_ == nullptr || !*interrupted_ || !(*interrupted_)())) {
                continue;
            }
            if (n <= 0) {
                return false;
            }
            start_ = 0;
            end_ = static_cast<std::size_t>(n);
            return true;
        }
    }
    bool byte(char& c) {
        if (start_ == end_ && !fill()) {
            return false;
        }
        c = buffer_[start_++];
        return true;
    }
};

} // namespace minrole::http_frame

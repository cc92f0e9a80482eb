#include "output_file.hpp"

#include "minrole/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace minrole::cli {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
    throw Error(Location{path, 0, 0}, what + ": " + std::strerror(error));
}

[[noreturn]] void refuse(const std::string& path, const std::string& why) { throw Error(Location{path, 0, 0}, why); }

// A closed pipe (SIGPIPE) or the file size limit (SIGXFSZ, `ulimit -f`) would kill the process
// in the middle of a write, before it could report anything or remove its temporary file.
// Ignored, the write fails with EPIPE or EFBIG instead, and the run ends with exit status 2.
void ignore_write_signals() {
    static const bool ignored = [] {
        std::signal(SIGPIPE, SIG_IGN);
        std::signal(SIGXFSZ, SIG_IGN);
        return true;
    }();
    (void)ignored;
}

// write(2) until everything is out; returns 0 or the errno of the failed write.
int write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), std::min<std::size_t>(text.size(), std::size_t{1} << 30));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (n == 0) {
            return EIO;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

// Closes `fd` once, on every path out of the scope that owns it.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    [[nodiscard]] int get() const { return fd_; }
    // Closes now and reports close(2)'s errno (NFS reports write errors there), or 0.
    int close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0 ? 0 : errno;
    }

private:
    int fd_;
};

// 16 hex digits nobody can predict, for temporary names.
std::string random_suffix() {
    std::array<unsigned char, 8> bytes{};
    if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
        std::random_device device;
        for (auto& b : bytes) {
            b = static_cast<unsigned char>(device());
        }
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

// ".NAME.<random>.tmp", with NAME cut so the whole stays well inside NAME_MAX (255 bytes).
std::string temporary_name(const std::string& base) {
    return "." + base.substr(0, 200) + "." + random_suffix() + ".tmp";
}

// Removes the named temporary file unless the rename consumed it.
class TemporaryName {
public:
    explicit TemporaryName(int dir) : dir_(dir) {}
    TemporaryName(const TemporaryName&) = delete;
    TemporaryName& operator=(const TemporaryName&) = delete;
    ~TemporaryName() {
        if (!name_.empty()) {
            ::unlinkat(dir_, name_.c_str(), 0);
        }
    }
    void set(std::string name) { name_ = std::move(name); }
    [[nodiscard]] const std::string& name() const { return name_; }
    void release() { name_.clear(); }

private:
    int dir_;
    std::string name_;
};

// A file with no name yet (O_TMPFILE): killed in the middle of a write, the process leaves
// nothing behind. -1 when the file system cannot do it.
int open_anonymous(int dir) {
#ifdef O_TMPFILE
    const int fd = ::openat(dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) {
        return fd;
    }
#endif
    return -1;
}

// Gives the anonymous file `fd` a fresh random name in `dir`.
bool link_anonymous(int fd, int dir, const std::string& base, TemporaryName& temporary) {
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const std::string name = temporary_name(base);
        if (::linkat(AT_FDCWD, proc.c_str(), dir, name.c_str(), AT_SYMLINK_FOLLOW) == 0 ||
            ::linkat(fd, "", dir, name.c_str(), AT_EMPTY_PATH) == 0) {
            temporary.set(name);
            return true;
        }
        if (errno != EEXIST) {
            return false;
        }
    }
    return false;
}

// A new, exclusively created file under a random name; never follows a planted symlink.
int open_named(int dir, const std::string& base, TemporaryName& temporary) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        const std::string name = temporary_name(base);
        const int fd = ::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            temporary.set(name);
            return fd;
        }
        if (errno != EEXIST) {
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

// Devices, FIFOs and sockets (/dev/null, /dev/stdout, a named pipe) are written through as
// they are: replacing them would leave a plain file where the device was.
void write_through(const std::string& path, std::string_view text) {
    Descriptor fd(::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) {
        fail(path, "cannot write", errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        fail(path, "cannot write", errno);
    }
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode)) {
        refuse(path, "changed while it was being opened; not written");
    }
    if (const int error = write_all(fd.get(), text); error != 0) {
        fail(path, "cannot write", error);
    }
    if (const int error = fd.close(); error != 0) {
        fail(path, "cannot write", error);
    }
}

// A file with several hard links: every link must see the new report, so the file is
// rewritten in place. Space is reserved first, so a full disk fails before anything changes.
void rewrite_in_place(const std::string& path, const struct stat& expected, std::string_view text) {
    Descriptor fd(::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) {
        fail(path, "cannot write", errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        fail(path, "cannot write", errno);
    }
    if (st.st_dev != expected.st_dev || st.st_ino != expected.st_ino || !S_ISREG(st.st_mode)) {
        refuse(path, "changed while it was being opened; not written");
    }
    if (!text.empty()) {
        const int reserved = ::posix_fallocate(fd.get(), 0, static_cast<off_t>(text.size()));
        if (reserved != 0 && reserved != EOPNOTSUPP && reserved != EINVAL) {
            fail(path, "cannot write", reserved);
        }
    }
    if (const int error = write_all(fd.get(), text); error != 0) {
        fail(path, "cannot write", error);
    }
    if (::ftruncate(fd.get(), static_cast<off_t>(text.size())) != 0 || ::fsync(fd.get()) != 0) {
        fail(path, "cannot write", errno);
    }
    if (const int error = fd.close(); error != 0) {
        fail(path, "cannot write", error);
    }
}

// A regular file, new or existing: a temporary file in the same directory, renamed over it.
void replace_atomically(const std::string& path, const struct stat* existing, std::string_view text) {
    const std::size_t slash = path.find_last_of('/');
    const std::string dir_path = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    Descriptor dir(::open(dir_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0) {
        fail(path, "cannot write", errno);
    }
    TemporaryName temporary(dir.get());
    int raw = open_anonymous(dir.get());
    const bool anonymous = raw >= 0;
    if (!anonymous) {
        raw = open_named(dir.get(), base, temporary);
    }
    Descriptor fd(raw);
    if (fd.get() < 0) {
        fail(path, "cannot create a temporary file in " + dir_path, errno);
    }
    if (existing != nullptr) {
        // Owner first: chown clears the set-id bits that fchmod then restores. Only root may
        // give a file away; anyone else keeps the file as theirs, with the old mode.
        if ((existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()) &&
            ::fchown(fd.get(), existing->st_uid, existing->st_gid) != 0 && errno != EPERM) {
            fail(path, "cannot write", errno);
        }
        if (::fchmod(fd.get(), existing->st_mode & 07777) != 0) {
            fail(path, "cannot write", errno);
        }
    }
    if (const int error = write_all(fd.get(), text); error != 0) {
        fail(path, "cannot write", error);
    }
    if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != EROFS) {
        fail(path, "cannot write", errno);
    }
    if (anonymous && !link_anonymous(fd.get(), dir.get(), base, temporary)) {
        fail(path, "cannot create a temporary file in " + dir_path, errno);
    }
    if (const int error = fd.close(); error != 0) {
        fail(path, "cannot write", error);
    }
    if (::renameat(dir.get(), temporary.name().c_str(), dir.get(), base.c_str()) != 0) {
        fail(path, "cannot replace", errno);
    }
    temporary.release();
}

} // namespace

void write_stdout(std::string_view text) {
    ignore_write_signals();
    std::cout.flush();
    if (const int error = write_all(STDOUT_FILENO, text); error != 0) {
        fail("<stdout>", "cannot write", error);
    }
}

void write_output_file(const std::string& path, std::string_view text) {
    ignore_write_signals();
    if (path.empty()) {
        refuse(path, "empty output file name");
    }
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0) {
        if (errno != ENOENT) {
            fail(path, "cannot write", errno);
        }
        replace_atomically(path, nullptr, text);
        return;
    }
    if (S_ISLNK(link.st_mode)) {
        struct stat target {};
        if (::stat(path.c_str(), &target) != 0) {
            refuse(path, "is a symbolic link to nothing (" + std::string(std::strerror(errno)) +
                             "); refusing to create a file through it");
        }
        if (S_ISREG(target.st_mode)) {
            refuse(path, "is a symbolic link to a regular file; refusing to write through it (name the file itself)");
        }
        if (S_ISDIR(target.st_mode)) {
            refuse(path, "is a directory, expected a file to write");
        }
        if (S_ISBLK(target.st_mode)) {
            refuse(path, "is a symbolic link to a block device; refusing to write to it");
        }
        write_through(path, text);
        return;
    }
    if (S_ISDIR(link.st_mode)) {
        refuse(path, "is a directory, expected a file to write");
    }
    if (S_ISBLK(link.st_mode)) {
        refuse(path, "is a block device; refusing to write to it");
    }
    if (!S_ISREG(link.st_mode)) {
        write_through(path, text);
    } else if (link.st_nlink > 1) {
        rewrite_in_place(path, link, text);
    } else {
        replace_atomically(path, &link, text);
    }
}

} // namespace minrole::cli

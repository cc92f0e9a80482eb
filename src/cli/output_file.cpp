#include "output_file.hpp"

#include "minrole/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>
#include <vector>
#include <random>
#include <string>

#include <fcntl.h>
#include <pthread.h>
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

// Terminating signals (Ctrl-C, `timeout`'s SIGTERM, a closed terminal's SIGHUP ...) are held
// back while a regular file is being replaced or rewritten: killed between creating the
// temporary name and the rename, the process would leave the temporary behind, and killed in
// the middle of an in-place rewrite, a half-written file. A signal that arrives meanwhile is
// delivered when the file is complete (or the temporary removed), and ends the process then.
class HoldSignals {
public:
    HoldSignals() {
        sigset_t held;
        sigemptyset(&held);
        for (const int signal : {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU}) {
            sigaddset(&held, signal);
        }
        ::pthread_sigmask(SIG_BLOCK, &held, &old_);
    }
    HoldSignals(const HoldSignals&) = delete;
    HoldSignals& operator=(const HoldSignals&) = delete;
    ~HoldSignals() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

private:
    sigset_t old_{};
};

// A report is not a program: set-user-ID and set-group-ID bits are not carried over to new
// content (write(2) drops them too, for anyone but root).
constexpr mode_t kKeptModeBits = 07777 & ~(S_ISUID | S_ISGID);

// Devices, FIFOs and sockets (/dev/null, a named pipe) are written through as they are:
// replacing them would leave a plain file where the device was.
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

// "/dev/stdout", "/dev/stderr", "/dev/fd/N" and "/proc/self/fd/N" name a descriptor this
// process already holds: N, or -1 for any other path. Written to as it is (`-o /dev/stdout
// >> "$GITHUB_STEP_SUMMARY"` appends), never reopened: reopening a regular file behind it would
// lose O_APPEND and its offset, and refusing it as a symlink to a file would break the idiom.
int named_descriptor(const std::string& path) {
    if (path == "/dev/stdout") {
        return STDOUT_FILENO;
    }
    if (path == "/dev/stderr") {
        return STDERR_FILENO;
    }
    for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"}) {
        if (path.size() > prefix.size() && path.size() <= prefix.size() + 6 && path.compare(0, prefix.size(), prefix) == 0 &&
            std::all_of(path.begin() + static_cast<std::ptrdiff_t>(prefix.size()), path.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return std::stoi(path.substr(prefix.size()));
        }
    }
    return -1;
}

void write_descriptor(const std::string& path, int fd, std::string_view text) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) {
        fail(path, "cannot write", errno);
    }
    if ((flags & O_ACCMODE) == O_RDONLY) {
        fail(path, "cannot write", EBADF);
    }
    if (const int error = write_all(fd, text); error != 0) {
        fail(path, "cannot write", error);
    }
}

// A file with several hard links: every link must see the new report, so the file is
// rewritten in place. Space (and the file size limit) is checked first, so a full disk or
// `ulimit -f` fails before anything changes.
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
    if ((st.st_mode & (S_ISUID | S_ISGID)) != 0 && ::fchmod(fd.get(), st.st_mode & kKeptModeBits) != 0) {
        fail(path, "cannot write", errno);
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

// A regular file's report, complete in its temporary file in the target's folder and waiting
// for the rename; removed unless commit() renames it.
struct Prepared {
    std::string path;
    std::string base;
    Descriptor dir;
    TemporaryName temporary;
    Prepared(std::string p, std::string b, int d) : path(std::move(p)), base(std::move(b)), dir(d), temporary(dir.get()) {}

    void commit() {
        if (::renameat(dir.get(), temporary.name().c_str(), dir.get(), base.c_str()) != 0) {
            fail(path, "cannot replace", errno);
        }
        temporary.release();
    }
};

// A regular file, new or existing: the report goes to a temporary file in the same directory
// (which commit() renames over it).
std::unique_ptr<Prepared> prepare_replacement(const std::string& path, const struct stat* existing, std::string_view text) {
    const std::size_t slash = path.find_last_of('/');
    const std::string dir_path = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    const int dir = ::open(dir_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        fail(path, "cannot write", errno);
    }
    auto prepared = std::make_unique<Prepared>(path, base, dir);
    int raw = open_anonymous(dir);
    const bool anonymous = raw >= 0;
    if (!anonymous) {
        raw = open_named(dir, base, prepared->temporary);
    }
    Descriptor fd(raw);
    if (fd.get() < 0) {
        fail(path, "cannot create a temporary file in " + dir_path, errno);
    }
    if (existing != nullptr) {
        // Owner first: chown clears the set-id bits (which are not kept anyway). Only root may
        // give a file away; anyone else keeps the file as theirs, with the old mode.
        if ((existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()) &&
            ::fchown(fd.get(), existing->st_uid, existing->st_gid) != 0 && errno != EPERM) {
            fail(path, "cannot write", errno);
        }
        if (::fchmod(fd.get(), existing->st_mode & kKeptModeBits) != 0) {
            fail(path, "cannot write", errno);
        }
    }
    if (const int error = write_all(fd.get(), text); error != 0) {
        fail(path, "cannot write", error);
    }
    if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != EROFS) {
        fail(path, "cannot write", errno);
    }
    if (anonymous && !link_anonymous(fd.get(), dir, base, prepared->temporary)) {
        fail(path, "cannot create a temporary file in " + dir_path, errno);
    }
    if (const int error = fd.close(); error != 0) {
        fail(path, "cannot write", error);
    }
    return prepared;
}

// How one output file is written, decided (and refused) before anything is written.
enum class Way { Replace, RewriteInPlace, WriteThrough, Descriptor };
struct Plan {
    const OutputFile* file = nullptr;
    Way way = Way::Replace;
    bool exists = false;
    struct stat st {};
    int fd = -1;
};

Plan plan_for(const OutputFile& file) {
    const std::string& path = file.path;
    Plan plan;
    plan.file = &file;
    if (path.empty()) {
        refuse(path, "empty output file name");
    }
    if (const int fd = named_descriptor(path); fd >= 0) {
        plan.way = Way::Descriptor;
        plan.fd = fd;
        return plan;
    }
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0) {
        if (errno != ENOENT) {
            fail(path, "cannot write", errno);
        }
        return plan; // a new file
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
        plan.way = Way::WriteThrough;
        return plan;
    }
    if (S_ISDIR(link.st_mode)) {
        refuse(path, "is a directory, expected a file to write");
    }
    if (S_ISBLK(link.st_mode)) {
        refuse(path, "is a block device; refusing to write to it");
    }
    plan.exists = true;
    plan.st = link;
    plan.way = !S_ISREG(link.st_mode) ? Way::WriteThrough : link.st_nlink > 1 ? Way::RewriteInPlace : Way::Replace;
    return plan;
}

} // namespace

void write_stdout(std::string_view text) {
    ignore_write_signals();
    std::cout.flush();
    if (const int error = write_all(STDOUT_FILENO, text); error != 0) {
        fail("<stdout>", "cannot write", error);
    }
}

void write_output_files(const std::vector<OutputFile>& files) {
    ignore_write_signals();
    std::vector<Plan> plans;
    plans.reserve(files.size());
    for (const auto& file : files) {
        plans.push_back(plan_for(file)); // every refusal before anything is written
    }
    {
        const HoldSignals hold;
        std::vector<std::unique_ptr<Prepared>> prepared; // destroyed (temporaries removed) before `hold`
        for (const auto& plan : plans) {
            if (plan.way == Way::Replace) {
                prepared.push_back(prepare_replacement(plan.file->path, plan.exists ? &plan.st : nullptr, plan.file->text));
            }
        }
        // Every report is complete in its temporary file: only now is any file replaced.
        for (auto& p : prepared) {
            p->commit();
        }
        for (const auto& plan : plans) {
            if (plan.way == Way::RewriteInPlace) {
                rewrite_in_place(plan.file->path, plan.st, plan.file->text);
            }
        }
    }
    // Not under HoldSignals: a FIFO without a reader blocks until one comes, and Ctrl-C must
    // still end the wait (nothing is left behind).
    for (const auto& plan : plans) {
        if (plan.way == Way::WriteThrough) {
            write_through(plan.file->path, plan.file->text);
        } else if (plan.way == Way::Descriptor) {
            write_descriptor(plan.file->path, plan.fd, plan.file->text);
        }
    }
}

void write_output_file(const std::string& path, std::string_view text) { write_output_files({OutputFile{path, text}}); }

} // namespace minrole::cli

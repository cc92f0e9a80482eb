// Minimal fork/exec + wait4 harness: wall time and peak RSS of child processes.
// Usage: benchrun RUNS CMD... [::: CMD2...]
// With two commands they are run alternately (A B A B ...) so that both see the same machine
// state. Prints one line per run: "<label> <wall_us> <maxrss_kb> <exit_code>" where label is
// A or B. The child's standard output goes to /dev/null (BENCH_STDOUT=path to keep it).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Result {
    long long wall_us;
    long maxrss_kb;
    int code;
};

Result run_once(const std::vector<char*>& argv) {
    const char* out = std::getenv("BENCH_STDOUT");
    timespec start{};
    timespec end{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = open(out != nullptr ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            close(fd);
        }
        execvp(argv[0], argv.data());
        std::perror("exec");
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    clock_gettime(CLOCK_MONOTONIC, &end);
    const long long us = (end.tv_sec - start.tv_sec) * 1000000LL + (end.tv_nsec - start.tv_nsec) / 1000;
    return {us, usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: benchrun RUNS CMD... [::: CMD2...]\n");
        return 2;
    }
    const int runs = std::atoi(argv[1]);
    std::vector<char*> a;
    std::vector<char*> b;
    std::vector<char*>* into = &a;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], ":::") == 0) {
            into = &b;
            continue;
        }
        into->push_back(argv[i]);
    }
    a.push_back(nullptr);
    b.push_back(nullptr);
    for (int i = 0; i < runs; ++i) {
        const Result ra = run_once(a);
        std::printf("A %lld %ld %d\n", ra.wall_us, ra.maxrss_kb, ra.code);
        if (b.size() > 1) {
            const Result rb = run_once(b);
            std::printf("B %lld %ld %d\n", rb.wall_us, rb.maxrss_kb, rb.code);
        }
        std::fflush(stdout);
    }
    return 0;
}

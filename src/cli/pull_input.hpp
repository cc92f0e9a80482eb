#pragma once
// What `instance pull` and `audit --instance --pull` share: where the instance is, how to
// reach it, the credentials, and running a pull with a progress line and Ctrl-C handling.
#include "context.hpp"

#include "minrole/instance_pull.hpp"

#include <string>

namespace minrole::cli {

struct PullInput {
    std::string munchkin;
    std::string base_url;
    std::string cacert;
    std::string credentials_file;
    double timeout_s = 60;
    double connect_timeout_s = 10;
    int retries = 5;
    long backoff_ms = 2000;
    int page_size = 200;

    [[nodiscard]] bool has_target() const { return !munchkin.empty() || !base_url.empty(); }
    // The base URL from --munchkin or --base-url, else `fallback` (a snapshot's own); throws when none.
    [[nodiscard]] std::string target(const std::string& fallback = {}) const;
    [[nodiscard]] PullOptions options(const std::string& base_url) const;
};

// `group` heads the options in --help (audit lists them apart from its own).
void add_pull_options(CLI::App& command, PullInput& input, const std::string& group = "Options");

// Reads the credentials, pulls (progress on stderr when it is a terminal; SIGINT and SIGTERM
// stop it cleanly), writes the snapshot to `directory` (write_snapshot) and returns it.
Snapshot run_pull(const PullInput& input, const std::string& base_url, const std::string& directory);

// "pulled 4 users, 4 roles, 3 workspaces and 2 lead partitions from URL in 11 calls (...)"
std::string pull_summary(const Snapshot& snapshot);

} // namespace minrole::cli

#pragma once
// What every subcommand shares: the global options, loading the model once, and writing
// output (atomically, when it goes to a file).
#include "minrole/loader.hpp"
#include "minrole/report.hpp"
#include "minrole/router.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::cli {

// Exit statuses are a public contract (README "Exit statuses").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitBadInput = 2;

struct Context {
    std::vector<std::string> catalog_paths; // --catalog, replaces the compiled-in data
    std::vector<std::string> overrides;     // --overrides
    std::function<int()> run;               // set by the chosen subcommand's callback

    // Loads the default or --catalog model with overrides applied; cached.
    const Model& model();
    // The router over model().rules, built once: --scan and the command itself share it.
    const Router& router();

private:
    std::unique_ptr<Model> model_;
    std::unique_ptr<Router> router_;
};

// Options every listing subcommand has.
struct OutputOptions {
    std::string format = "text";
    std::string output; // file; empty for stdout
};

// --format accepts exactly the formats the format table lists for `result` (formats_for).
void add_output_options(CLI::App& command, OutputOptions& options, Result result);
Format chosen_format(const OutputOptions& options);
// A CLI11 check for options that name a file to write: the empty string is refused.
std::string non_empty_file_name(const std::string& value);

// Writes to stdout, or to the file through a temporary and a rename so a failed run never
// leaves a half-written report. Every line goes through redact() first (redact_lines).
void emit(const OutputOptions& options, const std::string& report);
std::string redact_lines(std::string_view text);

// A subcommand: one row per file in the table in main.cpp.
struct CommandSpec {
    const char* name;
    const char* summary;
    void (*attach)(CLI::App& command, Context& context);
};

} // namespace minrole::cli

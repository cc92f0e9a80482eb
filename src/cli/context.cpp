#include "context.hpp"

#include "minrole/redact.hpp"
#include "minrole/source.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unistd.h>

namespace minrole::cli {

const Model& Context::model() {
    if (!model_) {
        model_ = std::make_unique<Model>(catalog_paths.empty() ? load_default_model()
                                                               : load_model(read_yaml_tree(catalog_paths)));
        for (const auto& path : overrides) {
            apply_overrides(*model_, read_source(path));
        }
    }
    return *model_;
}

const Router& Context::router() {
    if (!router_) {
        router_ = std::make_unique<Router>(model().rules);
    }
    return *router_;
}

void add_output_options(CLI::App& command, OutputOptions& options, Result result) {
    const std::string default_format = to_string(minrole::default_format(result));
    options.format = default_format;
    // The default first, then the others in format-table order.
    std::vector<std::string> formats{default_format};
    for (Format f : formats_for(result)) {
        if (to_string(f) != default_format) {
            formats.emplace_back(to_string(f));
        }
    }
    std::string list;
    for (const auto& f : formats) {
        list += (list.empty() ? "" : "|") + f;
    }
    command.add_option("-f,--format", options.format, "output format: " + list)
        ->check(CLI::IsMember(formats))
        ->default_str(default_format);
    command.add_option("-o,--output", options.output, "write to FILE (atomically) instead of standard output");
}

Format chosen_format(const OutputOptions& options) { return *parse_format(options.format); }

std::string redact_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // One line at a time: a value never runs on into the next line, and newlines stay.
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        if (end == std::string_view::npos) {
            out += redact(text);
            break;
        }
        out += redact(text.substr(0, end));
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

void emit(const OutputOptions& options, const std::string& report) {
    // Reports echo their inputs (operations, names, notes, paths, justifications): whatever a
    // command renders leaves through redact(), line by line, like every error message does.
    const std::string text = redact_lines(report);
    if (options.output.empty() || options.output == "-") {
        std::cout << text << std::flush;
        return;
    }
    namespace fs = std::filesystem;
    const fs::path target(options.output);
    if (fs::is_directory(target)) {
        throw Error(Location{options.output, 0, 0}, "is a directory, expected a file to write");
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::path temporary = dir / ("." + target.filename().string() + ".minrole-" + std::to_string(::getpid()) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw Error(Location{options.output, 0, 0}, "cannot write output file");
        }
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw Error(Location{options.output, 0, 0}, "cannot write output file");
        }
    }
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw Error(Location{options.output, 0, 0}, "cannot replace output file: " + ec.message());
    }
}

} // namespace minrole::cli

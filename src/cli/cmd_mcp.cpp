#include "commands.hpp"
#include "version.hpp"

#include "minrole/mcp.hpp"

#include <iostream>

namespace minrole::cli {

namespace {
struct McpOptions {
    std::string root;
    std::size_t max_message_bytes = std::size_t{1} << 20;
};
} // namespace

// The MCP server over stdio: one JSON-RPC message per line in, one response per line out,
// until standard input ends. The library (minrole::mcp::Server) does the work.
void attach_mcp(CLI::App& command, Context& context) {
    auto options = std::make_shared<McpOptions>();
    command.add_option("--root", options->root, "folder the scan tool may read (default: the working directory)")
        ->type_name("DIR");
    command.add_option("--max-message-bytes", options->max_message_bytes, "longest JSON-RPC message accepted")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{64} << 20))
        ->default_str("1048576");
    command.callback([&context, options] {
        context.run = [&context, options] {
            mcp::ServerOptions server_options;
            server_options.root = options->root;
            server_options.max_message_bytes = options->max_message_bytes;
            server_options.version = MINROLE_VERSION;
            mcp::Server server(context.model(), context.router(), server_options);
            std::ios::sync_with_stdio(false);
            std::string line;
            for (;;) {
                const mcp::LineStatus status = mcp::read_line(std::cin, server_options.max_message_bytes, line);
                if (status == mcp::LineStatus::End) {
                    return kExitOk;
                }
                std::optional<std::string> response;
                if (status == mcp::LineStatus::TooLong) {
                    response = server.too_large();
                } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
                    response = server.handle(line);
                }
                if (response) {
                    std::cout << *response << '\n' << std::flush;
                }
                if (!std::cout) {
                    return kExitOk; // the client went away
                }
            }
        };
    });
}

} // namespace minrole::cli

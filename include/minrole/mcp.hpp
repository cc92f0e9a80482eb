#pragma once
// The Model Context Protocol server behind `minrole mcp`: JSON-RPC 2.0 messages, one per line
// (the stdio transport), answered by the same library calls the CLI makes. Tools: recommend,
// explain, audit, allows, diff, scan; resources: the permission catalog, the endpoint rules and
// the JSON Schemas. A tool that fails answers isError with the message; a malformed message
// answers a JSON-RPC error; nothing a client sends ends the server.
#include "minrole/loader.hpp"
#include "minrole/router.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace minrole::mcp {

// Protocol revisions this server speaks, newest first; it answers initialize with the client's
// revision when it is one of these, else with the newest.
inline constexpr const char* kProtocolVersions[] = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};

struct ServerOptions {
    std::filesystem::path root;                        // scan reads only below this folder
    std::size_t max_message_bytes = std::size_t{1} << 20;
    std::string version;                               // serverInfo.version
};

class Server {
public:
    Server(const Model& model, const Router& router, ServerOptions options);
    // One message in, the response line out (without newline); nullopt for notifications.
    std::optional<std::string> handle(std::string_view message);
    // The response to a message longer than max_message_bytes (never parsed).
    std::string too_large() const;
    [[nodiscard]] const ServerOptions& options() const { return options_; }

private:
    std::string call_tool(const std::string& name, const nlohmann::ordered_json& args);

    const Model& model_;
    const Router& router_;
    ServerOptions options_;
    std::filesystem::path canonical_root_;
};

enum class LineStatus { Line, TooLong, End };
// Reads one line of at most `limit` bytes into `line`; a longer line is read to its end and
// dropped (TooLong), so memory stays bounded whatever the client sends.
LineStatus read_line(std::istream& in, std::size_t limit, std::string& line);

} // namespace minrole::mcp

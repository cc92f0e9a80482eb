#pragma once
// One attach function per subcommand, each in its own cmd_*.cpp.
#include "context.hpp"

namespace minrole::cli {

void attach_allows(CLI::App& command, Context& context);
void attach_audit(CLI::App& command, Context& context);
void attach_diff(CLI::App& command, Context& context);
void attach_endpoints(CLI::App& command, Context& context);
void attach_explain(CLI::App& command, Context& context);
void attach_graph(CLI::App& command, Context& context);
void attach_import_openapi(CLI::App& command, Context& context);
void attach_import_sdk(CLI::App& command, Context& context);
void attach_instance(CLI::App& command, Context& context);
void attach_lint(CLI::App& command, Context& context);
void attach_mcp(CLI::App& command, Context& context);
void attach_permissions(CLI::App& command, Context& context);
void attach_recommend(CLI::App& command, Context& context);
void attach_scan(CLI::App& command, Context& context);
void attach_schema(CLI::App& command, Context& context);

} // namespace minrole::cli

#include "version.hpp"

#include "git_commit.hpp" // generated: MINROLE_GIT_COMMIT

namespace minrole::cli {

std::string version_line() { return std::string("minrole ") + MINROLE_VERSION + " (commit " + MINROLE_GIT_COMMIT + ")"; }

} // namespace minrole::cli

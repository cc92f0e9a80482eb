#pragma once
// The one version line: CMake's project version (MINROLE_VERSION) and the git commit it was
// built from ("unknown" in a tarball that git archive did not stamp).
#include <string>

namespace minrole::cli {

std::string version_line();

} // namespace minrole::cli

#include "minrole/loader.hpp"
#include <doctest/doctest.h>

namespace smoke_test {
TEST_CASE("default model loads") { CHECK(minrole::load_default_model().catalog.size() > 0); }

} // namespace smoke_test

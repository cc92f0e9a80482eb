#include "minrole/loader.hpp"
#include <doctest/doctest.h>
TEST_CASE("default model loads") { CHECK(minrole::load_default_model().catalog.size() > 0); }

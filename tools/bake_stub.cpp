// The bake tool runs before the baked model exists: it gets the YAML loader instead.
#include "minrole/loader.hpp"

namespace minrole {
Model load_default_model() { return load_model(embedded_sources()); }
} // namespace minrole

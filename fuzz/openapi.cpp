// import_openapi on a Swagger/OpenAPI JSON document, against the default catalog.
#include "common.hpp"
#include "minrole/openapi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const minrole::Model& m = fuzz::model();
    try {
        (void)minrole::import_openapi(m.catalog, fuzz::input(data, size, "swagger-fuzz.json"));
    } catch (const minrole::Error&) {
    }
    return 0;
}

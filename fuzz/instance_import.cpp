// The instance importer: saved User Management API responses (JSON) as an instance file's
// `import: users:` names them. The input is written to a scratch file and imported through the
// same path the CLI takes, so nesting, envelopes and record shapes are all exercised (the seeds
// include nesting far past the depth limit).
#include "common.hpp"
#include "minrole/instance.hpp"
#include "minrole/router.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const minrole::Router router(fuzz::model().rules);
    static const std::string users = [] {
        char dir[] = "/tmp/minrole-fuzz-import.XXXXXX";
        const char* made = ::mkdtemp(dir);
        return std::string(made != nullptr ? made : "/tmp") + "/allusers.json";
    }();
    static const minrole::InstanceOptions options = [] {
        minrole::InstanceOptions o;
        o.scan.excludes = {"*"};
        return o;
    }();
    std::FILE* out = std::fopen(users.c_str(), "wb");
    if (out == nullptr) {
        return 0;
    }
    std::fwrite(data, 1, size, out);
    std::fclose(out);
    const minrole::SourceFile instance{"instance.yaml", "kind: instance\nimport:\n  users: " + users + "\n"};
    try {
        (void)minrole::parse_instance(fuzz::model(), router, instance, options);
    } catch (const minrole::Error&) {
    }
    return 0;
}

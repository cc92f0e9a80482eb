#pragma once
// Helpers every unit test shares: the built-in model and router (built once per run), inputs
// built from text, and the message of an expected Error. One copy here, so the test files can
// be compiled together (unity build) without clashing names.
#include "minrole/audit.hpp"
#include "minrole/error.hpp"
#include "minrole/intent.hpp"
#include "minrole/loader.hpp"
#include "minrole/role.hpp"
#include "minrole/router.hpp"

#include <string>
#include <vector>

namespace minrole::test {

inline const Model& model() {
    static const Model m = load_default_model();
    return m;
}

inline const Router& router() {
    static const Router r(model().rules);
    return r;
}

inline PermissionId pid(const std::string& name) { return *model().catalog.find(name); }

inline RoleSpec role_of(const std::string& text, const std::string& path = "role.yaml") {
    return parse_role(model(), SourceFile{path, text});
}

inline Policy policy_of(const std::string& text, const std::string& path = "policy.yaml") {
    return parse_policy(SourceFile{path, text});
}

// An intent calling `operations` in one workspace.
inline Intent intent_of(const std::vector<std::string>& operations, const std::string& workspace = kDefaultWorkspace) {
    Intent intent;
    intent.service = "test";
    auto& w = intent.workspace(workspace);
    for (const auto& text : operations) {
        IntendedOperation op;
        op.text = text;
        w.operations.push_back(op);
    }
    return intent;
}

// The message of the Error `f` throws, or "(no error)".
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace minrole::test

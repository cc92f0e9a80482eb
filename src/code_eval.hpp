#pragma once
// Evaluates the string expressions of a whole project (code_ir.hpp) to path templates: an
// abstract interpreter over strings whose values are small sets of templates, a hole (\x01,
// printed {x}) standing for whatever is decided at run time.
#include "code_ir.hpp"
#include "minrole/scan.hpp"
#include "minrole/sdk.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace minrole::code {

// What evaluating one file may take (README "Hardening: guarantees and limits"); read once from
// MINROLE_EVAL_MAX_STEPS and MINROLE_EVAL_MAX_DEFINITIONS. Going over either is a note in the
// scan report, never silent.
struct EvalLimits {
    std::size_t max_steps;       // expressions evaluated and definitions looked at, per file (2,000,000)
    std::size_t max_definitions; // definitions of one name in one scope that one use reads (256)
};
const EvalLimits& eval_limits();

class Project {
public:
    Project();
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    void add(FileIR&& file);
    [[nodiscard]] std::size_t size() const;

    // Every sighting the project's code implies, each with the enclosing function, how its path
    // was derived and whether it sits in test code. SDK calls (an application that imports one
    // of `sdks`) become the SDK method's operations; an SDK method missing from the map is a
    // sighting whose target names it, so it is reported unmatched rather than dropped.
    //
    // A path that holds a parameter of its function (a hole where nothing binds it) is reported
    // where the project calls the function with the argument bound (AtCallSites: what an
    // application sends), or in the function itself as well (InPlace: what each method of an
    // SDK can send, for import-sdk, which attributes operations to public methods).
    enum class ParameterHoles : std::uint8_t { AtCallSites, InPlace };
    // A file whose evaluation went over eval_limits() gets a note in `notes` (when given).
    void evaluate(const std::vector<SdkMap>& sdks, const SightingSink& sink, ParameterHoles holes = ParameterHoles::AtCallSites,
                  std::vector<ScanNote>* notes = nullptr) const;

    // Every definition whose value constructs an object: (name, class), e.g. ("self.lead", "Lead").
    void for_each_definition(const std::function<void(const std::string&, const std::string&)>& visit) const;

    // Every call from one project function to another (qualified names), as evaluate() resolves
    // them; `inlined` when evaluate() reports what the callee sends at that call, its parameters
    // bound to the call's arguments (the callee passes a parameter on to a call).
    void for_each_call_edge(const std::function<void(const std::string&, const std::string&, bool inlined)>& visit) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace minrole::code

#pragma once
// The minimal role for a set of intended operations.
//
// Each requirement becomes alternatives of permission sets (a DNF); a role satisfies it when
// its effective set (implication closure, parents honoured) covers one alternative. The solver
// then finds the sets of least total cost (Permission::cost) that satisfy everything:
//   1. alternatives dominated by a cheaper-or-equal one are dropped (Read-Only X beats
//      Read-Write X in "Read-Only X, Read-Write X");
//   2. requirements left with one alternative are forced;
//   3. the rest are solved exactly by branch and bound, collecting every optimum (ties).
// Minimal therefore means least cost; since an implying permission always costs more than
// what it implies (checked by lint), no member can be dropped or swapped for one it implies.
#include "minrole/loader.hpp"
#include "minrole/requirement.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace minrole {

struct SolveInput {
    const Requirement* requirement = nullptr;
    const Parameters* parameters = nullptr;
};

struct SolveOptions {
    std::size_t max_alternatives = 8;            // ties reported beyond the primary role
    std::chrono::milliseconds budget{2000};      // exact search time before settling for best found
};

struct Solution {
    PermissionSet role;                 // includes the parents its members need
    int cost = 0;
    std::vector<PermissionSet> alternatives; // other roles of the same cost
    bool exact = true;                  // false when the budget ran out
    int lower_bound = 0;                // proven lower bound on the optimum cost
    std::vector<std::size_t> unsatisfiable; // inputs no role can satisfy (undocumented)
};

int role_cost(const Catalog& catalog, const PermissionSet& role);

Solution solve(const Model& model, const std::vector<SolveInput>& inputs, const SolveOptions& options = {});

} // namespace minrole

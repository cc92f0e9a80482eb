#!/usr/bin/env python3
"""Scores `minrole scan` on real, public Marketo clients against hand-written expectations.

For every client in tests/realworld/ (SOURCE.yaml + expected.yaml; see README.md there):
  1. materialise its pinned source (materialise.py),
  2. run `minrole scan DIR --format json` and compare what it found with expected.yaml:
       expected = operations (METHOD /template) + unmatched (calls no rule matches)
       found    = matched operations + unmatched texts + ambiguous sightings (never correct:
                  an ambiguous sighting is an operation the scan could not place)
     `optional` operations (called, but with a path only known at run time) count for neither,
  3. run `minrole recommend --scan DIR --format json` and compare each workspace's
     permissions with expected.yaml's `role`.
A client passes with recall >= 0.95, precision >= 0.95 and the exact role. Clients listed in
gaps.yaml are known gaps of today's scanner: they are printed as KNOWN GAP and do not fail the
run, but a known gap that now passes fails it until it is taken off the list. A client whose
source cannot be had here is SKIPPED, loudly.

Usage: score.py --minrole PATH [--work DIR] [--json FILE] [CLIENT...]
Exit status: 0 every scored client passes or is a listed gap; 1 otherwise; 77 nothing could be
scored (ctest reports it as skipped).
"""
import argparse
import json
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import materialise  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BAR = 0.95
PLACEHOLDER = re.compile(r"\{[^}/]*\}")


def unify(op):
    """Unmatched texts keep the names the code used ({x}, {id}); compare them as {}."""
    return PLACEHOLDER.sub("{}", op.strip())


def load_expected(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    ops = {o.strip() for o in doc.get("operations") or []}
    unmatched = {unify(o) for o in doc.get("unmatched") or []}
    optional = {o.strip() for o in doc.get("optional") or []}
    role = {ws: sorted(perms or []) for ws, perms in (doc.get("role") or {}).items()}
    return ops, unmatched, optional, role


def run_json(argv):
    run = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {run.returncode}: {run.stderr.strip()[:300]}")
    return json.loads(run.stdout)


def score(minrole, folder, expected_path):
    ops, unmatched_expected, optional, role = load_expected(expected_path)
    scan = run_json([minrole, "scan", folder, "--format", "json"])
    found_ops = {o["endpoint"] for o in scan["operations"]} - optional
    found_unmatched = {unify(u["text"]) for u in scan["unmatched"]}
    found_ambiguous = {"? " + a["path"] for a in scan["ambiguous"]}
    tp = len(found_ops & ops) + len(found_unmatched & unmatched_expected)
    expected_n = len(ops) + len(unmatched_expected)
    found_n = len(found_ops) + len(found_unmatched) + len(found_ambiguous)
    rec = run_json([minrole, "recommend", "--scan", folder, "--format", "json"])
    got_role = {w["name"]: sorted(w["permissions"]) for w in rec["workspaces"] if w["permissions"] or w["name"] in role}
    want_role = {ws: perms for ws, perms in role.items() if perms or ws in got_role}
    return {
        "expected": expected_n,
        "found": found_n,
        "true_positives": tp,
        "recall": tp / expected_n if expected_n else 1.0,
        "precision": tp / found_n if found_n else (1.0 if expected_n == 0 else 0.0),
        "role_exact": got_role == want_role,
        "role_found": got_role,
        "role_expected": want_role,
        "missed": sorted((ops - found_ops) | (unmatched_expected - found_unmatched)),
        "extra": sorted((found_ops - ops) | (found_unmatched - unmatched_expected) | found_ambiguous),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minrole", required=True)
    parser.add_argument("--work", default=os.path.join(HERE, "..", "..", "build", "realworld"))
    parser.add_argument("--json", help="also write the per-client results here")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed and extra operations")
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()

    with open(os.path.join(HERE, "gaps.yaml"), encoding="utf-8") as f:
        gaps = (yaml.safe_load(f) or {}).get("known_gap") or {}

    results, failures, now_passing, skipped = {}, [], [], []
    for name, source, expected in materialise.clients():
        if args.only and name not in args.only:
            continue
        folder, reason = materialise.materialise(name, source, args.work)
        if folder is None:
            skipped.append((name, reason))
            continue
        result = score(args.minrole, folder, expected)
        result["language"] = source.get("language", "?")
        result["passed"] = result["recall"] >= BAR and result["precision"] >= BAR and result["role_exact"]
        results[name] = result
        if name in gaps and result["passed"]:
            now_passing.append(name)
        elif name not in gaps and not result["passed"]:
            failures.append(name)

    header = f"{'client':26} {'language':11} {'expected':>8} {'found':>6} {'TP':>4} {'recall':>7} {'precision':>9} {'role':>5}  verdict"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        verdict = "pass" if r["passed"] else "FAIL"
        if name in gaps:
            verdict = "NOW PASSES (remove it from gaps.yaml)" if r["passed"] else "KNOWN GAP: " + str(gaps[name])
        print(f"{name:26} {r['language']:11} {r['expected']:8} {r['found']:6} {r['true_positives']:4} "
              f"{r['recall']:7.2f} {r['precision']:9.2f} {'yes' if r['role_exact'] else 'no':>5}  {verdict}")
        if args.verbose or (verdict == "FAIL"):
            for op in r["missed"]:
                print(f"    missed: {op}")
            for op in r["extra"]:
                print(f"    extra:  {op}")
            if not r["role_exact"]:
                print(f"    role expected {r['role_expected']}")
                print(f"    role found    {r['role_found']}")
    for name, reason in skipped:
        print(f"{name:26} SKIPPED (source unavailable: {reason})")

    gap_count = sum(1 for n in results if n in gaps and n not in now_passing)
    passed = sum(1 for r in results.values() if r["passed"])
    print()
    print(f"realworld: {passed} passed, {len(failures)} failed, {gap_count} KNOWN GAP, {len(skipped)} SKIPPED"
          f" (bar: recall >= {BAR}, precision >= {BAR}, exact role)")
    if gap_count:
        print(f"KNOWN GAP: {gap_count} client(s) are below the bar and listed in tests/realworld/gaps.yaml;"
              " they are NOT passing.")
    if skipped:
        print(f"SKIPPED: {len(skipped)} client(s) could not be fetched here and were NOT scored.")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, sort_keys=True)
    if failures or now_passing:
        return 1
    return 77 if not results else 0


if __name__ == "__main__":
    sys.exit(main())

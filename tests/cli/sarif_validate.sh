#!/usr/bin/env bash
# minrole's SARIF passes Microsoft's SARIF Multitool `validate` (the checks GitHub code scanning
# and other SARIF consumers are built around) with no error and no warning, for role audits
# (relative and absolute paths, suppressed findings, a policy file) and instance audits.
# The Multitool is installed from npm at a pinned version by tests/tools/sarif-multitool/install.sh
# into $MINROLE_TOOLS_DIR (the build tree); when it cannot be had here the test prints SKIPPED and
# exits 77 (ctest: skipped, never passed).
#   MINROLE=build/minrole SRC=. MINROLE_TOOLS_DIR=build/tools bash tests/cli/sarif_validate.sh
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-sarif.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
source "$SRC/tests/cli/lib.sh"

tools=${MINROLE_TOOLS_DIR:-$WORK/tools}
if ! MULTITOOL=$(bash "$SRC/tests/tools/sarif-multitool/install.sh" "$tools/sarif-multitool" 2>"$WORK/install.err"); then
    echo "SKIPPED: SARIF Multitool validation cannot run here: $(cat "$WORK/install.err")"
    exit 77
fi
if [[ $HAVE_PY == 0 ]]; then
    echo "SKIPPED: SARIF Multitool validation needs python3 to read the validator's report"
    exit 77
fi

cd "$SRC" || exit 1
cp examples/roles/over-broad.yaml "$WORK/over broad.yaml"
cat >"$WORK/policy.yaml" <<'POLICY'
kind: policy
forbidden: [Execute Campaign]
exceptions:
  - rule: unused-permission
    permission: Read-Write Assets
    justification: "email sync ships in Q1 (MKT-1234)"
    expires: 2027-03-31
  - rule: unused-workspace
    workspace: Europe
    justification: "EU rollout (MKT-1100)"
    expires: 2026-11-30
POLICY

# validate NAME FILE : the Multitool's verdict on FILE, every error and warning it reports.
validate() {
    local name=$1 file=$2 log="$WORK/validation-$RANDOM.sarif" msg
    if ! msg=$("$MULTITOOL" validate "$file" --output "$log" 2>&1); then
        fail "$name: the Multitool did not run" "$msg"
        return
    fi
    if msg=$(python3 - "$log" <<'PY'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
for run in log.get("runs", []):
    for inv in run.get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
            if n.get("level", "warning") in ("error", "warning"):
                problems.append("tool: " + n.get("message", {}).get("text", ""))
        if inv.get("executionSuccessful") is False:
            problems.append("tool: execution failed")
    for r in run.get("results", []):
        if r.get("level", "warning") in ("error", "warning"):  # SARIF's default level is warning
            problems.append("%s %s: %s" % (r.get("level", "warning"), r.get("ruleId"), r.get("message", {}).get("text", "")[:300]))
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
PY
    ); then pass; else fail "$name: SARIF Multitool validate reports problems" "$msg"; fi
}

# sarif NAME ARGS... : runs minrole with ARGS (which end in -o FILE) and validates FILE.
sarif() {
    local name=$1
    shift
    run "$MINROLE" "$@"
    if [[ $rc != 0 && $rc != 1 ]]; then
        fail "$name: minrole exited $rc" "$err"
        return
    fi
    validate "$name" "${@: -1}"
}

sarif "role audit, relative paths" audit --role examples/roles/over-broad.yaml --intent examples/crm-lead-sync.yaml \
    --no-policy --format sarif -o "$WORK/relative.sarif"
sarif "role audit, absolute path with a space" audit --role "$WORK/over broad.yaml" --intent "$SRC/examples/crm-lead-sync.yaml" \
    --no-policy --format sarif -o "$WORK/absolute.sarif"
sarif "role audit, policy with suppressions and an expired exception" audit --role examples/roles/over-broad.yaml \
    --intent examples/crm-lead-sync.yaml --policy "$WORK/policy.yaml" --today 2026-12-01 --format sarif -o "$WORK/policy.sarif"
sarif "role audit with no findings" audit --role examples/roles/crm-lead-sync-minimal.yaml --intent examples/crm-lead-sync.yaml \
    --no-policy --fail-on error --format sarif -o "$WORK/clean.sarif"
sarif "instance audit" audit --instance examples/instance/instance.yaml --no-policy --format sarif -o "$WORK/instance.sarif"

# Paths a pull request can name: spaces, '#', '?', '%', non-ASCII, a backslash, '..' segments,
# absolute; each artifactLocation.uri must be a valid URI that names the file (percent-decoded,
# resolved against the working directory), and the Multitool must accept the log.
hostile="$WORK/d #?%é ..\\x"
mkdir -p "$hostile/sub"
cp examples/roles/over-broad.yaml "$hostile/r o#?%é.yaml"
cp examples/crm-lead-sync.yaml "$hostile/sub/in tent.yaml"
(
    cd "$WORK" || exit 1
    sarif "role audit, hostile relative paths with '..'" audit --role "d #?%é ..\\x/sub/../r o#?%é.yaml" \
        --intent "d #?%é ..\\x/sub/in tent.yaml" --no-policy --format sarif -o "$WORK/hostile-relative.sarif"
    sarif "role audit, hostile absolute paths" audit --role "$hostile/r o#?%é.yaml" --intent "$hostile/sub/in tent.yaml" \
        --no-policy --format sarif -o "$WORK/hostile-absolute.sarif"
    echo "$passed $failed" >"$WORK/counts"
)
read -r passed failed <"$WORK/counts"
if msg=$(cd "$WORK" && python3 - hostile-relative.sarif hostile-absolute.sarif <<'PY'
import json, os, re, sys, urllib.parse
for name in sys.argv[1:]:
    uris = set()
    def walk(v):
        if isinstance(v, dict):
            if "artifactLocation" in v:
                uris.add(v["artifactLocation"]["uri"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(json.load(open(name, encoding="utf-8")))
    assert uris, name + ": no artifact locations"
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/%]+", uri), f"{name}: not a percent-encoded URI: {uri}"
        parsed = urllib.parse.urlsplit(uri)
        assert not parsed.query and not parsed.fragment, f"{name}: '?' or '#' left unencoded: {uri}"
        path = urllib.parse.unquote(parsed.path)
        assert parsed.scheme in ("", "file"), uri
        assert (parsed.scheme == "file") == path.startswith("/"), f"{name}: an absolute path must be a file:// URI: {uri}"
        assert os.path.isfile(path), f"{name}: {uri} does not name the file ({path})"
PY
); then pass; else fail "SARIF artifact URIs of hostile paths" "$msg"; fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]

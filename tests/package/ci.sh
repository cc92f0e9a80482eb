#!/usr/bin/env bash
# The GitHub Action and the pre-commit hooks, run locally the way GitHub and pre-commit run them:
# action.yml's own "Audit" step script (with GITHUB_ACTION_PATH, GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY set) and each .pre-commit-hooks.yaml entry (split as pre-commit splits it,
# the changed files appended), in a scratch git repository holding a role, its intent and a change.
set -u
: "${MINROLE:?}" "${SRC:?}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-ci.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
source "$SRC/tests/cli/lib.sh"
if [[ $HAVE_PY == 0 ]] || ! command -v git >/dev/null; then
    echo "SKIPPED: the Action and pre-commit tests need python3 and git"
    exit 0
fi
export PATH="$(dirname "$MINROLE"):$PATH"

# A repository as a user keeps it: marketo/NAME.role.yaml beside marketo/NAME.yaml.
mkdir repo && cd repo || exit 1
git init -q -b main . && git config user.email t@example.invalid && git config user.name t
mkdir marketo
cp "$SRC/examples/crm-lead-sync.yaml" marketo/crm-lead-sync.yaml
cp "$SRC/examples/roles/crm-lead-sync-minimal.yaml" marketo/crm-lead-sync.role.yaml
git add . && git commit -qm base

# step_script NAME: the `run:` block of action.yml's step NAME.
step_script() {
    python3 - "$SRC/action.yml" "$1" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
for step in action["runs"]["steps"]:
    if step.get("name") == sys.argv[2]:
        print(step["run"])
PY
}
# action ROLE INTENT FAIL_ON BASE: runs the Audit step as GitHub would (inputs as env).
action() {
    : >"$WORK/summary.md"
    : >"$WORK/output"
    run env GITHUB_ACTION_PATH="$SRC" GITHUB_OUTPUT="$WORK/output" GITHUB_STEP_SUMMARY="$WORK/summary.md" \
        MINROLE_ROLE="$1" MINROLE_INTENT="$2" MINROLE_SCAN="" MINROLE_POLICY=none MINROLE_FAIL_ON="$3" \
        MINROLE_SARIF=minrole.sarif BASE_REF_INPUT="$4" PR_BASE="" bash -e -c "$(step_script Audit)"
    step_rc=$(sed -n 's/^rc=//p' "$WORK/output")
}
# headings_apart NAME FILE: no Markdown heading is followed directly by one of the same or a
# higher level (an empty section, as when the script's own heading came before the report's);
# blank lines between them do not count, a subsection's heading may follow its section's.
headings_apart() {
    local pair
    pair=$(awk 'match($0, /^#+ /) { level = RLENGTH - 1; if (prev_level && level <= prev_level) { print prev " / " $0; exit } }
                NF { prev = $0; prev_level = match($0, /^#+ /) ? RLENGTH - 1 : 0 }' "$2")
    if [[ -z $pair ]]; then pass; else fail "$1" "$pair"; fi
}
python3 -c "import yaml, sys; a = yaml.safe_load(open(sys.argv[1])); assert a['runs']['using'] == 'composite'; \
assert {'role', 'intent', 'scan', 'policy', 'fail-on'} <= set(a['inputs']), a['inputs']" "$SRC/action.yml" \
    && pass || fail "action.yml is a composite action with role, intent, scan, policy and fail-on inputs"
contains "action.yml uploads SARIF with upload-sarif@v4" "$(cat "$SRC/action.yml")" "codeql-action/upload-sarif@v4"

action marketo/crm-lead-sync.role.yaml marketo/crm-lead-sync.yaml warning main
expect_rc "the Audit step itself succeeds (the result step fails the job)" 0
if [[ $step_rc == 0 ]]; then pass; else fail "minimal role: action result 0" "rc=$step_rc" "$err"; fi
pycheck "the SARIF is written" minrole.sarif "assert d['version'] == '2.1.0'"
contains "the job summary has the audit report" "$(cat "$WORK/summary.md")" "minrole audit"
headings_apart "the job summary never prints two headings in a row (audit)" "$WORK/summary.md"
contains "the outputs name the SARIF" "$(cat "$WORK/output")" "sarif=minrole.sarif"

cp "$SRC/examples/roles/over-broad.yaml" marketo/crm-lead-sync.role.yaml
action marketo/crm-lead-sync.role.yaml marketo/crm-lead-sync.yaml warning main
if [[ $step_rc == 1 ]]; then pass; else fail "over-broad role: action result 1" "rc=$step_rc" "$err"; fi
contains "the summary shows the diff against the base" "$(cat "$WORK/summary.md")" "minrole diff against"
headings_apart "the job summary never prints two headings in a row (audit and diff)" "$WORK/summary.md"
contains "the gate names the new access" "$err" "reaches endpoints it could not reach on main"
pycheck "the SARIF has the findings" minrole.sarif "assert len(d['runs'][0]['results']) > 0"
action marketo/crm-lead-sync.role.yaml marketo/crm-lead-sync.yaml none none
if [[ $step_rc == 0 ]]; then pass; else fail "fail-on none and no base: action result 0" "rc=$step_rc" "$err"; fi
action marketo/missing.role.yaml marketo/crm-lead-sync.yaml warning none
if [[ $step_rc == 2 ]]; then pass; else fail "a missing role: action result 2" "rc=$step_rc" "$err"; fi

# pre-commit: each hook's entry, split with shlex as pre-commit does, the files appended.
hook() {
    local id=$1
    shift
    local -a argv
    mapfile -t argv < <(python3 - "$SRC/.pre-commit-hooks.yaml" "$id" <<'PY'
import shlex, sys, yaml
for h in yaml.safe_load(open(sys.argv[1])):
    if h["id"] == sys.argv[2]:
        assert h["language"] == "unsupported", h["language"]
        print("\n".join(shlex.split(h["entry"]) + h.get("args", [])))
PY
    )
    run "${argv[@]}" "$@"
}
hook minrole-audit marketo/crm-lead-sync.role.yaml
expect_rc "pre-commit minrole-audit fails on the over-broad role" 1
contains "minrole-audit prints the findings" "$out" "unused-permission"
hook minrole-diff marketo/crm-lead-sync.role.yaml
expect_rc "pre-commit minrole-diff fails on new access" 1
git checkout -q marketo/crm-lead-sync.role.yaml
hook minrole-audit marketo/crm-lead-sync.role.yaml
expect_rc "pre-commit minrole-audit passes the minimal role" 0
hook minrole-diff marketo/crm-lead-sync.role.yaml
expect_rc "pre-commit minrole-diff passes an unchanged role" 0
cp marketo/crm-lead-sync.role.yaml marketo/new.role.yaml
hook minrole-diff marketo/new.role.yaml
expect_rc "pre-commit minrole-diff prints what a new role reaches" 0
contains "minrole-diff on a new role lists its endpoints" "$out" "/rest/v1/leads.json"
hook minrole-audit marketo/new.role.yaml
expect_rc "pre-commit minrole-audit: a role without its intent fails" 1
contains "the missing intent is named" "$err" "no intent marketo/new.yaml"
pycheck "examples/ci/pre-commit-hooks.yaml no longer uses language: system" "$SRC/examples/ci/pre-commit-hooks.yaml" \
    "assert all(h['language'] == 'unsupported' for h in d), [h['language'] for h in d]"

pycheck "examples/ci/pre-commit-hooks.yaml ids differ from .pre-commit-hooks.yaml's" "$SRC/examples/ci/pre-commit-hooks.yaml" \
    "import yaml; root = {h['id'] for h in yaml.safe_load(open('$SRC/.pre-commit-hooks.yaml'))}; assert not root & {h['id'] for h in d}, root & {h['id'] for h in d}"

printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
[[ $failed == 0 ]]

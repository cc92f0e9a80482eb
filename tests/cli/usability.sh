#!/usr/bin/env bash
# End-to-end checks of what a new user meets first: inputs that would silently give a wrong or
# empty answer are refused or warned about, counts read as English, and diff shows only what
# changed. ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment:
#   MINROLE=build/minrole SRC=. bash tests/cli/usability.sh
# The last line is always "N passed, M failed, K skipped".
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
unset NO_COLOR CLICOLOR_FORCE

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-usability.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

source "$SRC/tests/cli/lib.sh"

# same NAME ACTUAL EXPECTED
same() { if [[ "$2" == "$3" ]]; then pass; else fail "$1" "got:  $2" "want: $3"; fi; }
# expect_warning NAME REGEX : exactly one stderr line, "minrole: warning: ..." matching REGEX.
expect_warning() {
    local lines
    lines=$(printf '%s' "$err" | grep -c '')
    if [[ "$lines" == 1 && "$err" == "minrole: warning: "* && "$err" =~ $2 ]]; then
        pass
    else
        fail "$1" "stderr lines $lines (want 1)" "stderr: $err" "want: $2"
    fi
}

# ---- input checks (issue 15, item 3) --------------------------------------------------------

run "$MINROLE" endpoints --area leads
expect_err "endpoints --area: an unknown area is refused with a suggestion" \
    "^minrole: error: --area: unknown area 'leads' \(did you mean 'lead-database'\?\); areas: asset, bulk, data-ingestion, identity, lead-database, user-management$"
run "$MINROLE" endpoints --area bulkk
expect_err "endpoints --area: a misspelt area gets the closest one" "did you mean 'bulk'"
run "$MINROLE" endpoints --area bulk
expect_rc "endpoints --area with a known area" 0

printf 'kind: role\nrole: empty\npermissions: []\n' >empty-role.yaml
run "$MINROLE" allows empty-role.yaml
expect_err "a role with 'permissions: []' is refused" "^minrole: error: empty-role.yaml:3:14: the role grants nothing: 'permissions' is empty$"
run "$MINROLE" audit --role empty-role.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_err "audit refuses the empty role too" "the role grants nothing"
printf 'kind: role\npermissions: []\nworkspaces:\n  - Europe\n' >empty-workspace.yaml
run "$MINROLE" allows empty-workspace.yaml
expect_err "a workspace that grants nothing is refused" "^minrole: error: empty-workspace.yaml:4:5: workspace 'Europe' grants nothing"
printf 'kind: role\npermissions: [Read-Only Lead]\nworkspaces: []\n' >no-workspaces.yaml
run "$MINROLE" allows no-workspaces.yaml
expect_err "'workspaces: []' is refused" "'workspaces' is empty"
printf 'kind: role\nworkspaces:\n  - name: Europe\n    permissions: [Read-Only Lead]\n' >per-workspace.yaml
run "$MINROLE" allows per-workspace.yaml
expect_rc "a role granted only per workspace is still accepted" 0

cat >typo-params.yaml <<'EOF'
kind: intent
operations:
  - op: GET /rest/asset/v1/email/{id}/fullContent.json
    params: [leadid]
EOF
run "$MINROLE" recommend typo-params.yaml
expect_warning "a misspelt parameter is warned about at its params entry, with the right spelling" \
    "^minrole: warning: typo-params.yaml:4:14: parameter 'leadid' does not change what GET /rest/asset/v1/email/\{id\}/fullContent.json needs \(did you mean 'leadId'\?\)$"
expect_rc "a misspelt parameter is a warning, not bad input" 0
cat >other-params.yaml <<'EOF'
operations:
  - op: GET /rest/v1/activities/leadchanges.json
    params: [nextPageToken, fields]
  - op: GET /rest/v1/leads.json
    params: [lead_id]
  - op: GET /rest/asset/v1/email/{id}/fullContent.json
    params: [leadId]
EOF
run "$MINROLE" recommend other-params.yaml
expect_warning "a near miss of leadId where no parameter matters is warned about; real API parameters are not" \
    "^minrole: warning: other-params.yaml:5:14: parameter 'lead_id' does not change what GET /rest/v1/leads.json needs \(no parameter does\)$"
cat >block-params.yaml <<'EOF'
operations:
  - op: GET /rest/asset/v1/email/{id}/fullContent.json
    note: preview
    params:
      - fields
      - leadid
EOF
run "$MINROLE" recommend block-params.yaml
expect_warning "a near-miss parameter in a block list is located at its own entry, not at the op: line" \
    "^minrole: warning: block-params.yaml:6:9: parameter 'leadid' does not change what GET /rest/asset/v1/email/\{id\}/fullContent.json needs \(did you mean 'leadId'\?\)$"
run "$MINROLE" audit --role "$SRC/examples/roles/crm-lead-sync-minimal.yaml" --intent typo-params.yaml --no-policy
contains "audit --intent warns about the parameter too" "$err" "parameter 'leadid'"

run "$MINROLE" recommend --op 'GET rest/v1/leads.json'
expect_rc "an operation without its leading slash matches" 0
contains "GET rest/v1/leads.json is GET /rest/v1/leads.json" "$out" "for GET /rest/v1/leads.json"
run "$MINROLE" explain 'GET rest/v1/lead/5.json'
contains "explain accepts a path without its leading slash" "$out" "GET /rest/v1/lead/{leadId}.json"

run "$MINROLE" explain 'post /rest/v1/campaigns/5/trigger.json'
expect_rc "explain accepts a lowercase method" 0
same "explain 'post ...' explains the POST endpoint" "$(head -n 1 <<<"$out")" "POST /rest/v1/campaigns/{campaignId}/trigger.json"
run "$MINROLE" explain 'get /rest/v1/campaigns/5/trigger.json'
expect_rc "explain with the wrong method: exit 2" 2
expect_err "explain with the wrong method names the method the path takes" "^minrole: error: 'get /rest/v1/campaigns/5/trigger.json' is no known endpoint: the path takes another method; did you mean POST /rest/v1/campaigns/\{campaignId\}/trigger.json$"
run "$MINROLE" explain 'read-write lead'
expect_rc "explain accepts a permission name in any case" 0
same "explain 'read-write lead' explains Read-Write Lead" "$(head -n 1 <<<"$out")" "Read-Write Lead"
run "$MINROLE" explain 'READ_ONLY_ACTIVITY'
same "explain folds case and separators" "$(head -n 1 <<<"$out")" "Read-Only Activity"
run "$MINROLE" endpoints --permission 'read-only activity' --area bulk
expect_rc "endpoints --permission accepts any case" 0
printf 'permissions: [read-write lead]\n' >lower-role.yaml
run "$MINROLE" allows lower-role.yaml
expect_err "a role file suggests the canonical spelling first" "unknown permission 'read-write lead' \(did you mean 'Read-Write Lead'\?\)"

# ---- output wording (issue 15, item 4) -----------------------------------------------------

run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json'
expect_rc "recommend with only an unmatched operation" 1
lacks "nothing matched is not 'no permission needed'" "$out" "(no permission needed)"
contains "nothing matched is said" "$out" "(nothing matched: no operation to work a role out from)"
run "$MINROLE" recommend --op 'POST /identity/oauth/token'
contains "an identity call still needs no permission" "$out" "(no permission needed)"
run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json' --format md
contains "md: nothing matched is said" "$out" "Nothing matched: no operation to work a role out from."
lacks "md: nothing matched is not 'no permission needed'" "$out" "No permission needed."
run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json' --format yaml
contains "yaml: an empty workspace says why" "$out" "[]  # nothing matched: fix the intent's operations first"

run "$MINROLE" endpoints --undocumented
same "1 endpoint, singular" "$(tail -n 1 <<<"$out")" "1 endpoint"
run "$MINROLE" endpoints --area bulk
same "36 endpoints, plural" "$(tail -n 1 <<<"$out")" "36 endpoints"
run "$MINROLE" lint
same "lint: 1 note, singular" "$(tail -n 1 <<<"$out")" \
    "47 permissions, 367 endpoint rules from 7 files: 0 errors, 0 warnings, 1 note"
mkdir -p one && printf 'requests.get("https://x.mktorest.com/rest/v1/leads.json")\n' >one/a.py
run "$MINROLE" scan one --format text
same "scanned 1 file, 1 line" "$(head -n 1 <<<"$out")" "scanned 1 file (1 line, 0.0 MB, 0 skipped)"

# diff: sorted lists in JSON, no heading for a workspace where nothing changed.
cat >old-role.yaml <<'EOF'
role: r
permissions: [Read-Only Lead]
workspaces: [Default, Europe]
EOF
cat >new-role.yaml <<'EOF'
role: r
permissions: [Read-Only Lead]
workspaces:
  - Default
  - name: Europe
    permissions: [Read-Write Lead, Read-Only Activity, Approve Assets, Read-Only Company]
EOF
run "$MINROLE" diff old-role.yaml new-role.yaml --format json
printf '%s\n' "$out" >diff.json
pycheck "diff JSON: every list is sorted" diff.json '
for w in d["workspaces"]:
    for key in ("permissions_added", "permissions_removed", "endpoints_newly_allowed", "endpoints_no_longer_allowed"):
        assert w[key] == sorted(w[key]), (w["name"], key, w[key])
eu = [w for w in d["workspaces"] if w["name"] == "Europe"][0]
assert eu["permissions_added"] == ["Approve Assets", "Read-Only Activity", "Read-Only Company", "Read-Write Lead"], eu["permissions_added"]'
run "$MINROLE" diff old-role.yaml new-role.yaml
lacks "diff text: no heading for the unchanged workspace" "$out" "workspace Default"
contains "diff text: the changed workspace is shown" "$out" "workspace Europe"
run "$MINROLE" diff old-role.yaml new-role.yaml --format md
lacks "diff md: no heading for the unchanged workspace" "$out" "Workspace \`Default\`"
run "$MINROLE" diff old-role.yaml old-role.yaml
same "diff of a role with itself says so" "$out" "old-role.yaml -> old-role.yaml

no change

0 endpoints newly allowed, 0 no longer allowed"
sed 's/- Read-Only Activity/- Read-Write Activity/' "$SRC/examples/roles/crm-lead-sync-minimal.yaml" >wider.yaml
run "$MINROLE" diff "$SRC/examples/roles/crm-lead-sync-minimal.yaml" wider.yaml
same "1 endpoint newly allowed, singular" "$(tail -n 1 <<<"$out")" "1 endpoint newly allowed, 0 no longer allowed"

# ---- the command-line shell (issue 15, item 5) ---------------------------------------------

ESC=$'\033'
usage_lists_commands() { # NAME TEXT : a short usage with every command
    local name=$1 text=$2 c missing=""
    for c in allows audit diff endpoints explain graph import-openapi lint permissions recommend scan; do
        [[ $text == *"  $c  "* ]] || missing="$missing $c"
    done
    if [[ $text == *"Usage: minrole"* && -z $missing ]]; then pass; else fail "$name: usage with every command (missing:$missing)" "$text"; fi
}
run "$MINROLE"
expect_rc "bare minrole: exit 2" 2
same "bare minrole: nothing on stdout" "$out" ""
usage_lists_commands "bare minrole" "$err"
run "$MINROLE" -v
expect_rc "minrole -v: exit 2" 2
same "minrole -v: says what was meant" "$(head -n 1 <<<"$err")" "minrole: error: unknown option '-v' (did you mean '--version'?)"
usage_lists_commands "minrole -v" "$err"
run "$MINROLE" recommend --frmat json --op 'GET /rest/v1/leads.json'
expect_err "--frmat suggests --format" "^minrole: error: unknown option '--frmat' for recommend \(did you mean '--format'\?\)$"
run "$MINROLE" audit --rol x.yaml --op 'GET /rest/v1/leads.json'
expect_err "--rol suggests --role" "did you mean '--role'"
run "$MINROLE" recommend --budget-ms -5 --op 'GET /rest/v1/leads.json'
expect_err "a bad option value keeps its own message" "^minrole: error: --budget-ms: Value -5 not in range"
run "$MINROLE" --catalog "$SRC/data"
same "only global options: no command given, then the commands" "$(head -n 1 <<<"$err")" "minrole: error: no command given"
run "$MINROLE" recommnd x.yaml
expect_err "an unknown command is still one line with a suggestion" "^minrole: error: unknown command 'recommnd' \(did you mean 'recommend'\?\)$"
run "$MINROLE" help
expect_rc "minrole help: exit 0" 0
contains "minrole help lists the commands" "$out" "recommend"
contains "minrole help has examples" "$out" "Examples:"
contains "minrole help has the exit statuses" "$out" "Exit status:"
run "$MINROLE" help recommend
expect_rc "minrole help recommend: exit 0" 0
contains "minrole help recommend shows its options" "$out" "--budget-ms"
contains "minrole help recommend shows its examples" "$out" "  \$ minrole recommend examples/crm-lead-sync.yaml"
run "$MINROLE" scan --help
scan_help=$out
run "$MINROLE" help scan
same "minrole help scan: the same text as scan --help (Usage: minrole scan ...)" "$out" "$scan_help"
run "$MINROLE" instance pull --help
pull_help=$out
run "$MINROLE" help instance pull
same "minrole help instance pull: the same text as instance pull --help" "$out" "$pull_help"
# A missing or extra argument says which, with the command's usage, not CLI11's "role is required".
run "$MINROLE" allows
expect_err "allows without a role names ROLE and the usage" \
    "^minrole: error: allows needs ROLE \(role spec YAML \('-' for standard input\)\); usage: minrole allows ROLE \[OPTIONS\] \(see 'minrole help allows'\)$"
run "$MINROLE" diff "$SRC/examples/roles/crm-lead-sync-minimal.yaml"
expect_err "diff with one role names NEW" "^minrole: error: diff needs NEW \(the role after the change\); usage: minrole diff OLD NEW \[OPTIONS\]"
run "$MINROLE" diff a.yaml b.yaml c.yaml
expect_err "diff with three roles names the extra one" "^minrole: error: unexpected argument for diff: c\.yaml; usage: minrole diff OLD NEW \[OPTIONS\]"
run "$MINROLE" scan
expect_err "scan without a path" "^minrole: error: scan needs PATHS \(.*\); usage: minrole scan PATHS\.\.\. \[OPTIONS\]"
run "$MINROLE" instance
expect_err "instance without pull names the nested command" "^minrole: error: instance needs a command; usage: minrole instance pull \[OPTIONS\] \(see 'minrole help instance'\)$"
run "$MINROLE" instance pull extra
expect_err "an extra word after instance pull" "^minrole: error: unexpected argument for instance pull: extra; usage: minrole instance pull \[OPTIONS\]"
run "$MINROLE" diff --frmat json a.yaml b.yaml
expect_err "an unknown option is still named as such" "^minrole: error: unknown option '--frmat' for diff \(did you mean '--format'\?\)$"
# A file of another kind is named as what it is, wherever its kind: line stands.
run "$MINROLE" recommend "$SRC/examples/roles/over-broad.yaml"
expect_err "recommend of a role spec says it is one" \
    "^minrole: error: .*over-broad\.yaml:14:7: expected 'kind: intent', found 'role' \(a role spec, read by allows ROLE, diff OLD NEW and audit --role\)$"
run "$MINROLE" audit --role "$SRC/examples/crm-lead-sync.yaml" --intent "$SRC/examples/crm-lead-sync.yaml"
expect_err "audit --role of an intent says it is one" "found 'intent' \(an intent, read by recommend INTENT and audit --intent\)$"
printf 'role: r\npermissions: [Read-Only Lead]\n' >kindless-role.yaml
run "$MINROLE" recommend kindless-role.yaml
expect_err "a role spec without kind: given as the intent" \
    "^minrole: error: kindless-role\.yaml:1:1: unknown key 'role' in an intent: this looks like a role spec \(kind: role\)"
# explain: a misspelt permission gets the permission, not endpoints that share a few letters.
run "$MINROLE" explain 'Read Write Leads'
expect_err "explain of a misspelt permission suggests only the permission" \
    "^minrole: error: 'Read Write Leads' is no known permission, operationId or endpoint; did you mean permission 'Read-Write Lead'$"
run "$MINROLE" explain getLeadByIdUsingGet
expect_err "explain of a misspelt operationId suggests it" \
    "^minrole: error: 'getLeadByIdUsingGet' is no known permission, operationId or endpoint; did you mean operationId 'getLeadByIdUsingGET' \(GET /rest/v1/lead/\{leadId\}\.json\)$"
run "$MINROLE" explain 'GET /rest/v1/leadz.json'
expect_err "explain of a misspelt path still lists the closest endpoints" "closest endpoints: GET /rest/v1/leads\.json"
run "$MINROLE" help recomend
expect_err "minrole help with an unknown command" "unknown command 'recomend' \(did you mean 'recommend'\?\)"
# Every command minrole --help lists (a new one needs its examples in kExamples, src/cli/shell.cpp).
mapfile -t COMMANDS < <("$MINROLE" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
same "minrole --help lists the commands" "${#COMMANDS[@]}" "$(( ${#COMMANDS[@]} > 10 ? ${#COMMANDS[@]} : -1 ))"
for c in "${COMMANDS[@]}"; do
    run "$MINROLE" "$c" --help
    if [[ $rc == 0 && $out == *"Examples:"*"  \$ minrole $c"* && $out == *"Exit status:"*"2  bad input"* ]]; then pass; else
        fail "minrole $c --help has examples of $c and the exit statuses" "$out"; fi
done

# Colour: --color always|never, NO_COLOR, and never on a pipe or in a file in auto mode.
run "$MINROLE" --color always recommend --op 'GET /rest/v1/leadz.json' --op 'GET /rest/v1/leads.json'
contains "--color always colours the '!' problems" "$out" "${ESC}[1;31m! unmatched:${ESC}[0m"
contains "--color always colours headings" "$out" "${ESC}[1mworkspace Default"
run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json' --color always --format json
lacks "--color always leaves JSON alone" "$out" "$ESC"
run "$MINROLE" --color always recommend --op 'GET /rest/v1/leadz.json' -o coloured.txt
lacks "--color always never colours a file" "$(cat coloured.txt)" "$ESC"
run "$MINROLE" --color always audit --role "$SRC/examples/roles/over-broad.yaml" --intent "$SRC/examples/crm-lead-sync.yaml" --no-policy
contains "--color always colours severities" "$out" ": ${ESC}[33mwarning${ESC}[0m: "
run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json'
lacks "auto: no colour on a pipe" "$out$err" "$ESC"
run "$MINROLE" --color sometimes recommend --op x
expect_rc "--color takes auto|always|never only" 2
if command -v script >/dev/null 2>&1; then
    # script(1) gives the command a terminal; its typescript is what the person would see.
    tty_run() { script -qec "$1" /dev/null 2>&1; }
    q=$(printf '%q' "$MINROLE")
    out=$(tty_run "$q recommend --op 'GET /rest/v1/leadz.json'")
    contains "auto: colour on a terminal" "$out" "${ESC}[1;31m! unmatched:"
    out=$(NO_COLOR=1 tty_run "$q recommend --op 'GET /rest/v1/leadz.json'")
    lacks "NO_COLOR: no colour on a terminal" "$out" "$ESC"
    out=$(tty_run "$q --color never recommend --op 'GET /rest/v1/leadz.json'")
    lacks "--color never: no colour on a terminal" "$out" "$ESC"
    out=$(tty_run "$q recommend --frmat x")
    contains "auto: the error label is coloured on a terminal" "$out" "minrole: ${ESC}[1;31merror${ESC}[0m: "
    # The progress line is erased however the scan is used (scan, recommend --scan, audit --scan)
    # and however it ends (a malformed HAR file stops it with bad input).
    mkdir -p badhar && cp "$SRC/examples/demo/src/sync.py" badhar/a.py && printf '{"log": ' >badhar/b.har
    demo=$(printf '%q' "$SRC/examples/demo")
    role=$(printf '%q' "$SRC/examples/roles/over-broad.yaml")
    for cmdline in "scan $demo --format text" "recommend --scan $demo" "audit --role $role --scan $demo --no-policy" \
                   "scan $(printf '%q' "$WORK/badhar")"; do
        out=$(tty_run "$q $cmdline")
        rest=${out##*scanning: } # what follows the last progress line drawn
        if [[ $out != *"scanning: "* ]]; then
            fail "progress line is drawn on a terminal: minrole $cmdline" "$out"
        elif [[ $rest == *$'\r'"${ESC}[K"* ]]; then pass; else
            fail "progress line is erased: minrole $cmdline" "$(printf '%q' "$rest" | head -c 400)"; fi
    done
else
    skip "colour and progress on a terminal (needs script(1) from util-linux)"
fi

# ---- the GitHub workflow example (issue 15, item 7) ----------------------------------------

cp "$SRC/examples/ci/github-actions.yml" github-actions.yaml
pycheck "examples/ci/github-actions.yml builds from the checkout, uploads with v4, gates always, fails at the end" \
    github-actions.yaml '
job = d["jobs"]["audit"]
steps = job["steps"]
runs = "\n".join(s.get("run", "") for s in steps)
assert "git clone" not in runs and "--branch" not in runs, "the workflow must not clone a tag"
assert "MINROLE_SRC" in d["env"] and "-S \"$MINROLE_SRC\"" in runs, "build from the source in the checkout"
assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["submodules"], steps[0]
uses = [s.get("uses", "") for s in steps]
assert "github/codeql-action/upload-sarif@v4" in uses, uses
assert not any(u.startswith("github/codeql-action/upload-sarif@v3") for u in uses), uses
assert job["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}, job["permissions"]
gate = [s for s in steps if "minrole diff" in s.get("run", "") and "--fail-on-new-access ||" in s.get("run", "")]
assert len(gate) == 1 and gate[0]["if"].startswith("always()"), "the new-access gate runs with if: always()"
audit = [s for s in steps if s.get("id") == "audit"][0]
assert "|| status=$?" in audit["run"], "the audit step records its status instead of failing"
last = steps[-1]
assert last["if"] == "always()" and "steps.audit.outputs.status" in str(last["env"]) and "steps.gate.outputs.status" in str(last["env"]), last
assert "exit \"$failed\"" in last["run"], last["run"]'

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]

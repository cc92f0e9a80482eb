#!/usr/bin/env bash
# End-to-end tests for the minrole CLI (recommend, explain, endpoints, permissions, graph, lint,
# import-openapi), driving the real binary. ctest runs it with MINROLE (the binary) and SRC (the
# source tree) in the environment:
#   MINROLE=build/minrole SRC=. bash tests/cli/run.sh
# Every check prints nothing on success and a FAIL block with details otherwise; the last line
# is always "N passed, M failed" and the exit status is 1 when anything failed.
# Checks that cannot run here (no python3) print SKIP and are never counted as passed.
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

source "$SRC/tests/cli/lib.sh"



# expect_err NAME REGEX : exit 2, empty stdout, exactly one stderr line "minrole: error: ..."
# matching REGEX.
expect_err() {
    local lines
    lines=$(printf '%s' "$err" | grep -c '')
    if [[ "$rc" == 2 && -z "$out" && "$lines" == 1 && "$err" == "minrole: error: "* && "$err" =~ $2 ]]; then
        pass
    else
        fail "$1" "exit $rc (want 2), stderr lines $lines (want 1)" "stderr: $err" "want: $2" "stdout: $out"
    fi
}

# same_file NAME WANT GOT : byte comparison with a diff on failure.
same_file() {
    if cmp -s "$2" "$3"; then
        pass
    else
        fail "$1" "$(diff -u "$2" "$3" | head -n 40)"
    fi
}

EXAMPLES=(crm-lead-sync email-publishing warehouse-activity-export)

# ---- recommend: the shipped examples against their golden output --------------------------
# Run from SRC with relative paths: evidence in the output names "examples/<name>.yaml:L:C".

for name in "${EXAMPLES[@]}"; do
    intent="examples/$name.yaml"
    if [[ ! -f "$SRC/$intent" ]]; then
        fail "$intent exists"
        continue
    fi
    (cd "$SRC" && "$MINROLE" recommend "$intent" --format json) >"$name.json" 2>"$name.json.err"
    rc=$?
    if [[ $rc == 0 ]]; then pass; else fail "recommend $intent --format json: exit $rc, expected 0" "$(cat "$name.json.err")"; fi
    same_file "recommend $intent --format json matches tests/golden/$name.json" "$SRC/tests/golden/$name.json" "$name.json"
    (cd "$SRC" && "$MINROLE" recommend "$intent") >"$name.txt" 2>"$name.txt.err"
    rc=$?
    if [[ $rc == 0 ]]; then pass; else fail "recommend $intent: exit $rc, expected 0" "$(cat "$name.txt.err")"; fi
    same_file "recommend $intent matches tests/golden/$name.txt" "$SRC/tests/golden/$name.txt" "$name.txt"
done

# The examples use every accepted way of writing an operation.
all_examples=$(cat "$SRC"/examples/{crm-lead-sync,email-publishing,warehouse-activity-export}.yaml 2>/dev/null)
contains "examples use a concrete URL" "$all_examples" "https://123-ABC-456.mktorest.com/"
contains "examples use an operationId" "$all_examples" "- getLeadByIdUsingGET"
contains "examples use {op, params, note}" "$all_examples" "params: [leadId]"

# ---- recommend: exit statuses and problems in the intent ----------------------------------

run "$MINROLE" recommend --op 'GET /rest/v1/lead/318581.json' --op syncLeadUsingPOST
expect_rc "recommend with every operation matched" 0
contains "recommend picks Read-Write Lead for read + upsert" "$out" "Read-Write Lead"
lacks "recommend drops Read-Only Lead when Read-Write Lead is in" "$out" "Read-Only Lead"

run "$MINROLE" recommend --op 'GET /rest/v1/lead/318581.json' --op 'GET /rest/v1/leadz.json'
expect_rc "recommend with an unmatched operation" 1
contains "unmatched operation is reported" "$out" "unmatched: GET /rest/v1/leadz.json"
contains "unmatched operation lists the closest candidates" "$out" "closest: GET /rest/v1/leads.json"

run "$MINROLE" recommend --op 'GET /rest/asset/v1/landingPage/{id}/variables.json'
expect_rc "recommend with the undocumented landingPage variables endpoint" 1
contains "undocumented operation is reported" "$out" "undocumented: GET /rest/asset/v1/landingPage/{id}/variables.json"

run "$MINROLE" recommend --op 'GET /rest/asset/v1/landingPage/{id}/variables.json' --format json
expect_rc "recommend --format json with an undocumented operation" 1
printf '%s\n' "$out" >undocumented.json
pycheck "undocumented operation is listed in the JSON" undocumented.json '
w = d["workspaces"][0]
assert d["complete"] is False, d["complete"]
assert [u["endpoint"] for u in w["undocumented"]] == ["GET /rest/asset/v1/landingPage/{id}/variables.json"], w["undocumented"]
assert w["permissions"] == [], w["permissions"]'

run "$MINROLE" recommend --op 'GET /rest/v1/leadz.json' --format json
printf '%s\n' "$out" >unmatched.json
pycheck "unmatched operation is listed in the JSON with candidates" unmatched.json '
u = d["workspaces"][0]["unmatched"]
assert len(u) == 1 and u[0]["input"] == "GET /rest/v1/leadz.json", u
assert u[0]["status"] == "unmatched" and "GET /rest/v1/leads.json" in u[0]["candidates"], u'

# ---- recommend: JSON contract ---------------------------------------------------------------

pycheck "recommend JSON contract keys" crm-lead-sync.json '
assert d["schema"] == "minrole/recommendation/v1", d.get("schema")
assert d["service"] == "crm-lead-sync" and d["complete"] is True
for w in d["workspaces"]:
    assert isinstance(w["name"], str) and w["name"]
    assert isinstance(w["permissions"], list) and all(isinstance(p, str) for p in w["permissions"])
    assert w["permissions"] == sorted(w["permissions"])
    assert isinstance(w["cost"], int) and isinstance(w["exact"], bool) and isinstance(w["lower_bound"], int)
    for j in w["justification"]:
        assert set(j) >= {"permission", "risk", "operations", "parent_of"}, j
        assert isinstance(j["operations"], list)
    assert sorted(j["permission"] for j in w["justification"]) == w["permissions"]
    assert isinstance(w["alternatives"], list)
    assert isinstance(w["unmatched"], list) and isinstance(w["undocumented"], list)
    for op in w["operations"]:
        assert set(op) >= {"input", "status", "evidence", "endpoint", "operation_id", "requirement", "parameters"}, op'
pycheck "email-publishing recommends one role per workspace" email-publishing.json '
names = [w["name"] for w in d["workspaces"]]
assert names == ["Europe", "North America"], names
eu, na = d["workspaces"]
assert eu["permissions"] == ["Approve Assets", "Read-Only Lead", "Read-Write Assets"], eu["permissions"]
assert "Edit Email" in na["permissions"] and "Access Design Studio" in na["permissions"], na["permissions"]
parents = {j["permission"]: j["parent_of"] for j in na["justification"]}
assert parents["Access Design Studio"] == ["Access Email", "Edit Email"], parents'
pycheck "a leadId query parameter makes fullContent need a lead permission" email-publishing.json '
eu = d["workspaces"][0]
ops = [o for o in eu["operations"] if o.get("operation_id") == "getEmailFullContentUsingGET"]
assert ops and ops[0]["parameters"] == ["leadId"], ops
assert "Read-Only Lead" not in d["workspaces"][1]["permissions"]'

# --format yaml is a role spec
run "$MINROLE" recommend "$SRC/examples/email-publishing.yaml" --format yaml
expect_rc "recommend --format yaml" 0
printf '%s\n' "$out" >role.yaml
pycheck "recommend --format yaml is a role spec (kind: role, workspaces[].permissions)" role.yaml '
assert d["kind"] == "role", d
assert d["role"] == "email-publishing", d
assert [w["name"] for w in d["workspaces"]] == ["Europe", "North America"], d
for w in d["workspaces"]:
    assert isinstance(w["permissions"], list) and w["permissions"], w
    assert all(isinstance(p, str) for p in w["permissions"]), w'
if [[ $HAVE_PY == 1 ]] && ! python3 -c 'import yaml' >/dev/null 2>&1; then
    printf 'note: python3 has no yaml module; the YAML shape check above failed for that reason\n'
fi

run "$MINROLE" recommend "$SRC/examples/warehouse-activity-export.yaml" --format md
expect_rc "recommend --format md" 0

# reading the intent from standard input
run bash -c "cd '$SRC' && '$MINROLE' recommend - --format json <examples/warehouse-activity-export.yaml"
expect_rc "recommend - reads the intent from standard input" 0
printf '%s\n' "$out" >stdin.json
pycheck "intent from standard input gives the same role" stdin.json '
import json
with open("warehouse-activity-export.json") as fh:
    want = json.load(fh)
assert [w["permissions"] for w in d["workspaces"]] == [w["permissions"] for w in want["workspaces"]], d
assert d["workspaces"][0]["operations"][0]["evidence"].startswith("<stdin>:"), d["workspaces"][0]["operations"][0]["evidence"]'

# determinism: the same input gives the same bytes
for fmt in text json yaml md; do
    (cd "$SRC" && "$MINROLE" recommend examples/email-publishing.yaml --format "$fmt") >det1."$fmt" 2>&1
    (cd "$SRC" && "$MINROLE" recommend examples/email-publishing.yaml --format "$fmt") >det2."$fmt" 2>&1
    same_file "recommend --format $fmt is deterministic" det1."$fmt" det2."$fmt"
done

# ---- bad input: exit 2 and one located line on stderr ----------------------------------------

printf 'operations:\n  - GET /rest/v1/leads.json\n  - [oops\n' >malformed.yaml
run "$MINROLE" recommend malformed.yaml
expect_err "malformed intent YAML" '^minrole: error: malformed\.yaml:[0-9]+:[0-9]+: malformed YAML'

printf 'service: x\noperation:\n  - GET /rest/v1/leads.json\n' >typo.yaml
run "$MINROLE" recommend typo.yaml
expect_err "unknown key in the intent suggests the right one" \
    "^minrole: error: typo\.yaml:2:1: unknown key 'operation' in the intent \(did you mean 'operations'\?\)$"

printf 'operations:\n  - {op: GET /rest/v1/leads.json, parms: [leadId]}\n' >typo-op.yaml
run "$MINROLE" recommend typo-op.yaml
expect_err "unknown key in an operation suggests the right one" \
    "^minrole: error: typo-op\.yaml:2:[0-9]+: unknown key 'parms' in an operation \(did you mean 'params'\?\)"

run "$MINROLE" recommend does-not-exist.yaml
expect_err "intent file that does not exist" '^minrole: error: does-not-exist\.yaml: cannot read'

mkdir -p a-directory
run "$MINROLE" recommend a-directory
expect_err "directory given as the intent file" '^minrole: error: a-directory: is a directory'

mkdir -p badcat
cp "$SRC/data/marketo/permissions.yaml" badcat/
cat >badcat/rules.yaml <<'EOF'
kind: rules
area: lead-database
operations:
  - id: getLeadByIdUsingGET
    method: GET
    path: /rest/v1/lead/{leadId}.json
    summary: "Read: lead / {leadId}"
    requires: {any_of: [Read-Only Leads, Read-Write Lead]}
EOF
run "$MINROLE" --catalog badcat lint
expect_err "--catalog with an unknown permission in a rule" \
    "^minrole: error: .*badcat/rules\.yaml:8:[0-9]+: unknown permission 'Read-Only Leads' \(did you mean 'Read-Only Lead'\?\)"

run "$MINROLE" recomend examples/crm-lead-sync.yaml
expect_err "unknown subcommand suggests the right one" "^minrole: error: unknown command 'recomend' \(did you mean 'recommend'\?\)$"

run "$MINROLE" recommend --op getLeadByIdUsingGET --format xml
expect_err "invalid --format" '^minrole: error: .*xml'

run "$MINROLE" recommend
expect_err "recommend with no intent" '^minrole: error: recommend needs an intent file, --op or --scan'

# The subcommand table in src/cli/main.cpp stays sorted, and every documented command exists.
run "$MINROLE" --help
expect_rc "minrole --help" 0
commands=$(printf '%s\n' "$out" | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z-][a-z-]*\) .*/\1/p')
if [[ -n "$commands" && "$commands" == "$(printf '%s\n' "$commands" | LC_ALL=C sort)" ]]; then pass; else fail "subcommands are listed sorted" "$commands"; fi
for c in recommend explain endpoints permissions graph lint import-openapi; do
    if printf '%s\n' "$commands" | grep -qx -- "$c"; then pass; else fail "subcommand $c exists" "$commands"; fi
done

# Only the subcommands named on the command line get their options (main.cpp builds no others):
# every subcommand is still listed with its summary, shows its own options under --help, parses
# them wherever they stand, and a misspelt command still gets its suggestion.
for c in allows audit diff endpoints explain graph import-openapi lint permissions recommend scan; do
    if printf '%s\n' "$commands" | grep -qx -- "$c"; then pass; else fail "--help lists $c" "$commands"; fi
    run "$MINROLE" "$c" --help
    expect_rc "minrole $c --help" 0
    if [[ $c == import-openapi ]]; then option=--out; else option=--format; fi
    contains "minrole $c --help shows its options" "$out" "$option"
done
run "$MINROLE" recommend --help
contains "recommend --help" "$out" "--budget-ms"
contains "recommend --help" "$out" "--service"
run "$MINROLE" audit --help
contains "audit --help" "$out" "--policy"
run "$MINROLE" --catalog "$SRC/data" --catalog "$SRC/rules" recommend --op getLeadByIdUsingGET --format json --budget-ms 50
expect_rc "global options before a subcommand with its own options" 0
contains "recommend --format json after --catalog" "$out" '"Read-Only Lead"'
run "$MINROLE" recommend --format md --op getLeadByIdUsingGET --service lazy
expect_rc "recommend options in any order" 0
contains "recommend --service" "$out" "lazy"
run "$MINROLE" --catalog "$SRC/data" recomend --op getLeadByIdUsingGET
expect_err "misspelt subcommand after a global option" "unknown command 'recomend' \\(did you mean 'recommend'\\?\\)"
run "$MINROLE" recommend --budget-ms
expect_err "recommend option without its value" 'budget-ms'

# ---- -o FILE: written atomically, untouched when the run fails ------------------------------

printf 'keep me\n' >kept.txt
run "$MINROLE" recommend typo.yaml -o kept.txt
expect_rc "recommend -o with bad input" 2
if [[ "$(cat kept.txt)" == "keep me" ]]; then pass; else fail "a failing run leaves the -o file unchanged" "$(cat kept.txt)"; fi
run "$MINROLE" recommend does-not-exist.yaml -o never-created.txt
if [[ ! -e never-created.txt ]]; then pass; else fail "a failing run does not create the -o file"; fi
leftovers=$(find . -maxdepth 1 -name '.*.tmp' | head -n 5)
if [[ -z "$leftovers" ]]; then pass; else fail "no temporary files are left behind" "$leftovers"; fi

run "$MINROLE" recommend "$SRC/examples/crm-lead-sync.yaml" --format json -o kept.txt
expect_rc "recommend -o FILE" 0
if [[ -z "$out" ]]; then pass; else fail "recommend -o FILE prints nothing on stdout" "$out"; fi
run "$MINROLE" recommend "$SRC/examples/crm-lead-sync.yaml" --format json
if [[ "$(cat kept.txt)" == "$out" ]]; then pass; else fail "-o FILE holds the same bytes as stdout"; fi

# ---- lint -----------------------------------------------------------------------------------

run "$MINROLE" lint
expect_rc "lint on the built-in catalog" 0
contains "lint counts the shipped data" "$out" "47 permissions, 367 endpoint rules"
run bash -c "cd '$SRC' && '$MINROLE' lint --catalog data --catalog rules"
expect_rc "lint --catalog data --catalog rules from the source tree" 0
contains "lint --catalog reads the files on disk" "$out" "47 permissions, 367 endpoint rules from 7 files"
run "$MINROLE" lint --format json
printf '%s\n' "$out" >lint.json
pycheck "lint --format json" lint.json '
assert d["ok"] is True and d["permissions"] == 47 and d["endpoints"] == 367, d'

# ---- explain ----------------------------------------------------------------------------------

run "$MINROLE" explain 'Read-Write Lead'
expect_rc "explain a permission" 0
contains "explain 'Read-Write Lead' lists what it implies" "$out" "implies:     Read-Only Lead"
run "$MINROLE" explain 'Read-Only Lead' --format json
printf '%s\n' "$out" >explain-perm.json
pycheck "explain --format json of a permission" explain-perm.json '
assert d["kind"] == "permission" and d["name"] == "Read-Only Lead", d
assert d["implied_by"] == ["Read-Write Lead"], d["implied_by"]'

run "$MINROLE" explain getLeadByIdUsingGET
expect_rc "explain an operationId" 0
contains "explain getLeadByIdUsingGET shows the endpoint" "$out" "GET /rest/v1/lead/{leadId}.json"
contains "explain getLeadByIdUsingGET shows the requirement" "$out" "needs:       Read-Only Lead or Read-Write Lead"
run "$MINROLE" explain 'GET /rest/v1/lead/1.json'
expect_rc "explain a concrete request" 0
contains "explain 'GET /rest/v1/lead/1.json' shows the requirement" "$out" "needs:       Read-Only Lead or Read-Write Lead"

run "$MINROLE" explain 'POST /rest/v1/campaigns/1042/trigger.json'
contains "Request Campaign needs Execute Campaign (the spec, not the prose table)" "$out" "needs:       Execute Campaign"
run "$MINROLE" explain approveDraftUsingPOST
contains "approving an email draft needs Approve Assets" "$out" "needs:       Approve Assets"

run "$MINROLE" explain 'Read-Write Leed'
expect_err "explain of an unknown name suggests one" "did you mean permission 'Read-Write Lead'"

cat >overrides.yaml <<'EOF'
kind: overrides
operations:
  - id: getLeadByIdUsingGET
    requires: Read-Write Lead
    reason: "our instance refuses Read-Only Lead here (support case 01234)"
EOF
run "$MINROLE" --overrides overrides.yaml explain 'GET /rest/v1/lead/1.json'
expect_rc "explain with --overrides" 0
contains "explain shows the override in force" "$out" "override in force: our instance refuses Read-Only Lead here (support case 01234)"
contains "explain shows the overridden requirement" "$out" "needs:       Read-Write Lead"
run "$MINROLE" --overrides overrides.yaml recommend --op getLeadByIdUsingGET
contains "recommend honours --overrides" "$out" "Read-Write Lead"
contains "recommend notes the override" "$out" "override in force for GET /rest/v1/lead/{leadId}.json"

# ---- graph, permissions, endpoints ------------------------------------------------------------

run "$MINROLE" graph --format dot
expect_rc "graph --format dot" 0
contains "graph dot is a digraph" "$out" "digraph permissions {"
contains "graph dot draws implication" "$out" '"Read-Write Lead" -> "Read-Only Lead"'
run "$MINROLE" graph --format mermaid
expect_rc "graph --format mermaid" 0
contains "graph mermaid" "$out" "graph LR"
run "$MINROLE" graph --format json
printf '%s\n' "$out" >graph.json
pycheck "graph --format json" graph.json '
assert len(d["nodes"]) == 47, len(d["nodes"])
assert {"from": "Edit Email", "to": "Access Design Studio", "kind": "parent"} in d["edges"]'

run "$MINROLE" permissions --format json
expect_rc "permissions --format json" 0
printf '%s\n' "$out" >permissions.json
pycheck "permissions --format json has 47 permissions" permissions.json '
assert len(d["permissions"]) == 47, len(d["permissions"])
p = {x["name"]: x for x in d["permissions"]}
assert p["Read-Write Lead"]["cost"] == 33 and p["Access Users"]["cost"] == 47, p["Read-Write Lead"]'
run "$MINROLE" permissions
contains "permissions text" "$out" "47 permissions"

run "$MINROLE" endpoints --format json
expect_rc "endpoints --format json" 0
printf '%s\n' "$out" >endpoints.json
pycheck "endpoints --format json has 367 endpoints" endpoints.json '
assert len(d["endpoints"]) == 367, len(d["endpoints"])'
run "$MINROLE" endpoints --undocumented
contains "endpoints --undocumented" "$out" "/rest/asset/v1/landingPage/{id}/variables.json"
contains "endpoints --undocumented counts one" "$out" "1 endpoints"
run "$MINROLE" endpoints --area bulk --permission 'Read-Only Activity'
contains "endpoints --area --permission" "$out" "/bulk/v1/activities/export/create.json"
lacks "endpoints --permission filters" "$out" "/bulk/v1/leads/export/create.json"

# ---- import-openapi --check: the shipped rules are what Adobe's specs say ----------------------

# The specs are vendored (third_party/marketo-apis), so this runs in every clone: missing specs fail.
SPECS="$SRC/third_party/marketo-apis"
if compgen -G "$SPECS/swagger-*.json" >/dev/null; then
    if out=$(bash "$SPECS/refresh.sh" --verify 2>&1); then pass; else fail "vendored specs match their SHA256SUMS" "$out"; fi
    run "$MINROLE" import-openapi "$SPECS"/swagger-*.json --out "$SRC/rules/marketo" --check
    expect_rc "import-openapi --check reproduces rules/marketo" 0
    mkdir -p regenerated
    run "$MINROLE" import-openapi "$SPECS"/swagger-*.json --out regenerated
    expect_rc "import-openapi writes rules files" 0
    if diff -r "$SRC/rules/marketo" regenerated >import.diff; then pass; else fail "import-openapi output equals rules/marketo" "$(head -n 40 import.diff)"; fi
else
    fail "import-openapi --check: no vendored specs at $SPECS (see third_party/marketo-apis/README.md)"
fi

printf '%s passed, %s failed\n' "$passed" "$failed"
[[ $failed == 0 ]]

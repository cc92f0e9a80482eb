#!/usr/bin/env bash
# End-to-end tests for `minrole audit --instance`, driving the real binary on examples/instance
# and on fixtures written here. ctest runs it with MINROLE (the binary) and SRC (the source tree).
# Every check prints nothing on success and a FAIL block otherwise; the last line is always
# "N passed, M failed" and the exit status is 1 when anything failed.
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
EX="$SRC/examples/instance"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-instance.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

source "$SRC/tests/cli/lib.sh"

INSTANCE_RULES="missing-permission
outside-api-tree
role-broader-than-services
service-user-not-api-only
shared-api-user
unused-role
user-excess-workspaces
user-without-service"

rule_ids() {
    python3 -c 'import json,sys; print("\n".join(sorted({f["rule"] for f in json.load(sys.stdin)["findings"]})))' <"$1"
}

# ---- the example, end to end -------------------------------------------------------------

run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01 -f json -o example.json
expect_rc "example: findings exit 1" 1
if [[ -n "$out" ]]; then fail "example: -o FILE writes nothing to stdout" "$out"; else pass; fi
if [[ $HAVE_PY == 1 ]]; then
    got=$(rule_ids example.json)
    if [[ "$got" == "$INSTANCE_RULES" ]]; then pass; else fail "example: every instance finding kind" "got:" "$got" "want:" "$INSTANCE_RULES"; fi
fi
pycheck "example: JSON shape, subjects and locations" example.json '
import os
assert d["schema"] == "minrole/instance-audit/v1", d["schema"]
assert d["instance"] == "acme-marketo"
assert d["instance_file"].endswith("examples/instance/instance.yaml"), d["instance_file"]
by = {}
for f in d["findings"]:
    by.setdefault(f["rule"], []).append(f)
    for k in ("rule", "severity", "message", "subject", "workspace", "permission", "evidence", "location", "suppressed", "suppressed_by"):
        assert k in f, (k, f)
s = by["service-user-not-api-only"][0]
assert s["subject"] == "service webhook-relay" and s["severity"] == "error", s
assert s["evidence"] == ["ops-admin@acme.example"], s
sh = by["shared-api-user"][0]
assert sh["subject"] == "user marketing-api@acme.example" and sh["evidence"] == ["email-publisher", "reporting"], sh
ex = by["user-excess-workspaces"]
assert any("all workspaces" in f["message"] for f in ex), ex
b = by["role-broader-than-services"]
assert [f["subject"] for f in b] == ["role Marketing API"], b
assert "minimal replacement: Read-Only Activity, Read-Only Lead, Read-Write Assets" in b[0]["message"], b[0]["message"]
assert b[0]["evidence"][0].startswith("minimal replacement:"), b[0]
o = by["outside-api-tree"]
assert [f["permission"] for f in o] == ["Access Users"], o
assert [f["subject"] for f in by["unused-role"]] == ["role Web Personalization"]
assert [f["subject"] for f in by["user-without-service"]] == ["user legacy-export@acme.example"]
m = by["missing-permission"]
assert [f["permission"] for f in m] == ["Read-Only Opportunity"], m
assert m[0]["subject"] == "service crm-sync", m
# services section
sv = {s["name"]: s for s in d["services"]}
assert sorted(sv) == ["crm-sync", "email-publisher", "reporting", "webhook-relay"], sorted(sv)
crm = sv["crm-sync"]
assert crm["user"] == "crm-sync@acme.example"
assert [w["name"] for w in crm["workspaces"]] == ["Global Ops"], crm["workspaces"]
assert crm["workspaces"][0]["permissions"] == ["Read-Only Activity", "Read-Only Opportunity", "Read-Write Lead"], crm["workspaces"][0]
assert {p["partition"]: p["workspace"] for p in crm["partitions"]} == {"Default": "Global Ops", "EMEA": "Global Ops"}, crm["partitions"]
rep = sv["reporting"]
assert rep["intent"] == "intents/reporting.yaml", rep["intent"]
assert [w["name"] for w in rep["workspaces"]] == ["Default"], rep["workspaces"]
assert rep["partitions"][0]["reaching"] == ["Default", "Global Ops"], rep["partitions"]
ep = sv["email-publisher"]
assert ep["workspaces"][0]["name"] == "Europe" and ep["workspaces"][0]["permissions"] == ["Read-Write Assets"], ep
assert ep["workspaces"][0]["granted_roles"] == ["Marketing API"], ep
wr = sv["webhook-relay"]
assert wr["intent"] == "scan: webhook-relay", wr["intent"]
assert wr["workspaces"][0]["operations"] == ["GET /rest/v1/leads.json", "POST /rest/v1/leads.json"], wr["workspaces"]
roles = {r["name"]: r for r in d["roles"]}
assert roles["Marketing API"]["excess"] == ["Approve Assets", "Execute Campaign", "Read-Write Lead"], roles["Marketing API"]
assert roles["Marketing API"]["services"] == ["email-publisher", "reporting"]
assert d["summary"]["errors"] == 2, d["summary"]
'

# Locations: every finding points into the instance file at the relevant line.
line_of() { grep -n -- "$1" "$EX/instance.yaml" | head -n 1 | cut -d: -f1; }
L_SERVICE_USER=$(line_of 'user: ops-admin@acme.example')
L_SHARED=$(line_of 'email: marketing-api@acme.example')
L_ALL=$(line_of 'workspace: "\*"')
L_UNUSED=$(line_of 'name: Web Personalization')
L_WITHOUT=$(line_of 'email: legacy-export@acme.example')
L_OUTSIDE=$(line_of '- Access Users')
L_BROAD=$(grep -n -- '- Read-Write Lead' "$EX/instance.yaml" | head -n 1 | cut -d: -f1)
L_MISSING=$(line_of 'GET /rest/v1/opportunities.json')
pycheck "example: finding lines" example.json "
want = {'service-user-not-api-only': $L_SERVICE_USER, 'shared-api-user': $L_SHARED, 'user-excess-workspaces': $L_ALL,
        'unused-role': $L_UNUSED, 'user-without-service': $L_WITHOUT, 'outside-api-tree': $L_OUTSIDE,
        'role-broader-than-services': $L_BROAD, 'missing-permission': $L_MISSING}
for f in d['findings']:
    assert f['location']['file'].endswith('examples/instance/instance.yaml'), f
    assert f['location']['line'] == want[f['rule']], (f['rule'], f['location'], want[f['rule']])
"

# Text and Markdown show the findings and the minimal role per service and workspace.
run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01
expect_rc "example text: exit 1" 1
contains "text: a finding with its rule" "$out" "[shared-api-user]"
contains "text: summary line" "$out" "for instance acme-marketo"
contains "text: service block" "$out" "service crm-sync (user crm-sync@acme.example; intent: inline)"
contains "text: partition mapping" "$out" "partition EMEA -> workspace Global Ops (reached by Europe, Global Ops)"
contains "text: minimal role per workspace" "$out" "minimal role in Europe: Read-Write Assets  (holds: Marketing API)"
contains "text: role replacement" "$out" "Marketing API: replace with Read-Only Activity, Read-Only Lead, Read-Write Assets"
run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01 -f md
expect_rc "example md: exit 1" 1
contains "md: heading" "$out" "## minrole audit of instance \`acme-marketo\`"
# The user's address is set apart from its '@' so GitHub does not turn it into a mailto link.
contains "md: service table" "$out" "| \`email-publisher\` | marketing-api\`@\`acme.example | \`Europe\` | Read-Write Assets | Marketing API |"

# SARIF: instance rules only, results located in the instance file.
run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01 -f sarif -o example.sarif
expect_rc "example sarif: exit 1" 1
pycheck "SARIF: rules, indexes and locations" example.sarif "
run = d['runs'][0]
ids = [r['id'] for r in run['tool']['driver']['rules']]
assert ids == sorted(ids), ids
assert 'shared-api-user' in ids and 'unused-role' in ids and 'broader-access' not in ids, ids
assert len(run['results']) > 0
for res in run['results']:
    assert ids[res['ruleIndex']] == res['ruleId'], res
    loc = res['locations'][0]['physicalLocation']
    assert loc['artifactLocation']['uri'].endswith('examples/instance/instance.yaml'), loc
    assert res['properties']['subject'], res
shared = [r for r in run['results'] if r['ruleId'] == 'shared-api-user'][0]
assert shared['locations'][0]['physicalLocation']['region']['startLine'] == $L_SHARED, shared
assert shared['level'] == 'warning', shared
outside = [r for r in run['results'] if r['ruleId'] == 'outside-api-tree'][0]
assert outside['locations'][0]['physicalLocation']['region'] == {'startLine': $L_OUTSIDE, 'startColumn': 9}, outside
"

# Output is deterministic.
"$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01 -f json >det1.json 2>/dev/null
"$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --today 2025-01-01 -f json >det2.json 2>/dev/null
if cmp -s det1.json det2.json; then pass; else fail "two runs give identical JSON" "$(diff det1.json det2.json | head)"; fi

# ---- exit statuses, --fail-on, policies ---------------------------------------------------

run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --fail-on none
expect_rc "--fail-on none: exit 0" 0
run "$MINROLE" audit --instance "$EX/instance.yaml" --no-policy --fail-on error
expect_rc "--fail-on error with errors: exit 1" 1

cat >quiet-policy.yaml <<'EOF'
kind: policy
severity:
  service-user-not-api-only: warning
  missing-permission: warning
exceptions:
  - rule: shared-api-user
    justification: splitting marketing-api in Q3
    expires: 2025-09-30
  - rule: user-excess-workspaces
    justification: old grant, reviewed
    expires: 2024-12-31
EOF
run "$MINROLE" audit --instance "$EX/instance.yaml" --policy quiet-policy.yaml --today 2025-01-01 --fail-on error
expect_rc "policy lowers every error: --fail-on error exits 0" 0
run "$MINROLE" audit --instance "$EX/instance.yaml" --policy quiet-policy.yaml --today 2025-01-01 -f json -o policy.json
expect_rc "policy: warnings still fail by default" 1
pycheck "policy: severities, suppression and expiry" policy.json '
by = {}
for f in d["findings"]:
    by.setdefault(f["rule"], []).append(f)
assert by["service-user-not-api-only"][0]["severity"] == "warning"
assert by["shared-api-user"][0]["suppressed"] is True, by["shared-api-user"]
assert "splitting marketing-api" in by["shared-api-user"][0]["suppressed_by"]
assert all(not f["suppressed"] for f in by["user-excess-workspaces"])
assert len(by["expired-exception"]) == 1 and by["expired-exception"][0]["location"]["file"] == "quiet-policy.yaml"
assert d["summary"]["suppressed"] == 1, d["summary"]
'
printf 'kind: policy\nseverity:\n  shared-api-usr: none\n' >typo-policy.yaml
run "$MINROLE" audit --instance "$EX/instance.yaml" --policy typo-policy.yaml
expect_err "policy: unknown rule id suggests the instance rule" "typo-policy.yaml:3:3: unknown audit rule 'shared-api-usr' \(did you mean 'shared-api-user'\?\)"

# A clean instance exits 0 with no findings.
cat >clean.yaml <<'EOF'
kind: instance
workspaces:
  - {name: Default, partitions: [Default]}
roles:
  - {name: Reader, permissions: [Read-Only Lead]}
users:
  - {email: reader@x.example, api_only: true, grants: [{role: Reader, workspace: Default}]}
services:
  - {name: reader, user: reader@x.example, operations: [GET /rest/v1/leads.json]}
EOF
run "$MINROLE" audit --instance clean.yaml --no-policy
expect_rc "clean instance: exit 0" 0
contains "clean instance: no findings" "$out" "0 findings (0 suppressed) for instance clean.yaml"
contains "clean instance: minimal role" "$out" "minimal role in Default: Read-Only Lead  (holds: Reader)"

# ---- bad input: exit 2, one located line ------------------------------------------------------

run "$MINROLE" audit --no-policy
expect_err "neither --role nor --instance" "audit needs --role FILE \(or --instance FILE\)"
run "$MINROLE" audit --instance clean.yaml --role x.yaml --no-policy
expect_err "--instance with --role" "--instance carries its own roles and intents"
run "$MINROLE" audit --instance missing.yaml --no-policy
expect_err "missing instance file" "missing.yaml"
sed 's/Read-Only Lead/Read-Only Leed/' clean.yaml >bad-perm.yaml
run "$MINROLE" audit --instance bad-perm.yaml --no-policy
expect_err "unknown permission is located" "^minrole: error: bad-perm.yaml:5:.*Read-Only Leed.*Read-Only Lead"
sed 's/role: Reader, workspace/role: Raeder, workspace/' clean.yaml >bad-role.yaml
run "$MINROLE" audit --instance bad-role.yaml --no-policy
expect_err "unknown role in a grant is located" "^minrole: error: bad-role.yaml:7:.*unknown role 'Raeder' \(did you mean 'Reader'\?\)"
sed 's/user: reader@x.example/user: writer@x.example/' clean.yaml >bad-user.yaml
run "$MINROLE" audit --instance bad-user.yaml --no-policy
expect_err "unknown service user is located" "^minrole: error: bad-user.yaml:9:.*unknown user 'writer@x.example'"
cat >bad-asset.yaml <<'EOF'
kind: instance
workspaces:
  - {name: Default, partitions: [Default]}
users:
  - {email: a@x.example, api_only: true}
services:
  - name: a
    user: a@x.example
    partition: Default
    operations: [GET /rest/asset/v1/emails.json]
EOF
run "$MINROLE" audit --instance bad-asset.yaml --no-policy
expect_err "asset operation on a partition is located" "^minrole: error: bad-asset.yaml:10:.*assets belong to the workspace that owns them"

# ---- the import path ---------------------------------------------------------------------------

run "$MINROLE" audit --instance "$EX/instance-import.yaml" --no-policy --today 2025-01-01 -f json -o import.json
expect_rc "import: findings exit 1" 1
if [[ $HAVE_PY == 1 ]]; then
    got=$(rule_ids import.json)
    if [[ "$got" == "$INSTANCE_RULES" ]]; then pass; else fail "import: the same finding kinds as the inline example" "got:" "$got"; fi
fi
pycheck "import: grants located in the saved responses" import.json '
by = {}
for f in d["findings"]:
    by.setdefault(f["rule"], []).append(f)
ex = [f for f in by["user-excess-workspaces"] if f["subject"] == "user marketing-api@acme.example"]
assert [f["workspace"] for f in ex] == ["Global Ops"], ex
loc = ex[0]["location"]
assert loc["file"].endswith("api/user-roles/marketing-api@acme.example.json") and loc["line"] == 4, loc
sv = {s["name"]: s for s in d["services"]}
assert sv["crm-sync"]["workspaces"][0]["name"] == "Global Ops"
users = by["user-without-service"][0]
assert users["location"]["file"].endswith("instance-import.yaml") or users["location"]["file"].endswith("allusers.json"), users
'
# The API response forms: a bare array and the REST envelope; a failed response is an error.
mkdir -p imp/roles
cat >imp/workspaces.json <<'EOF'
{"requestId": "1#1", "success": true, "result": [{"id": 1, "name": "Default", "status": "active"}]}
EOF
printf '[{"id": 5, "name": "Reader", "type": "user"}]\n' >imp/roles.json
cat >imp/users.json <<'EOF'
[
  {"id": 1, "userid": "reader@x.example", "emailAddress": "reader@x.example", "firstName": "R", "lastName": "X", "apiOnly": true}
]
EOF
printf '[{"accessRoleId": 5, "accessRoleName": "Reader", "workspaceId": 1, "workspaceName": "Default"}]\n' >imp/roles/reader@x.example.json
cat >imp/instance.yaml <<'EOF'
kind: instance
import: {users: users.json, user_roles: roles, workspaces: workspaces.json, roles: roles.json}
workspaces:
  - {name: Default, partitions: [Default]}
roles:
  - {name: Reader, permissions: [Read-Only Lead]}
services:
  - {name: reader, user: reader@x.example, partition: Default, operations: [GET /rest/v1/leads.json]}
EOF
run "$MINROLE" audit --instance imp/instance.yaml --no-policy
expect_rc "import: a clean imported instance exits 0" 0
contains "import: minimal role" "$out" "minimal role in Default: Read-Only Lead  (holds: Reader)"
printf '{"success": false, "errors": [{"code": "601", "message": "Access token invalid"}]}\n' >imp/workspaces.json
run "$MINROLE" audit --instance imp/instance.yaml --no-policy
expect_err "import: a failed saved response is an error" "imp/workspaces.json:1:1: the saved response reports failure: \"Access token invalid\""
printf '{"success": true, "result": [{"id": 1, "name": "Default"}]}\n' >imp/workspaces.json
printf '[{"accessRoleId": 5, "workspaceId": 42}]\n' >imp/roles/reader@x.example.json
run "$MINROLE" audit --instance imp/instance.yaml --no-policy
expect_err "import: unknown workspace id is located" "imp/roles/reader@x.example.json:1:3: .*workspace id 42 is not in workspaces.json"
printf '[]\n' >imp/roles/nobody@x.example.json
printf '[{"accessRoleId": 5, "workspaceId": 1}]\n' >imp/roles/reader@x.example.json
run "$MINROLE" audit --instance imp/instance.yaml --no-policy
expect_err "import: a roles file for an unknown user" "'nobody@x.example', who is not in allusers.json"

finish

#!/usr/bin/env bash
# End-to-end tests for `minrole audit`, `allows` and `diff`, driving the real binary.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment.
# Every check prints nothing on success and a FAIL block with details otherwise; the last line
# is always "N passed, M failed" and the exit status is 1 when anything failed.
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-audit.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

source "$SRC/tests/cli/lib.sh"

# Rule ids in an audit JSON report, one per line, sorted and unique.
rule_ids() {
    python3 -c 'import json,sys; print("\n".join(sorted({f["rule"] for f in json.load(sys.stdin)["findings"]})))' <"$1"
}

ALL_RULES="broader-access
deprecated-endpoint
expired-exception
forbidden-permission
high-risk-permission
missing-permission
outside-api-tree
redundant-grant
undocumented-endpoint
unmatched-operation
unused-permission
unused-workspace"

# ---- fixtures ------------------------------------------------------------------------------

# A role that earns every finding kind against kitchen-intent.yaml plus kitchen-policy.yaml.
cat >kitchen-role.yaml <<'EOF'
role: kitchen-sink
permissions:
  - Read-Write Lead
  - Read-Only Activity
  - Execute Campaign
  - Access Email
workspaces:
  - name: Default
    permissions: [Read-Write Assets, Read-Only Company, Read-Write Company]
  - Europe
EOF
cat >kitchen-intent.yaml <<'EOF'
service: kitchen-sink
operations:
  - GET /rest/v1/leads.json
  - GET /rest/v1/campaigns.json
  - GET /rest/asset/v1/landingPage/{id}/variables.json
  - GET /rest/v9/nothing.json
  - POST /rest/v1/campaigns/{campaignId}/trigger.json
  - GET /rest/v1/opportunities.json
  - POST /rest/v1/companies.json
EOF
cat >kitchen-policy.yaml <<'EOF'
kind: policy
forbidden: [Access Email]
exceptions:
  - rule: unused-permission
    permission: Read-Only Activity
    justification: activity export is coming next quarter
    expires: 2024-06-30
EOF

# A clean intent (no high-risk permission, no deprecated endpoint) and its recommended role.
cat >clean-intent.yaml <<'EOF'
service: reporting
operations:
  - GET /rest/v1/leads.json
  - GET /rest/v1/activities.json
  - GET /rest/v1/opportunities.json
EOF

# A role whose only problem is one unused permission (a warning).
cat >one-unused.yaml <<'EOF'
role: one-unused
permissions:
  - Read-Only Lead
  - Read-Only Company
EOF

# A role whose only finding is a note (Execute Campaign is high risk, and needed).
cat >note-only.yaml <<'EOF'
role: trigger
permissions:
  - Execute Campaign
EOF
NOTE_OP='POST /rest/v1/campaigns/{campaignId}/trigger.json'

printf 'role: ro\npermissions: [Read-Only Lead]\n' >ro-lead.yaml
printf 'role: rw\npermissions: [Read-Write Lead]\n' >rw-lead.yaml

# ---- every finding kind ----------------------------------------------------------------

run "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml \
    --today 2025-01-01 -f json -o kitchen.json
expect_rc "kitchen sink exits 1" 1
if [[ $HAVE_PY == 1 ]]; then
    got=$(rule_ids kitchen.json)
    if [[ "$got" == "$ALL_RULES" ]]; then
        pass
    else
        fail "kitchen sink: every rule id appears in the JSON findings" "got:" "$got" "want:" "$ALL_RULES"
    fi
fi
pycheck "kitchen sink: findings name permission, workspace and location" kitchen.json '
by = {}
for f in d["findings"]:
    by.setdefault(f["rule"], []).append(f)
assert d["schema"] == "minrole/audit/v1", d["schema"]
assert d["role"] == "kitchen-sink"
b = by["broader-access"][0]
assert b["permission"] == "Read-Write Lead" and b["workspace"] == "Default", b
assert b["location"] == {"file": "kitchen-role.yaml", "line": 3, "column": 5}, b["location"]
assert "GET /rest/v1/leads.json" in b["evidence"], b
m = {f["permission"] for f in by["missing-permission"]}
assert m == {"Read-Only Campaign", "Read-Only Opportunity"}, m
assert all(f["severity"] == "error" for f in by["missing-permission"])
assert by["forbidden-permission"][0]["permission"] == "Access Email"
assert by["forbidden-permission"][0]["severity"] == "error"
assert by["forbidden-permission"][0]["location"]["line"] == 6
assert by["outside-api-tree"][0]["permission"] == "Access Email"
assert by["high-risk-permission"][0]["permission"] == "Execute Campaign"
assert by["high-risk-permission"][0]["severity"] == "note"
assert by["unused-workspace"][0]["workspace"] == "Europe"
assert by["unused-workspace"][0]["location"]["line"] == 10
assert by["undocumented-endpoint"][0]["location"] == {"file": "kitchen-intent.yaml", "line": 5, "column": 5}
assert by["unmatched-operation"][0]["location"]["line"] == 6
assert by["deprecated-endpoint"][0]["location"]["line"] == 4
assert "getAllSmartCampaignsGET" in by["deprecated-endpoint"][0]["message"]
e = by["expired-exception"][0]
assert e["location"]["file"] == "kitchen-policy.yaml" and e["location"]["line"] == 4, e
assert e["severity"] == "warning"
assert {f["permission"] for f in by["unused-permission"]} == {"Read-Only Activity", "Read-Write Assets"}
assert not any(f["suppressed"] for f in d["findings"])
mr = {w["name"]: w["permissions"] for w in d["minimal_role"]}
assert mr == {"Default": ["Execute Campaign", "Read-Only Campaign", "Read-Only Lead", "Read-Only Opportunity", "Read-Write Company"]}, mr
r = by["redundant-grant"][0]
assert r["permission"] == "Read-Only Company" and r["workspace"] == "Default" and r["severity"] == "note", r
sev = [f["severity"] for f in d["findings"]]
order = {"error": 0, "warning": 1, "note": 2}
assert sev == sorted(sev, key=order.get), sev
'

# Text and Markdown name the rule ids too.
run "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml --today 2025-01-01
expect_rc "kitchen sink text exits 1" 1
contains "text output is located" "$out" "kitchen-role.yaml:3:5: warning:"
contains "text output names the rule" "$out" "[broader-access]"
run "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml --today 2025-01-01 -f md
expect_rc "kitchen sink md exits 1" 1
contains "md output names a rule" "$out" "missing-permission"

# ---- exit 0: the recommended role audits clean -----------------------------------------

run "$MINROLE" recommend clean-intent.yaml --format yaml -o recommended.yaml
expect_rc "recommend the clean intent" 0
run "$MINROLE" audit --role recommended.yaml --intent clean-intent.yaml --no-policy -f json -o clean.json
expect_rc "recommended role audits with exit 0" 0
pycheck "recommended role has no findings" clean.json '
assert d["findings"] == [], d["findings"]
assert d["minimal_role"] == [{"name": "Default", "permissions": ["Read-Only Activity", "Read-Only Lead", "Read-Only Opportunity"]}], d["minimal_role"]
'
run "$MINROLE" audit --role recommended.yaml --intent clean-intent.yaml --no-policy --fail-on note
expect_rc "recommended role is clean even at --fail-on note" 0
contains "clean text summary" "$out" "0 findings"

# ---- exit 2: bad input, one located line ---------------------------------------------

cat >typo-role.yaml <<'EOF'
role: typo
permissions:
  - Read-Only Lead
  - Read-Only Leed
EOF
run "$MINROLE" audit --role typo-role.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_err "unknown permission in role is located with a suggestion" \
    "^minrole: error: typo-role\.yaml:4:5: unknown permission 'Read-Only Leed' \(did you mean 'Read-Only Lead'\?\)$"
run "$MINROLE" allows typo-role.yaml
expect_err "allows: unknown permission in role" "^minrole: error: typo-role\.yaml:4:5: unknown permission 'Read-Only Leed'"
run "$MINROLE" diff ro-lead.yaml typo-role.yaml
expect_err "diff: unknown permission in NEW role" "^minrole: error: typo-role\.yaml:4:5: unknown permission"

printf 'role: dup\npermissions:\n  - Read-Only Lead\n  - Read-Only Lead\n' >dup-role.yaml
run "$MINROLE" audit --role dup-role.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_err "permission granted twice" \
    "^minrole: error: dup-role\.yaml:4:5: permission 'Read-Only Lead' is granted twice \(also at dup-role\.yaml:3:5\)$"

printf 'role: k\npermisions: [Read-Only Lead]\n' >key-role.yaml
run "$MINROLE" audit --role key-role.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_err "unknown key in role" "^minrole: error: key-role\.yaml:2:1: unknown key 'permisions'"

printf 'kind: policy\nfail_on: error\nforbiden: [Read-Only Lead]\n' >key-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy key-policy.yaml
expect_err "unknown key in policy" \
    "^minrole: error: key-policy\.yaml:3:1: unknown key 'forbiden' in the policy \(did you mean 'forbidden'\?\)$"

cat >date-policy.yaml <<'EOF'
kind: policy
exceptions:
  - rule: unused-permission
    permission: Read-Only Company
    justification: pending clean-up
    expires: 2025-13-01
EOF
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy date-policy.yaml
expect_err "bad expiry date" "^minrole: error: date-policy\.yaml:6:14: expected 'expires' as YYYY-MM-DD, found '2025-13-01'$"
sed 's/2025-13-01/next week/' date-policy.yaml >date2-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy date2-policy.yaml
expect_err "expiry that is not a date" "^minrole: error: date2-policy\.yaml:6:14: expected 'expires' as YYYY-MM-DD"

printf 'kind: policy\nseverity:\n  unused-permision: none\n' >rule-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy rule-policy.yaml
expect_err "unknown rule id in policy severity" \
    "^minrole: error: rule-policy\.yaml:3:3: unknown audit rule 'unused-permision' \(did you mean 'unused-permission'\?\)$"
cat >rule2-policy.yaml <<'EOF'
kind: policy
exceptions:
  - rule: broad-access
    justification: x
    expires: 2030-01-01
EOF
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy rule2-policy.yaml
expect_err "unknown rule id in policy exception" \
    "^minrole: error: rule2-policy\.yaml:3:11: unknown audit rule 'broad-access' \(did you mean 'broader-access'\?\)$"

printf 'kind: policy\nseverity:\n  unused-permission: loud\n' >sev-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy sev-policy.yaml
expect_err "unknown severity in policy" "^minrole: error: sev-policy\.yaml:3:22: unknown severity 'loud'"

printf 'kind: policy\nforbidden: [Access Userz]\n' >forb-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy forb-policy.yaml
expect_err "unknown forbidden permission is bad input even when unused" \
    "^minrole: error: forb-policy\.yaml:2:13: unknown permission 'Access Userz'"

run "$MINROLE" audit --role ro-lead.yaml --no-policy
expect_err "audit without an intent" "^minrole: error: audit needs the intent"
run "$MINROLE" audit --role missing.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_err "missing role file" "^minrole: error: .*missing\.yaml"
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --no-policy --fail-on loud
expect_err "bad --fail-on value" "^minrole: error: .*--fail-on"

# ---- thresholds -----------------------------------------------------------------------

run "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --no-policy --fail-on none
expect_rc "--fail-on none exits 0 despite errors" 0
contains "--fail-on none still reports" "$out" "[missing-permission]"
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --no-policy
expect_rc "a warning fails at the default threshold" 1
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --no-policy --fail-on error
expect_rc "a warning passes --fail-on error" 0
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --op 'GET /rest/v1/companies.json' --no-policy --fail-on error
expect_rc "a missing permission fails --fail-on error" 1
run "$MINROLE" audit --role note-only.yaml --op "$NOTE_OP" --no-policy
expect_rc "a note passes the default threshold" 0
contains "the note is reported" "$out" "[high-risk-permission]"
run "$MINROLE" audit --role note-only.yaml --op "$NOTE_OP" --no-policy --fail-on note
expect_rc "a note fails --fail-on note" 1

printf 'kind: policy\nfail_on: error\n' >failon-policy.yaml
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy failon-policy.yaml
expect_rc "policy fail_on: error lets a warning pass" 0
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy failon-policy.yaml --fail-on warning
expect_rc "--fail-on beats the policy's fail_on" 1

# ---- policy: severities, forbidden, exceptions -----------------------------------------

printf 'kind: policy\nseverity:\n  unused-permission: none\n' >quiet-policy.yaml
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy quiet-policy.yaml -f json -o quiet.json
expect_rc "severity none removes the only finding" 0
pycheck "severity none: no finding left" quiet.json 'assert d["findings"] == [], d["findings"]'

printf 'kind: policy\nseverity:\n  high-risk-permission: error\n' >loud-policy.yaml
run "$MINROLE" audit --role note-only.yaml --op "$NOTE_OP" --policy loud-policy.yaml -f json -o loud.json
expect_rc "severity raised to error fails" 1
pycheck "raised severity shows in JSON" loud.json '
assert [f["severity"] for f in d["findings"]] == ["error"], d["findings"]'

printf 'kind: policy\nforbidden:\n  - Read-Only Lead\n' >forbid-policy.yaml
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy forbid-policy.yaml -f json -o forbid.json
expect_rc "a forbidden permission fails even when needed" 1
pycheck "forbidden-permission finding at the grant" forbid.json '
f = [x for x in d["findings"] if x["rule"] == "forbidden-permission"]
assert len(f) == 1, d["findings"]
assert f[0]["severity"] == "error" and f[0]["permission"] == "Read-Only Lead", f
assert f[0]["location"] == {"file": "ro-lead.yaml", "line": 2, "column": 15}, f[0]["location"]
assert "forbid-policy.yaml" in f[0]["message"], f[0]["message"]'
run "$MINROLE" audit --role ro-lead.yaml --op 'GET /rest/v1/leads.json' --policy forbid-policy.yaml --fail-on error
expect_rc "a forbidden permission fails --fail-on error" 1

cat >exc-policy.yaml <<'EOF'
kind: policy
exceptions:
  - rule: unused-permission
    permission: Read-Only Company
    workspace: Default
    justification: CRM account sync lands in Q3
    expires: 2025-06-30
EOF
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy exc-policy.yaml --today 2025-06-01 -f json -o exc-valid.json
expect_rc "a valid exception suppresses the finding" 0
pycheck "suppressed finding is reported as suppressed" exc-valid.json '
assert len(d["findings"]) == 1, d["findings"]
f = d["findings"][0]
assert f["rule"] == "unused-permission" and f["suppressed"] is True, f
assert "CRM account sync lands in Q3" in f["suppressed_by"] and "2025-06-30" in f["suppressed_by"], f'
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy exc-policy.yaml --today 2025-06-30
expect_rc "an exception is still valid on its expiry day" 0
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy exc-policy.yaml --today 2025-07-01 -f json -o exc-expired.json
expect_rc "after expiry the finding fails again" 1
pycheck "after expiry: finding returns and expired-exception appears" exc-expired.json '
rules = sorted(f["rule"] for f in d["findings"])
assert rules == ["expired-exception", "unused-permission"], rules
assert not any(f["suppressed"] for f in d["findings"]), d["findings"]
e = [f for f in d["findings"] if f["rule"] == "expired-exception"][0]
assert e["location"]["file"] == "exc-policy.yaml" and e["location"]["line"] == 3, e
assert "2025-06-30" in e["message"], e'
sed 's/workspace: Default/workspace: Europe/' exc-policy.yaml >exc-other-policy.yaml
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy exc-other-policy.yaml --today 2025-06-01
expect_rc "an exception for another workspace does not suppress" 1

# ---- .minrole.yaml discovery and overrides ---------------------------------------------

mkdir -p discover
cp one-unused.yaml discover/
cp quiet-policy.yaml discover/.minrole.yaml
( cd discover && "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' >../disc.out 2>&1 )
rc=$?
out=$(cat disc.out)
err=""
expect_rc ".minrole.yaml in the working directory is applied" 0
lacks ".minrole.yaml silences unused-permission" "$out" "[unused-permission]"
( cd discover && "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --no-policy >../disc.out 2>&1 )
rc=$?
out=$(cat disc.out)
expect_rc "--no-policy ignores .minrole.yaml" 1
contains "--no-policy reports unused-permission" "$out" "[unused-permission]"
( cd discover && "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy ../failon-policy.yaml --fail-on note >../disc.out 2>&1 )
rc=$?
out=$(cat disc.out)
expect_rc "--policy FILE replaces .minrole.yaml" 1

# Overrides named by the policy, relative to the policy's folder, document the undocumented.
mkdir -p org
cat >org/overrides.yaml <<'EOF'
kind: overrides
operations:
  - id: getVariablesUsingGET
    requires: {any_of: [Read-Only Assets, Read-Write Assets]}
    reason: Verified on our instance
EOF
printf 'kind: policy\noverrides: [overrides.yaml]\n' >org/policy.yaml
VARS_OP='GET /rest/asset/v1/landingPage/{id}/variables.json'
run "$MINROLE" audit --role ro-lead.yaml --op "$VARS_OP" --no-policy -f json -o no-ovr.json
expect_rc "undocumented endpoint without overrides" 1
pycheck "without overrides: undocumented-endpoint" no-ovr.json '
assert "undocumented-endpoint" in [f["rule"] for f in d["findings"]], d["findings"]'
run "$MINROLE" audit --role ro-lead.yaml --op "$VARS_OP" --policy org/policy.yaml -f json -o ovr.json
expect_rc "overridden endpoint now needs a permission the role lacks" 1
pycheck "policy overrides: are applied" ovr.json '
rules = [f["rule"] for f in d["findings"]]
assert "undocumented-endpoint" not in rules, rules
m = [f for f in d["findings"] if f["rule"] == "missing-permission"]
assert len(m) == 1 and m[0]["permission"] == "Read-Only Assets", d["findings"]'

# ---- intent from standard input and from repeated --op --------------------------------

run "$MINROLE" audit --role recommended.yaml --intent - --no-policy -f json < clean-intent.yaml
expect_rc "--intent - reads standard input" 0
printf '%s\n' "$out" >stdin.json
pycheck "--intent -: same minimal role as from the file" stdin.json '
assert d["findings"] == [], d["findings"]
assert d["minimal_role"][0]["permissions"] == ["Read-Only Activity", "Read-Only Lead", "Read-Only Opportunity"], d["minimal_role"]'
run "$MINROLE" audit --role ro-lead.yaml --intent - --no-policy -f json <<'EOF'
operations:
  - GET /rest/v1/leads.json
  - GET /rest/v1/companies.json
EOF
expect_rc "--intent - with a missing permission" 1
contains "stdin intent is routed" "$out" "Read-Only Company"
run "$MINROLE" audit --role recommended.yaml --op 'GET /rest/v1/leads.json' --op 'GET /rest/v1/activities.json' \
    --op getOpportunitiesUsingGET --no-policy -f json
expect_rc "repeated --op (METHOD /path and operationId) audit clean" 0
printf '%s\n' "$out" >ops.json
pycheck "repeated --op: every operation counted" ops.json '
assert d["findings"] == [], d["findings"]
assert d["minimal_role"][0]["permissions"] == ["Read-Only Activity", "Read-Only Lead", "Read-Only Opportunity"], d["minimal_role"]'
run "$MINROLE" audit --role ro-lead.yaml --intent clean-intent.yaml --op 'GET /rest/v1/companies.json' --no-policy -f json
expect_rc "--intent and --op combine" 1
printf '%s\n' "$out" >both.json
pycheck "--intent and --op: both contribute" both.json '
m = sorted(f["permission"] for f in d["findings"] if f["rule"] == "missing-permission")
assert m == ["Read-Only Activity", "Read-Only Company", "Read-Only Opportunity"], m'

# ---- allows -------------------------------------------------------------------------

run "$MINROLE" allows ro-lead.yaml -f json
expect_rc "allows exits 0" 0
printf '%s\n' "$out" >allows-ro.json
pycheck "allows JSON: endpoint keys and counts" allows-ro.json '
assert d["schema"] == "minrole/allows/v1", d.get("schema")
assert d["role"] == "ro"
assert len(d["workspaces"]) == 1 and d["workspaces"][0]["name"] == "Default"
for w in d["workspaces"]:
    eps = w["endpoints"]
    assert w["total"] == len(eps) > 0, (w["total"], len(eps))
    assert sum(w["by_area"].values()) == w["total"], w["by_area"]
    assert sum(w["by_power"].values()) == w["total"], w["by_power"]
    for e in eps:
        assert e["endpoint"] == e["method"] + " " + e["path"], e
        assert e["power"] in ("read", "write", "delete", "approve", "campaign", "schema", "user-management"), e
    keys = [e["endpoint"] for e in eps]
    assert len(keys) == len(set(keys)), "duplicate endpoints"
    assert "GET /rest/v1/leads.json" in keys
    assert "POST /rest/v1/leads.json" not in keys, "Read-Only Lead reaches POST /rest/v1/leads.json"
    assert set(w["by_power"]) == {"read"}, w["by_power"]'
run "$MINROLE" allows rw-lead.yaml -f json
printf '%s\n' "$out" >allows-rw.json
pycheck "allows: Read-Write Lead reaches POST /rest/v1/leads.json" allows-rw.json '
w = d["workspaces"][0]
keys = [e["endpoint"] for e in w["endpoints"]]
assert "POST /rest/v1/leads.json" in keys
assert w["effective_permissions"] == ["Read-Only Lead", "Read-Write Lead"], w["effective_permissions"]
assert w["by_power"].get("write", 0) > 0 and w["by_power"].get("delete", 0) > 0, w["by_power"]
assert sum(w["by_area"].values()) == w["total"] == sum(w["by_power"].values()) == len(keys)'
run "$MINROLE" allows kitchen-role.yaml -f json
printf '%s\n' "$out" >allows-kitchen.json
pycheck "allows: one entry per role workspace, counts sum in each" allows-kitchen.json '
assert [w["name"] for w in d["workspaces"]] == ["Default", "Europe"], [w["name"] for w in d["workspaces"]]
for w in d["workspaces"]:
    assert sum(w["by_area"].values()) == w["total"] == sum(w["by_power"].values()) == len(w["endpoints"])
assert d["workspaces"][0]["total"] > d["workspaces"][1]["total"]'
run "$MINROLE" allows ro-lead.yaml
expect_rc "allows text exits 0" 0
contains "allows text lists a reachable endpoint" "$out" "/rest/v1/leads.json"
run "$MINROLE" allows - < rw-lead.yaml
expect_rc "allows reads the role from standard input" 0

# ---- diff ---------------------------------------------------------------------------

run "$MINROLE" diff ro-lead.yaml rw-lead.yaml -f json
expect_rc "diff without the gate exits 0" 0
printf '%s\n' "$out" >diff-widen.json
pycheck "diff: Read-Only -> Read-Write Lead newly allows POST /rest/v1/leads.json" diff-widen.json '
assert d["widens"] is True and d["changed"] is True, d
w = d["workspaces"][0]
assert w["permissions_added"] == ["Read-Write Lead"], w
assert w["permissions_removed"] == ["Read-Only Lead"], w
assert "POST /rest/v1/leads.json" in w["endpoints_newly_allowed"], w["endpoints_newly_allowed"]
assert "GET /rest/v1/leads.json" not in w["endpoints_newly_allowed"]
assert w["endpoints_no_longer_allowed"] == [], w["endpoints_no_longer_allowed"]'
run "$MINROLE" diff ro-lead.yaml rw-lead.yaml --fail-on-new-access
expect_rc "diff --fail-on-new-access exits 1 on widening" 1
contains "diff text names the new endpoint" "$out" "POST /rest/v1/leads.json"
run "$MINROLE" diff rw-lead.yaml ro-lead.yaml --fail-on-new-access -f json
expect_rc "a narrowing diff exits 0 under the gate" 0
printf '%s\n' "$out" >diff-narrow.json
pycheck "narrowing diff: nothing newly allowed" diff-narrow.json '
assert d["widens"] is False and d["changed"] is True
w = d["workspaces"][0]
assert w["endpoints_newly_allowed"] == []
assert "POST /rest/v1/leads.json" in w["endpoints_no_longer_allowed"]'
run "$MINROLE" diff ro-lead.yaml ro-lead.yaml --fail-on-new-access -f json
expect_rc "an unchanged role exits 0 under the gate" 0
printf '%s\n' "$out" >diff-same.json
pycheck "unchanged diff" diff-same.json 'assert d["changed"] is False and d["widens"] is False, d'
printf 'role: ro\npermissions: [Read-Only Lead]\nworkspaces:\n  - Default\n  - Europe\n' >ro-two.yaml
run "$MINROLE" diff ro-lead.yaml ro-two.yaml --fail-on-new-access -f json
expect_rc "a new workspace widens" 1
printf '%s\n' "$out" >diff-ws.json
pycheck "diff: added workspace" diff-ws.json '
w = {x["name"]: x for x in d["workspaces"]}
assert w["Europe"]["added_workspace"] is True, w
assert "GET /rest/v1/leads.json" in w["Europe"]["endpoints_newly_allowed"]
assert w["Default"]["endpoints_newly_allowed"] == []'
run "$MINROLE" diff ro-lead.yaml rw-lead.yaml -f md
expect_rc "diff markdown exits 0" 0
contains "diff markdown names the new endpoint" "$out" "POST /rest/v1/leads.json"

# ---- SARIF ----------------------------------------------------------------------------

run "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml \
    --today 2025-01-01 --format sarif -o kitchen.sarif
expect_rc "sarif audit exits 1 with findings" 1
if [[ -n "$out" ]]; then fail "-o FILE writes nothing to stdout" "$out"; else pass; fi
pycheck "SARIF 2.1.0 structure" kitchen.sarif '
assert d["version"] == "2.1.0", d.get("version")
assert isinstance(d.get("$schema"), str) and "sarif" in d["$schema"], d.get("$schema")
assert len(d["runs"]) == 1
run = d["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "minrole", driver["name"]
rules = driver["rules"]
ids = [r["id"] for r in rules]
assert ids == sorted(ids) and len(ids) == len(set(ids)) == 12, ids
for r in rules:
    assert r["shortDescription"]["text"].strip(), r
    assert r["help"]["text"].strip(), r
results = run["results"]
assert len(results) > 0
for res in results:
    assert res["ruleId"] in ids, res["ruleId"]
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"], (res["ruleIndex"], res["ruleId"])
    assert res["level"] in ("error", "warning", "note", "none"), res["level"]
    assert res["message"]["text"].strip(), res
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"], loc
    assert isinstance(loc["region"]["startLine"], int) and loc["region"]["startLine"] >= 1, loc
assert {r["ruleId"] for r in results} == set(ids), sorted({r["ruleId"] for r in results})
'
# The official SARIF 2.1.0 schema (tests/schemas/README.md says where the copy comes from).
SCHEMA="$SRC/tests/schemas/sarif-2.1.0.json"
if [[ $HAVE_PY == 1 ]] && ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    fail "SARIF schema validation" "python3 has no jsonschema module (make test installs python3-jsonschema)"
elif [[ $HAVE_PY == 1 && -f "$SCHEMA" ]]; then
    if msg=$(python3 - "$SCHEMA" kitchen.sarif 2>&1 <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:10]:
    print("/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)
EOF
    ); then pass; else fail "SARIF validates against $SCHEMA" "$msg"; fi
else
    skip "SARIF JSON-schema validation (needs python3 jsonschema and tests/schemas/sarif-2.1.0.json)"
fi
# A permission finding's region is the permission's line in the role file.
line=$(grep -n -- '- Read-Only Activity' kitchen-role.yaml | head -n 1 | cut -d: -f1)
pycheck "SARIF region.startLine is the permission's line ($line)" kitchen.sarif "
res = [r for r in d['runs'][0]['results']
       if r['ruleId'] == 'unused-permission' and r.get('properties', {}).get('permission') == 'Read-Only Activity']
assert len(res) == 1, res
loc = res[0]['locations'][0]['physicalLocation']
assert loc['artifactLocation']['uri'] == 'kitchen-role.yaml', loc
assert loc['region']['startLine'] == $line, loc['region']
assert loc['region'].get('startColumn') == 5, loc['region']
exp = [r for r in d['runs'][0]['results'] if r['ruleId'] == 'expired-exception']
assert exp[0]['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'kitchen-policy.yaml', exp
"
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --policy exc-policy.yaml --today 2025-06-01 -f sarif -o supp.sarif
expect_rc "sarif with a suppressed finding exits 0" 0
pycheck "SARIF marks suppressed results" supp.sarif '
res = d["runs"][0]["results"]
assert len(res) == 1 and res[0]["suppressions"][0]["kind"] in ("inSource", "external"), res
assert "CRM account sync" in res[0]["suppressions"][0]["justification"], res'
run "$MINROLE" audit --role recommended.yaml --intent clean-intent.yaml --no-policy -f sarif -o clean.sarif
pycheck "SARIF of a clean audit has no results but every rule" clean.sarif '
assert d["runs"][0]["results"] == [] and len(d["runs"][0]["tool"]["driver"]["rules"]) == 12'

# ---- -o is atomic, output is deterministic ---------------------------------------------

printf 'previous report\n' >report.sarif
run "$MINROLE" audit --role typo-role.yaml --op 'GET /rest/v1/leads.json' --no-policy -f sarif -o report.sarif
expect_rc "failed run exits 2" 2
if [[ "$(cat report.sarif)" == "previous report" ]]; then pass; else fail "-o: a failed run leaves the previous file untouched" "$(head -n 5 report.sarif)"; fi
run "$MINROLE" allows typo-role.yaml -f json -o report.sarif
if [[ "$(cat report.sarif)" == "previous report" ]]; then pass; else fail "-o: failed allows leaves the file untouched"; fi
leftovers=$(find . -maxdepth 1 -name '*report.sarif*' ! -name report.sarif)
if [[ -z "$leftovers" ]]; then pass; else fail "-o: no temporary files left behind" "$leftovers"; fi
run "$MINROLE" audit --role one-unused.yaml --op 'GET /rest/v1/leads.json' --no-policy -f sarif -o report.sarif
expect_rc "run with findings writes the report and exits 1" 1
pycheck "-o replaced the file with the new report" report.sarif 'assert d["version"] == "2.1.0"'

for fmt in text json md sarif; do
    "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml \
        --today 2025-01-01 -f "$fmt" >det1."$fmt" 2>&1
    "$MINROLE" audit --role kitchen-role.yaml --intent kitchen-intent.yaml --policy kitchen-policy.yaml \
        --today 2025-01-01 -f "$fmt" >det2."$fmt" 2>&1
    if cmp -s det1."$fmt" det2."$fmt"; then pass; else fail "audit -f $fmt is deterministic" "$(diff det1."$fmt" det2."$fmt" | head -n 20)"; fi
done
"$MINROLE" allows kitchen-role.yaml -f json >det1.allows
"$MINROLE" allows kitchen-role.yaml -f json >det2.allows
if cmp -s det1.allows det2.allows; then pass; else fail "allows is deterministic"; fi
"$MINROLE" diff ro-lead.yaml rw-lead.yaml -f json >det1.diff
"$MINROLE" diff ro-lead.yaml rw-lead.yaml -f json >det2.diff
if cmp -s det1.diff det2.diff; then pass; else fail "diff is deterministic"; fi
if cmp -s det1.sarif kitchen.sarif; then pass; else fail "-o FILE and stdout give the same bytes" "$(diff det1.sarif kitchen.sarif | head -n 20)"; fi

# ---- examples ---------------------------------------------------------------------------

# The CRM lead sync's intent: examples/crm-lead-sync.yaml when present, else the same operations.
CRM_INTENT="$SRC/examples/crm-lead-sync.yaml"
if [[ ! -f "$CRM_INTENT" ]]; then
    CRM_INTENT=crm-intent.yaml
    cat >"$CRM_INTENT" <<'EOF'
service: crm-lead-sync
operations:
  - GET /rest/v1/leads/describe2.json
  - GET /rest/v1/leads.json
  - getLeadByIdUsingGET
  - POST /rest/v1/leads.json
  - GET /rest/v1/companies.json
  - syncCompaniesUsingPOST
  - POST /rest/v1/lists/{listId}/leads.json
  - GET /rest/v1/activities/pagingtoken.json
  - GET /rest/v1/activities/leadchanges.json
EOF
fi
OVER="$SRC/examples/roles/over-broad.yaml"
MINIMAL="$SRC/examples/roles/crm-lead-sync-minimal.yaml"
run "$MINROLE" audit --role "$OVER" --intent "$CRM_INTENT" --no-policy -f json -o over.json
expect_rc "examples/roles/over-broad.yaml fails the audit" 1
pycheck "over-broad.yaml earns the findings its comment promises" over.json '
rules = {f["rule"] for f in d["findings"]}
want = {"broader-access", "unused-permission", "outside-api-tree", "unused-workspace", "high-risk-permission"}
assert rules == want, sorted(rules)'
run "$MINROLE" audit --role "$MINIMAL" --intent "$CRM_INTENT" --no-policy
expect_rc "examples/roles/crm-lead-sync-minimal.yaml passes" 0
run "$MINROLE" diff "$MINIMAL" "$OVER" --fail-on-new-access
expect_rc "over-broad widens the minimal role" 1
for f in "$SRC"/examples/roles/*.yaml; do
    run "$MINROLE" allows "$f"
    expect_rc "allows $(basename "$f") parses" 0
done
for intent in "$SRC"/examples/*.yaml; do
    [[ -f "$intent" ]] || continue
    grep -q '^kind: *\(policy\|overrides\|role\)' "$intent" && continue
    run "$MINROLE" audit --role "$OVER" --intent "$intent" --no-policy --fail-on none
    expect_rc "audit over-broad.yaml against $(basename "$intent")" 0
done

# ---- CI examples: valid YAML, real subcommands and flags ------------------------------

CI="$SRC/examples/ci"
if [[ $HAVE_PY == 1 ]] && python3 -c 'import yaml' >/dev/null 2>&1; then
    "$MINROLE" --help >help-main.txt 2>&1
    for sub in allows audit diff endpoints explain graph import-openapi lint permissions recommend; do
        "$MINROLE" "$sub" --help >"help-$sub.txt" 2>&1
    done
    for file in github-actions.yml gitlab-ci.yml pre-commit-hooks.yaml; do
        if msg=$(python3 - "$CI/$file" "$WORK" 2>&1 <<'EOF'
import os, re, shlex, sys, yaml

path, work = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as fh:
    doc = yaml.safe_load(fh)
assert doc, "empty YAML"

def strings(node):
    if isinstance(node, dict):
        # pre-commit: entry plus args is one command line
        if "entry" in node and isinstance(node["entry"], str):
            yield node["entry"] + " " + " ".join(shlex.quote(str(a)) for a in node.get("args", []))
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, str):
        yield node

def help_text(name):
    with open(os.path.join(work, "help-%s.txt" % name), encoding="utf-8") as fh:
        return fh.read()

main_help = help_text("main")
subcommands = set(re.findall(r"^  ([a-z][a-z-]+)\s", main_help.split("Subcommands:")[1], re.M))
OPERATORS = {"&&", "||", "|", ";", ">", ">>", "2>", "2>&1", "<", "&", ")", "then", "do"}
commands = 0
problems = []
for text in strings(doc):
    text = text.replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not re.search(r"(^|[\s/;&|(])minrole(\s|$)", line):
            continue
        try:
            tokens = shlex.split(line, comments=False)
        except ValueError as e:
            problems.append("%s: cannot tokenize: %s" % (line, e))
            continue
        for i, tok in enumerate(tokens):
            if os.path.basename(tok) != "minrole":
                continue
            # only where a command starts
            if i > 0 and tokens[i - 1] not in OPERATORS | {"exec", "time", "!", "then", "do", "else"}:
                continue
            args = []
            for t in tokens[i + 1:]:
                if t in OPERATORS or t.startswith(">") or t.startswith("2>"):
                    break
                args.append(t)
            if not args:
                continue  # a bare word (a job or step name), not a command line
            j = 0
            while j < len(args) and args[j].startswith("-"):
                flag = args[j].split("=", 1)[0]
                if flag not in main_help:
                    problems.append("%s: unknown global flag %s" % (line, flag))
                j += 1
                if "=" not in args[j - 1] and flag in ("--catalog", "--overrides") and j < len(args):
                    j += 1
            if j >= len(args):
                if "--version" not in args and "--help" not in args:
                    problems.append("%s: no subcommand" % line)
                continue
            sub = args[j]
            if sub not in subcommands:
                problems.append("%s: unknown subcommand %r" % (line, sub))
                continue
            commands += 1
            sub_help = help_text(sub)
            for t in args[j + 1:]:
                if t.startswith("-") and t != "-":
                    flag = t.split("=", 1)[0]
                    if not re.search(r"(^|[\s,])" + re.escape(flag) + r"([\s,:]|$)", sub_help, re.M):
                        problems.append("%s: %s has no flag %s" % (line, sub, flag))
assert commands > 0, "no minrole command lines found"
assert not problems, "\n".join(problems)
EOF
        ); then
            pass
        else
            fail "examples/ci/$file: YAML with real minrole subcommands and flags" "$msg"
        fi
    done
    # The workflows do what they promise.
    gh=$(cat "$CI/github-actions.yml")
    contains "github-actions: uploads SARIF" "$gh" "github/codeql-action/upload-sarif"
    contains "github-actions: writes SARIF" "$gh" "minrole.sarif"
    contains "github-actions: gates new access" "$gh" "--fail-on-new-access"
    gl=$(cat "$CI/gitlab-ci.yml")
    contains "gitlab-ci: codequality report" "$gl" "codequality"
    contains "gitlab-ci: gates new access" "$gl" "--fail-on-new-access"
    pc=$(cat "$CI/pre-commit-hooks.yaml")
    contains "pre-commit: runs minrole audit" "$pc" "minrole audit"
    # Every recipe that builds minrole installs every library CMakeLists.txt requires (a fresh
    # debian:bookworm image has none of them): the apt-get lines of the two workflows and of the
    # README's nightly drift check, each joined across its continuation lines.
    for recipe in "$CI/github-actions.yml" "$CI/gitlab-ci.yml" "$SRC/README.md"; do
        installs=$(python3 - "$recipe" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().replace("\\\n", " ").split("\n")
for i, line in enumerate(lines):
    if "apt-get install" in line and " cmake" in line:
        j = i + 1
        while j < len(lines) and re.match(r"\s+lib", lines[j]):  # a folded YAML line goes on
            line += " " + lines[j].strip()
            j += 1
        print(line)
PY
        )
        if [[ -z $installs ]]; then
            fail "$(basename "$recipe"): has an apt-get install line for the build" "none found"
            continue
        fi
        for pkg in libyaml-cpp-dev libfmt-dev 'libboost(-graph)?-dev' nlohmann-json3-dev libcli11-dev libexpat1-dev libcurl4-openssl-dev; do
            if grep -Eq "[ ]$pkg( |\$)" <<<"$installs"; then pass; else
                fail "$(basename "$recipe"): the build's apt-get install names $pkg" "$installs"; fi
        done
    done
else
    skip "CI example checks (needs python3 with the yaml module)"
fi

finish

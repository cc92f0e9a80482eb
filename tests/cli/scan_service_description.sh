#!/usr/bin/env bash
# End-to-end tests for service descriptions in `minrole scan` (and `recommend --scan`): Guzzle
# JSON with its base in a PHP file, XML integration templates, a YAML connector manifest and an
# OpenAPI definition, over the fixtures in tests/fixtures/service-description, plus files that
# are not descriptions and hostile ones. The last line is "N passed, M failed".
: "${SRC:?SRC must name the source tree}"
source "$SRC/tests/cli/scan_lib.sh" sd
FIX="$SRC/tests/fixtures/service-description"

cd "$FIX" || exit 2

# --- Guzzle: operations in JSON, the base in the PHP client --------------------------------
run "$MINROLE" scan guzzle-php --format json
expect_rc "guzzle: exit 1 (one call no rule matches)" 1
same "guzzle: operations" "$(endpoints)" "GET /rest/asset/v1/email/{id}/fullContent.json
GET /rest/v1/leads.json
POST /rest/v1/leads.json
POST /rest/v1/lists/{listId}/leads.json"
same "guzzle: evidence is the description's line" "$(op_text 'POST /rest/v1/lists/{listId}/leads.json' '.evidence[0]')" \
    "guzzle-php/src/Resources/marketo.json:16"
contains "guzzle: the snippet names the description, the operation and where the base comes from" \
    "$(op_text 'POST /rest/v1/leads.json' '.snippet')" \
    "service description: upsertLeads: POST leads.json (base /rest/v1 from guzzle-php/src/MarketoClient.php:11)"
same "guzzle: a parameter in the URI template is kept" \
    "$(op_text 'GET /rest/asset/v1/email/{id}/fullContent.json' '.parameters | join(",")')" "leadId"
contains "guzzle: the old DELETE is reported unmatched" "$(jq -r '.unmatched[].text' <<<"$out")" "DELETE /rest/v1/leads.json"
same "guzzle: composer.json is not read as a description" "$(jq -r .files <<<"$out")" "2"

run "$MINROLE" recommend --scan guzzle-php --format json
same "guzzle: recommend --scan gives the role" \
    "$(jq -r '[.workspaces[] | select(.name == "Default") | .permissions[]] | sort | join(", ")' <<<"$out")" \
    "Read-Only Assets, Read-Write Lead"

# A description named on the command line, with no code around it: Marketo's usual roots.
run "$MINROLE" scan guzzle-php/src/Resources/marketo.json --format json
same "description given directly" "$(endpoints)" "GET /rest/asset/v1/email/{id}/fullContent.json
GET /rest/v1/leads.json
POST /rest/v1/leads.json
POST /rest/v1/lists/{listId}/leads.json"

# --- XML integration templates: the host prefix is a placeholder filled elsewhere -------------
run "$MINROLE" scan integration-templates --format json
expect_rc "templates: exit 0" 0
same "templates: operations" "$(endpoints)" "GET /rest/v1/activities.json
POST /rest/v1/campaigns/{campaignId}/trigger.json"
same "templates: evidence line of the <http> element" "$(op_text 'GET /rest/v1/activities.json' '.evidence[0]')" \
    "integration-templates/templates/getActivities.xml:8"

# --- A connector manifest with its own url_base, an OpenAPI definition with servers -----------
run "$MINROLE" scan connector --format json
expect_rc "connector: exit 0" 0
same "connector: operations" "$(endpoints)" "GET /bulk/v1/leads/export/{exportId}/file.json
GET /rest/asset/v1/programs.json
GET /rest/v1/activities/types.json
POST /bulk/v1/leads/export/create.json"

# --- Files that are not descriptions ----------------------------------------------------------
mkdir -p "$WORK/plain"
printf '{"name": "x", "version": "1.0.0", "method": "n/a"}\n' >"$WORK/plain/package.json"
printf '{"operations": {"a": {"httpMethod": "GET", "uri": ' >"$WORK/plain/broken.json"
printf 'method: GET\nuri: users/{id}\n' >"$WORK/plain/other-api.yaml"
run "$MINROLE" scan "$WORK/plain" --format json
expect_rc "not descriptions: exit 0, no error" 0
# (other-api.yaml is a description of some other API: read, but it names no Marketo path.)
same "not descriptions: no operation" "$(jq -c '[(.operations | length), (.unmatched | length), (.ambiguous | length)]' <<<"$out")" "[0,0,0]"
# A JSON file named on the command line that is not a description is read as text, as before.
printf 'GET /rest/v1/lists.json\n' >"$WORK/calls.json"
run "$MINROLE" scan "$WORK/calls.json" --format json
same "plain JSON given directly: read as text" "$(endpoints)" "GET /rest/v1/lists.json"

# --- Hostile descriptions: bounded, no crash, nothing leaks -----------------------------------
mkdir -p "$WORK/hostile"
python3 - "$WORK/hostile/laughs.xml" <<'PY'
import sys
names = "abcdefgh"
ents = ['<!ENTITY a "%s">' % ("a" * 20)]
ents += ['<!ENTITY %s "%s">' % (n, ("&%s;" % p) * 10) for p, n in zip(names, names[1:])]
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<!DOCTYPE l [%s]>\n<op method="GET"><uri>&h;</uri></op>\n' % "".join(ents))
PY
python3 -c "print('<a>' * 200000 + '<op method=\"GET\" uri=\"/rest/v1/lists.json\"/>' + '</a>' * 200000)" >"$WORK/hostile/deep.xml"
python3 -c "print('[' * 300000 + '\"method\"')" >"$WORK/hostile/deep.json"
printf '{"marketo": 1, "operations": {"a": {"httpMethod": "GET", "uri": "/rest/v1/lists.json?access_token=SECRET-TOKEN-12345"}}}\n' \
    >"$WORK/hostile/token.json"
printf '\x00\x01{"method": "GET"}' >"$WORK/hostile/binary.json"
run "$MINROLE" scan "$WORK/hostile" --format json
expect_rc "hostile: exit 0" 0
same "hostile: only the well-formed description counts" "$(endpoints)" "GET /rest/v1/lists.json"
lacks "hostile: no credential in the output" "$out" "SECRET-TOKEN-12345"

# --- minrole's own reports in a scanned tree are not descriptions -----------------------------
# A one-call project with the JSON output of every subcommand saved beside it: the role stays the
# one call's, and a call deleted since the old scan stays deleted.
EX="$SRC/examples"
mkdir -p "$WORK/reports"
printf 'import requests\nrequests.get("https://x.mktorest.com/rest/v1/leads.json")\n' >"$WORK/reports/a.py"
printf 'import requests\nrequests.delete("https://x.mktorest.com/rest/v1/leads.json")\n' >"$WORK/old.py"
"$MINROLE" scan "$WORK/old.py" --format json >"$WORK/reports/minrole-scan.json"
"$MINROLE" recommend "$EX/crm-lead-sync.yaml" --format json >"$WORK/reports/minrole-recommend.json"
"$MINROLE" allows "$EX/roles/over-broad.yaml" --format json >"$WORK/reports/minrole-allows.json"
"$MINROLE" audit --role "$EX/roles/over-broad.yaml" --intent "$EX/crm-lead-sync.yaml" --format json >"$WORK/reports/minrole-audit.json"
"$MINROLE" audit --role "$EX/roles/over-broad.yaml" --intent "$EX/crm-lead-sync.yaml" --format sarif >"$WORK/reports/minrole.sarif.json"
"$MINROLE" diff "$EX/roles/crm-lead-sync-minimal.yaml" "$EX/roles/over-broad.yaml" --format json >"$WORK/reports/minrole-diff.json"
for f in "$WORK"/reports/minrole*.json; do
    if [[ -s "$f" ]]; then pass; else fail "reports: $(basename "$f") was written"; fi
done
run "$MINROLE" scan "$WORK/reports" --format json
expect_rc "reports: exit 0" 0
same "reports: only the project's call" "$(endpoints)" "GET /rest/v1/leads.json"
same "reports: each report is listed as skipped" "$(jq -r '.skipped_reports | length' <<<"$out")" "6"
run "$MINROLE" scan "$WORK/reports" -f text
contains "reports: text says the report was skipped" "$out" "skipped minrole report: $WORK/reports/minrole-allows.json"
run "$MINROLE" recommend --scan "$WORK/reports" --format json
same "reports: recommend --scan grants what the one call needs" "$(jq -r '.workspaces[0].permissions | join(",")' <<<"$out")" \
    "Read-Only Lead"
# Without minrole's marker, a record whose "URI" has a space ("GET /rest/v1/x.json", a label) is
# not an operation.
mkdir -p "$WORK/labels"
printf '{"marketo": 1, "endpoints": [{"endpoint": "DELETE /rest/v1/leads.json", "method": "DELETE"}]}\n' >"$WORK/labels/l.json"
run "$MINROLE" scan "$WORK/labels" --format json
same "labels: a label is not a URI" "$(jq -c '[.operations, .unmatched] | map(length)' <<<"$out")" "[0,0]"

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]

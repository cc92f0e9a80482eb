#!/usr/bin/env bash
# No secret from any input reaches any output. Distinctive fake credentials (every value holds
# the marker ZQX) are planted wherever minrole reads text it may echo: intent operations (YAML,
# --op, standard input) and notes, service, role and workspace names, policy justifications,
# instance files and saved User Management API responses, scanned source code, access logs,
# JSON-lines logs and HAR files, OpenAPI specs, malformed files whose error quotes the offending
# text, and file paths. Every subcommand then runs over them in every format its --help lists
# (the first to standard output, the others with -o FILE; SARIF included), and the marker must
# appear in no stdout, no stderr and no written file.
# Each secret follows a name redact() knows (access_token=, client_secret=, client_id=,
# refresh_token=, "Authorization: Bearer ...", password=, api_key=), as credentials do in the
# wild: a bare random string cannot be told from an identifier.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment.
# The last line is always "N passed, M failed".
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-secrets.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

source "$SRC/tests/cli/lib.sh"

AT=at-ZQX1-secret # access_token
CS=cs-ZQX2-secret # client_secret
BR=br-ZQX3-secret # Authorization: Bearer
RT=rt-ZQX4-secret # refresh_token
CI=ci-ZQX5-secret # client_id
PW=pw-ZQX6-secret # password / api_key

IN="$WORK/in"
mkdir -p "$IN"
cd "$IN" || exit 1

# ---- inputs -------------------------------------------------------------------------------
cat >intent.yaml <<EOF
kind: intent
service: "crm-sync access_token=$AT"
operations:
  - GET https://123-ABC-456.mktorest.com/rest/v1/lead/318581.json?fields=email&access_token=$AT
  - POST /rest/v1/leads.json?client_secret=$CS&client_id=$CI
  - GET /rest/v1/leadz.json?refresh_token=$RT
  - op: GET /rest/asset/v1/email/{id}/fullContent.json?leadId=5&access_token=$AT
    params: [leadId]
    note: "from curl -H 'Authorization: Bearer $BR' and password=$PW"
  - /rest/asset/v1/email/9/fullContent.json?access_token=$AT
  - https://123-ABC-456.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=$CI&client_secret=$CS
workspaces:
  - name: "Europe api_key=$PW"
    operations:
      - GET /rest/v1/companies.json?access_token=$AT
      - GET /rest/v1/nothing/here.json?access_token=$AT
EOF

cat >role.yaml <<EOF
kind: role
role: "crm-sync client_secret=$CS"
permissions:
  - Read-Write Lead
  - Read-Write Assets
workspaces:
  - name: Default
    permissions: [Read-Only Activity, Execute Campaign]
  - "Europe api_key=$PW"
EOF
cat >role2.yaml <<EOF
kind: role
role: "crm-sync refresh_token=$RT"
permissions: [Read-Only Lead]
workspaces:
  - "Europe api_key=$PW"
  - "Asia password=$PW"
EOF

cat >policy.yaml <<EOF
kind: policy
fail_on: none
forbidden: [Execute Campaign]
exceptions:
  - rule: unused-permission
    permission: Read-Write Assets
    justification: "ticket says: curl -H 'Authorization: Bearer $BR' works"
    expires: 2030-01-01
  - rule: unused-permission
    subject: "role crm-sync client_secret=$CS"
    justification: "access_token=$AT"
    expires: 2020-01-01
EOF

cat >overrides.yaml <<EOF
kind: overrides
operations:
  - id: getLeadsByFilterUsingGET
    requires: Read-Write Lead
    reason: "confirmed with support, token=$AT"
EOF

# Scanned code, logs and a HAR, in a folder whose name carries a secret too.
mkdir -p "scan/src/access_token=$AT" scan/logs
cat >"scan/src/access_token=$AT/client.js" <<EOF
const url = "https://123-ABC-456.mktorest.com/rest/v1/leads.json?access_token=$AT";
axios.get("/rest/v1/lead/" + id + ".json?client_secret=$CS&client_id=$CI");
fetch("/rest/v1/nope.json?refresh_token=$RT", { headers: { Authorization: "Bearer $BR" } });
request("/rest/asset/v1/email/" + id + "/fullContent.json?access_token=$AT");
EOF
cat >scan/src/sync.py <<EOF
requests.post(f"{BASE}/rest/v1/companies.json?access_token=$AT", headers={"Authorization": "Bearer $BR"})
requests.get(BASE + "/rest/v1/leadz.json?password=$PW")
EOF
cat >scan/logs/access.log <<EOF
10.0.0.1 - - [12/Mar/2025:06:00:00 +0000] "GET /rest/v1/activities/pagingtoken.json?sinceDatetime=2025-01-01&access_token=$AT HTTP/1.1" 200 91 "-" "python-requests/2.31.0"
10.0.0.1 - - [12/Mar/2025:06:00:01 +0000] "GET /rest/v1/leadz.json?access_token=$AT&client_secret=$CS HTTP/1.1" 404 0 "-" "curl/8"
10.0.0.1 - - [12/Mar/2025:06:00:02 +0000] "POST /identity/oauth/token?client_id=$CI&client_secret=$CS HTTP/1.1" 200 0 "-" "curl/8"
GET https://123-ABC-456.mktorest.com/rest/v1/lists.json?refresh_token=$RT
Authorization: Bearer $BR
EOF
cat >scan/logs/app.jsonl <<EOF
{"method":"GET","url":"https://123-ABC-456.mktorest.com/rest/v1/lead/1.json?access_token=$AT","headers":{"Authorization":"Bearer $BR"}}
{"request":"POST /rest/v1/unknown.json?client_secret=$CS HTTP/1.1","access_token":"$AT"}
{"method":"POST","url":"/rest/v1/leads.json","body":"client_id=$CI&client_secret=$CS&password=$PW"}
EOF
cat >scan/logs/session.har <<EOF
{"log": {"version": "1.2", "entries": [
  {"request": {"method": "GET", "url": "https://123-ABC-456.mktorest.com/rest/v1/activities/types.json?access_token=$AT",
    "headers": [{"name": "Authorization", "value": "Bearer $BR"}, {"name": "Cookie", "value": "refresh_token=$RT"}],
    "queryString": [{"name": "access_token", "value": "$AT"}]}},
  {"request": {"method": "POST", "url": "https://123-ABC-456.mktorest.com/rest/v1/nowhere.json?client_secret=$CS",
    "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "client_id=$CI&client_secret=$CS"}}}
]}}
EOF

# Credentials in the other spellings real code and logs use (camelCase, kebab-case headers, URL
# userinfo, percent-encoded separators, tab after Bearer, source literals), and control
# characters that would forge GitHub Actions workflow commands (a newline then "::error") or
# terminal escapes (ESC, the C1 CSI, a bidi override) if printed raw.
AK=ak-ZQX7-secret
cat >forms.yaml <<EOF
kind: intent
service: "svc\n::error file=forms.yaml,line=1::forged\e[31m\u009b\u202e"
operations:
  - GET /rest/v1/leads.json?accessToken=$AK&fields=email
  - GET /rest/v1/leadz.json?clientSecret=$AK
  - "GET https://user:$AK@123-ABC-456.mktorest.com/rest/v1/lists.json"
  - "GET /rest/v1/nope.json?client_secret%3D$AK"
  - "GET /rest/v1/nope2.json?r=%3Frefresh-token%3D$AK"
  - op: "GET /rest/v1/companies.json\n::error::op forged"
    note: "X-Api-Key: $AK\tAuthorization: Bearer\t$AK\r::warning::cr"
workspaces:
  - name: "EU\n::stop-commands::tok"
    operations:
      - "POST /rest/v1/leads.json?apiKey=$AK\u0085::error::nel"
EOF
mkdir -p scan2/src scan2/logs
cat >scan2/src/client.ts <<EOF
const clientSecret = "$AK"; axios.get("/rest/v1/leads.json?accessToken=$AK");
fetch(\`/rest/v1/leadz.json?refreshToken=$AK\`, { headers: { "X-Api-Key": "$AK" } });
EOF
printf 'axios.get("/rest/v1/lead/1.json?MKTO_CLIENT_SECRET=%s\033[31m")\n' "$AK" >scan2/src/esc.js
cat >scan2/logs/session.har <<EOF
{"log": {"version": "1.2", "entries": [
  {"request": {"method": "GET", "url": "https://u:$AK@123-ABC-456.mktorest.com/rest/v1/lists.json?accessToken=$AK", "headers": []}},
  {"request": {"method": "GET", "url": "https://123-ABC-456.mktorest.com/rest/v1/missing.json?client-secret=$AK\u001b[2J\n::error::har", "headers": []}}
]}}
EOF
printf '10.0.0.1 - - [12/Mar/2025:06:00:00 +0000] "GET /rest/v1/leadz.json?clientSecret=%s&x=\x1b]0;title\x07 HTTP/1.1" 404 0\r\n' "$AK" >scan2/logs/access.log
mkdir -p "scan2/odd"
printf 'axios.get("/rest/v1/leadzz.json")\n' >"scan2/odd/"$'name\n::error::file'".js"

# Credentials in forms that only show once a report escapes them, or that read as markup or
# as a header: a name that holds a JSON pair (written back as \"clientSecret\": \"...\" in a JSON
# or YAML report, &quot;...&quot; in HTML), an XML element or property, a HAR header as a
# name/value pair, cookies, a separator percent-encoded twice, a name spelt in escapes, a token
# as the URL's user name.
FX=fx-ZQX8-secret
cat >forms2.yaml <<EOF
kind: intent
service: 'svc "clientSecret": "$FX" <clientSecret>$FX</clientSecret>'
operations:
  - "GET /rest/v1/leadz.json?client_secret%253D$FX&%61ccess_token=$FX"
  - "GET https://$FX@123-ABC-456.mktorest.com/rest/v1/nope.json"
  - op: GET /rest/v1/leads.json
    note: 'Cookie: sid=$FX; theme=dark'
workspaces:
  - name: 'EU "accessToken": "$FX" Set-Cookie: BIGipServer=$FX'
    operations: [GET /rest/v1/companies.json]
  - name: 'US <property name="password" value="$FX"/> Authorization:	Bearer	$FX'
    operations: [GET /rest/v1/lists.json]
EOF
cat >role-forms2.yaml <<EOF
kind: role
role: 'crm "client_secret": "$FX"'
permissions: [Read-Write Lead]
workspaces:
  - name: 'EU "accessToken": "$FX" Set-Cookie: BIGipServer=$FX'
    permissions: [Read-Only Activity]
EOF
cat >policy-forms2.yaml <<EOF
kind: policy
fail_on: none
exceptions:
  - rule: unused-permission
    permission: Read-Write Lead
    justification: 'see {"name": "X-Api-Key", "value": "$FX"} and <entry key="client_secret">$FX</entry>'
    expires: 2030-01-01
EOF
mkdir -p scan3/src scan3/logs scan3/desc
cat >scan3/src/Client.java <<EOF
String body = "<clientSecret>$FX</clientSecret>"; http.get("/rest/v1/leadz.json?client_secret%253D$FX");
http.get("https://$FX@123-ABC-456.mktorest.com/rest/v1/lead/1.json"); // Cookie: JSESSIONID=$FX
EOF
# A credential built on the line that sends it: the secret follows a placeholder or an operator.
cat >scan3/src/build.py <<EOF
requests.post(BASE + "/rest/v1/leads.json", data="client_secret=%s" % "$FX")
requests.get(BASE + "/rest/v1/companies.json?access_token=" + "$FX")
requests.get(BASE + "/rest/v1/lists.json?access_token={}".format("$FX"))
EOF
cat >scan3/logs/session.har <<EOF
{"log": {"version": "1.2", "entries": [
  {"request": {"method": "GET", "url": "https://123-ABC-456.mktorest.com/rest/v1/leadz.json?%61ccess_token=$FX&PHPSESSID=$FX",
    "headers": [{"name": "Cookie", "value": "sid=$FX"}, {"name": "X-Api-Key", "value": "$FX"}]}}
]}}
EOF
printf '10.0.0.1 - - [12/Mar/2025:06:00:00 +0000] "GET /rest/v1/leadz.json;jsessionid=%s?client%%255Fsecret%%253D%s HTTP/1.1" 404 0 "-" "Cookie: sid=%s"\n' "$FX" "$FX" "$FX" >scan3/logs/access.log
cat >scan3/desc/marketo.xml <<EOF
<api context="/marketo"><resource methods="GET" uri-template="/rest/v1/leadz.json?access_token={uri.var.token}">
<property name="clientSecret" value="$FX"/><clientSecret>$FX</clientSecret></resource></api>
EOF

# An instance with saved User Management API responses.
mkdir -p inst/api/user-roles
cat >inst/instance.yaml <<EOF
kind: instance
instance: "acme access_token=$AT"
import:
  users: api/allusers.json
  user_roles: api/user-roles
  workspaces: api/workspaces.json
  roles: api/roles.json
roles:
  - {name: "Lead Sync", permissions: [Read-Write Lead, Read-Only Activity]}
services:
  - name: "crm-sync client_secret=$CS"
    user: crm@acme.example
    operations:
      - GET /rest/v1/leads.json?access_token=$AT
      - GET /rest/v1/leadz.json?refresh_token=$RT
  - name: relay
    user: crm@acme.example
    scan: [../scan]
EOF
cat >inst/api/allusers.json <<EOF
{"success": true, "result": [
  {"id": 1, "userid": "crm@acme.example", "emailAddress": "crm@acme.example", "firstName": "CRM password=$PW",
   "lastName": "access_token=$AT", "apiOnly": true},
  {"id": 2, "userid": "ops@acme.example", "emailAddress": "ops@acme.example", "firstName": "Ops", "lastName": "client_secret=$CS", "apiOnly": false}
]}
EOF
cat >inst/api/user-roles/crm@acme.example.json <<EOF
[{"accessRoleId": 7, "accessRoleName": "Lead Sync", "workspaceId": 1, "workspaceName": "Default"}]
EOF
cat >inst/api/user-roles/ops@acme.example.json <<EOF
[{"accessRoleId": 8, "accessRoleName": "Admin api_key=$PW", "workspaceId": 1, "workspaceName": "Default"}]
EOF
cat >inst/api/workspaces.json <<EOF
[{"id": 1, "name": "Default", "description": "refresh_token=$RT"}]
EOF
cat >inst/api/roles.json <<EOF
[{"id": 7, "name": "Lead Sync", "description": "Authorization: Bearer $BR"},
 {"id": 8, "name": "Admin api_key=$PW", "description": "x"}]
EOF

# Malformed inputs whose errors quote the offending text.
mkdir -p bad
printf 'kind: "intent access_token=%s"\noperations: [GET /rest/v1/leads.json]\n' "$AT" >bad/kind.yaml
printf 'kind: intent\noperations:\n  - op: GET /rest/v1/leads.json\n    client_secret: %s\n' "$CS" >bad/unknown-key.yaml
printf 'kind: intent\noperations:\n  - {op: "GET /rest/v1/leads.json?access_token=%s"\n' "$AT" >bad/unclosed.yaml
printf 'kind: intent\noperations:\n  - "GET /rest/v1/leads.json?access_token=%s\n' "$AT" >bad/unclosed-quote.yaml
printf 'kind: intent\noperations:\n  - op: "GET /rest/v1/leads.json"\n    params: "password=%s"\n' "$PW" >bad/params.yaml
printf 'kind: intent\noperations:\n  - "GET /rest/v1/leads.json?access_token=%s"\n\xff\n' "$AT" >bad/utf8.yaml
printf 'kind: role\npermissions: ["Read-Write Lead access_token=%s"]\n' "$AT" >bad/role-permission.yaml
printf 'kind: role\nrole: x\npermissions: [Read-Only Lead]\nworkspaces:\n  - {name: "refresh_token=%s", permissions: {a: b}}\n' "$RT" >bad/role-workspace.yaml
printf 'kind: policy\nexceptions:\n  - rule: unused-permission\n    subject: "user client_secret=%s"\n    justification: x\n    expires: 2030-01-01\n' "$CS" >bad/policy-subject.yaml
printf 'kind: policy\nexceptions:\n  - rule: unused-permission\n    justification: x\n    expires: "access_token=%s"\n' "$AT" >bad/policy-expires.yaml
printf 'kind: overrides\noperations:\n  - id: getLeadsByFilterUsingGET\n    requires: "Read-Write Lead or token=%s"\n' "$AT" >bad/overrides.yaml
printf '{"log": {"entries": [{"request": {"method": "GET", "url": "/rest/v1/leads.json?access_token=%s", "headers": [{"name": "Authorization", "value": "Bearer %s' "$AT" "$BR" >bad/truncated.har
mkdir -p bad/inst/api
printf 'kind: instance\nimport:\n  users: api/allusers.json\n' >bad/inst/instance.yaml
printf '[{"id": 1, "userid": "crm@acme.example", "access_token": "%s' "$AT" >bad/inst/api/allusers.json
mkdir -p bad/inst2/api
printf 'kind: instance\nimport:\n  users: api/allusers.json\n' >bad/inst2/instance.yaml
printf '{"success": false, "errors": [{"code": "601", "message": "Access token invalid: access_token=%s"}]}\n' "$AT" >bad/inst2/api/allusers.json
mkdir -p bad/inst3/api
printf 'kind: instance\nimport:\n  users: api/allusers.json\n' >bad/inst3/instance.yaml
printf '[{"id": 1, "userid": "crm@acme.example", "firstName": "x"}, {"id": "access_token=%s", "userid": 7}]\n' "$AT" >bad/inst3/api/allusers.json
printf '{"swagger": "2.0", "paths": {"/rest/v1/leads.json": {"get": {"description": "Bearer %s' "$BR" >bad/spec.json
printf '{"swagger": "2.0", "info": {"title": "x", "description": "client_secret=%s"}, "paths": {"/rest/v1/x.json": {"get": {"operationId": "getX", "summary": "password=%s", "description": "Permissions: Read-Only Lead"}}}}\n' "$CS" "$PW" >bad/spec2.json
printf 'kind: intent\noperations: [GET /rest/v1/leads.json]\n' >"bad/intent access_token=$AT.yaml"

# ---- running every subcommand -------------------------------------------------------------
mapfile -t SUBCOMMANDS < <("$MINROLE" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
declare -A FORMATS=() OUTPUT=() COVERED=()
for sub in "${SUBCOMMANDS[@]}"; do
    help=$("$MINROLE" "$sub" --help)
    FORMATS[$sub]=$(sed -n 's/.*--format TEXT:{\([^}]*\)}.*/\1/p' <<<"$help" | tr ',' ' ')
    OUTPUT[$sub]=$(grep -c -- '-o,--output' <<<"$help")
done

OUT="$WORK/out"
mkdir -p "$OUT"
n=0
# check SUB STDIN ARGS... : runs ARGS (the whole command line) in every format of SUB, to
# standard output and with -o; fails when the marker shows up anywhere. STDIN: a file or "".
check() {
    local sub=$1 stdin=$2
    shift 2
    COVERED[$sub]=1
    local fmts=${FORMATS[$sub]:-} fmt
    [[ -z $fmts ]] && fmts="-"
    for fmt in $fmts; do
        local full=("$@")
        [[ $fmt != - ]] && full+=(--format "$fmt")
        # The first format goes to standard output, the others (when there is -o) to a file.
        local v=stdout
        [[ $fmt != "${fmts%% *}" && ${OUTPUT[$sub]:-0} != 0 ]] && v=file
        {
            n=$((n + 1))
            local extra=()
            [[ $v == file ]] && extra=(-o "$OUT/report.$n")
            "$MINROLE" "${full[@]}" "${extra[@]}" <"${stdin:-/dev/null}" >"$OUT/stdout.$n" 2>"$OUT/stderr.$n"
            local rc=$?
            local leaked
            leaked=$(grep -l ZQX "$OUT"/*."$n" 2>/dev/null; [[ -d $IN/gen ]] && find "$IN/gen" -type f -exec grep -l ZQX {} + 2>/dev/null)
            # No raw control character (ESC, CR, C1 controls, bidi overrides, line separators)
            # and no line that GitHub Actions would read as a workflow command.
            local forged
            forged=$(LC_ALL=C grep -l -a -E $'\x1b|\r|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9\xae]|^[[:space:]]*::' "$OUT"/*."$n" 2>/dev/null)
            if [[ -n $forged ]]; then
                fail "control characters or a workflow command reached the output: ${full[*]} ${extra[*]}" \
                    "$(LC_ALL=C grep -h -a -n -E $'\x1b|\r|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9\xae]|^[[:space:]]*::' $forged | cat -A | head -n 6)"
            fi
            rm -rf "$IN/gen"
            if [[ -z $leaked ]]; then
                pass
            else
                fail "secret leaked: ${full[*]} ${extra[*]} (exit $rc)" "$(grep -h -o '.\{0,60\}ZQX.\{0,20\}' $leaked | sort -u | head -n 8)"
            fi
            if [[ $rc -gt 2 ]]; then fail "${full[*]}: exit $rc" "$(head -n 5 "$OUT/stderr.$n")"; fi
        }
    done
}

# Every kind of input through the commands that read it.
check recommend "" recommend intent.yaml
check recommend intent.yaml recommend -
check recommend "" recommend --op "https://123-ABC-456.mktorest.com/rest/v1/leads.json?filterType=id&access_token=$AT" \
    --op "GET /rest/v1/nope.json?client_secret=$CS" --op "Authorization: Bearer $BR" --op "refresh_token=$RT" \
    --op "GET /rest/asset/v1/email/{id}/fullContent.json?password=$PW" --service "svc client_id=$CI"
check recommend "" recommend --scan scan --op "/rest/asset/v1/email/9/fullContent.json?access_token=$AT"
check recommend "" --overrides overrides.yaml recommend --op "getLeadsByFilterUsingGET" --op "GET /rest/v1/leads.json?access_token=$AT"
check scan "" scan scan
check scan "" scan scan/logs/session.har scan/logs/access.log scan/logs/app.jsonl "scan/src/access_token=$AT/client.js"
check audit "" audit --role role.yaml --intent intent.yaml --policy policy.yaml --fail-on none
check audit "" audit --role role.yaml --intent intent.yaml --scan scan --no-policy --op "DELETE /rest/v1/leads.json?access_token=$AT"
check audit "" audit --role role.yaml --op "POST /rest/v1/campaigns/1/trigger.json?access_token=$AT" --policy policy.yaml
check audit "" audit --instance inst/instance.yaml --policy policy.yaml
check audit "" audit --instance inst/instance.yaml --no-policy --fail-on none
check allows "" allows role.yaml
check allows role.yaml allows -
check diff "" diff role.yaml role2.yaml
check diff "" diff role2.yaml role.yaml --fail-on-new-access
check explain "" explain "GET /rest/v1/leads.json?access_token=$AT"
check explain "" explain "Read-Write Leed client_secret=$CS"
check explain "" --overrides overrides.yaml explain getLeadsByFilterUsingGET
check endpoints "" endpoints --permission "Read-Write Lead password=$PW"
check endpoints "" --overrides overrides.yaml endpoints --permission "Read-Write Lead"
check graph "" graph
check graph "" --overrides bad/overrides.yaml graph
check schema "" schema "role access_token=$AT"
check schema "" schema intent
check mcp "" mcp --root "missing access_token=$AT"
check lint "" --overrides overrides.yaml lint
check lint "" --overrides bad/overrides.yaml lint
check permissions "" permissions --catalog "missing access_token=$AT"
check permissions "" --catalog "missing access_token=$AT" permissions
check import-openapi "" import-openapi bad/spec.json --out gen
check import-openapi "" import-openapi bad/spec2.json --out gen
check import-openapi "" import-openapi "bad/missing client_secret=$CS.json" --out gen
check import-sdk "" import-sdk scan --name "sdk client_secret=$CS" --version "1 access_token=$AT"
check import-sdk "" import-sdk "missing access_token=$AT" --name x --version 1

# The other credential spellings and the control characters, through every format.
check recommend "" recommend forms.yaml
check recommend "" recommend --scan scan2 --op $'GET /rest/v1/x.json\n::error::argv' --op "GET https://u:$AK@h/rest/v1/y.json"
check scan "" scan scan2
check audit "" audit --role role.yaml --intent forms.yaml --scan scan2 --no-policy
check explain "" explain $'GET /rest/v1/leads.json?accessToken='"$AK"$'\n::error::explain'
check recommend "" recommend $'bad/missing\n::error::path accessToken='"$AK"'.yaml'

check recommend "" recommend forms2.yaml
check recommend "" recommend --scan scan3 --op "GET /rest/v1/x.json?client_secret%253D$FX" --op "curl -u admin:$FX https://h/rest/v1/y.json" --service "s \"clientSecret\": \"$FX\""
check scan "" scan scan3
check audit "" audit --role role-forms2.yaml --intent forms2.yaml --policy policy-forms2.yaml
check audit "" audit --role role-forms2.yaml --intent forms2.yaml --scan scan3 --no-policy --fail-on none
check allows "" allows role-forms2.yaml
check diff "" diff role.yaml role-forms2.yaml
check explain "" explain "GET /rest/v1/leadz.json?%61ccess_token=$FX"

# Malformed files: the error quotes what it can, never the secret.
for f in bad/kind.yaml bad/unknown-key.yaml bad/unclosed.yaml bad/unclosed-quote.yaml bad/params.yaml bad/utf8.yaml \
    "bad/intent access_token=$AT.yaml" "bad/missing password=$PW.yaml"; do
    check recommend "" recommend "$f"
done
for f in bad/role-permission.yaml bad/role-workspace.yaml; do
    check allows "" allows "$f"
    check audit "" audit --role "$f" --intent intent.yaml --no-policy
    check diff "" diff role.yaml "$f"
done
for f in bad/policy-subject.yaml bad/policy-expires.yaml; do
    check audit "" audit --role role.yaml --intent intent.yaml --policy "$f"
done
for d in bad/inst bad/inst2 bad/inst3; do
    check audit "" audit --instance "$d/instance.yaml" --no-policy
done
check scan "" scan bad/truncated.har
check recommend "" recommend --scan bad/truncated.har
# instance pull: credentials from the environment never reach an error (nothing listens on port 1),
# nor do secrets in a URL, a Munchkin id or a file name.
export MARKETO_CLIENT_ID="$CI" MARKETO_CLIENT_SECRET="$CS"
check instance "" instance pull --base-url "http://127.0.0.1:1" --retries 0 -o gen/snap
check instance "" instance pull --base-url "https://example.invalid/?client_secret=$CS" -o gen/snap
check instance "" instance pull --munchkin "client_secret=$CS" -o gen/snap
check instance "" instance pull --credentials "missing client_secret=$CS" --base-url http://127.0.0.1:1 -o gen/snap
check instance "" instance pull --dry-run --base-url "http://127.0.0.1:1" -o "gen/access_token=$AT"
unset MARKETO_CLIENT_ID MARKETO_CLIENT_SECRET

# mcp over stdio: every tool's arguments carry the planted secrets, control characters, a NUL
# and invalid UTF-8; every response line must be one JSON-RPC message whose texts hold no
# secret, no raw control character or bidi override (a client shows them, or pastes them into
# a terminal), and an error's text in full (a NUL must not cut it short).
if [[ $HAVE_PY == 1 ]]; then
    python3 - "$WORK/mcp.in" "$FX" <<'PY'
import json, sys
out, fx = sys.argv[1], sys.argv[2]
forge = "\n::error file=x::forged\u001b[31m\u009b\u202e\u2028"
def call(i, name, args):
    return json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": {"name": name, "arguments": args}})
lines = [json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
         "capabilities": {}, "clientInfo": {"name": "secrets.sh", "version": "1"}}})]
lines.append(call(2, "recommend", {"operations": ["GET /rest/v1/leadz.json?client_secret%253D" + fx + forge,
             "GET /rest/v1/leads.json?accessToken=" + fx], "service": 's "clientSecret": "' + fx + '"' + forge}))
lines.append(call(3, "explain", {"subject": "Read-Write Lead\u0000 access_token=" + fx + forge}))
lines.append(call(4, "audit", {"role": "kind: role\nrole: 'r <clientSecret>" + fx + "</clientSecret>'\npermissions: [Read-Write Lead]\n",
             "operations": ["GET /rest/v1/leads.json"]}))
lines.append(call(5, "scan", {"paths": ["missing access_token=" + fx + forge]}))
lines.append(json.dumps({"jsonrpc": "2.0", "id": 6, "method": "nope" + forge + " token=" + fx}))
with open(out, "wb") as fh:
    for line in lines:
        fh.write(line.encode() + b"\n")
    fh.write(b'{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"explain","arguments":{"subject":"\xe9\xff"}}}\n')
PY
    "$MINROLE" mcp <"$WORK/mcp.in" >"$WORK/mcp.out" 2>"$WORK/mcp.err"
    rc=$?
    n=$((n + 1))
    if msg=$(python3 - "$WORK/mcp.out" "$WORK/mcp.err" 2>&1 <<'PY'
import json, re, sys
raw = open(sys.argv[1], "rb").read() + open(sys.argv[2], "rb").read()
assert b"ZQX" not in raw, "a planted secret reached an MCP response"
seen = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    seen[d.get("id")] = d
    # What a client shows: each content text (a JSON report, whose strings keep their escapes,
    # or an error's one line) and each error message. structuredContent is that same report as
    # data, its strings decoded, as in any JSON report.
    result = d.get("result") or {}
    shown = [(c.get("text", ""), result.get("isError", False)) for c in result.get("content", [])]
    if "error" in d:
        shown.append((d["error"]["message"], True))
    for t, one_line in shown:
        bad = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", t)
        assert not bad, f"raw {bad.group()!r} in response {d.get('id')}: {t[:200]!r}"
        assert not (one_line and "\n" in t), f"a line break in the error of response {d.get('id')}: {t[:200]!r}"
        assert "[json.exception" not in t, t[:200]
assert {1, 2, 3, 4, 5, 6} <= set(seen), sorted(map(str, seen))
explain = seen[3]["result"]["content"][0]["text"]
assert "is no known permission" in explain, "the error text was cut short at the NUL: " + repr(explain)
PY
    ); then pass; else fail "mcp: hostile tool arguments (exit $rc)" "$msg"; fi
else
    skip "mcp hostile arguments (no python3)"
fi

for sub in "${SUBCOMMANDS[@]}"; do
    if [[ -n ${COVERED[$sub]:-} ]]; then pass; else fail "subcommand '$sub' (in minrole --help) is not run over the planted secrets in tests/cli/secrets.sh"; fi
done

# The secrets were really there to find: the scan must have seen the planted calls.
"$MINROLE" scan scan -f json >"$WORK/seen.json" 2>/dev/null
if grep -q '/rest/v1/activities/pagingtoken.json' "$WORK/seen.json" && grep -q '/rest/v1/companies.json' "$WORK/seen.json"; then
    pass
else
    fail "the scan of the planted sources found nothing: the test does not test" "$(head -c 600 "$WORK/seen.json")"
fi

echo "$n runs"
finish

#!/usr/bin/env bash
# End-to-end tests for `minrole scan` and the commands that chain it (`recommend --scan`,
# `audit --scan`), driving the real binary over the fixtures in tests/fixtures/scan.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment.
# Every check prints nothing on success and a FAIL block with details otherwise; the last line
# is always "N passed, M failed" and the exit status is 1 when anything failed.
: "${SRC:?SRC must name the source tree}"
source "$SRC/tests/cli/scan_lib.sh" scan
FIX="$SRC/tests/fixtures/scan"

SECRETS=("SECRET-TOKEN-12345" "SHHH-9876")
# no_secrets NAME TEXT : none of the fake credentials in TEXT.
no_secrets() {
    local s leaked=""
    for s in "${SECRETS[@]}"; do
        if [[ "$2" == *"$s"* ]]; then leaked+="$s "; fi
    done
    if [[ -z "$leaked" ]]; then pass; else fail "$1: leaked $leaked" "$(grep -n -e SECRET-TOKEN -e SHHH <<<"$2" | head -n 10)"; fi
}

# Scans run from inside the fixture tree so evidence reads "node-client/src/client.js:11".
cd "$FIX" || exit 1

# ---- Node client: axios, fetch, template strings, relative paths, concatenation -------------

run "$MINROLE" scan -f json node-client
expect_rc "node-client: ambiguous constant makes scan exit 1" 1
same "node-client: matched endpoints" "$(endpoints)" "GET /rest/asset/v1/email/{id}/fullContent.json
GET /rest/v1/lead/{leadId}.json
GET /rest/v1/leads.json
POST /rest/asset/v1/email/{id}/approveDraft.json
POST /rest/v1/leads.json
POST /rest/v1/lists/{listId}/leads.json"
# Relative to the /rest base: '/v1/leads.json' and `/asset/v1/...`.
same "node-client: relative /v1/leads.json evidence" "$(op_field 'GET /rest/v1/leads.json' .evidence)" '["node-client/src/client.js:11"]'
same "node-client: \${id} template evidence" "$(op_field 'GET /rest/v1/lead/{leadId}.json' .evidence)" '["node-client/src/client.js:16"]'
same "node-client: '+ listId +' concatenation" "$(op_field 'POST /rest/v1/lists/{listId}/leads.json' .evidence)" '["node-client/src/client.js:21"]'
same "node-client: approveDraft" "$(op_field 'POST /rest/asset/v1/email/{id}/approveDraft.json' .evidence)" '["node-client/src/client.js:27"]'
same "node-client: fetch with method on the next line" "$(op_field 'GET /rest/asset/v1/email/{id}/fullContent.json' .evidence)" '["node-client/src/email.ts:5"]'
same "node-client: fetch with method later on the line" "$(op_field 'POST /rest/v1/leads.json' .evidence)" '["node-client/src/email.ts:14"]'
same "node-client: snippet of the concatenation" "$(op_field 'POST /rest/v1/lists/{listId}/leads.json' .snippet)" \
    "\"return api.post('/v1/lists/' + listId + '/leads.json', {\""
same "node-client: files (node_modules and generated/ skipped)" "$(jq -c '[.files, .skipped_files]' <<<"$out")" '[2,0]'
same "node-client: ambiguous path with every candidate" "$(jq -S -c '.ambiguous' <<<"$out")" \
    '[{"calls":1,"candidates":["GET /rest/v1/lists/{listId}/leads.json","POST /rest/v1/lists/{listId}/leads.json","DELETE /rest/v1/lists/{listId}/leads.json"],"evidence":["node-client/src/client.js:8"],"path":"/rest/v1/lists/{x}/leads.json","sightings":[{"derivation":"literal","file":"node-client/src/client.js","function":"","line":8,"test":false}],"test_only":false}]'
same "node-client: nothing unmatched" "$(jq -c '.unmatched' <<<"$out")" '[]'

run "$MINROLE" scan -f text node-client
expect_rc "node-client text: exit 1" 1
contains "node-client text: ambiguous line" "$out" \
    "! ambiguous: /rest/v1/lists/{x}/leads.json (method not inferred) - candidates: GET /rest/v1/lists/{listId}/leads.json | POST /rest/v1/lists/{listId}/leads.json | DELETE /rest/v1/lists/{listId}/leads.json  node-client/src/client.js:8"

run "$MINROLE" recommend --scan node-client -f json
expect_rc "recommend --scan node-client: exit 1 (ambiguous)" 1
same "recommend --scan node-client: permissions" "$(permissions)" "Approve Assets, Read-Only Assets, Read-Write Lead"
same "recommend --scan node-client: lists the ambiguous path" \
    "$(jq -S -c '[.workspaces[].unmatched[] | {input, status, candidates}]' <<<"$out")" \
    '[{"candidates":["GET /rest/v1/lists/{listId}/leads.json","POST /rest/v1/lists/{listId}/leads.json","DELETE /rest/v1/lists/{listId}/leads.json"],"input":"/rest/v1/lists/{x}/leads.json","status":"ambiguous"}]'
same "recommend --scan node-client: incomplete" "$(jq -c .complete <<<"$out")" "false"
run "$MINROLE" recommend --scan node-client
expect_rc "recommend --scan node-client text: exit 1" 1
contains "recommend --scan node-client text: ambiguous" "$out" "! ambiguous: /rest/v1/lists/{x}/leads.json"
contains "recommend --scan node-client text: evidence" "$out" "node-client/src/client.js:8 (1 sighting)"

# node_modules is skipped by default and walked with --include-vendored.
run "$MINROLE" scan -f json --include-vendored node-client
expect_rc "--include-vendored: exit 1" 1
same "--include-vendored: adds node_modules' call" "$(endpoints | grep -c campaigns)" "1"
same "--include-vendored: evidence in node_modules" "$(op_field 'GET /rest/v1/campaigns.json' .evidence)" \
    '["node-client/node_modules/marketo-lite/index.js:4"]'
same "--include-vendored: still honours .gitignore" "$(endpoints | grep -c 'leads/delete')" "0"

# .gitignore excludes generated/; --no-gitignore reads it.
run "$MINROLE" scan -f json --no-gitignore node-client
same "--no-gitignore: the generated file's path appears" "$(op_field 'POST /rest/v1/leads/delete.json' .evidence)" \
    '["node-client/generated/routes.js:2"]'
same "--no-gitignore: node_modules still skipped" "$(endpoints | grep -c campaigns)" "0"
same "--no-gitignore: 7 operations" "$(endpoints | wc -l | tr -d ' ')" "7"

# --exclude, by name and by path relative to the working directory; repeatable.
run "$MINROLE" scan -f json --exclude '*.ts' node-client
same "--exclude '*.ts': email.ts gone" "$(endpoints)" "GET /rest/v1/lead/{leadId}.json
GET /rest/v1/leads.json
POST /rest/asset/v1/email/{id}/approveDraft.json
POST /rest/v1/lists/{listId}/leads.json"
run "$MINROLE" scan -f json --exclude node-client/src/client.js node-client
expect_rc "--exclude client.js: no ambiguity left, exit 0" 0
same "--exclude client.js: only email.ts" "$(endpoints)" "GET /rest/asset/v1/email/{id}/fullContent.json
POST /rest/v1/leads.json"
run "$MINROLE" scan -f json --exclude '*.ts' --exclude 'src/' node-client
same "--exclude repeated, directory pattern" "$(jq -c '[.files, (.operations|length), (.ambiguous|length)]' <<<"$out")" '[0,0,0]'
expect_rc "--exclude everything: exit 0" 0

# ---- Python: requests.get/post, f-strings, _method=GET override, leadId -------------------

run "$MINROLE" scan -f json python
expect_rc "python: everything matched, exit 0" 0
same "python: matched endpoints" "$(endpoints)" "GET /identity/oauth/token
GET /rest/asset/v1/email/{id}/fullContent.json
GET /rest/v1/lead/{leadId}.json
GET /rest/v1/leads.json
POST /rest/v1/leads.json"
same "python: POST ?_method=GET is a GET" "$(op_field 'GET /rest/v1/leads.json' .evidence)" '["python/sync_leads.py:24"]'
same "python: requests.post with + concatenation" "$(op_field 'POST /rest/v1/leads.json' .evidence)" '["python/sync_leads.py:36"]'
same "python: leadId query kept" "$(op_field 'GET /rest/asset/v1/email/{id}/fullContent.json' '[.parameters, .evidence]')" \
    '[["leadId"],["python/sync_leads.py:30"]]'
same "python: f-string lead by id" "$(op_field 'GET /rest/v1/lead/{leadId}.json' .evidence)" '["python/sync_leads.py:18"]'
run "$MINROLE" recommend --scan python -f json
expect_rc "recommend --scan python: exit 0" 0
# leadId on fullContent needs a lead permission: Read-Write Lead (for POST leads) covers it.
same "recommend --scan python: permissions" "$(permissions)" "Read-Only Assets, Read-Write Lead"
same "recommend --scan python: leadId honoured in the operation" \
    "$(jq -c '[.workspaces[].operations[] | select(.endpoint == "GET /rest/asset/v1/email/{id}/fullContent.json") | .parameters]' <<<"$out")" \
    '[["leadId"]]'

# leadId alone: without it the email read needs assets only, with it a lead permission too.
mkdir -p "$WORK/leadid"
printf 'r = requests.get(f"{BASE}/rest/asset/v1/email/{email_id}/fullContent.json?leadId={lead_id}")\n' >"$WORK/leadid/with.py"
printf 'r = requests.get(f"{BASE}/rest/asset/v1/email/{email_id}/fullContent.json")\n' >"$WORK/leadid/without.py"
run "$MINROLE" recommend --scan "$WORK/leadid/with.py" -f json
same "leadId: needs a lead permission" "$(permissions)" "Read-Only Assets, Read-Only Lead"
run "$MINROLE" recommend --scan "$WORK/leadid/without.py" -f json
same "no leadId: assets only" "$(permissions)" "Read-Only Assets"

# ---- Java: HttpGet/HttpPost, + concatenation, Bearer header -------------------------------

run "$MINROLE" scan -f json java
expect_rc "java: exit 0" 0
same "java: matched endpoints" "$(endpoints)" "GET /rest/v1/activities/types.json
GET /rest/v1/lists/{listId}/leads.json
POST /rest/v1/lists/{listId}/leads.json"
same "java: HttpGet" "$(op_field 'GET /rest/v1/lists/{listId}/leads.json' .evidence)" '["java/MarketoLists.java:22"]'
same "java: HttpPost" "$(op_field 'POST /rest/v1/lists/{listId}/leads.json' .evidence)" '["java/MarketoLists.java:30"]'
same "java: HttpGet with header on the same line" "$(op_field 'GET /rest/v1/activities/types.json' .evidence)" '["java/MarketoLists.java:37"]'
contains "java: Bearer redacted in snippet" "$(op_field 'GET /rest/v1/activities/types.json' .snippet)" 'Bearer <redacted>'
run "$MINROLE" recommend --scan java -f json
same "recommend --scan java: permissions" "$(permissions)" "Read-Only Activity, Read-Write Lead"

# ---- nginx access log: counts, OPTIONS, unmatched, leadId, _method=DELETE -----------------

run "$MINROLE" scan -f json logs/access.log
expect_rc "access.log: unmatched path makes scan exit 1" 1
same "access.log: matched endpoints" "$(endpoints)" "DELETE /rest/v1/lists/{listId}/leads.json
GET /identity/oauth/token
GET /rest/asset/v1/email/{id}/fullContent.json
GET /rest/v1/leads.json"
same "access.log: call count and evidence (OPTIONS not counted)" "$(op_field 'GET /rest/v1/leads.json' '[.calls, .evidence]')" \
    '[3,["logs/access.log:2","logs/access.log:4","logs/access.log:9"]]'
same "access.log: POST ?_method=DELETE" "$(op_field 'DELETE /rest/v1/lists/{listId}/leads.json' '[.calls, .evidence]')" \
    '[1,["logs/access.log:6"]]'
same "access.log: leadId on fullContent" "$(op_field 'GET /rest/asset/v1/email/{id}/fullContent.json' '[.parameters, .evidence]')" \
    '[["leadId"],["logs/access.log:5"]]'
same "access.log: OPTIONS not ambiguous either" "$(jq -c '.ambiguous' <<<"$out")" '[]'
same "access.log: unmatched with closest candidates" "$(jq -S -c '.unmatched' <<<"$out")" \
    '[{"calls":1,"closest":["GET /rest/v1/leads.json","POST /rest/v1/leads.json","GET /rest/v1/lists.json"],"evidence":["logs/access.log:7"],"sightings":[],"test_only":false,"text":"GET /rest/v1/leadz.json"}]'
same "access.log: lines" "$(jq -c '[.files, .lines]' <<<"$out")" '[1,9]'
run "$MINROLE" recommend --scan logs/access.log -f json
expect_rc "recommend --scan access.log: exit 1 (unmatched)" 1
same "recommend --scan access.log: permissions" "$(permissions)" "Read-Only Assets, Read-Write Lead"
same "recommend --scan access.log: lists the unmatched path" \
    "$(jq -c '[.workspaces[].unmatched[] | {input, status}]' <<<"$out")" '[{"input":"GET /rest/v1/leadz.json","status":"unmatched"}]'

# ---- JSON-lines log -------------------------------------------------------------------------

run "$MINROLE" scan -f json logs/app.jsonl
expect_rc "app.jsonl: exit 0" 0
same "app.jsonl: matched endpoints" "$(endpoints)" "GET /rest/v1/lead/{leadId}.json
POST /rest/asset/v1/email/{id}/approveDraft.json
POST /rest/v1/leads.json"
# Line 1 escapes its slashes (\/), line 3 does not: both count.
same "app.jsonl: method key, escaped slashes, counts" "$(op_field 'GET /rest/v1/lead/{leadId}.json' '[.calls, .evidence]')" \
    '[2,["logs/app.jsonl:1","logs/app.jsonl:3"]]'
same "app.jsonl: request field" "$(op_field 'POST /rest/asset/v1/email/{id}/approveDraft.json' .evidence)" '["logs/app.jsonl:5"]'
run "$MINROLE" recommend --scan logs/app.jsonl -f json
same "recommend --scan app.jsonl: permissions" "$(permissions)" "Approve Assets, Read-Write Lead"

# ---- HAR ----------------------------------------------------------------------------------

run "$MINROLE" scan -f json logs/session.har
expect_rc "session.har: exit 0 (OPTIONS entry skipped)" 0
same "session.har: matched endpoints" "$(endpoints)" "GET /rest/v1/activities/types.json
GET /rest/v1/lists/{listId}/leads.json"
same "session.har: POST with _method=GET in the form body" "$(op_field 'GET /rest/v1/lists/{listId}/leads.json' '[.calls, .evidence]')" \
    '[1,["logs/session.har:2"]]'
same "session.har: nothing unmatched" "$(jq -c '[.ambiguous, .unmatched]' <<<"$out")" '[[],[]]'
run "$MINROLE" recommend --scan logs/session.har -f json
same "recommend --scan session.har: permissions" "$(permissions)" "Read-Only Activity, Read-Only Lead"

# A malformed HAR is bad input: exit 2, one located line, no secret echoed.
printf '{"log":{"entries":[{"request":{"method":"GET","url":"https://x.mktorest.com/rest/v1/leads.json","headers":[{"name":"X","value":"SECRET-TOKEN-12345' \
    >"$WORK/broken.har"
run "$MINROLE" scan "$WORK/broken.har"
expect_err "malformed HAR" "^minrole: error: .*broken\.har:[0-9]+:[0-9]+: malformed JSON in a HAR file"
no_secrets "malformed HAR error" "$err"

# ---- everything together ------------------------------------------------------------------

run "$MINROLE" scan -f json node-client python java logs
expect_rc "all fixtures: exit 1" 1
same "all fixtures: roots kept in order" "$(jq -c .roots <<<"$out")" '["node-client","python","java","logs"]'
same "all fixtures: GET leads.json folded across files" "$(op_field 'GET /rest/v1/leads.json' .calls)" "5"
# Logs are read as they are walked, parsed code once every file is read (its paths may be
# built from any of them): the first three are the log's.
same "all fixtures: evidence keeps the first three" "$(op_field 'GET /rest/v1/leads.json' .evidence)" \
    '["logs/access.log:2","logs/access.log:4","logs/access.log:9"]'

# ---- binary files, symlink loops ----------------------------------------------------------

cp -r "$FIX/node-client" "$WORK/copy"
printf "axios.get('/rest/v1/campaigns.json');\0\0\0binary\n" >"$WORK/copy/src/blob.js"
printf '"GET /rest/v1/lists.json HTTP/1.1"\0\0\n' >"$WORK/copy/src/trace.log"
ln -s .. "$WORK/copy/src/loop"
ln -s self "$WORK/copy/src/self"
ln -s "$WORK/copy" "$WORK/copy/up"
(cd "$WORK/copy/src" && ln -s a b && ln -s b a)
run timeout 30 "$MINROLE" scan -f json "$WORK/copy"
expect_rc "symlink loops and binary files: no hang, no crash, exit 1" 1
same "binary files skipped" "$(jq -c '[.files, .skipped_files]' <<<"$out")" '[2,2]'
same "binary and looped files add nothing" "$(endpoints | wc -l | tr -d ' ')" "6"
lacks "binary file's path not reported" "$out" "campaigns"
lacks "binary log's path not reported" "$out" "lists.json"

# ---- redaction in every output ------------------------------------------------------------

# Extra secrets where a scan might echo them: unmatched code paths, unmatched log lines.
mkdir -p "$WORK/secrets"
cat >"$WORK/secrets/leaky.js" <<'EOF'
axios.get('/rest/v1/nope.json?access_token=SECRET-TOKEN-12345&client_secret=SHHH-9876');
const x = '/rest/v1/lists/{id}/leads.json?access_token=SECRET-TOKEN-12345';
axios.get(`/rest/v1/leads.json?client_id=abc&client_secret=SHHH-9876`, { headers: { Authorization: 'Bearer SECRET-TOKEN-12345' } });
EOF
cat >"$WORK/secrets/access.log" <<'EOF'
1.2.3.4 - - [12/Mar/2025:06:00:01 +0000] "GET /rest/v1/nothere.json?access_token=SECRET-TOKEN-12345 HTTP/1.1" 404 1 "-" "curl/8"
1.2.3.4 - - [12/Mar/2025:06:00:02 +0000] "GET https://x.mktorest.com/rest/v1/leads.json?client_secret=SHHH-9876 HTTP/1.1" 200 1 "-" "Authorization: Bearer SECRET-TOKEN-12345"
EOF
cat >"$WORK/role.yaml" <<'EOF'
role: scanned-sync
permissions:
  - Read-Only Lead
  - Read-Write Assets
EOF
ALL=(node-client python java logs "$WORK/secrets")
for f in yaml json text; do
    run "$MINROLE" scan -f "$f" --include-vendored --no-gitignore "${ALL[@]}"
    no_secrets "scan -f $f" "$out$err"
    [[ -n "$out" ]] && pass || fail "scan -f $f: empty output" "$err"
done
for f in text json yaml md; do
    run "$MINROLE" recommend --scan node-client --scan python --scan java --scan logs --scan "$WORK/secrets" -f "$f"
    no_secrets "recommend --scan -f $f" "$out$err"
    expect_rc "recommend --scan -f $f: exit 1" 1
done
for f in text json md sarif; do
    run "$MINROLE" audit --role "$WORK/role.yaml" --no-policy --scan node-client --scan python --scan java --scan logs \
        --scan "$WORK/secrets" -f "$f"
    no_secrets "audit --scan -f $f" "$out$err"
    [[ -n "$out" ]] && pass || fail "audit --scan -f $f: empty output" "$err"
done
run "$MINROLE" scan -f json "$WORK/secrets"
contains "redaction keeps the parameter name" "$out" "client_secret=<redacted>"
contains "redaction keeps the Authorization scheme" "$out" "Authorization: Bearer <redacted>"
same "unmatched text carries no query" "$(jq -r '.unmatched[].text' <<<"$out" | LC_ALL=C sort)" "GET /rest/v1/nope.json
GET /rest/v1/nothere.json"

# ---- audit --scan ---------------------------------------------------------------------------

run "$MINROLE" audit --role "$WORK/role.yaml" --no-policy --scan java -f json
expect_rc "audit --scan java: findings, exit 1" 1
same "audit --scan java: minimal role" "$(jq -r '.minimal_role[0].permissions | sort | join(", ")' <<<"$out")" \
    "Read-Only Activity, Read-Write Lead"
same "audit --scan java: missing permissions reported" \
    "$(jq -r '[.findings[] | select(.rule == "missing-permission")] | length > 0' <<<"$out")" "true"

# ---- the YAML intent round-trips through recommend ----------------------------------------

for set in "python" "java logs/app.jsonl" "node-client logs"; do
    read -r -a roots <<<"$set"
    run "$MINROLE" scan -f yaml "${roots[@]}"
    scan_rc=$rc
    printf '%s\n' "$out" >"$WORK/intent.yaml"
    scan_args=()
    for r in "${roots[@]}"; do scan_args+=(--scan "$r"); done
    run "$MINROLE" recommend "$WORK/intent.yaml" -f json
    from_yaml=$out
    yaml_rc=$rc
    run "$MINROLE" recommend "${scan_args[@]}" -f json
    same "YAML intent of [$set]: same role as recommend --scan" "$(permissions)" "$(out=$from_yaml permissions)"
    same "YAML intent of [$set]: same exit status as recommend --scan" "$yaml_rc" "$rc"
    same "YAML intent of [$set]: scan and recommend agree on completeness" "$scan_rc" "$rc"
    same "YAML intent of [$set]: same operations" \
        "$(jq -c '[.workspaces[].operations[] | [.input, .status, .endpoint]]' <<<"$out")" \
        "$(jq -c '[.workspaces[].operations[] | [.input, .status, .endpoint]]' <<<"$from_yaml")"
done
run "$MINROLE" scan -f yaml python
contains "YAML intent: kind" "$out" "kind: intent"
contains "YAML intent: leadId params" "$out" 'params: [leadId]'
contains "YAML intent: evidence note" "$out" "python/sync_leads.py:30 (1 sighting)"
# Piped on standard input as well.
run bash -c "\"$MINROLE\" scan -f yaml python | \"$MINROLE\" recommend - -f json"
same "YAML intent on stdin" "$(permissions)" "Read-Only Assets, Read-Write Lead"

# ---- bad input ----------------------------------------------------------------------------

run "$MINROLE" scan "$WORK/does-not-exist"
expect_err "scan of a nonexistent path" "^minrole: error: .*does-not-exist.*no such file or directory$"
run "$MINROLE" scan python "$WORK/does-not-exist" -f json
expect_err "scan with one nonexistent path among good ones" "does-not-exist"
run "$MINROLE" recommend --scan "$WORK/does-not-exist"
expect_err "recommend --scan of a nonexistent path" "^minrole: error: .*does-not-exist.*no such file or directory$"
run "$MINROLE" audit --role "$WORK/role.yaml" --no-policy --scan "$WORK/does-not-exist"
expect_err "audit --scan of a nonexistent path" "does-not-exist"
run "$MINROLE" scan -f xml python
expect_rc "scan -f xml: usage error" 2
run "$MINROLE" scan
expect_rc "scan without a path: usage error" 2

# ---- determinism --------------------------------------------------------------------------

for f in json yaml text; do
    "$MINROLE" scan -f "$f" --include-vendored node-client python java logs >"$WORK/det1.$f" 2>&1
    "$MINROLE" scan -f "$f" --include-vendored node-client python java logs >"$WORK/det2.$f" 2>&1
    if cmp -s "$WORK/det1.$f" "$WORK/det2.$f"; then pass; else fail "scan -f $f is not byte-identical" "$(diff "$WORK/det1.$f" "$WORK/det2.$f" | head -n 20)"; fi
done
"$MINROLE" recommend --scan node-client --scan logs -f json >"$WORK/rdet1" 2>&1
"$MINROLE" recommend --scan node-client --scan logs -f json >"$WORK/rdet2" 2>&1
if cmp -s "$WORK/rdet1" "$WORK/rdet2"; then pass; else fail "recommend --scan is not byte-identical"; fi

# ---- a 50 MB log scans in flat memory -----------------------------------------------------

big="$WORK/big/access.log"
mkdir -p "$WORK/big"
awk 'BEGIN {
    for (i = 0; i < 270000; i++) {
        printf "10.0.%d.%d - - [12/Mar/2025:06:%02d:%02d +0000] \"GET /rest/v1/lead/%d.json?fields=email,firstName,lastName&access_token=SECRET-TOKEN-12345 HTTP/1.1\" 200 %d \"-\" \"python-requests/2.31.0\"\n", i % 250, i % 200, (i / 60) % 60, i % 60, 100000 + i, 900 + i % 97
        if (i % 1000 == 0) printf "10.0.0.1 - - [12/Mar/2025:06:00:00 +0000] \"OPTIONS /rest/v1/leads.json HTTP/1.1\" 204 0 \"-\" \"Mozilla/5.0\"\n"
    }
}' >"$big"
size=$(wc -c <"$big")
if ((size >= 50000000)); then pass; else fail "generated log is only $size bytes"; fi
if [[ -n $SANITIZED ]]; then
    run "$MINROLE" scan -f json "$big"
    expect_rc "50 MB log: exit 0" 0
    skip "50 MB log memory check: no memory ceiling under AddressSanitizer"
elif [[ -x /usr/bin/time ]]; then
    run /usr/bin/time -v "$MINROLE" scan -f json "$big"
    echo "max RSS: $(sed -n "s/^[[:space:]]*Maximum resident set size (kbytes): //p" <<<"$err") kB" >&2
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' <<<"$err")
    expect_rc "50 MB log: exit 0" 0
    if [[ -n "$rss" ]] && ((rss < 60000)); then pass; else fail "50 MB log: max RSS ${rss:-?} kB, want < 60000" "$err"; fi
    # /usr/bin/time appends to stderr; the report is stdout only.
else
    run "$MINROLE" scan -f json "$big"
    expect_rc "50 MB log: exit 0" 0
    skip "50 MB log memory check: /usr/bin/time not available"
fi
same "50 MB log: one operation, every request counted" "$(jq -c '[.operations[] | [.endpoint, .calls]]' <<<"$out")" \
    '[["GET /rest/v1/lead/{leadId}.json",270000]]'
same "50 MB log: lines" "$(jq -c .lines <<<"$out")" "270270"
no_secrets "50 MB log output" "$out"

# ---- SDK maps: regenerated byte for byte; applications that only call an SDK ----------------

run bash "$SRC/tools/regenerate-sdk-maps.sh" --check "$MINROLE"
expect_rc "data/sdks/*.yaml regenerate byte-identically from third_party/sdk-*" 0
same "import-sdk --check prints nothing when equal" "$out" ""

run "$MINROLE" scan -f json sdk-node
expect_rc "node-marketo-rest app: exit 1 (an SDK method not in the map)" 1
same "node-marketo-rest app: operations from SDK calls" "$(endpoints)" "GET /rest/v1/leads.json
POST /rest/v1/leads.json
POST /rest/v1/lists/{listId}/leads.json"
same "node-marketo-rest app: the unknown method is reported, not dropped" "$(jq -c '[.unmatched[].text]' <<<"$out")" \
    '["SDK node-marketo-rest: lead.frobnicate (not in the map)"]'
contains "node-marketo-rest app: derivation names the SDK method and its source" "$out" \
    '"derivation": "SDK node-marketo-rest@0.7.8 lead.find (lib/api/lead.js:35)"'
run "$MINROLE" recommend --scan sdk-node/app.js --format json
same "node-marketo-rest app: exact role" "$(jq -c '[.workspaces[].permissions[]]' <<<"$out")" '["Read-Write Lead"]'

run "$MINROLE" scan -f json sdk-python
expect_rc "marketorestpython app: exit 1 (an SDK method not in the map)" 1
same "marketorestpython app: operations from execute(method=...)" "$(endpoints)" "GET /identity/oauth/token
GET /rest/v1/lead/{leadId}.json
POST /rest/v1/leads.json"
same "marketorestpython app: the unknown method is reported" "$(jq -c '[.unmatched[].text]' <<<"$out")" \
    '["SDK marketorestpython: no_such_method (not in the map)"]'

# delete_lead sends DELETE /rest/v1/leads.json, which no rule matches: the map keeps it as
# unmatched, and an application calling the method reports it like any other unmatched call.
run "$MINROLE" scan -f json sdk-python-unmatched
expect_rc "SDK method with a request no rule matches: scan exits 1" 1
same "SDK method with a request no rule matches: reported unmatched, with the SDK method as evidence" \
    "$(jq -c '[.unmatched[] | [.text, .sightings[0].file, .sightings[0].line, .sightings[0].function, (.sightings[0].derivation | startswith("SDK marketorestpython@0.5.25 delete_lead (marketorestpython/client.py:"))]]' <<<"$out")" \
    '[["DELETE /rest/v1/leads.json","sdk-python-unmatched/purge.py",7,"purge",true]]'
run "$MINROLE" recommend --scan sdk-python-unmatched
expect_rc "SDK method with a request no rule matches: recommend --scan exits 1" 1
contains "SDK method with a request no rule matches: recommend says so" "$out" "! unmatched: DELETE /rest/v1/leads.json"
printf 'kind: role\nrole: purge\npermissions: [Read-Only Lead]\n' >"$WORK/purge-role.yaml"
run "$MINROLE" audit --no-policy --role "$WORK/purge-role.yaml" --scan sdk-python-unmatched -f json
expect_rc "SDK method with a request no rule matches: audit --scan exits 1" 1
same "SDK method with a request no rule matches: the role is exact, the unmatched call is the only finding" \
    "$(jq -c '[.findings[].rule]' <<<"$out")" '["unmatched-operation"]'
run "$MINROLE" audit --no-policy --role "$WORK/purge-role.yaml" --scan sdk-python-unmatched
contains "SDK method with a request no rule matches: audit says so" "$out" \
    "'DELETE /rest/v1/leads.json' in workspace Default [sdk-python-unmatched/purge.py:7 (1 sighting)]: no endpoint rule matches DELETE /rest/v1/leads.json [unmatched-operation]"

run "$MINROLE" scan -f json sdk-python-export
expect_rc "marketorestpython bulk export app: exit 0" 0
same "marketorestpython bulk export app: create, enqueue, status, file of activities only" "$(endpoints)" \
    "GET /bulk/v1/activities/export/{exportId}/file.json
GET /bulk/v1/activities/export/{exportId}/status.json
GET /identity/oauth/token
POST /bulk/v1/activities/export/create.json
POST /bulk/v1/activities/export/{exportId}/enqueue.json"
run "$MINROLE" recommend --scan sdk-python-export --format json
same "marketorestpython bulk export app: exact role" "$(jq -c '[.workspaces[].permissions[]]' <<<"$out")" '["Read-Only Activity"]'

# import-sdk attributes to each public method what it can send: a private helper inlined with the
# method's arguments (entity, state) gives that entity's and state's operation only, a state
# table's method and suffix included; the token request comes from authenticate() as elsewhere.
(cd "$SRC/tests/fixtures/sdk-import/python" &&
    "$MINROLE" import-sdk . --name exportsdk --version 1 --style dispatch --dispatch execute --dispatch-argument method) \
    >"$WORK/exportsdk.yaml" 2>&1
same "import-sdk: each bulk-export method maps to its own operations" \
    "$(grep -E '^  - name|operations' "$WORK/exportsdk.yaml" | paste -d' ' - - | sed 's/^  - name: //; s/ *operations: / /')" \
    '"authenticate" ["GET /identity/oauth/token"]
"create_activities_export_job" ["GET /identity/oauth/token", "POST /bulk/v1/activities/export/create.json"]
"create_leads_export_job" ["GET /identity/oauth/token", "POST /bulk/v1/leads/export/create.json"]
"enqueue_leads_export_job" ["GET /identity/oauth/token", "POST /bulk/v1/leads/export/{exportId}/enqueue.json"]
"get_activities_export_job_status" ["GET /bulk/v1/activities/export/{exportId}/status.json", "GET /identity/oauth/token"]
"get_custom_objects_export_job_file" ["GET /bulk/v1/customobjects/{apiName}/export/{exportId}/file.json", "GET /identity/oauth/token"]'
# What import-sdk could not read fully is said on stderr (the map is still written): a file over
# the parse limit, and a file whose evaluation went over its step budget.
cp -r "$SRC/tests/fixtures/sdk-import/python" "$WORK/noted-sdk"
printf 'import requests\nrequests.get("https://x.mktorest.com/rest/v1/leads.json")\n%s\n' "$(head -c 300 /dev/zero | tr '\0' '#')" \
    >"$WORK/noted-sdk/big.py"
MINROLE_PARSE_MAX_BYTES=200 run "$MINROLE" import-sdk "$WORK/noted-sdk" --name noted --version 1
expect_rc "import-sdk: a file over the parse limit still writes the map" 0
contains "import-sdk: a file over the parse limit is a warning naming it" "$err" \
    "minrole: warning: big.py: not parsed: a 375-byte file is over the 200-byte parse limit (MINROLE_PARSE_MAX_BYTES); methods"
contains "import-sdk: the warning says what it means for the map" "$err" "methods it defines may be missing from the map"
MINROLE_EVAL_MAX_STEPS=50 run "$MINROLE" import-sdk "$WORK/noted-sdk" --name noted --version 1
contains "import-sdk: an evaluation over its step budget is a warning" "$err" "evaluation stopped after 50 steps (MINROLE_EVAL_MAX_STEPS)"
# A Readable's this.push(record) / self.push(null) is not the SDK's Lead.push.
(cd "$SRC/tests/fixtures/sdk-import/node" && "$MINROLE" import-sdk . --name streamsdk --version 1) >"$WORK/streamsdk.yaml" 2>&1
same "import-sdk: a stream's push() is not a request" "$(grep -E '^  - name' "$WORK/streamsdk.yaml")" '  - name: "Lead.find"
  - name: "Lead.push"'

printf 'kind: sdk\nname: acme-marketo\nversion: "1.0"\nlanguage: javascript\nmodules: [acme-marketo]\nmethods:\n  - name: leads.sync\n    operations: ["POST /rest/v1/leads.json"]\n' >"$WORK/acme.yaml"
mkdir -p "$WORK/acme-app"
printf "const acme = require('acme-marketo');\nacme.client.leads.sync(rows);\n" >"$WORK/acme-app/app.js"
run "$MINROLE" scan -f json "$WORK/acme-app" --sdk "$WORK/acme.yaml"
expect_rc "--sdk FILE: a user's own map" 0
same "--sdk FILE: its operations" "$(endpoints)" "POST /rest/v1/leads.json"
printf 'kind: sdk\nname: x\n' >"$WORK/bad-sdk.yaml"
run "$MINROLE" scan "$WORK/acme-app" --sdk "$WORK/bad-sdk.yaml"
expect_rc "--sdk with a broken map: exit 2" 2
contains "--sdk with a broken map: located error" "$err" "bad-sdk.yaml:"

# A cut unmatched list says how many it left out, in every format. The list keeps the first 10000
# distinct unmatched paths; 10003 distinct paths, the last seen three times, leave 5 sightings out.
{
    for i in $(seq 0 10002); do
        printf '10.0.0.1 - - [28/Nov/2026:02:00:02 +0000] "GET /rest/v1/nosuch%d.json HTTP/1.1" 404 0\n' "$i"
    done
    printf '10.0.0.1 - - [28/Nov/2026:02:00:03 +0000] "GET /rest/v1/nosuch10002.json HTTP/1.1" 404 0\n%.0s' 1 2
} >"$WORK/junk.log"
left='5 more sightings of unmatched paths left out: a scan lists at most 10000 distinct unmatched paths'
run "$MINROLE" scan -f json "$WORK/junk.log"
same "cut unmatched list: JSON keeps 10000 and counts the rest" "$(jq -c '[(.unmatched | length), .unmatched_left_out]' <<<"$out")" '[10000,5]'
run "$MINROLE" scan -f text "$WORK/junk.log"
contains "cut unmatched list: text says so" "$out" "  ! $left"
run "$MINROLE" scan "$WORK/junk.log"
contains "cut unmatched list: the YAML intent says so" "$out" "# $left"
run "$MINROLE" recommend --scan "$WORK/junk.log" -f json
same "cut unmatched list: recommend JSON" "$(jq -c '[.complete, .unmatched_left_out]' <<<"$out")" '[false,5]'
for f in text md yaml html; do
    run "$MINROLE" recommend --scan "$WORK/junk.log" -f $f
    contains "cut unmatched list: recommend --format $f says so" "${out//\\/}" "$left"
done
run "$MINROLE" recommend "$SRC/examples/crm-lead-sync.yaml" -f json
same "recommend without a scan: nothing left out" "$(jq -c '.unmatched_left_out' <<<"$out")" '0'
for f in json sarif md html text; do
    run "$MINROLE" audit --no-policy --role "$SRC/examples/roles/over-broad.yaml" --scan "$WORK/junk.log" -f $f
    contains "cut unmatched list: audit --format $f has the finding" "${out//\\/}" "$left" # md escapes ':'

done

# ---- an SDK method not in the map, with no close one: no empty "closest:" -------------------
mkdir -p "$WORK/sdk-nomap"
printf "from marketorestpython.client import MarketoClient\nmc = MarketoClient('a', 'b', 'c')\nmc.execute(method='get_lead_by_idz', id=1)\n" \
    >"$WORK/sdk-nomap/b.py"
run "$MINROLE" scan "$WORK/sdk-nomap"
contains "sdk not in the map: listed as unmatched" "$out" "(not in the map)"
lacks "sdk not in the map: no empty closest list" "$out" "closest:  "

# ---- recommend --scan says which permissions only test code needs --------------------------
mkdir -p "$WORK/testonly/src" "$WORK/testonly/tests"
printf 'import requests\nrequests.get("https://x.mktorest.com/rest/v1/leads.json")\n' >"$WORK/testonly/src/a.py"
printf 'import requests\nrequests.post("https://x.mktorest.com/rest/v1/leads/delete.json")\n' >"$WORK/testonly/tests/test_x.py"
run "$MINROLE" recommend --scan "$WORK/testonly"
contains "test only: text marks the permission only tests need" "$out" "(only because of test code)"
run "$MINROLE" recommend --scan "$WORK/testonly" -f json
same "test only: json justification flags" \
    "$(jq -c '[.workspaces[0].justification[] | [.permission, .test_only]]' <<<"$out")" \
    '[["Read-Write Lead",true]]'
for f in md yaml html; do
    run "$MINROLE" recommend --scan "$WORK/testonly" -f $f
    contains "test only: recommend --format $f shows it" "$out" "only because of test code"
done

# ---- the same SDK vendored into several applications: each use reads the nearest copy --------
# Eight copies of node-marketo-rest once made every field and function lookup read all eight
# (8^depth evaluations: the step budget stopped files with notes and paths went missing). With
# a budget one copy needs a fraction of, eight copies scan like one, each sighted eight times.
for i in 1 2 3 4 5 6 7 8; do
    mkdir -p "$WORK/copies/app$i" && cp -r "$SRC/third_party/sdk-node-marketo-rest" "$WORK/copies/app$i/sdk"
done
MINROLE_EVAL_MAX_STEPS=20000 run "$MINROLE" scan -f json "$WORK/copies/app1"
one_copy=$(jq -c '[.operations[] | [.method, .path]]' <<<"$out")
one_copy_calls=$(jq -c '[.operations[] | .calls * 8]' <<<"$out")
MINROLE_EVAL_MAX_STEPS=20000 run "$MINROLE" scan -f json "$WORK/copies"
same "copies: eight copies of one SDK stay within a budget one copy fits (no notes)" "$(jq -c '.notes // []' <<<"$out")" '[]'
same "copies: eight copies give the operations of one" "$(jq -c '[.operations[] | [.method, .path]]' <<<"$out")" "$one_copy"
same "copies: every call is counted in all eight" "$(jq -c '[.operations[] | .calls]' <<<"$out")" "$one_copy_calls"

finish

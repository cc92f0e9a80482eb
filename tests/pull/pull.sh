#!/usr/bin/env bash
# End-to-end tests of `minrole instance pull` and `audit --instance --pull` against a local
# Marketo stand-in (tests/pull/server.py, 127.0.0.1 only, HTTPS with a certificate made here by
# the openssl CLI, or plain HTTP). One server per case; each case checks the snapshot or the
# exact error and exit 2, the number of calls the server saw and the number minrole reports.
# At the end no credential or token may appear in any file or output. ctest runs it with
# MINROLE (the binary) and SRC (the source tree).
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
DATA="$SRC/examples/instance/api"
SERVER="$SRC/tests/pull/server.py"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-pull.XXXXXX")
SERVER_PID=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK" || exit 1
source "$SRC/tests/cli/lib.sh"

for tool in python3 openssl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIPPED: tests/pull needs $tool (make deps installs it)"
        echo "0 passed, 0 failed, 1 skipped"
        exit 0
    fi
done

if [[ ! -x "$(dirname "$MINROLE")/minrole-http" ]]; then
    echo "SKIPPED: tests/pull needs minrole-http beside minrole (built when libcurl4-openssl-dev is installed)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi

# Proxies from the caller's environment would route 127.0.0.1 elsewhere.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
# The stand-in knows the credentials from its environment, minrole from its own; neither
# ever writes them down. A made-up id and secret, recognisable in a leak search.
CLIENT_ID="cid-5e0c7a91-pulltest"
CLIENT_SECRET="sec-Q3v8ZkL2pWx9-pulltest"
export STANDIN_CLIENT_ID=$CLIENT_ID STANDIN_CLIENT_SECRET=$CLIENT_SECRET

# A self-signed certificate for 127.0.0.1, made now (nothing secret is kept in the tree).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
    -subj "/CN=minrole pull test" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1 ||
    { echo "FAIL: openssl could not make a certificate"; exit 1; }

OUTPUTS="$WORK/outputs"
mkdir -p "$OUTPUTS"
n_run=0

# start_server SCENARIO [tls|http] [server options...]
start_server() {
    local scenario=$1 mode=${2:-tls}
    shift 2 || shift $#
    stop_server
    rm -f "$WORK/log.jsonl" "$WORK/port"
    local tls=()
    [[ "$mode" == tls ]] && tls=(--cert "$WORK/cert.pem" --key "$WORK/key.pem")
    python3 "$SERVER" --data "$DATA" --scenario "$scenario" --log "$WORK/log.jsonl" --port-file "$WORK/port" \
        --lifetime 60 "${tls[@]}" "$@" 2>"$WORK/server.err" &
    SERVER_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -s "$WORK/port" ]] && break
        sleep 0.05
    done
    PORT=$(cat "$WORK/port" 2>/dev/null)
    [[ -n "$PORT" ]] || { echo "FAIL: the test server did not start"; cat "$WORK/server.err"; exit 1; }
    if [[ "$mode" == tls ]]; then URL="https://127.0.0.1:$PORT"; else URL="http://127.0.0.1:$PORT"; fi
    : >"$WORK/log.jsonl"
}
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=""
    fi
}

# pull ARGS... : minrole with the credentials in its environment; output kept for the leak search.
pull() {
    run env MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" "$MINROLE" "$@"
    n_run=$((n_run + 1))
    printf '%s' "$out" >"$OUTPUTS/$n_run.out"
    printf '%s' "$err" >"$OUTPUTS/$n_run.err"
}

# calls NAME WANT : the server saw WANT requests.
calls() {
    local got
    got=$(grep -c '' "$WORK/log.jsonl")
    if [[ "$got" == "$2" ]]; then pass; else fail "$1: the server saw $got calls, expected $2" "$(cat "$WORK/log.jsonl")"; fi
}
# outcomes NAME WANT : the server's outcomes in order, space-separated.
outcomes() {
    local got
    got=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["outcome"] for l in open(sys.argv[1])))' "$WORK/log.jsonl")
    if [[ "$got" == "$2" ]]; then pass; else fail "$1: outcomes '$got', expected '$2'"; fi
}
no_snapshot() {
    if [[ ! -e "$1" ]] && ! compgen -G "$(dirname "$1")/.$(basename "$1").pull-*" >/dev/null; then
        pass
    else
        fail "$2: a snapshot or a temporary folder was left behind" "$(ls -la "$(dirname "$1")")"
    fi
}

FAST=(--backoff-ms 5)
ALL_OK="token ok ok ok ok ok ok ok ok"

# ---- a pull that works: every call once, the documented shapes, one token ----
start_server ok
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o snap "${FAST[@]}"
expect_rc "pull: exit 0" 0
contains "pull: summary" "$out" "pulled 4 users, 4 roles, 3 workspaces and 2 lead partitions from $URL in 9 calls (1 token request, 0 retries)"
calls "pull: calls" 9
outcomes "pull: outcomes" "$ALL_OK"
for f in minrole-snapshot.json instance.yaml users/allusers.json users/roles.json users/workspaces.json \
    user-roles/2101.json user-roles/2102.json user-roles/2103.json user-roles/2104.json leads/partitions.json; do
    [[ -f "snap/$f" ]] && pass || fail "pull: snap/$f missing" "$(find snap | sort)"
done
pycheck "pull: allusers.json is the server's users" snap/users/allusers.json "
want = json.load(open('$DATA/users/allusers.json'))
assert d == want, d"
pycheck "pull: a user's roles" snap/user-roles/2101.json "
assert d == json.load(open('$DATA/user-roles/crm-sync@acme.example.json')), d"
pycheck "pull: partitions in the REST envelope" snap/leads/partitions.json "
assert d['success'] is True and [p['name'] for p in d['result']] == ['Default', 'EMEA'], d"
pycheck "pull: the marker says what was pulled" snap/minrole-snapshot.json "
assert d['schema'] == 'minrole/snapshot/v1' and d['calls'] == 9 and d['token_requests'] == 1, d
assert d['counts'] == {'users': 4, 'roles': 4, 'workspaces': 3, 'partitions': 2}, d
assert d['base_url'] == '$URL', d"
pycheck "pull: instance.yaml imports the snapshot" snap/instance.yaml "
assert d['kind'] == 'instance' and d['import']['user_roles'] == 'user-roles', d
assert d['partitions'] == ['Default', 'EMEA'], d"
contains "pull: instance.yaml says what to add" "$(cat snap/instance.yaml)" "held by an API-Only user: required"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]; assert all(not json.loads(l).get("credentials_in_query") for l in open(sys.argv[1]))' "$WORK/log.jsonl" &&
    pass || fail "pull: credentials went in a query string"

# The generated file audits once the roles an API-Only user holds have permissions; until
# then the audit says what is missing.
run "$MINROLE" audit --instance snap/instance.yaml --no-policy
expect_err "generated instance.yaml: names the missing permissions" "role 'Lead Sync' is held by API-Only user 'crm-sync@acme.example' but its permissions are unknown"

# A second pull replaces the snapshot (atomically: the marker is the previous pull's).
cp -r snap snap-first
echo "stale" >snap/stale.txt
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o snap "${FAST[@]}"
expect_rc "re-pull: exit 0" 0
[[ ! -e snap/stale.txt && -f snap/minrole-snapshot.json ]] && pass || fail "re-pull: the old snapshot was not replaced"
# An unchanged instance pulls to the same bytes, but for the marker (its time): nightly diffs show only change.
diff -r -x minrole-snapshot.json snap-first snap >/dev/null && pass || fail "re-pull: the files changed" "$(diff -r snap-first snap)"
no_snapshot "$WORK/nothing-here" "re-pull: temporary folders"
# A folder that is not a snapshot is never replaced.
mkdir -p precious && echo keep >precious/notes.txt
: >"$WORK/log.jsonl"
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o precious "${FAST[@]}"
expect_err "pull: refuses to replace a folder it did not write" "precious: exists and is not a snapshot"
calls "pull: refuses before any call" 0
[[ "$(cat precious/notes.txt)" == keep ]] && pass || fail "pull: touched a folder it did not write"

# ---- paging: pageSize 2 over 4 users = pages at 0, 2 and an empty one at 4 ----
start_server ok
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o paged --page-size 2 "${FAST[@]}"
expect_rc "paging: exit 0" 0
calls "paging: calls" 11
contains "paging: offsets" "$(cat "$WORK/log.jsonl")" "pageOffset=4&pageSize=2"
cmp -s <(python3 -m json.tool paged/users/allusers.json) <(python3 -m json.tool snap/users/allusers.json) &&
    pass || fail "paging: the pages do not add up to the users"

# ---- token expiry mid-pagination: 602 on page 2, one new token, the page again ----
start_server expire-mid-pagination
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o expired --page-size 2 "${FAST[@]}"
expect_rc "602 mid-pagination: exit 0" 0
calls "602 mid-pagination: calls" 13
outcomes "602 mid-pagination: outcomes" "token ok ok ok 602 token ok ok ok ok ok ok ok"
contains "602 mid-pagination: summary" "$out" "in 13 calls (2 token requests, 0 retries)"
cmp -s expired/users/allusers.json paged/users/allusers.json && pass || fail "602 mid-pagination: users differ"

# ... and a token the server keeps refusing: one refresh, then a clear stop.
start_server expire-always
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o never "${FAST[@]}"
expect_err "602 twice: stops" "^minrole: error: GET /userservice/management/v1/users/roles.json failed: Marketo error 602 'Access token expired' again with a new access token \(access token expired\)$"
calls "602 twice: calls" 5
no_snapshot "$WORK/never" "602 twice"

# ---- 606 (rate limit) then success: backoff, the same call again ----
start_server rate-606
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o rate "${FAST[@]}"
expect_rc "606: exit 0" 0
outcomes "606: outcomes" "token ok ok ok ok ok ok ok 606 ok"
contains "606: one retry" "$out" "in 10 calls (1 token request, 1 retry)"

# ---- 615 (concurrency limit) twice, then success ----
start_server concurrency-615
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o conc "${FAST[@]}"
expect_rc "615: exit 0" 0
outcomes "615: outcomes" "token 615 615 ok ok ok ok ok ok ok ok"
contains "615: two retries" "$out" "in 11 calls (1 token request, 2 retries)"
# ... more often than --retries allows: exit 2, naming the call.
start_server concurrency-615
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o conc2 --retries 1 "${FAST[@]}"
expect_err "615 past --retries" "^minrole: error: GET /userservice/management/v1/users/workspaces.json failed: Marketo error 615 'Concurrent access limit reached' \(gave up after 2 attempts\)$"
calls "615 past --retries: calls" 3
no_snapshot "$WORK/conc2" "615 past --retries"

# ---- 607 (daily quota): no retry, a clear stop naming the call, nothing written ----
start_server quota-607
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o quota "${FAST[@]}"
expect_err "607: stops" "^minrole: error: GET /userservice/management/v1/users/allusers.json\?pageOffset=0&pageSize=200 failed: Marketo error 607 'Daily quota reached' \(daily quota reached: the instance's API calls for today are spent \(the quota resets at midnight, US Central time\); nothing was written\)$"
calls "607: calls" 4
no_snapshot "$WORK/quota" "607"

# ---- another success:false error (603, access denied) stops too ----
start_server denied-603
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o denied "${FAST[@]}"
expect_err "603: stops" "^minrole: error: GET /rest/v1/leads/partitions.json failed: Marketo error 603 'Access denied' \(access denied: .*--print-role"
calls "603: calls" 9
no_snapshot "$WORK/denied" "603"

# ---- a 500, then success ----
start_server server-500
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o five "${FAST[@]}"
expect_rc "500 then success: exit 0" 0
outcomes "500 then success: outcomes" "token ok 500 ok ok ok ok ok ok ok"
# ... and a 502 every time: retried --retries times, then exit 2.
start_server server-500-always
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o five2 --retries 2 "${FAST[@]}"
expect_err "5xx always" "^minrole: error: GET /userservice/management/v1/users/roles.json failed: HTTP 502 \(gave up after 3 attempts\)$"
calls "5xx always: calls" 5
no_snapshot "$WORK/five2" "5xx always"

# ---- a response slower than --timeout: retried; always slow: exit 2 (margins for a loaded CI machine) ----
start_server slow-once tls --delay 6
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o slow1 --timeout 1.5 "${FAST[@]}"
expect_rc "slow once: exit 0" 0
outcomes "slow once: outcomes" "token slow ok ok ok ok ok ok ok ok"
contains "slow once: one retry" "$out" "in 10 calls (1 token request, 1 retry)"
start_server slow tls --delay 6
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o slow2 --timeout 1.5 --retries 1 "${FAST[@]}"
expect_err "slow always" "^minrole: error: GET /userservice/management/v1/users/workspaces.json failed: timed out \(Timeout was reached: Operation timed out after [0-9]+ milliseconds with 0 bytes received\) \(gave up after 2 attempts\)$"
calls "slow always: calls" 3
no_snapshot "$WORK/slow2" "slow always"

# ---- a malformed body: located, no retry, nothing written ----
start_server malformed
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o bad "${FAST[@]}"
expect_err "malformed" "^minrole: error: malformed JSON in the response to GET /userservice/management/v1/users/allusers.json\?pageOffset=0&pageSize=200 at line 3, column 18$"
calls "malformed: calls" 4
no_snapshot "$WORK/bad" "malformed"
# ... and a well-formed body of the wrong shape: the JSON pointer of the surprise.
start_server bad-shape
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o bad2 "${FAST[@]}"
expect_err "wrong shape" "^minrole: error: unexpected response to GET /userservice/management/v1/users/allusers.json\?pageOffset=0&pageSize=200 \(at /1/apiOnly\): expected true or false, found a string$"
calls "wrong shape: calls" 4
no_snapshot "$WORK/bad2" "wrong shape"
# ... and a server that ignores pageOffset: stopped, not an endless loop.
start_server stuck-paging
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o stuck --page-size 2 "${FAST[@]}"
expect_err "paging that does not advance" "\(at /0/id\): user id 2101 was already on an earlier page \(the paging does not advance\)$"
calls "paging that does not advance: calls" 5

# ---- partitions paged with nextPageToken ----
start_server paged-partitions
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o pp "${FAST[@]}"
expect_rc "nextPageToken: exit 0" 0
contains "nextPageToken: followed" "$(cat "$WORK/log.jsonl")" "partitions.json?nextPageToken=PAGE2"
calls "nextPageToken: calls" 10
pycheck "nextPageToken: both pages" pp/leads/partitions.json "assert [p['name'] for p in d['result']] == ['Default', 'EMEA'], d"

# ---- TLS: a self-signed certificate is refused without --cacert ----
start_server ok
pull instance pull --base-url "$URL" -o tls "${FAST[@]}"
expect_err "self-signed refused" "^minrole: error: POST /identity/oauth/token failed: TLS verification failed \(.*self-signed certificate.*\); for a private certificate authority pass --cacert FILE$"
calls "self-signed refused: no request got through" 0
no_snapshot "$WORK/tls" "self-signed refused"

# ---- wrong credentials: the identity error, without the secret ----
start_server ok
run env MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="not-the-secret-x1" "$MINROLE" instance pull --base-url "$URL" \
    --cacert "$WORK/cert.pem" -o wrong "${FAST[@]}"
expect_err "wrong secret" "^minrole: error: POST /identity/oauth/token failed: HTTP 401 'invalid_client': 'Bad client credentials' \(check MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET, and that the Custom Service is active\)$"
lacks "wrong secret: not echoed" "$err" "not-the-secret-x1"
calls "wrong secret: calls" 1

# ---- credentials: none, a file with a loose mode, a good file ----
run env -u MARKETO_CLIENT_ID -u MARKETO_CLIENT_SECRET "$MINROLE" instance pull --base-url "$URL" -o none
expect_err "no credentials" "^minrole: error: no credentials found; set MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET"
printf 'MARKETO_CLIENT_ID=%s\nMARKETO_CLIENT_SECRET="%s"\n' "$CLIENT_ID" "$CLIENT_SECRET" >"$WORK/creds.env"
chmod 644 "$WORK/creds.env"
run env -u MARKETO_CLIENT_ID -u MARKETO_CLIENT_SECRET "$MINROLE" instance pull --base-url "$URL" --cacert "$WORK/cert.pem" \
    --credentials "$WORK/creds.env" -o fromfile
expect_err "credentials file mode" "creds.env: the credentials file is readable by others \(mode 0644\): chmod 600 "
chmod 600 "$WORK/creds.env"
start_server ok
run env -u MARKETO_CLIENT_ID -u MARKETO_CLIENT_SECRET "$MINROLE" instance pull --base-url "$URL" --cacert "$WORK/cert.pem" \
    --credentials "$WORK/creds.env" -o fromfile "${FAST[@]}"
expect_rc "credentials file: exit 0" 0
calls "credentials file: calls" 9
printf 'MARKETO_CLIENT_ID=%s\n%s\n' "$CLIENT_ID" "$CLIENT_SECRET" >"$WORK/creds-bad.env"
chmod 600 "$WORK/creds-bad.env"
run env -u MARKETO_CLIENT_ID -u MARKETO_CLIENT_SECRET "$MINROLE" instance pull --base-url "$URL" \
    --credentials "$WORK/creds-bad.env" -o x
expect_err "credentials file: a bad line is located, not quoted" "creds-bad.env:2:1: expected NAME=VALUE$"
lacks "credentials file: the line is not echoed" "$err" "$CLIENT_SECRET"
# Never from argv: there is no flag for the secret.
run "$MINROLE" instance pull --base-url "$URL" --client-secret "$CLIENT_SECRET" -o x
[[ "$rc" == 2 ]] && pass || fail "a --client-secret flag exists" "$err"

# ---- plain HTTP: a loopback test server only; proxies from the environment ----
start_server ok http
pull instance pull --base-url "$URL" -o plain "${FAST[@]}"
expect_rc "http on 127.0.0.1: exit 0" 0
run "$MINROLE" instance pull --base-url "http://marketo.example.com" -o x
expect_err "http elsewhere refused" "would send the client secret unencrypted: use https"
# http_proxy: the request goes to the proxy (the stand-in serves absolute-form requests), for
# a host that does not exist.
start_server ok http
run env http_proxy="http://127.0.0.1:$PORT" MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" \
    "$MINROLE" instance pull --base-url "http://localhost:1" -o proxied "${FAST[@]}"
expect_rc "http_proxy: exit 0" 0
python3 -c 'import json,sys; assert all(json.loads(l)["proxied"] for l in open(sys.argv[1]))' "$WORK/log.jsonl" &&
    pass || fail "http_proxy: requests did not go through the proxy" "$(cat "$WORK/log.jsonl")"
calls "http_proxy: calls" 9

# ---- the helper process: missing, and SIGTERM while a request is under way ----
start_server ok
MINROLE_HTTP_HELPER="$WORK/no-such-helper" pull instance pull --base-url "$URL" -o nohelper
expect_err "helper missing" "no-such-helper: the HTTP helper of \`instance pull\` is missing"
start_server slow tls --delay 60
(
    exec env MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" "$MINROLE" instance pull \
        --base-url "$URL" --cacert "$WORK/cert.pem" -o interrupted --timeout 30
) >"$OUTPUTS/term.out" 2>"$OUTPUTS/term.err" &
victim=$!
for ((i = 0; i < 100; i++)); do
    grep -q '"slow"' "$WORK/log.jsonl" && break
    sleep 0.05
done
started=$EPOCHREALTIME
kill -TERM "$victim"
wait "$victim"
rc=$?
elapsed=$(python3 -c "print(int(($EPOCHREALTIME - $started) * 1000))")
[[ $rc == 2 && "$(cat "$OUTPUTS/term.err")" == "minrole: error: interrupted; nothing was written" ]] && pass ||
    fail "SIGTERM: exit $rc" "$(cat "$OUTPUTS/term.err")"
((elapsed < 5000)) && pass || fail "SIGTERM: took $elapsed ms to stop"
no_snapshot "$WORK/interrupted" "SIGTERM"

# ---- the snapshot cannot be written: past `ulimit -f`, exit 2 naming the file, nothing left ----
# (SIGXFSZ killed the process in the middle of the snapshot, leaving its temporary folder.)
start_server ok
(
    ulimit -f 1
    exec env MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" "$MINROLE" instance pull \
        --base-url "$URL" --cacert "$WORK/cert.pem" -o toolarge "${FAST[@]}"
) >"$OUTPUTS/fsize.out" 2>"$OUTPUTS/fsize.err"
rc=$?
[[ $rc == 2 && "$(cat "$OUTPUTS/fsize.err")" == "minrole: error: toolarge: cannot write the snapshot: users/"*": File too large" ]] &&
    pass || fail "ulimit -f: exit $rc (want 2)" "$(cat "$OUTPUTS/fsize.err")"
no_snapshot "$WORK/toolarge" "ulimit -f"

# A folder where the snapshot cannot be created (a read-only file system, in a private mount
# namespace): the error names the snapshot, not its temporary folder.
if [[ $(id -u) == 0 ]] && unshare -m --propagation private true 2>/dev/null; then
    start_server ok
    mkdir -p readonly-fs
    rc=$(env MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" unshare -m --propagation private sh -c \
        'mount -t tmpfs -o ro minrole-test "$1" || exit 99; shift; "$@" >/dev/null; echo $?' - readonly-fs \
        "$MINROLE" instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o readonly-fs/snap "${FAST[@]}" 2>"$OUTPUTS/rofs.err")
    [[ $rc == 2 && "$(cat "$OUTPUTS/rofs.err")" == "minrole: error: readonly-fs/snap: cannot write the snapshot: cannot create the folder: Read-only file system" ]] &&
        pass || fail "read-only file system: exit $rc (want 2)" "$(cat "$OUTPUTS/rofs.err")"
else
    skip "instance pull onto a read-only file system (needs root and a private mount namespace)"
fi

# ---- progress on a terminal (script(1) gives minrole one), none otherwise ----
if command -v script >/dev/null 2>&1; then
    start_server ok
    MARKETO_CLIENT_ID="$CLIENT_ID" MARKETO_CLIENT_SECRET="$CLIENT_SECRET" script -qec \
        "$MINROLE instance pull --base-url $URL --cacert $WORK/cert.pem -o tty --page-size 1" "$OUTPUTS/tty.txt" >/dev/null 2>&1
    contains "progress on a terminal" "$(cat "$OUTPUTS/tty.txt")" "pulling: "
    lacks "no progress without a terminal" "$(cat "$OUTPUTS"/*.err)" "pulling: "
else
    skip "progress on a terminal (no script(1))"
fi

# https_proxy: a CONNECT tunnel through a second stand-in to the HTTPS one; TLS is still
# verified end to end (the certificate names localhost).
start_server ok
TLS_PORT=$PORT
python3 "$SERVER" --data "$DATA" --log "$WORK/log.jsonl" --port-file "$WORK/proxy-port" --lifetime 60 \
    --connect-to "$TLS_PORT" 2>"$WORK/proxy.err" &
PROXY_PID=$!
for ((i = 0; i < 100; i++)); do [[ -s "$WORK/proxy-port" ]] && break; sleep 0.05; done
: >"$WORK/log.jsonl"
run env https_proxy="http://127.0.0.1:$(cat "$WORK/proxy-port")" MARKETO_CLIENT_ID="$CLIENT_ID" \
    MARKETO_CLIENT_SECRET="$CLIENT_SECRET" "$MINROLE" instance pull --base-url "https://localhost:$TLS_PORT" \
    --cacert "$WORK/cert.pem" -o tunnelled "${FAST[@]}"
expect_rc "https_proxy: exit 0" 0
# Both stand-ins log to one file: one CONNECT (the connection is kept alive), then the 9 calls.
outcomes "https_proxy: one tunnel, every call through it" "tunnel $ALL_OK"
kill "$PROXY_PID" 2>/dev/null
wait "$PROXY_PID" 2>/dev/null

# ---- bad arguments ----
run "$MINROLE" instance pull --munchkin 12-AB-3 -o x
expect_err "bad munchkin" "--munchkin expects a Munchkin account id like 123-ABC-456"
run "$MINROLE" instance pull -o x
expect_err "no target" "which instance\? --munchkin ID"
run "$MINROLE" instance pull --base-url "https://user:pw@example.com" -o x
expect_err "credentials in the URL" "--base-url expects http\(s\)://HOST"
lacks "credentials in the URL: not echoed" "$err" "user:pw"
run "$MINROLE" instance pull --munchkin 123-ABC-456 --page-size 500 -o x
[[ "$rc" == 2 ]] && pass || fail "page size above 200 accepted"
start_server ok
pull instance pull --base-url "$URL"
expect_err "no -o" "instance pull needs -o DIR"
calls "no -o: no call" 0

# ---- --dry-run and --print-role make no call ----
run "$MINROLE" instance pull --munchkin 123-ABC-456 --dry-run -o snap
expect_rc "dry run: exit 0" 0
contains "dry run: identity" "$out" "POST https://123-ABC-456.mktorest.com/identity/oauth/token"
contains "dry run: paging" "$out" "allusers.json?pageOffset=0&pageSize=200"
contains "dry run: per user" "$out" "/userservice/management/v1/users/{userid}/roles.json  (once per user)"
run "$MINROLE" instance pull --print-role -f json
expect_rc "print-role: exit 0" 0
printf '%s' "$out" >role.json
pycheck "print-role: the minimal role, by recommend" role.json "
ws = d['workspaces']
assert [w['name'] for w in ws] == ['Default'], ws
perms = sorted(ws[0]['role']) if 'role' in ws[0] else sorted(p if isinstance(p, str) else p['name'] for p in ws[0]['permissions'])
assert perms == ['Access User Management Api', 'Access Users', 'Read-Only Lead'], perms"

# ---- audit --instance --pull, and the same findings as the equivalent hand-written file ----
mkdir -p acme
cp -r "$SRC/examples/instance/intents" "$SRC/examples/instance/webhook-relay" acme/
start_server ok
AUDIT_URL=$URL
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o acme/snapshot "${FAST[@]}"
expect_rc "audit setup: pull" 0
# --init writes an instance file beside the snapshot, importing it by relative paths; never replaced.
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o acme/snapshot --init acme/new.yaml "${FAST[@]}"
expect_rc "--init: exit 0" 0
contains "--init: says so" "$out" "wrote acme/new.yaml: add role permissions"
pycheck "--init: imports the snapshot" acme/new.yaml "
assert d['import'] == {'users': 'snapshot/users/allusers.json', 'user_roles': 'snapshot/user-roles',
                       'workspaces': 'snapshot/users/workspaces.json', 'roles': 'snapshot/users/roles.json'}, d['import']"
run "$MINROLE" audit --instance acme/new.yaml --no-policy
expect_err "--init: the file reads the snapshot" "acme/snapshot/users/roles.json:[0-9]+:[0-9]+: role 'Lead Sync' is held by API-Only user"
echo "# mine" >>acme/new.yaml
pull instance pull --base-url "$URL" --cacert "$WORK/cert.pem" -o acme/snapshot --init acme/new.yaml "${FAST[@]}"
contains "--init: an existing file is left alone" "$out" "acme/new.yaml exists and was left as it is"
[[ "$(tail -n 1 acme/new.yaml)" == "# mine" ]] && pass || fail "--init: replaced the user's file"
# The user's file: the example's instance-import.yaml, importing the snapshot instead.
sed -e 's#api/users/allusers.json#snapshot/users/allusers.json#' -e 's#api/user-roles#snapshot/user-roles#' \
    -e 's#api/users/workspaces.json#snapshot/users/workspaces.json#' -e 's#api/users/roles.json#snapshot/users/roles.json#' \
    "$SRC/examples/instance/instance-import.yaml" >acme/acme.yaml
cp "$SRC/tests/pull/hand-written.yaml" acme/hand-written.yaml
findings() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(d["findings"], key=lambda f: (f["rule"], f["subject"], f["message"])):
    print(f["rule"], f["severity"], f["subject"], f.get("workspace"), f.get("permission"), f["message"], sep=" | ")' "$1"
}
run "$MINROLE" audit --instance acme/acme.yaml --no-policy -f json
printf '%s' "$out" >pulled.json
run "$MINROLE" audit --instance acme/hand-written.yaml --no-policy -f json
printf '%s' "$out" >hand.json
if [[ -n "$(findings pulled.json)" && "$(findings pulled.json)" == "$(findings hand.json)" ]]; then
    pass
else
    fail "pulled snapshot vs hand-written file: findings differ" "$(diff <(findings pulled.json) <(findings hand.json))"
fi
run "$MINROLE" audit --instance "$SRC/examples/instance/instance-import.yaml" --no-policy -f json
printf '%s' "$out" >saved.json
[[ "$(findings pulled.json)" == "$(findings saved.json)" ]] && pass ||
    fail "pulled snapshot vs saved responses: findings differ" "$(diff <(findings pulled.json) <(findings saved.json))"

# audit --pull refreshes the snapshot (from the URL its marker records), then audits.
: >"$WORK/log.jsonl"
touch -d '2000-01-01' acme/snapshot/minrole-snapshot.json
pull audit --instance acme/acme.yaml --pull --cacert "$WORK/cert.pem" --no-policy -f json "${FAST[@]}"
expect_rc "audit --pull: findings, exit 1" 1
calls "audit --pull: calls" 9
contains "audit --pull: the summary on stderr" "$err" "pulled 4 users, 4 roles, 3 workspaces and 2 lead partitions from $AUDIT_URL in 9 calls"
printf '%s' "$out" >audit-pull.json
[[ "$(findings audit-pull.json)" == "$(findings pulled.json)" ]] && pass || fail "audit --pull: findings differ"
[[ acme/snapshot/minrole-snapshot.json -nt acme/acme.yaml ]] && pass || fail "audit --pull: the snapshot was not rewritten"
# A failed pull leaves the previous snapshot and audits nothing.
start_server quota-607
pull audit --instance acme/acme.yaml --pull --base-url "$URL" --cacert "$WORK/cert.pem" --no-policy "${FAST[@]}"
expect_err "audit --pull, 607: stops" "failed: Marketo error 607"
[[ -f acme/snapshot/users/allusers.json ]] && pass || fail "audit --pull, 607: the previous snapshot is gone"
# --pull needs a file importing a snapshot; never the snapshot's own instance.yaml.
run "$MINROLE" audit --instance "$SRC/examples/instance/instance.yaml" --pull
expect_err "audit --pull without import" "has no 'import: users:'"
run "$MINROLE" audit --instance "$SRC/examples/instance/instance-import.yaml" --pull
expect_err "audit --pull on saved responses" "is not in a folder written by \`minrole instance pull\`"
run "$MINROLE" audit --instance acme/snapshot/instance.yaml --pull --cacert "$WORK/cert.pem"
expect_err "audit --pull on the snapshot's own file" "is inside the snapshot --pull replaces"
run "$MINROLE" audit --instance acme/acme.yaml --munchkin 123-ABC-456
expect_err "pull options without --pull" "go with --pull"

# A saved response with a number no double holds: located, not quoted (nlohmann throws out_of_range).
mkdir -p huge && echo '[{"id": 1E666, "name": "x"}]' >huge/workspaces.json
printf 'kind: instance\nimport:\n  workspaces: workspaces.json\n' >huge/instance.yaml
run "$MINROLE" audit --instance huge/instance.yaml --no-policy
expect_err "import: a number out of range" "^minrole: error: huge/workspaces.json:[0-9]+:[0-9]+: malformed JSON in workspaces.json: a number too large to represent$"

stop_server

# ---- no credential or token anywhere: files written, outputs, the server's log ----
rm -f "$WORK/creds.env" "$WORK/creds-bad.env" # the only files that hold them on purpose
leaks=$(grep -rlF -e "$CLIENT_SECRET" -e "$CLIENT_ID" -e "TOKEN-" "$WORK" 2>/dev/null)
if [[ -z "$leaks" ]]; then pass; else fail "credentials or tokens on disk or in output" "$leaks"; fi
[[ $n_run -gt 20 ]] && pass || fail "the leak search saw only $n_run outputs"

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]

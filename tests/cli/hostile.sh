#!/usr/bin/env bash
# Hostile inputs through the real binary: every case must end with the exact one-line located
# error and exit status in tests/hostile/cases.tsv, print nothing on stdout, write no -o file,
# and finish within `timeout 20`. Big inputs (hundreds of thousands of nesting levels, a 65 MiB
# file, a ~200 MB log line) are generated here rather than committed.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment.
# HOSTILE_REGEN=1 rewrites the expectations of cases.tsv from what the binary prints (review
# the diff before committing it). The last line is always "N passed, M failed, K SKIPPED".
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
LIMIT=${HOSTILE_TIMEOUT:-20}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-hostile.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cp -R "$SRC/tests/hostile" "$WORK/h"
cd "$WORK/h" || exit 1

source "$SRC/tests/cli/lib.sh"

OUT="$WORK/out.txt"
INTENT="$SRC/examples/crm-lead-sync.yaml"
ROLE="$SRC/examples/roles/crm-lead-sync-minimal.yaml"
PERMISSIONS="$SRC/data/marketo/permissions.yaml"

# args MODE FILE : sets the array `argv` to the command line that feeds FILE as MODE.
args() {
    case $1 in
    intent) argv=(recommend "$2" -o "$OUT") ;;
    role) argv=(audit --role "$2" --intent "$INTENT" --no-policy -o "$OUT") ;;
    policy) argv=(audit --role "$ROLE" --intent "$INTENT" --policy "$2" -o "$OUT") ;;
    rules) argv=(--catalog "$PERMISSIONS" "$2" lint -o "$OUT") ;;
    catalog) argv=(--catalog "$2" lint -o "$OUT") ;;
    overrides) argv=(--overrides "$2" recommend --op getLeadsByFilterUsingGET -o "$OUT") ;;
    scan) argv=(scan "$2" -o "$OUT") ;;
    *) echo "unknown mode $1" >&2; exit 1 ;;
    esac
}

# run NAME [ENV=VALUE...] -- ARGS... : runs the binary under timeout (and /usr/bin/time -v when
# there is one); sets rc, out, err (stderr less time's report) and rss (KiB, or empty).
run() {
    local name=$1
    shift
    local env=()
    while [[ $1 != -- ]]; do env+=("$1"); shift; done
    shift
    rm -f "$OUT"
    local timer=()
    [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -v -o "$WORK/.time")
    out=$(env "${env[@]}" timeout "$LIMIT" "${timer[@]}" "$MINROLE" "$@" 2>"$WORK/.stderr" </dev/null)
    rc=$?
    err=$(cat "$WORK/.stderr")
    rss=""
    if [[ -s $WORK/.time ]]; then
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/.time")
        rm -f "$WORK/.time"
    fi
    if [[ $rc == 124 ]]; then
        fail "$name: timed out after ${LIMIT}s"
        return 1
    fi
}

# expect NAME STATUS LINE [MAX_RSS_KIB] : the last run exited STATUS, printed exactly LINE on
# stderr and nothing on stdout, wrote no output file, and stayed under MAX_RSS_KIB.
expect() {
    local name=$1 status=$2 line=$3 max=${4:-}
    if [[ $rc != "$status" || $err != "$line" || -n $out ]]; then
        fail "$name" "exit $rc (want $status)" "stderr: $err" "want:   $line" "stdout: ${out:0:400}"
    elif [[ -e $OUT ]]; then
        fail "$name: wrote $OUT despite the error"
    elif [[ -n $max && -n $rss && -z $SANITIZED && $rss -gt $max ]]; then
        fail "$name: peak memory ${rss} KiB, more than ${max} KiB"
    else
        pass
    fi
}

# ---- committed cases: tests/hostile/cases.tsv (file, mode, status, exact stderr line)
regen=""
while IFS=$'\t' read -r file mode status line; do
    [[ -z $file || $file == \#* ]] && continue
    if [[ ! -e $file ]]; then
        fail "$file: listed in cases.tsv but missing"
        continue
    fi
    args "$mode" "$file"
    run "$file" -- "${argv[@]}" || continue
    if [[ -n ${HOSTILE_REGEN:-} ]]; then
        regen+="$file"$'\t'"$mode"$'\t'"$rc"$'\t'"$err"$'\n'
        continue
    fi
    expect "$file ($mode)" "$status" "$line" 262144
done <cases.tsv
if [[ -n ${HOSTILE_REGEN:-} ]]; then
    { grep '^#' cases.tsv; printf '%s' "$regen"; } >"$SRC/tests/hostile/cases.tsv"
    echo "rewrote $SRC/tests/hostile/cases.tsv"
fi
for file in *; do
    [[ $file == cases.tsv || $file == README.md ]] && continue
    grep -q "^$file"$'\t' cases.tsv || fail "$file: in tests/hostile but not in cases.tsv"
done

# ---- generated cases
E="minrole: error:"
gen=$WORK/gen
mkdir -p "$gen"
cd "$gen" || exit 1

# Hundreds of thousands of nesting levels: refused by the pre-scan, before yaml-cpp recurses.
python_or_head() { head -c "$1" /dev/zero | tr '\0' "$2"; }
{ printf 'kind: intent\noperations: '; python_or_head 300000 '['; } >deep-flow.yaml
run deep-flow -- recommend deep-flow.yaml -o "$OUT" &&
    expect deep-flow 2 "$E deep-flow.yaml:2:76: nested deeper than 64 levels (MINROLE_MAX_DEPTH)" 262144
{ python_or_head 300000 '{' | sed 's/{/{"a":/g'; } >deep.json
run deep-json -- recommend deep.json -o "$OUT" &&
    expect deep-json 2 "$E deep.json:1:316: nested deeper than 64 levels (MINROLE_MAX_DEPTH)" 262144
{ printf 'kind: intent\noperations:\n'; python_or_head 200000 '-' | sed 's/-/- /g'; echo x; } >deep-dashes.yaml
run deep-dashes -- recommend deep-dashes.yaml -o "$OUT" &&
    expect deep-dashes 2 "$E deep-dashes.yaml:3:129: nested deeper than 64 levels (MINROLE_MAX_DEPTH)" 262144
awk 'BEGIN { printf "kind: intent\noperations:\n"; s = ""; for (i = 0; i < 3000; i++) { printf "%sk:\n", s; s = s " " } }' >deep-indent.yaml
run deep-indent -- recommend deep-indent.yaml -o "$OUT" &&
    expect deep-indent 2 "$E deep-indent.yaml:67:65: nested deeper than 64 levels (MINROLE_MAX_DEPTH)"

# The limits are overridable from the environment.
run env-depth MINROLE_MAX_DEPTH=2 -- recommend "$INTENT" -o "$OUT" &&
    expect env-depth 2 "$E $INTENT:16:5: nested deeper than 2 levels (MINROLE_MAX_DEPTH)"
run env-nodes MINROLE_MAX_NODES=5 -- recommend "$INTENT" -o "$OUT" &&
    expect env-nodes 2 "$E $INTENT:14:1: more than 5 nodes once aliases are expanded (MINROLE_MAX_NODES)"
run env-bytes MINROLE_MAX_BYTES=1000 -- recommend "$INTENT" -o "$OUT" &&
    expect env-bytes 2 "$E $INTENT: input is larger than the 1000-byte limit (MINROLE_MAX_BYTES)"
run env-garbage MINROLE_MAX_DEPTH=lots -- recommend "$INTENT" -o "$OUT" &&
    expect env-garbage 2 "$E MINROLE_MAX_DEPTH must be a positive integer, found 'lots'"
run env-deep-ok MINROLE_MAX_DEPTH=400000 -- recommend "$SRC/tests/hostile/intent-deep-flow.yaml" -o "$OUT" &&
    expect env-deep-ok 2 "$E $SRC/tests/hostile/intent-deep-flow.yaml:2:14: expected an operation to be a map, found a list"
# (a raised limit lets the 100-level file through to the type check)

# Over the 64 MiB file limit.
head -c $((64 * 1024 * 1024 + 1)) /dev/zero | tr '\0' '#' >huge.yaml
run huge -- recommend huge.yaml -o "$OUT" &&
    expect huge 2 "$E huge.yaml: input is larger than the 64 MiB limit (MINROLE_MAX_BYTES)" 262144

# Binary on standard input.
out=$(head -c 4096 /dev/urandom | { printf 'kind: intent\n\0'; cat; } | timeout "$LIMIT" "$MINROLE" recommend - -o "$OUT" 2>"$WORK/.stderr")
rc=$?
err=$(cat "$WORK/.stderr")
expect stdin-binary 2 "$E <stdin>:2:1: NUL byte: binary data, expected YAML text"

# A directory where a file is expected; a missing file.
mkdir adir
run dir-intent -- recommend adir -o "$OUT" && expect dir-intent 2 "$E adir: is a directory, expected a file"
run dir-role -- audit --role adir --intent "$INTENT" --no-policy -o "$OUT" &&
    expect dir-role 2 "$E adir: is a directory, expected a file"
run dir-policy -- audit --role "$ROLE" --intent "$INTENT" --policy adir -o "$OUT" &&
    expect dir-policy 2 "$E adir: is a directory, expected a file"
run dir-overrides -- --overrides adir recommend --op getLeadsByFilterUsingGET -o "$OUT" &&
    expect dir-overrides 2 "$E adir: is a directory, expected a file"
run missing -- recommend no-such.yaml -o "$OUT" &&
    expect missing 2 "$E no-such.yaml: cannot read: No such file or directory"
run dir-catalog-empty -- --catalog adir lint -o "$OUT" &&
    expect dir-catalog-empty 2 "$E no 'kind: permissions' file among the catalog sources"

# An unreadable file: tests/cli/unreadable.sh (ctest cli_unreadable), which cannot run as root.

# The output file is not created or clobbered by a failing run.
echo keep >"$WORK/kept.txt"
run clobber -- recommend "$SRC/tests/hostile/intent-nul.yaml" -o "$WORK/kept.txt"
if [[ $rc == 2 && $(cat "$WORK/kept.txt") == keep ]]; then pass; else fail "clobber: exit $rc, output file changed"; fi

# scan: symlink loops end; a ~200 MB single-line log is streamed in flat memory.
mkdir -p loop/a
ln -s .. loop/a/up
ln -s self loop/self
printf 'axios.get("/rest/v1/leads.json")\n' >loop/a/call.js
run symlink-loop -- scan loop -o "$OUT"
if [[ $rc == 0 && -s $OUT && -z $out ]] && grep -q 'leads.json' "$OUT"; then pass; else
    fail "symlink-loop: exit $rc" "stderr: $err"; fi
head -c $((200 * 1000 * 1000)) /dev/zero | tr '\0' 'a' >big.log
echo >>big.log
echo 'GET /rest/v1/leads.json HTTP/1.1' >>big.log
run big-line -- scan big.log -o "$OUT"
if [[ $rc == 124 ]]; then
    :
elif [[ $rc != 0 ]]; then
    fail "big-line: exit $rc" "stderr: $err"
elif [[ -n $rss && -z $SANITIZED && $rss -gt 131072 ]]; then
    fail "big-line: peak memory ${rss} KiB for a 200 MB line (want under 128 MiB)"
else
    pass
fi
rm -f big.log huge.yaml

finish

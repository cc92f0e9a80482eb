#!/usr/bin/env bash
# Determinism: the same inputs give byte-identical output, in every format, so CI diffs and
# golden files are meaningful. Every subcommand `minrole --help` lists must have a case here
# (a new subcommand without one fails), and every case runs in every format its own --help
# lists, twice. The second run varies everything the output must not depend on: it works in
# another copy of the inputs at another absolute path (the paths in the cases are relative),
# with another TZ, LC_ALL, LANG, COLUMNS, TERM and umask, and writes with -o FILE when the
# subcommand takes it. Stdout (or the file), stderr and the exit status must be identical, and
# so must the files a case writes (import-openapi --out), compared as trees. A difference names
# the case; rerun it by hand to see which of the variations it comes from.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment; the
# Adobe specs come from third_party/marketo-apis (vendored; missing specs fail the suite).
# The last line is always "N passed, M failed, K skipped".
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
SPECS="$SRC/third_party/marketo-apis"
unset MINROLE_MAX_BYTES MINROLE_MAX_DEPTH MINROLE_MAX_NODES

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-determinism.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

source "$SRC/tests/cli/lib.sh"

# ---- two copies of the inputs, at different absolute paths ---------------------------------
for copy in a b/deeper; do
    d="$WORK/$copy"
    mkdir -p "$d/tests"
    cp -R "$SRC/examples" "$SRC/data" "$SRC/rules" "$d/"
    cp -R "$SRC/tests/fixtures" "$SRC/tests/hostile" "$d/tests/"
    mkdir -p "$d/third_party" && cp -R "$SRC/third_party/sdk-node-marketo-rest" "$d/third_party/"
    cat >"$d/policy.yaml" <<'EOF'
kind: policy
fail_on: error
severity:
  high-risk-permission: warning
forbidden: [Access Email]
exceptions:
  - rule: unused-permission
    permission: Read-Write Campaign
    justification: the campaign trigger ships next quarter
    expires: 2030-06-30
  - rule: outside-api-tree
    permission: Access Design Studio
    justification: expired exception
    expires: 2020-01-01
EOF
    cat >"$d/overrides.yaml" <<'EOF'
kind: overrides
operations:
  - id: getLeadsByFilterUsingGET
    requires: Read-Write Lead
    reason: our reviewers want write access on this read, for the test
EOF
    printf 'kind: intent\nservice: from-stdin\noperations:\n  - GET /rest/v1/leads.json\n  - getCompaniesUsingGET\n' >"$d/stdin-intent.yaml"
    if [[ -d $SPECS ]]; then
        mkdir -p "$d/specs"
        cp "$SPECS"/swagger-*.json "$d/specs/"
    fi
done
A="$WORK/a"
B="$WORK/b/deeper"

# ---- what the binary offers ---------------------------------------------------------------
mapfile -t SUBCOMMANDS < <("$MINROLE" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
if ((${#SUBCOMMANDS[@]} >= 5)); then pass; else fail "could not read the subcommands from minrole --help" "$("$MINROLE" --help 2>&1)"; fi

# FORMATS[SUB]: the formats SUB's --help lists (empty when it has no --format); OUTPUT[SUB]: 1
# when SUB takes -o FILE.
declare -A FORMATS=() OUTPUT=()
for sub in "${SUBCOMMANDS[@]}"; do
    help=$("$MINROLE" "$sub" --help)
    FORMATS[$sub]=$(sed -n 's/.*--format TEXT:{\([^}]*\)}.*/\1/p' <<<"$help" | tr ',' ' ')
    OUTPUT[$sub]=$(grep -c -- '-o,--output' <<<"$help")
done

# ---- the cases ----------------------------------------------------------------------------
# case_add WANT STDIN SUB ARGS... : ARGS is the whole command line (global options, the
# subcommand, its arguments; no --format, added per format). WANT is ok (exit 0 or 1, some
# output), quiet (exit 0 or 1) or err (exit 2 and an error: errors must be deterministic too). STDIN is a file fed on standard input, or "".
# SUB names the subcommand the case covers.
CASES=()
declare -A COVERED=()
case_add() {
    local want=$1 stdin=$2 sub=$3
    shift 3
    CASES+=("$want $(printf '%q' "$stdin") $sub $(printf '%q ' "$@")")
    COVERED[$sub]=1
}

case_add ok "" allows allows examples/roles/over-broad.yaml
case_add ok "" allows allows examples/roles/crm-lead-sync-minimal.yaml
case_add ok examples/roles/over-broad.yaml allows allows -
case_add ok "" allows --overrides overrides.yaml allows examples/roles/crm-lead-sync-minimal.yaml

case_add ok "" audit audit --role examples/roles/over-broad.yaml --intent examples/crm-lead-sync.yaml --no-policy
case_add ok "" audit audit --role examples/roles/crm-lead-sync-minimal.yaml --intent examples/crm-lead-sync.yaml \
    --op 'POST /rest/v1/campaigns/{campaignId}/trigger.json' --op 'GET /rest/v1/leadz.json' --no-policy
case_add ok "" audit audit --role examples/roles/over-broad.yaml --intent examples/email-publishing.yaml \
    --policy policy.yaml --today 2026-01-15
case_add ok "" audit audit --role examples/roles/over-broad.yaml --scan tests/fixtures/scan/node-client \
    --scan tests/fixtures/scan/logs --no-policy --fail-on note
case_add ok "" audit audit --instance examples/instance/instance.yaml --no-policy
case_add ok "" audit audit --instance examples/instance/instance-import.yaml --policy policy.yaml --today 2026-01-15
case_add err "" audit audit --role tests/hostile/role-unknown-permission.yaml --intent examples/crm-lead-sync.yaml --no-policy

case_add ok "" diff diff examples/roles/crm-lead-sync-minimal.yaml examples/roles/over-broad.yaml
case_add ok "" diff diff examples/roles/over-broad.yaml examples/roles/crm-lead-sync-minimal.yaml --fail-on-new-access
case_add ok "" diff diff examples/roles/over-broad.yaml examples/roles/over-broad.yaml

case_add ok "" endpoints endpoints
case_add ok "" endpoints endpoints --area asset
case_add ok "" endpoints endpoints --permission 'Read-Write Lead'
case_add ok "" endpoints endpoints --undocumented
case_add ok "" endpoints endpoints --superseded
case_add ok "" endpoints --overrides overrides.yaml endpoints --area lead-database

case_add ok "" explain explain 'Read-Write Lead'
case_add ok "" explain explain 'GET /rest/v1/lead/1.json'
case_add ok "" explain explain getLeadFieldsUsingGET
case_add ok "" explain --overrides overrides.yaml explain getLeadsByFilterUsingGET
case_add err "" explain explain 'Read-Write Leed'

case_add ok "" graph graph
case_add ok "" graph --catalog data/marketo/permissions.yaml rules/marketo graph

case_add ok "" schema schema
case_add quiet "" mcp mcp
case_add ok "" schema schema audit
case_add err "" schema schema rol

if [[ -d $A/specs ]]; then
    case_add ok "" import-openapi import-openapi specs/swagger-asset.json specs/swagger-data-ingestion.json \
        specs/swagger-identity.json specs/swagger-mapi.json specs/swagger-user.json --out out
    case_add quiet "" import-openapi import-openapi specs/swagger-asset.json specs/swagger-data-ingestion.json \
        specs/swagger-identity.json specs/swagger-mapi.json specs/swagger-user.json --out rules/marketo --check
else
    COVERED[import-openapi]=1
    fail "import-openapi: no vendored Adobe specs in $SPECS"
fi

case_add ok "" import-sdk import-sdk third_party/sdk-node-marketo-rest --name node-marketo-rest --version 0.7.8
case_add err "" import-sdk import-sdk no-such-sdk --name x --version 1
case_add ok "" instance instance pull --print-role
case_add ok "" instance instance pull --munchkin 123-ABC-456 --dry-run -o snapshot
case_add err "" instance instance pull --munchkin 123-ABC -o snapshot

case_add ok "" lint lint
case_add ok "" lint --catalog data/marketo/permissions.yaml rules/marketo lint
case_add ok "" lint --overrides overrides.yaml lint
case_add err "" lint --catalog data/marketo/permissions.yaml tests/hostile/rules-unknown-permission.yaml lint

case_add ok "" permissions permissions
case_add ok "" permissions --catalog data/marketo/permissions.yaml rules/marketo permissions

case_add ok "" recommend recommend examples/crm-lead-sync.yaml
case_add ok "" recommend recommend examples/email-publishing.yaml
case_add ok "" recommend recommend examples/warehouse-activity-export.yaml --service renamed
case_add ok "" recommend recommend --op 'GET /rest/v1/leadz.json' --op getLeadFieldsUsingGET \
    --op 'GET /rest/asset/v1/landingPage/{id}/variables.json' --op 'https://123-ABC-456.mktorest.com/rest/v1/lead/7.json?fields=email'
case_add ok "" recommend recommend --scan tests/fixtures/scan/node-client --scan tests/fixtures/scan/logs \
    --scan tests/fixtures/scan/python --scan tests/fixtures/scan/java
case_add ok stdin-intent.yaml recommend recommend -
case_add ok "" recommend --overrides overrides.yaml recommend --op getLeadsByFilterUsingGET
case_add err "" recommend recommend tests/hostile/intent-malformed.yaml

case_add ok "" scan scan tests/fixtures/scan
case_add ok "" scan scan tests/fixtures/scan/node-client tests/fixtures/scan/python tests/fixtures/scan/java \
    tests/fixtures/scan/logs --include-vendored
case_add ok "" scan scan tests/fixtures/scan --exclude '*.har' --no-gitignore
case_add ok "" scan scan examples/instance

for sub in "${SUBCOMMANDS[@]}"; do
    if [[ -n ${COVERED[$sub]:-} ]]; then pass; else fail "subcommand '$sub' (in minrole --help) has no determinism case in tests/cli/determinism.sh"; fi
done

# ---- running them -------------------------------------------------------------------------
# invoke DIR ENVSET TAG STDIN ARGV... : runs in DIR; leaves $WORK/TAG.out, .err, .rc and, when
# the run made an `out` folder, moves it to $WORK/TAG.tree.
invoke() {
    local dir=$1 envset=$2 tag=$3 stdin=$4
    shift 4
    local env=(TZ=UTC LC_ALL=C LANG=C COLUMNS=80 TERM=xterm)
    local mask=022
    if [[ $envset == other ]]; then
        env=(TZ=Pacific/Chatham LC_ALL=C.UTF-8 LANG=C.UTF-8 COLUMNS=37 TERM=dumb)
        mask=077
    fi
    rm -rf "$dir/out" "$WORK/$tag.tree"
    (
        cd "$dir" || exit 99
        umask "$mask"
        if [[ -n $stdin ]]; then
            env "${env[@]}" "$MINROLE" "$@" <"$stdin"
        else
            env "${env[@]}" "$MINROLE" "$@" </dev/null
        fi
    ) >"$WORK/$tag.out" 2>"$WORK/$tag.err"
    echo $? >"$WORK/$tag.rc"
    if [[ -d $dir/out ]]; then mv "$dir/out" "$WORK/$tag.tree"; fi
}

# same NAME TAG1 TAG2 : the two runs printed the same, exited the same and wrote the same files.
same() {
    local name=$1 x=$2 y=$3 ext
    for ext in out err rc; do
        if ! cmp -s "$WORK/$x.$ext" "$WORK/$y.$ext"; then
            fail "$name: std$ext differs" "$(diff "$WORK/$x.$ext" "$WORK/$y.$ext" | head -n 20)"
            return
        fi
    done
    if [[ -d $WORK/$x.tree || -d $WORK/$y.tree ]] && ! diff -r "$WORK/$x.tree" "$WORK/$y.tree" >"$WORK/tree.diff" 2>&1; then
        fail "$name: the files written differ" "$(head -n 20 "$WORK/tree.diff")"
        return
    fi
    pass
}

runs=0
for entry in "${CASES[@]}"; do
    eval "set -- $entry"
    want=$1 stdin=$2 sub=$3
    shift 3
    argv=("$@")
    fmts=${FORMATS[$sub]:-}
    [[ -z $fmts ]] && fmts="-"
    for fmt in $fmts; do
        full=("${argv[@]}")
        name="${argv[*]}"
        if [[ $fmt != - ]]; then
            full+=(--format "$fmt")
            name+=" --format $fmt"
        fi
        runs=$((runs + 1))
        invoke "$A" usual r1 "$stdin" "${full[@]}"
        rc=$(cat "$WORK/r1.rc")
        case $want in
        ok | quiet) if [[ $rc == 0 || $rc == 1 ]]; then pass; else fail "$name: exit $rc, expected 0 or 1" "$(head -n 5 "$WORK/r1.err")"; continue; fi ;;
        err) if [[ $rc == 2 && -s $WORK/r1.err && ! -s $WORK/r1.out ]]; then pass; else fail "$name: exit $rc, expected 2 with an error" "$(head -n 5 "$WORK/r1.err")"; continue; fi ;;
        esac
        if [[ $want == ok && ! -s $WORK/r1.out ]]; then fail "$name: printed nothing"; continue; fi
        # The second run: the other copy, the other environment, and -o FILE when it applies.
        if [[ $want != err && ${OUTPUT[$sub]:-0} != 0 ]]; then
            invoke "$B" other r2 "$stdin" "${full[@]}" -o "$WORK/written"
            if [[ -s $WORK/r2.out ]]; then
                fail "$name: printed on stdout despite -o FILE" "$(head -c 300 "$WORK/r2.out")"
                continue
            fi
            mv "$WORK/written" "$WORK/r2.out"
        else
            invoke "$B" other r2 "$stdin" "${full[@]}"
        fi
        same "$name: run twice (the second in another directory, TZ, locale and umask$([[ -s $WORK/r2.rc && ${OUTPUT[$sub]:-0} != 0 && $want != err ]] && echo ', with -o FILE'))" r1 r2
    done
done
echo "$runs command lines, each run twice"
finish

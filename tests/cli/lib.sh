# Shared helpers for the end-to-end suites under tests/cli/. Source it after setting WORK (a
# scratch folder): it provides the counters, pass/fail/skip, run (captures $out, $err, $rc) and
# the common assertions. Each suite prints its own closing "N passed, M failed" line.
passed=0
failed=0
skipped=0
HAVE_PY=0
# Set under AddressSanitizer (make test-sanitize; ctest passes MINROLE_SANITIZED=1): memory
# ceilings do not apply there.
SANITIZED=${MINROLE_SANITIZED:-${ASAN_OPTIONS:-}}
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    local line
    for line in "$@"; do
        printf '%s\n' "$line" | head -n 40 | sed 's/^/    /'
    done
}
# A check that cannot run here: said loudly, never counted as passed.
skip() {
    skipped=$((skipped + 1))
    printf 'SKIPPED (not run, not counted as passed): %s\n' "$1"
}

# run CMD... : captures stdout in $out, stderr in $err, exit status in $rc.
run() {
    out=$("$@" 2>"$WORK/.stderr")
    rc=$?
    err=$(cat "$WORK/.stderr")
}

# expect_rc NAME WANT : checks $rc from the last run.
expect_rc() {
    if [[ "$rc" == "$2" ]]; then pass; else fail "$1: exit $rc, expected $2" "stdout: $out" "stderr: $err"; fi
}

# expect_err NAME REGEX : exit 2, empty stdout, exactly one stderr line matching REGEX.
expect_err() {
    local lines
    lines=$(printf '%s' "$err" | grep -c '')
    if [[ "$rc" == 2 && -z "$out" && "$lines" == 1 && "$err" =~ $2 ]]; then
        pass
    else
        fail "$1" "exit $rc (want 2), stderr lines $lines (want 1)" "stderr: $err" "want: $2" "stdout: $out"
    fi
}

# contains NAME HAYSTACK NEEDLE / lacks NAME HAYSTACK NEEDLE
contains() { if [[ "$2" == *"$3"* ]]; then pass; else fail "$1: missing '$3'" "$2"; fi; }
lacks() { if [[ "$2" != *"$3"* ]]; then pass; else fail "$1: unexpected '$3'" "$2"; fi; }

# pycheck NAME FILE CODE : runs CODE with `d` the parsed FILE (JSON, or YAML when the file name
# ends in .yaml); CODE raises AssertionError (use `assert cond, message`) to fail.
pycheck() {
    local name=$1 file=$2 code=$3 msg
    if [[ $HAVE_PY == 0 ]]; then
        skip "$name (no python3)"
        return
    fi
    if msg=$(python3 - "$file" 2>&1 <<EOF
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as fh:
    if path.endswith(".yaml"):
        import yaml
        d = yaml.safe_load(fh)
    else:
        d = json.load(fh)
$code
EOF
    ); then
        pass
    else
        fail "$name" "$msg"
    fi
}

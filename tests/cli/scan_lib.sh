# The preamble the scan suites share (scan.sh, scan_service_description.sh): the binary and the
# source tree from the environment (as ctest passes them), a scratch folder removed on exit,
# lib.sh's counters and assertions, and helpers over a scan's JSON report in $out.
#   source "$SRC/tests/cli/scan_lib.sh" TAG     (TAG names the scratch folder: minrole-TAG.XXXXXX)
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-${1:-scan}.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

source "$SRC/tests/cli/lib.sh"

command -v jq >/dev/null 2>&1 || { echo "jq is required"; echo "0 passed, 1 failed"; exit 1; }

# same NAME GOT WANT : exact comparison of two (multi-line) strings.
same() {
    if [[ "$2" == "$3" ]]; then
        pass
    else
        fail "$1" "got:" "$2" "want:" "$3" "diff:" "$(diff <(printf '%s\n' "$3") <(printf '%s\n' "$2"))"
    fi
}

# Matched endpoints as "METHOD /template", sorted, one per line.
endpoints() { jq -r '.operations[].endpoint' <<<"$out" | LC_ALL=C sort; }
# One operation's field as compact JSON: op_field ENDPOINT JQ-EXPR
op_field() { jq -c --arg e "$1" ".operations[] | select(.endpoint == \$e) | $2" <<<"$out"; }
# The same as raw text (a string without its quotes): op_text ENDPOINT JQ-EXPR
op_text() { jq -r --arg e "$1" ".operations[] | select(.endpoint == \$e) | $2" <<<"$out"; }
# The permissions of the Default workspace of a recommendation in $out, sorted, comma-joined.
permissions() { jq -r '[.workspaces[] | select(.name == "Default") | .permissions[]] | sort | join(", ")' <<<"$out"; }

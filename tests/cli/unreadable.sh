#!/usr/bin/env bash
# A file the user may not read is bad input with a one-line located error. Root reads any file
# whatever its mode, so as root this cannot be checked: the suite then reports SKIPPED (exit 77,
# ctest's Skipped), never a pass. Kept apart from hostile.sh so that only this check is skipped.
# ctest runs it with MINROLE (the binary) and SRC (the source tree) in the environment.
set -u

: "${MINROLE:?MINROLE must name the minrole binary}"
: "${SRC:?SRC must name the source tree}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-unreadable.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

source "$SRC/tests/cli/lib.sh"

printf 'kind: intent\noperations: [x]\n' >locked.yaml
chmod 000 locked.yaml
if [[ -r locked.yaml ]]; then
    skip "unreadable file (running as root: chmod 000 does not block reads)"
else
    run "$MINROLE" recommend locked.yaml -o out.txt
    if [[ $rc == 2 && -z "$out" && "$err" == "minrole: error: locked.yaml: cannot read: Permission denied" && ! -e out.txt ]]; then
        pass
    else
        fail "unreadable file: exit 2 and one located error" "exit $rc" "stderr: $err" "stdout: $out"
    fi
fi

finish

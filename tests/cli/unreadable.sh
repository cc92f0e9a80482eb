#!/usr/bin/env bash
# What the user may not read: a file named on the command line is bad input with a one-line
# located error (exit 2); a folder found below a scanned or --catalog folder is skipped with a
# warning naming it (escaped) and, for scan, listed in the report (skipped_directories).
#
# CI runs as root, and root reads any file whatever its mode. So as root every minrole call here
# runs with no capabilities (setpriv clears the bounding and inheritable sets: uid 0 keeps its
# files but loses CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH), which makes chmod 000 bite. Only when
# even that is impossible (no setpriv, no CAP_SETPCAP in the container) is the suite SKIPPED
# (exit 77, ctest's Skipped), loudly, never a pass.
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

# The prefix that makes chmod 000 effective: none for an ordinary user, setpriv for root.
UNPRIVILEGED=()
if [[ -r locked.yaml ]]; then
    UNPRIVILEGED=(setpriv --inh-caps=-all --bounding-set=-all --)
    if ! "${UNPRIVILEGED[@]}" true 2>/dev/null || "${UNPRIVILEGED[@]}" test -r locked.yaml; then
        skip "unreadable files and folders (running as root and setpriv cannot drop the capabilities that read past chmod 000)"
        finish
    fi
fi
mr() { "${UNPRIVILEGED[@]}" "$MINROLE" "$@"; }

# 1. A file named on the command line.
run mr recommend locked.yaml -o out.txt
if [[ $rc == 2 && -z "$out" && "$err" == "minrole: error: locked.yaml: cannot read: Permission denied" && ! -e out.txt ]]; then
    pass
else
    fail "unreadable file: exit 2 and one located error" "exit $rc" "stderr: $err" "stdout: $out"
fi

# 2. scan: a folder below the scanned one, with a hostile name, is warned about and listed.
mkdir -p tree/open "tree/locked"$'\n''::error file=x::forged'
printf 'fetch(base + "/rest/v1/leads.json?filterType=email")\n' >tree/open/client.js
printf 'fetch(base + "/rest/v1/campaigns.json")\n' >"tree/locked"$'\n''::error file=x::forged/hidden.js'
mkdir tree/plain && printf 'fetch(base + "/rest/v1/lists.json")\n' >tree/plain/more.js && chmod 000 tree/plain
chmod 000 "tree/locked"$'\n''::error file=x::forged'
run mr scan tree --format json
expect_rc "scan with an unreadable folder: the rest is scanned (exit 0)" 0
want1='minrole: warning: tree/locked\n::error file=x::forged: cannot read directory, not scanned: Permission denied'
want2='minrole: warning: tree/plain: cannot read directory, not scanned: Permission denied'
same_lines=$(printf '%s\n%s' "$want1" "$want2")
if [[ "$err" == "$same_lines" ]]; then pass; else fail "scan: one escaped warning per unreadable folder" "stderr: $err" "want: $same_lines"; fi
if printf '%s\n' "$err" | grep -q '^::'; then fail "scan: a folder name forged a workflow command on stderr" "$err"; else pass; fi
printf '%s' "$out" >scan.json
pycheck "scan --format json lists the skipped folders" scan.json '
assert d["skipped_directories"] == [
    {"path": "tree/locked\\n::error file=x::forged", "reason": "Permission denied"},
    {"path": "tree/plain", "reason": "Permission denied"}], d["skipped_directories"]
assert [o["path"] for o in d["operations"]] == ["/rest/v1/leads.json"], d["operations"]'
run mr scan tree --format text
contains "scan text report names the skipped folder" "$out" "  ! skipped directory: tree/plain (Permission denied)"
run mr scan tree --format yaml
contains "scan yaml (an intent) says what was not scanned" "$out" "# not scanned: tree/plain (Permission denied)"

# 3. recommend --scan warns the same way (its report has no place for it).
run mr recommend --scan tree --format json
if [[ $rc == 0 && "$err" == "$same_lines" ]]; then pass; else fail "recommend --scan: warned about each unreadable folder" "exit $rc" "stderr: $err"; fi

# 4. A folder named on the command line is read or the run fails.
run mr scan tree/plain
expect_err "scan of an unreadable folder named on the command line" '^minrole: error: tree/plain: cannot read directory: Permission denied$'

# 5. --catalog: an unreadable folder below it is warned about; one named is an error.
mkdir -p catalog/extra
cp "$SRC/data/marketo/permissions.yaml" catalog/
cp -r "$SRC/rules/marketo" catalog/rules
printf 'kind: overrides\n' >catalog/extra/x.yaml
chmod 000 catalog/extra
run mr endpoints --catalog catalog --format json
if [[ $rc == 0 && "$err" == "minrole: warning: catalog/extra: cannot read directory, not loaded: Permission denied" && -n "$out" ]]; then
    pass
else
    fail "--catalog with an unreadable folder: loaded with one warning" "exit $rc" "stderr: $err"
fi
run mr endpoints --catalog catalog/extra
expect_err "--catalog naming an unreadable folder" '^minrole: error: catalog/extra: cannot read directory: Permission denied$'

# 6. import-sdk: an unreadable folder inside the SDK fails the import (exit 2, nothing written): a
# map missing the methods defined there would be committed as complete.
mkdir -p sdk/lib/private
cp -r "$SRC/tests/fixtures/sdk-import/python/exportsdk" sdk/lib/
printf 'def purge(c):\n    c.post("/rest/v1/leads/delete.json")\n' >sdk/lib/private/purge.py
chmod 000 sdk/lib/private
run mr import-sdk sdk --name locked --version 1 -o sdk-map.yaml
if [[ $rc == 2 && -z "$out" && "$err" == "minrole: error: sdk/lib/private: cannot read directory: Permission denied" && ! -e sdk-map.yaml ]]; then
    pass
else
    fail "import-sdk with an unreadable folder: exit 2, one located error, no map" "exit $rc" "stderr: $err"
fi

# 7. -o into a folder the user may not write: the reason, the old file kept, no temporary file.
mkdir readonly && echo old >readonly/report.txt && chmod 555 readonly
run mr recommend "$SRC/examples/crm-lead-sync.yaml" -o readonly/report.txt
expect_err "-o in a read-only folder" '^minrole: error: readonly/report.txt: cannot create a temporary file in readonly: Permission denied$'
[[ $(cat readonly/report.txt) == old && $(ls -A readonly) == report.txt ]] && pass || fail "-o in a read-only folder: the folder changed" "$(ls -A readonly)"

# 8. audit --instance's saved {userid}/roles.json folders: one it cannot look into is an error
# naming the file (it was a raw "filesystem error: status: ..." message).
cp -r "$SRC/examples/instance/api" api
cp "$SRC/examples/instance/instance-import.yaml" inst.yaml
mkdir api/user-roles/ops-admin@acme.example
mv api/user-roles/ops-admin@acme.example.json api/user-roles/ops-admin@acme.example/roles.json
chmod 000 api/user-roles/ops-admin@acme.example
run mr audit --instance inst.yaml --no-policy
expect_err "audit --instance with an unreadable {userid}/ folder" '^minrole: error: api/user-roles/ops-admin@acme.example/roles.json: cannot read: Permission denied$'

finish

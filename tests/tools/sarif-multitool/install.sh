#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool at the version pinned in package.json/package-lock.json
# (npm ci, integrity-checked) into DIR, once; prints the path of the sarif-multitool command.
# Used by tests/cli/sarif_validate.sh; the minrole binary never needs it.
#   install.sh DIR
# Exit status 0 with the path on stdout, or 77 with the reason on stderr when it cannot be had
# here (no npm, no registry): the caller reports SKIPPED.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: install.sh DIR}
tool="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
mkdir -p "$dir"
if ! cmp -s "$here/package-lock.json" "$dir/package-lock.json" || [[ ! -f $tool ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is not installed (make deps installs it)" >&2
        exit 77
    fi
    cp "$here/package.json" "$here/package-lock.json" "$dir/"
    if ! log=$(cd "$dir" && timeout 300 npm ci --no-audit --no-fund --ignore-scripts 2>&1); then
        echo "npm ci of @microsoft/sarif-multitool failed:" >&2
        printf '%s\n' "$log" | tail -n 5 >&2
        rm -f "$dir/package-lock.json"
        exit 77
    fi
fi
# The package's own postinstall only marks the binary executable (skipped above with --ignore-scripts).
chmod u+x "$tool" 2>/dev/null
if [[ ! -x $tool ]]; then
    echo "no Sarif.Multitool binary for this platform in the npm package" >&2
    exit 77
fi
printf '%s\n' "$tool"

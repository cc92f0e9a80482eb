#!/usr/bin/env bash
# Refreshes the vendored copy of Adobe's Marketo Engage API specs from a checkout of
# https://github.com/adobe/marketo-apis (its specs/ folder) or from any folder holding the five
# swagger-*.json files, then rewrites SHA256SUMS.
#   refresh.sh SOURCE_DIR     copy from SOURCE_DIR (or SOURCE_DIR/specs)
#   refresh.sh --verify       check the vendored files against SHA256SUMS
# Nothing is downloaded here: clone the upstream repository first (see README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
specs=(swagger-asset.json swagger-data-ingestion.json swagger-identity.json swagger-mapi.json swagger-user.json)

if [[ ${1:-} == --verify ]]; then
    cd "$here" && sha256sum --quiet --check SHA256SUMS
    exit
fi
if [[ $# != 1 || ! -d $1 ]]; then
    echo "usage: $0 SOURCE_DIR | --verify" >&2
    exit 2
fi

src=$(cd "$1" && pwd)
[[ -d $src/specs ]] && specs_dir=$src/specs || specs_dir=$src
for f in "${specs[@]}"; do
    if [[ ! -f $specs_dir/$f ]]; then
        echo "refresh: $specs_dir/$f is missing" >&2
        exit 2
    fi
    if ! python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert isinstance(d.get("paths"), dict)' "$specs_dir/$f"; then
        echo "refresh: $specs_dir/$f is not a spec (JSON with a paths object)" >&2
        exit 2
    fi
done
for f in LICENSE COPYRIGHT; do
    if [[ -f $src/$f ]]; then
        cp "$src/$f" "$here/$f"
    elif [[ -f $specs_dir/$f ]]; then
        cp "$specs_dir/$f" "$here/$f"
    fi
done
for f in "${specs[@]}"; do
    cp "$specs_dir/$f" "$here/$f"
done
chmod 644 "$here"/swagger-*.json "$here/LICENSE" "$here/COPYRIGHT"
(cd "$here" && sha256sum "${specs[@]}" >SHA256SUMS)
echo "refreshed ${#specs[@]} specs from $specs_dir; now run:"
echo "  minrole import-openapi third_party/marketo-apis/swagger-*.json --out rules/marketo"

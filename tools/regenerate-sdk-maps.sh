#!/usr/bin/env bash
# Regenerates data/sdks/*.yaml from the SDK sources vendored under third_party/sdk-*/ with
# `minrole import-sdk`. With --check, compares instead (exit 1 when a map differs).
#   tools/regenerate-sdk-maps.sh [--check] [MINROLE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
check=""
if [ "${1:-}" = "--check" ]; then check="--check"; shift; fi
minrole=${1:-$root/build/minrole}
cd "$root"
"$minrole" import-sdk third_party/sdk-node-marketo-rest --name node-marketo-rest --version 0.7.8 \
  -o data/sdks/node-marketo-rest.yaml $check
"$minrole" import-sdk third_party/sdk-marketorestpython --name marketorestpython --version 0.5.25 \
  --style dispatch --dispatch execute --dispatch-argument method \
  -o data/sdks/marketorestpython.yaml $check

#!/usr/bin/env bash
# Refreshes the vendored tree-sitter grammars from their npm packages (pinned below).
#
#   third_party/refresh-tree-sitter.sh            # re-vendor every grammar at its pinned version
#
# Each package publishes the generated parser (src/parser.c, src/scanner.c and the
# tree_sitter/*.h headers it includes); nothing else is kept. The runtime (its C library, language
# ABI 13-14) comes from the npm package `tree-sitter` (pinned below; the package vendors it under
# vendor/tree-sitter/lib) into third_party/tree-sitter-runtime/: bump a grammar only to a version whose
# src/parser.c still says `#define LANGUAGE_VERSION 14` (the script checks), then rebuild and run
# `make test`. Needs npm and network access to the npm registry; the build never does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# language  npm package            version  grammar folder inside the package
grammars=(
  "javascript tree-sitter-javascript 0.23.1 ."
  "typescript tree-sitter-typescript 0.23.2 typescript"
  "python     tree-sitter-python     0.23.6 ."
  "php        tree-sitter-php        0.23.11 php"
  "java       tree-sitter-java       0.23.5 ."
  "go         tree-sitter-go         0.23.4 ."
  "ruby       tree-sitter-ruby       0.23.1 ."
  "c-sharp    tree-sitter-c-sharp    0.23.1 ."
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runtime_version=0.22.4
if [ -z "${ONLY:-}" ] || [ "$ONLY" = runtime ]; then
  (cd "$work" && npm pack --silent "tree-sitter@$runtime_version" >/dev/null)
  mkdir -p "$work/runtime" && tar xzf "$work/tree-sitter-$runtime_version.tgz" -C "$work/runtime"
  lib="$work/runtime/package/vendor/tree-sitter/lib"
  grep -q '#define TREE_SITTER_LANGUAGE_VERSION 14' "$lib/include/tree_sitter/api.h" ||
    { echo "tree-sitter@$runtime_version: runtime does not speak language ABI 14" >&2; exit 1; }
  out="$here/tree-sitter-runtime"
  rm -rf "$out" && mkdir -p "$out"
  cp -R "$lib" "$out/lib"
  rm -rf "$out/lib/src/wasm" # only for TREE_SITTER_FEATURE_WASM, never built here
  cp "$work/runtime/package/LICENSE" "$out/LICENSE"
  printf 'tree-sitter@%s (npm), its vendor/tree-sitter/lib\nrefreshed by third_party/refresh-tree-sitter.sh\n' \
    "$runtime_version" >"$out/VERSION"
  echo "vendored tree-sitter@$runtime_version runtime -> third_party/tree-sitter-runtime"
fi
for row in "${grammars[@]}"; do
  read -r lang package version folder <<<"$row"
  [ -n "${ONLY:-}" ] && [ "$ONLY" != "$lang" ] && continue
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
  mkdir -p "$work/$lang" && tar xzf "$work/$package-$version.tgz" -C "$work/$lang"
  pkg="$work/$lang/package"
  grep -q '#define LANGUAGE_VERSION 14' "$pkg/$folder/src/parser.c" ||
    { echo "$package@$version: parser.c is not language ABI 14" >&2; exit 1; }
  out="$here/tree-sitter-$lang"
  rm -rf "$out" && mkdir -p "$out/src/tree_sitter"
  cp "$pkg/LICENSE" "$out/LICENSE"
  cp "$pkg/$folder/src/parser.c" "$out/src/"
  [ -f "$pkg/$folder/src/scanner.c" ] && cp "$pkg/$folder/src/scanner.c" "$out/src/"
  cp "$pkg/$folder/src/tree_sitter/"*.h "$out/src/tree_sitter/"
  if [ -d "$pkg/common" ] && [ -f "$out/src/scanner.c" ] && grep -q '../../common/' "$out/src/scanner.c"; then
    # The shared scanner of a multi-grammar package: kept beside src/ and included from there.
    cp "$pkg/common/scanner.h" "$out/src/common_scanner.h"
    sed -i 's|"../../common/scanner.h"|"common_scanner.h"|' "$out/src/scanner.c"
  fi
  printf '%s@%s (npm), grammar folder %s\nrefreshed by third_party/refresh-tree-sitter.sh\n' \
    "$package" "$version" "$folder" >"$out/VERSION"
  echo "vendored $package@$version -> third_party/tree-sitter-$lang"
done

#!/usr/bin/env bash
# The MCP server under the official client (npm @modelcontextprotocol/sdk, pinned in
# package.json): installs it once into BUILD/mcp-client with npm, then runs client.mjs against
# the real binary. Without node and npm it says SKIPPED and exits 77 (ctest counts it skipped).
set -u
: "${MINROLE:?}" "${SRC:?}" "${BUILD:?}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIPPED: the MCP client test needs node and npm (the @modelcontextprotocol/sdk client)"
    exit 77
fi
DIR="$BUILD/mcp-client"
mkdir -p "$DIR"
if ! cmp -s "$SRC/tests/mcp/package.json" "$DIR/package.json" || [[ ! -d "$DIR/node_modules/@modelcontextprotocol/sdk" ]]; then
    cp "$SRC/tests/mcp/package.json" "$DIR/package.json"
    (cd "$DIR" && npm install --no-audit --no-fund --loglevel=error >npm.log 2>&1) || {
        echo "SKIPPED: npm install @modelcontextprotocol/sdk failed (registry unreachable?)"; tail -n 5 "$DIR/npm.log"; exit 77; }
fi
cp "$SRC/tests/mcp/client.mjs" "$DIR/client.mjs"
cd "$SRC" && exec node "$DIR/client.mjs" "$MINROLE" "$SRC"

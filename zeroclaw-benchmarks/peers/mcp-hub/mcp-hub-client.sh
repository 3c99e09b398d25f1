#!/usr/bin/env bash
# The client the MCP conformance suite runs for its authorization scenarios, mcp-hub's side
# (oauth-conformance.sh): mcp-hub 4.2.1 with one remote server at URL, in a home of its own, and the
# person a headless operator would be (mcp-hub-operator.mjs): the authorization URL from mcp-hub's
# REST API, opened without following redirects, the redirect handed back through
# POST /api/oauth/manual_callback, then tools listed and `test-tool` called through mcp-hub.
#
# mcp-hub has no setting for a pre-registered client (id, secret) nor for the client_credentials
# grant: its OAuth provider registers itself dynamically, token_endpoint_auth_method "none"; so
# MCP_CONFORMANCE_CONTEXT is not used (nothing in mcp-hub's config could take it).
#
# Usage: mcp-hub-client.sh URL   (the suite appends URL to --command)
# Exit 0 when test-tool answered through mcp-hub; mcp-hub's log goes to stderr at the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${!#}"
hub_cli="$here/node_modules/mcp-hub/dist/cli.js"
if [[ ! -f "$hub_cli" ]]; then
  echo "mcp-hub-client.sh: $hub_cli is missing; run npm ci in $here" >&2
  exit 1
fi

work="$(mktemp -d -t zeroclaw-mcp-hub-client-XXXXXX)"
hub_pid=""
cleanup() {
  if [[ -n "$hub_pid" ]]; then
    kill -TERM "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  # mcp-hub's own log, for the suite's --verbose output and the results' stderr; its errors quote the
  # callback URL, whose code stays out.
  if [[ -f "$work/hub.log" ]]; then
    sed -E -e 's/([?&](code|state)=)[^&" ]*/\1(hidden)/g' \
      -e 's/("(access_token|refresh_token|client_secret|code_verifier)" *: *")[^"]*/\1(hidden)/g' \
      -e 's/^/mcp-hub: /' "$work/hub.log" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# mcp-hub keeps client registrations and tokens in $XDG_DATA_HOME/mcp-hub/oauth-storage.json (or
# ~/.mcp-hub): a home of its own per run, so no scenario sees another's registration or tokens.
mkdir -p "$work/home"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_STATE_HOME="$work/home/state" \
  XDG_CONFIG_HOME="$work/home/config"

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
node -e 'process.stdout.write(JSON.stringify({mcpServers: {conformance: {url: process.argv[1]}}}))' "$url" >"$work/hub.json"

node "$hub_cli" --port "$port" --config "$work/hub.json" >"$work/hub.log" 2>&1 &
hub_pid=$!

node "$here/mcp-hub-operator.mjs" "http://127.0.0.1:$port" conformance

#!/usr/bin/env bash
# The gateway side by side with mcp-hub (issue 13, target 4): zeroclaw's gateway and mcp-hub's /mcp
# endpoint in front of the same server (server-everything over stdio), and that server called
# directly over stdio, all three driven by the official TypeScript SDK client (side-by-side.mjs).
# Prints p50/p99 of `echo` per endpoint, each gateway's ratio to the direct call and what it adds per
# call, and zeroclaw over mcp-hub. Asserts nothing about time; fails only when a call fails.
#
# Needs: `npm ci` at the repository's root (server-everything) and in this folder (mcp-hub 4.2.1 and
# the SDK, pinned in its package-lock.json); bin/zeroclaw builds the daemon's jar when it is stale.
#
# Usage: zeroclaw-benchmarks/peers/mcp-hub/side-by-side.sh [--calls N] [--warmup N]
#   --calls   calls measured per endpoint (default 5000)
#   --warmup  calls per endpoint before measuring (default 10 x calls, at most 20000: the daemon's
#             JIT needs some 20,000 calls)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
calls=5000
warmup=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --calls) calls="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "side-by-side.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done
if [[ -z "$warmup" ]]; then
  warmup=$((calls * 10 < 20000 ? calls * 10 : 20000))
fi

everything="$root/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
hub_cli="$here/node_modules/mcp-hub/dist/cli.js"
for needed in "$everything:run npm ci at the repository's root" "$hub_cli:run npm ci in $here"; do
  if [[ ! -f "${needed%%:*}" ]]; then
    echo "side-by-side.sh: ${needed%%:*} is missing; ${needed#*:}" >&2
    exit 1
  fi
done

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

work="$(mktemp -d -t zeroclaw-side-by-side-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

zeroclaw_port="$(free_port)"
hub_port="$(free_port)"
mkdir -m 700 "$work/run" "$work/state"

# auth = "none": mcp-hub has no token either, and the SDK client then needs no header.
cat >"$work/config.toml" <<EOF
[mcp.gateway]
listen = "127.0.0.1:$zeroclaw_port"
auth = "none"

[[mcp.servers]]
name = "everything"
command = "node"
args = ["$everything", "stdio"]
EOF
cat >"$work/hub.json" <<EOF
{"mcpServers": {"everything": {"command": "node", "args": ["$everything", "stdio"]}}}
EOF

"$root/bin/zeroclaw" daemon --config "$work/config.toml" --runtime-dir "$work/run" >"$work/zeroclaw.log" 2>&1 &
pids+=($!)
# mcp-hub keeps its log and workspace cache under XDG_STATE_HOME: a directory of this run's own.
XDG_STATE_HOME="$work/state" node "$hub_cli" --port "$hub_port" --config "$work/hub.json" >"$work/mcp-hub.log" 2>&1 &
pids+=($!)

hub_version="$(node -p "require('$here/node_modules/mcp-hub/package.json').version")"
if ! (cd "$here" && node side-by-side.mjs "calls=$calls" "warmup=$warmup" "everything=$everything" \
    "zeroclaw=http://127.0.0.1:$zeroclaw_port/mcp" "hub=http://127.0.0.1:$hub_port/mcp" "hubVersion=$hub_version"); then
  echo "side-by-side.sh: the run failed; the gateways' logs:" >&2
  tail -n 20 "$work/zeroclaw.log" "$work/mcp-hub.log" >&2
  exit 1
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

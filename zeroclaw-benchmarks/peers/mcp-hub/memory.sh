#!/usr/bin/env bash
# mcp-hub next to zeroclaw in memory (issue 13): for each size N, in the same run, mcp-hub 4.2.1 with
# N of the fixture servers memory.sh uses (`node mcp-fixture.js --fault none --tools 3`), then the
# zeroclaw daemon with the same N (scripts/memory.sh --modes poll). Both read once every server is up
# and after a settle; the table shows the settled figures, medians of the runs.
#
# What is counted for mcp-hub: VmRSS and `Threads:` from /proc/<pid>/status of the `node cli.js`
# process (mcp-hub itself) plus every descendant that is not one of the fixtures (mcp-hub 4.2.1 starts
# none: the count of such helpers is printed, it is 0 here). The fixtures are not counted, on either
# side. Ready: mcp-hub's GET /api/servers lists N servers with status "connected"; zeroclaw's control
# socket says every server is READY.
#
# It prints figures and asserts nothing about them. It fails (exit 1) only when something is wrong:
# a server did not connect, mcp-hub did not exit after SIGTERM, or a fixture process outlived it.
#
# Usage: zeroclaw-benchmarks/peers/mcp-hub/memory.sh [--runs N] [--sizes "10 100"] [--settle SECONDS]
# Needs: `npm ci` in this folder (mcp-hub pinned in its package-lock.json), what scripts/memory.sh
# needs (the daemon's jar, java, node).
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/bench-lib.sh"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
fixture="$root/zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js"
zeroclaw_memory="$root/zeroclaw-benchmarks/scripts/memory.sh"
hub_cli="$here/node_modules/mcp-hub/dist/cli.js"
runs=3
sizes="10 100"
settle=7

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "memory.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

[[ -f "$hub_cli" ]] || { echo "memory.sh: $hub_cli is missing; run npm ci in $here" >&2; exit 2; }
command -v node >/dev/null || { echo "memory.sh: node is not on PATH" >&2; exit 2; }

work="$(mktemp -d -t zeroclaw-hub-memory-XXXXXX)"
hub_pid=""
marker=""

# On any exit: mcp-hub by its pid, then the processes carrying this run's marker.
cleanup() {
  if [[ -n "$hub_pid" ]] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid" 2>/dev/null || true
    sleep 3
    kill -KILL "$hub_pid" 2>/dev/null || true
  fi
  if [[ -n "$marker" ]]; then
    kill_marked "$marker" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# $1 and all its descendants, one pid a line.
tree() {
  local pid="$1" child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    tree "$child"
  done
}

# mcp-hub's footprint: "rss_kb threads helpers fixtures", summed over $1 and its descendants that
# are not fixtures (helpers: how many such descendants; fixtures: how many were left out).
hub_footprint() {
  local pid rss=0 threads=0 helpers=0 fixtures=0 r t
  for pid in $(tree "$1"); do
    if [[ "$pid" != "$1" ]]; then
      if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--marker $marker"; then
        fixtures=$((fixtures + 1))
        continue
      fi
      helpers=$((helpers + 1))
    fi
    read -r r t < <(awk '/^VmRSS:/ { rss = $2 } /^Threads:/ { threads = $2 } END { print rss + 0, threads + 0 }' "/proc/$pid/status" 2>/dev/null || echo 0 0)
    rss=$((rss + r)) threads=$((threads + t))
  done
  echo "$rss $threads $helpers $fixtures"
}

# Polls mcp-hub's GET /api/servers until $2 servers are "connected" (timeout $3 ms).
await_connected() {
  node - "$1" "$2" "$3" <<'EOF'
const [url, want, timeout] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const deadline = Date.now() + timeout;
let last = 'no answer';
(async () => {
  while (Date.now() < deadline) {
    try {
      const body = await (await fetch(url)).json();
      const connected = body.servers.filter((s) => s.status === 'connected').length;
      last = `${connected} of ${body.servers.length} connected`;
      if (connected >= want) { console.log(connected); return; }
    } catch (e) { last = e.message; }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`timed out: ${last}`);
  process.exit(1);
})();
EOF
}

# One mcp-hub with $1 servers (run $2): prints "rss_ready_kb threads_ready rss_settled_kb
# threads_settled helpers fixtures", the last two as seen when settled.
hub_run() {
  local servers="$1" run="$2" i sep=""
  local dir="$work/hub-$servers-$run"
  marker="zeroclaw-hub-memory-$$-$servers-$run"
  mkdir -p "$dir/state"
  {
    printf '{"mcpServers": {'
    for ((i = 0; i < servers; i++)); do
      printf '%s\n"fixture-%03d": {"command": "node", "args": ["%s", "--fault", "none", "--tools", "3", "--marker", "%s"]}' \
        "$sep" "$i" "$fixture" "$marker"
      sep=","
    done
    printf '}}\n'
  } >"$dir/hub.json"
  local port
  port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  # mcp-hub keeps its log and workspace cache under XDG_STATE_HOME: a directory of this run's own.
  XDG_STATE_HOME="$dir/state" node "$hub_cli" --port "$port" --config "$dir/hub.json" >"$dir/mcp-hub.log" 2>&1 &
  hub_pid=$!
  if ! await_connected "http://127.0.0.1:$port/api/servers" "$servers" 180000 >/dev/null 2>"$dir/ready.err"; then
    echo "memory.sh: mcp-hub, $servers servers, run $run: not all connected: $(cat "$dir/ready.err")" >&2
    tail -20 "$dir/mcp-hub.log" >&2
    exit 1
  fi
  local ready settled
  ready="$(hub_footprint "$hub_pid")"
  sleep "$settle"
  settled="$(hub_footprint "$hub_pid")"
  kill -TERM "$hub_pid"
  local status=0
  wait "$hub_pid" || status=$?
  hub_pid=""
  if ((status != 0)); then
    echo "memory.sh: mcp-hub, $servers servers, run $run: exited with status $status after SIGTERM" >&2
    exit 1
  fi
  # mcp-hub may exit before its servers have: up to 5 s for them to go.
  for ((i = 0; i < 50; i++)); do
    pgrep -f -- "--marker $marker" >/dev/null || break
    sleep 0.1
  done
  if pgrep -f -- "--marker $marker" >/dev/null; then
    echo "memory.sh: mcp-hub, $servers servers, run $run: fixture processes outlived mcp-hub" >&2
    exit 1
  fi
  marker=""
  local r t
  read -r r t _ <<<"$ready"
  echo "$r $t $settled"
}

hub_version="$(node -p "require('$here/node_modules/mcp-hub/package.json').version")"
echo "zeroclaw next to mcp-hub $hub_version, N stdio servers up; $runs runs each; settle ${settle} s; fixture: node mcp-fixture.js"
echo "machine: $(nproc) CPUs, load average at start $(cut -d' ' -f1-3 /proc/loadavg); $(node --version)"
rows=()
for servers in $sizes; do
  rr=() tr=() rs=() ts=() hs=() fs=()
  for ((run = 1; run <= runs; run++)); do
    # In this shell, not a subshell: an exit inside reaches the cleanup with mcp-hub's pid.
    hub_run "$servers" "$run" >"$work/result"
    read -r a b c d e f <"$work/result"
    rr+=("$a") tr+=("$b") rs+=("$c") ts+=("$d") hs+=("$e") fs+=("$f")
  done
  hub_rss="$(printf '%s\n' "${rs[@]}" | median)"
  hub_threads="$(printf '%s\n' "${ts[@]}" | median)"
  echo "mcp-hub, $servers servers: settled RSS $(awk -v k="$hub_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB," \
    "threads $hub_threads (ready: $(printf '%s\n' "${rr[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }') MiB," \
    "$(printf '%s\n' "${tr[@]}" | median) threads); helper processes: $(printf '%s\n' "${hs[@]}" | sort -u | paste -sd/)," \
    "fixture descendants left out: $(printf '%s\n' "${fs[@]}" | sort -u | paste -sd/)"
  # zeroclaw the same way, through its own script (event loop only); its row: servers io rss_ready
  # threads_ready rss_settled threads_settled.
  zeroclaw_out="$("$zeroclaw_memory" --runs "$runs" --sizes "$servers" --settle "$settle" --modes poll)"
  echo "$zeroclaw_out" | sed 's/^/  | /'
  read -r zc_rss zc_threads < <(echo "$zeroclaw_out" | awk -v n="$servers" '$1 == n && $2 == "poll" { print $5, $6 }')
  [[ -n "${zc_threads:-}" ]] || { echo "memory.sh: no figures from $zeroclaw_memory" >&2; exit 1; }
  rows+=("$(awk -v n="$servers" -v zr="$zc_rss" -v zt="$zc_threads" -v hr="$hub_rss" -v ht="$hub_threads" 'BEGIN {
    printf "%-8s %12.1f %16.1f %11.1f %15.1f %10.2f %13.2f", n, zr, zt, hr / 1024, ht, zr / (hr / 1024), zt / ht }')")
done
echo
echo "settled, medians of $runs runs (RSS in MiB; mcp-hub: its node process and any non-fixture descendants; fixtures counted on neither side)"
printf '%-8s %12s %16s %11s %15s %10s %13s\n' servers zeroclaw_MiB zeroclaw_threads mcp-hub_MiB mcp-hub_threads RSS_ratio threads_ratio
printf '%s\n' "${rows[@]}"
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg); every mcp-hub exited on SIGTERM with status 0; no fixture outlived it"

#!/usr/bin/env bash
# The daemon's footprint with N stdio servers READY (issue 13, target 2: 100 servers in at most
# 128 MiB RSS and 64 threads; 10 servers in 96 MiB): the daemon JVM's VmRSS and `Threads:` from
# /proc/<pid>/status, once every server is READY and again after a settle (idle pool threads gone).
# The daemon runs through bin/zeroclaw, so with the launcher's own JVM flags and environment.
#
# Each size runs with the event loop (io=poll, the default) and, in the same run for reference, with
# a thread per stream (io=threads, -Dzeroclaw.process.io=threads: what the daemon did before);
# the ratio is poll / threads. Every server is the daemon's test fixture, `node mcp-fixture.js`.
#
# It prints figures and asserts nothing about them. It fails (exit 1) only when something is wrong:
# a server did not become READY, the daemon did not stop on SIGTERM with status 0, or a fixture
# process outlived it.
#
# Usage: zeroclaw-benchmarks/scripts/memory.sh [--runs N] [--sizes "10 100"] [--settle SECONDS] [--modes "poll threads"]
# Needs: the built jar (mvn -pl zeroclaw-daemon -am package), java, node. Extra JVM options for the
# daemon: ZEROCLAW_JAVA_OPTS, as bin/zeroclaw takes them.
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="$root/bin/zeroclaw"
fixture="$root/zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js"
await_ready="$root/zeroclaw-benchmarks/scripts/await-ready.js"
runs=3
sizes="10 100"
settle=7
modes="poll threads"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "memory.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

[[ -f "$root/zeroclaw-daemon/target/zeroclaw.jar" ]] \
  || { echo "memory.sh: no jar; build it: mvn -B -q -pl zeroclaw-daemon -am package -DskipTests" >&2; exit 2; }
command -v node >/dev/null || { echo "memory.sh: node is not on PATH; the fixture server needs Node.js 18+" >&2; exit 2; }

work="$(mktemp -d -t zeroclaw-memory-XXXXXX)"
daemon_pid=""
marker=""

# On any exit: only what this script started, by pid, then the processes carrying this run's marker.
cleanup() {
  if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    sleep 5
    kill -KILL "$daemon_pid" 2>/dev/null || true
  fi
  if [[ -n "$marker" ]]; then
    kill_marked "$marker" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# VmRSS in kB and the thread count of process $1, as "kb threads".
footprint() {
  awk '/^VmRSS:/ { rss = $2 } /^Threads:/ { threads = $2 } END { print rss, threads }' "/proc/$1/status"
}

# One daemon with $2 servers in mode $1 (run $3): prints "rss_ready_kb threads_ready rss_settled_kb threads_settled".
one_run() {
  local mode="$1" servers="$2" run="$3" i
  local dir="$work/$mode-$servers-$run"
  marker="zeroclaw-memory-$$-$mode-$servers-$run"
  mkdir -p "$dir"
  # A port of its own for the gateway: on a shared machine 8765 may be taken, and a daemon whose
  # gateway did not start would be measured without Jetty.
  local port
  port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  {
    echo "[mcp]"
    printf '[mcp.gateway]\nlisten = "127.0.0.1:%s"\n' "$port"
    for ((i = 0; i < servers; i++)); do
      printf '\n[[mcp.servers]]\nname = "fixture-%03d"\ncommand = "node"\nstartup_timeout_secs = 120\n' "$i"
      printf 'args = ["%s", "--fault", "none", "--tools", "3", "--marker", "%s"]\n' "$fixture" "$marker"
    done
  } >"$dir/config.toml"
  node "$await_ready" "$dir/run/control.sock" "$servers" 180000 >"$dir/ready" 2>"$dir/ready.err" &
  local poller=$!
  local opts="${ZEROCLAW_JAVA_OPTS:-}"
  [[ "$mode" == threads ]] && opts="$opts -Dzeroclaw.process.io=threads"
  ZEROCLAW_JAVA_OPTS="$opts" "$launcher" daemon --config "$dir/config.toml" --runtime-dir "$dir/run" >"$dir/daemon.log" 2>&1 &
  daemon_pid=$!
  if ! wait "$poller"; then
    echo "memory.sh: $mode, $servers servers, run $run: not all READY: $(cat "$dir/ready.err")" >&2
    tail -20 "$dir/daemon.log" >&2
    exit 1
  fi
  local ready settled
  ready="$(footprint "$daemon_pid")"
  sleep "$settle"
  settled="$(footprint "$daemon_pid")"
  if grep -q "gateway could not listen" "$dir/daemon.log"; then
    echo "memory.sh: the gateway did not start: $(grep -m1 'gateway could not listen' "$dir/daemon.log")" >&2
    exit 1
  fi
  if ! grep -q "process io=$mode" "$dir/daemon.log"; then
    echo "memory.sh: the daemon did not run with io=$mode: $(grep -m1 'process io=' "$dir/daemon.log" || echo 'no io line')" >&2
    exit 1
  fi
  kill -TERM "$daemon_pid"
  local status=0
  wait "$daemon_pid" || status=$?
  daemon_pid=""
  if ((status != 0)); then
    echo "memory.sh: $mode, $servers servers, run $run: the daemon exited with status $status after SIGTERM" >&2
    exit 1
  fi
  if pgrep -f -- "--marker $marker" >/dev/null; then
    echo "memory.sh: $mode, $servers servers, run $run: fixture processes outlived the daemon" >&2
    exit 1
  fi
  marker=""
  echo "$ready $settled"
}

echo "zeroclaw daemon footprint with N stdio servers READY; $runs runs each; settle ${settle} s; fixture: node mcp-fixture.js"
echo "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ { print $2 }') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1); extra JVM options: ${ZEROCLAW_JAVA_OPTS:-(none)}"
printf '%-8s %-8s %14s %14s %16s %16s\n' servers io rss_ready_MiB threads_ready rss_settled_MiB threads_settled
for servers in $sizes; do
  declare -A settled_rss=()
  for mode in $modes; do
    rr=() tr=() rs=() ts=()
    for ((run = 1; run <= runs; run++)); do
      read -r a b c d < <(one_run "$mode" "$servers" "$run")
      rr+=("$a") tr+=("$b") rs+=("$c") ts+=("$d")
    done
    settled_rss[$mode]="$(printf '%s\n' "${rs[@]}" | median)"
    printf '%-8s %-8s %14s %14s %16s %16s\n' "$servers" "$mode" \
      "$(printf '%s\n' "${rr[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')" \
      "$(printf '%s\n' "${tr[@]}" | median)" \
      "$(awk -v k="${settled_rss[$mode]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
      "$(printf '%s\n' "${ts[@]}" | median)"
  done
  if [[ -n "${settled_rss[poll]:-}" && -n "${settled_rss[threads]:-}" ]]; then
    echo "$servers servers: settled RSS ratio poll/threads $(awk -v p="${settled_rss[poll]}" -v t="${settled_rss[threads]}" 'BEGIN { printf "%.2f", p / t }')"
  fi
  unset settled_rss
done
echo "every daemon stopped on SIGTERM with status 0; no fixture process outlived it"

#!/usr/bin/env bash
# Daemon start and memory, with the real daemon and real servers:
#   - the time from launching `zeroclaw daemon` to every server READY, for 1, 10 and 50 servers
#     (each size started RUNS times; the median, min and max are printed), and of that, the median
#     time to the daemon's first log line `daemon pid=…` (the JVM, Guice, the config loaded: the
#     part that does not depend on the servers);
#   - the daemon JVM's resident memory (VmRSS) at the moment 10 servers are READY (median of the runs).
# Every server is the daemon's test fixture, `node mcp-fixture.js --fault none --tools 3`.
#
# It prints figures and asserts nothing about time. It fails (exit 1) only when something is wrong:
# a server did not become READY, the daemon did not stop on SIGTERM with status 0, or a fixture
# process outlived it.
#
# Usage: zeroclaw-benchmarks/scripts/startup.sh [--runs N] [--sizes "1 10 50"] [--rss-size 10]
# Needs: the built jar (mvn -pl zeroclaw-daemon -am package), java, node. JVM options for the
# daemon: ZEROCLAW_JAVA_OPTS, as bin/zeroclaw takes them (default: none, as the systemd unit).
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/zeroclaw-daemon/target/zeroclaw.jar"
fixture="$root/zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js"
await_ready="$root/zeroclaw-benchmarks/scripts/await-ready.js"
runs=5
sizes="1 10 50"
rss_size=10
ready_timeout_ms=120000

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --rss-size) rss_size="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "startup.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

[[ -f "$jar" ]] || { echo "startup.sh: no $jar; build it: mvn -B -q -pl zeroclaw-daemon -am package -DskipTests" >&2; exit 2; }
command -v node >/dev/null || { echo "startup.sh: node is not on PATH; the fixture server needs Node.js 18+" >&2; exit 2; }

work="$(mktemp -d -t zeroclaw-startup-XXXXXX)"
daemon_pid=""
marker=""
problems=0

# On any exit: only what this script started, by pid: the daemon it launched (asked to stop first,
# so that it stops its servers), then any process that carries this run's marker.
cleanup() {
  if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    await_exit "$daemon_pid" 10 || kill -KILL "$daemon_pid" 2>/dev/null || true
  fi
  if [[ -n "$marker" ]]; then
    kill_marked "$marker" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The config of $1 fixture servers. Each carries an argument the fixture ignores, the marker $2, so
# that the leftover check finds this run's processes and no one else's on a shared machine.
write_config() {
  local servers="$1" marker="$2" file="$3" i
  {
    echo "[mcp]"
    echo "enabled = true"
    for ((i = 0; i < servers; i++)); do
      printf '\n[[mcp.servers]]\nname = "fixture-%03d"\ntransport = "stdio"\ncommand = "node"\n' "$i"
      printf 'args = ["%s", "--fault", "none", "--tools", "3", "--marker", "%s"]\n' "$fixture" "$marker"
      # Generous: fifty processes starting at once on a busy machine must not time out.
      printf 'startup_timeout_secs = 120\n'
    done
  } >"$file"
}

# Waits until process $1 has exited, at most $2 seconds; returns 1 if it is still there.
await_exit() {
  local pid="$1" end=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < end)) || return 1
    sleep 0.05
  done
}

# Kills the processes whose command line holds marker $1 and prints their pids; returns 1 if there were none.

# One start of $1 servers (run $2): sets ready_ms (launch to all READY), up_ms (launch to the
# daemon's first log line, "-" if it has none) and rss_kb (the daemon's VmRSS once all are READY),
# then stops the daemon and checks that it left nothing behind.
one_start() {
  local servers="$1" run="$2"
  local dir="$work/$servers-$run"
  marker="zeroclaw-startup-$$-$servers-$run"
  mkdir -p "$dir"
  write_config "$servers" "$marker" "$dir/config.toml"

  # The poller starts first and says so, so that its own start does not overlap the daemon's.
  node "$await_ready" "$dir/run/control.sock" "$servers" "$ready_timeout_ms" >"$dir/ready" 2>"$dir/ready.err" &
  local poller=$!
  local end=$((SECONDS + 30))
  until [[ -s "$dir/ready" ]]; do
    ((SECONDS < end)) || { echo "startup.sh: the poller did not start: $(cat "$dir/ready.err")" >&2; exit 1; }
    sleep 0.01
  done

  local started="$EPOCHREALTIME"
  # shellcheck disable=SC2086 # ZEROCLAW_JAVA_OPTS is a list of JVM options
  java ${ZEROCLAW_JAVA_OPTS:-} -jar "$jar" daemon --config "$dir/config.toml" --runtime-dir "$dir/run" \
    >"$dir/daemon.log" 2>&1 &
  daemon_pid=$!

  if ! wait "$poller"; then
    echo "startup.sh: $servers servers, run $run: not all READY: $(cat "$dir/ready.err")" >&2
    tail -20 "$dir/daemon.log" >&2
    exit 1
  fi
  rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$daemon_pid/status")"
  local ready_at pid
  read -r ready_at pid < <(sed -n 2p "$dir/ready")
  if [[ "$pid" != "$daemon_pid" ]]; then
    echo "startup.sh: the daemon says its pid is $pid, the script started $daemon_pid" >&2
    exit 1
  fi

  kill -TERM "$daemon_pid"
  if ! await_exit "$daemon_pid" 30; then
    echo "startup.sh: $servers servers, run $run: the daemon did not stop within 30 s of SIGTERM" >&2
    problems=$((problems + 1))
  fi
  local status=0
  wait "$daemon_pid" || status=$?
  daemon_pid=""
  if ((status != 0)); then
    echo "startup.sh: $servers servers, run $run: the daemon exited with status $status after SIGTERM" >&2
    problems=$((problems + 1))
  fi
  local left
  if left="$(kill_marked "$marker")"; then
    echo "startup.sh: $servers servers, run $run: fixture processes outlived the daemon (killed): $left" >&2
    problems=$((problems + 1))
  fi
  marker=""
  ready_ms="$(awk -v ready="$ready_at" -v started="$started" 'BEGIN { printf "%.1f", ready - started * 1000 }')"
  # The log's timestamps have milliseconds: 2026-11-29T05:18:54.882Z.
  local up_at
  up_at="$(grep -m1 ' Daemon - daemon pid=' "$dir/daemon.log" | cut -d' ' -f1 || true)"
  up_ms="-"
  if [[ -n "$up_at" ]]; then
    up_ms="$(awk -v up="$(date -d "$up_at" +%s.%N)" -v started="$started" 'BEGIN { printf "%.1f", (up - started) * 1000 }')"
  fi
}

echo "zeroclaw daemon start to all READY; $runs runs per size; fixture: node mcp-fixture.js --fault none --tools 3"
echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); node $(node --version)"
echo "JVM options: ${ZEROCLAW_JAVA_OPTS:-(none)}"
printf '%-8s %5s %10s %8s %8s %22s\n' servers runs median_ms min_ms max_ms "of which to_log_line_ms"
rss_values=()
for servers in $sizes; do
  times=()
  ups=()
  for ((run = 1; run <= runs; run++)); do
    one_start "$servers" "$run"
    times+=("$ready_ms")
    if [[ "$up_ms" != "-" ]]; then ups+=("$up_ms"); fi
    if [[ "$servers" == "$rss_size" ]]; then rss_values+=("$rss_kb"); fi
  done
  printf '%-8s %5s %10s %8s %8s %22s\n' "$servers" "$runs" \
    "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${times[@]}" | sort -g | head -1)" \
    "$(printf '%s\n' "${times[@]}" | sort -g | tail -1)" \
    "$( ((${#ups[@]} > 0)) && printf '%s\n' "${ups[@]}" | median || echo -)"
done
if ((${#rss_values[@]} > 0)); then
  rss_median_kb="$(printf '%s\n' "${rss_values[@]}" | median)"
  echo "daemon RSS (VmRSS) when $rss_size servers are READY: median $(awk -v k="$rss_median_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB" \
    "(runs, kB: ${rss_values[*]})"
fi
if ((problems > 0)); then
  echo "startup.sh: $problems problem(s); see above" >&2
  exit 1
fi
echo "every daemon stopped on SIGTERM with status 0; no fixture process outlived it"

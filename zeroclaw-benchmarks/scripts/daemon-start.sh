#!/usr/bin/env bash
# `zeroclaw daemon` with no servers: the time from launching it to the gateway's /healthz answering
# 200 ("ready": every configured server READY or failed, here none), next to a bare JVM start measured
# in the same run (issue 13, target 5: at most 0.5 s):
#   - hello:   java -cp DIR Hello, spawn to exit (the reference)
#   - daemon:  bin/zeroclaw daemon, as a user runs it (the launcher's flags and archive, if any)
#   - daemon, plain JVM: java -Xmx256m -jar zeroclaw.jar daemon (no launcher options)
# The config has no servers and a gateway with auth = "none" (with a token, /healthz wants it) on a
# free port. One node process spawns each command and polls /healthz every 5 ms
# (time-to-healthz.js), then stops the daemon with SIGTERM. The commands run in turn, one of each per
# round; it prints each one's median, min and max and its median over hello's, and for the daemons the
# median CPU time (user + system) their JVM had used when /healthz first answered 200: on a shared
# machine, where the wall time swings with the neighbours' load, the steadier figure.
#
# It asserts nothing about time. It fails (exit 1) only when a command fails: a daemon that never
# answered 200, or did not stop on SIGTERM with status 0.
#
# Usage: zeroclaw-benchmarks/scripts/daemon-start.sh [--runs N]   (default 11)
# JVM options for both daemons: ZEROCLAW_JAVA_OPTS, as bin/zeroclaw takes them.
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/zeroclaw-daemon/target/zeroclaw.jar"
timer="$root/zeroclaw-benchmarks/scripts/time-to-healthz.js"
runs=11

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "daemon-start.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d -t zeroclaw-start-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/run" "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

# bin/zeroclaw builds the jar first when it is missing or stale; this run is not timed.
"$root/bin/zeroclaw" --version >/dev/null

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
cat >"$work/config.toml" <<EOF
[mcp]
enabled = true

[mcp.gateway]
listen = "127.0.0.1:$port"
auth = "none"
EOF
url="http://127.0.0.1:$port/healthz"
daemon_args="daemon --config $work/config.toml --runtime-dir $work/run"

names=("hello" "daemon" "daemon, plain JVM")
urls=("-" "$url" "$url")
commands=(
  "java -cp $work/hello Hello"
  "$root/bin/zeroclaw $daemon_args"
  "java -Xmx256m ${ZEROCLAW_JAVA_OPTS:-} -jar $jar $daemon_args"
)

declare -A times cpu
for ((round = 0; round <= runs; round++)); do # round 0 is the warm-up, not counted (it may make an archive)
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086 # one command, split into words
    if ! ms="$(node "$timer" "${urls[$i]}" 60000 ${commands[$i]} 2>"$work/err")"; then
      echo "daemon-start.sh: '${names[$i]}' failed: $(cat "$work/err")" >&2
      exit 1
    fi
    ((round == 0)) || times[$i]+="${ms%% *} "
    [[ "$ms" != *" "* ]] || ((round == 0)) || cpu[$i]+="${ms#* } "
  done
done

echo "zeroclaw daemon with no servers, launch to /healthz 200; $runs rounds after one warm-up"
echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086 # the times, one a word
hello_median="$(printf '%s\n' ${times[0]} | median)"
printf '%-20s %10s %8s %8s %10s %12s\n' command median_ms min_ms max_ms "/ hello" cpu_median_ms
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086 # the times, one a word
  m="$(printf '%s\n' ${times[$i]} | median)"
  # shellcheck disable=SC2086
  c="-"
  # shellcheck disable=SC2086
  [[ -z "${cpu[$i]:-}" ]] || c="$(printf '%s\n' ${cpu[$i]} | median)"
  # shellcheck disable=SC2086
  printf '%-20s %10s %8s %8s %10s %12s\n' "${names[$i]}" "$m" "$(printf '%s\n' ${times[$i]} | sort -g | head -1)" \
    "$(printf '%s\n' ${times[$i]} | sort -g | tail -1)" "$(awk -v m="$m" -v h="$hello_median" 'BEGIN { printf "%.2fx", m / h }')" "$c"
done
echo "target: daemon <= 500 ms"

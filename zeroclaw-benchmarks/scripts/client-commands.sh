#!/usr/bin/env bash
# Client commands against a running daemon, whole process, next to a bare JVM start measured in the
# same run (issue 13, target 1: at most 2x the bare start):
#   - hello:             java -cp DIR Hello (the reference)
#   - status, reload:    bin/zeroclaw status / reload --dry-run / reload --dry-run --json, as a user
#                        runs them (the launcher's flags for client commands, and its AppCDS archive:
#                        made by the warm-up run); target: at most 2x hello
#   - status, plain JVM: java -Xmx256m -jar zeroclaw.jar status (no launcher flags, no archive)
#   - config check, diff: bin/zeroclaw config check / diff on a file of 100 stdio servers (and a copy
#                        with one changed); target: at most 3x hello
# The commands run in turn, one of each per round, so that a drift of the machine's speed touches
# all alike; it prints each one's median, min and max wall time and its median over hello's.
# The daemon is `bin/zeroclaw daemon --config examples/config.toml` in a runtime directory of its own.
#
# It asserts nothing about time. It fails (exit 1) only when a command fails (an exit status not 0).
#
# Usage: zeroclaw-benchmarks/scripts/client-commands.sh [--runs N]   (default 11)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/zeroclaw-daemon/target/zeroclaw.jar"
runs=11

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "client-commands.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d -t zeroclaw-client-XXXXXX)"
daemon_pid=""
cleanup() {
  if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -m 700 "$work/run" "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

# 100 stdio servers, as a user writes them (command, args, env), and a copy with one server's args changed.
for ((i = 0; i < 100; i++)); do
  printf '[[mcp.servers]]\nname = "server-%d"\ncommand = "node"\nargs = ["server.js", "--port", "%d"]\nenv = { "LOG_LEVEL" = "info" }\n\n' "$i" "$i"
done >"$work/servers-100.toml"
sed 's/"--port", "7"]/"--port", "7", "--verbose"]/' "$work/servers-100.toml" >"$work/servers-100-changed.toml"

# bin/zeroclaw builds the jar first when it is missing or stale.
"$root/bin/zeroclaw" daemon --config "$root/examples/config.toml" --runtime-dir "$work/run" >"$work/daemon.log" 2>&1 &
daemon_pid=$!
end=$((SECONDS + 120))
until "$root/bin/zeroclaw" status --runtime-dir "$work/run" >/dev/null 2>&1; do
  if ((SECONDS >= end)) || ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "client-commands.sh: the daemon did not answer within 120 s:" >&2
    tail -20 "$work/daemon.log" >&2
    exit 1
  fi
  sleep 0.2
done

names=("hello" "status" "reload --dry-run" "reload --dry-run --json" "status, plain JVM" "config check, 100" "diff, 100")
targets=("" "2" "2" "2" "" "3" "3")
commands=(
  "java -cp $work/hello Hello"
  "$root/bin/zeroclaw status --runtime-dir $work/run"
  "$root/bin/zeroclaw reload --dry-run --runtime-dir $work/run"
  "$root/bin/zeroclaw reload --dry-run --json --runtime-dir $work/run"
  "java -Xmx256m -jar $jar status --runtime-dir $work/run"
  "$root/bin/zeroclaw config check --config $work/servers-100.toml"
  "$root/bin/zeroclaw diff $work/servers-100.toml $work/servers-100-changed.toml"
)
# diff exits 1 when the files differ, which they do.
expected_status=(0 0 0 0 0 0 1)

declare -A times
for ((round = 0; round <= runs; round++)); do # round 0 is the warm-up, not counted
  for i in "${!commands[@]}"; do
    started="$EPOCHREALTIME"
    status=0
    # shellcheck disable=SC2086 # one command, split into words
    ${commands[$i]} >/dev/null 2>"$work/err" || status=$?
    if ((status != expected_status[i])); then
      echo "client-commands.sh: '${names[$i]}' failed (exit status $status): $(cat "$work/err")" >&2
      exit 1
    fi
    ((round == 0)) || times[$i]+="$(awk -v s="$started" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (e - s) * 1000 }') "
  done
done

echo "client commands against a running daemon (examples/config.toml), whole process; $runs rounds after one warm-up"
echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1)"
hello_median="$(printf '%s\n' ${times[0]} | median)"
printf '%-24s %10s %8s %8s %10s %8s\n' command median_ms min_ms max_ms "/ hello" target
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086 # the times, one a word
  m="$(printf '%s\n' ${times[$i]} | median)"
  # shellcheck disable=SC2086
  printf '%-24s %10s %8s %8s %10s %8s\n' "${names[$i]}" "$m" "$(printf '%s\n' ${times[$i]} | sort -g | head -1)" \
    "$(printf '%s\n' ${times[$i]} | sort -g | tail -1)" "$(awk -v m="$m" -v h="$hello_median" 'BEGIN { printf "%.2fx", m / h }')" \
    "${targets[$i]:+<= ${targets[$i]}x}"
done

#!/usr/bin/env bash
# The gateway's cost per call with telemetry off, with OpenTelemetry on, and with the audit log on
# (issue 15: "the gateway's overhead with telemetry off and on, and with the audit log on"):
#   - off:        no [mcp.telemetry], no [mcp.audit] (the default)
#   - telemetry:  [mcp.telemetry] enabled = true, every request sampled (the default sampler on root
#                 spans), spans and metrics exported over OTLP/HTTP (http/protobuf) to a loopback sink
#                 that answers 200 to everything; metrics every 5 s
#   - audit:      [mcp.audit] path in the work directory (log_arguments = false, the default)
#   - audit+args: [mcp.audit] with log_arguments = true
# Each run starts `java -jar zeroclaw.jar daemon` with one stdio server (the tests' node fixture with a
# tool `echo`), then gateway-calls.js makes WARMUP untimed and CALLS timed sequential tools/call over one
# keep-alive connection, and the daemon stops. The modes run in turn, one of each per round; it prints,
# per mode, the median over the rounds of each run's median and p99 latency, calls per second, and the
# daemon's CPU time per 1000 calls (on a shared machine the steadier figure).
#
# It asserts nothing about time. It fails (exit 1) only when a daemon does not start or a call fails.
#
# Usage: zeroclaw-benchmarks/scripts/gateway-telemetry.sh [--rounds N] [--calls N] [--warmup N]
#        (defaults 5, 5000, 3000)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/zeroclaw-daemon/target/zeroclaw.jar"
client="$root/zeroclaw-benchmarks/scripts/gateway-calls.js"
fixture="$root/zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js"
rounds=5
calls=5000
warmup=3000

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --calls) calls="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gateway-telemetry.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done
[[ -f "$jar" ]] || { echo "gateway-telemetry.sh: $jar is missing; build it: mvn -B -q -pl zeroclaw-daemon -am package -DskipTests" >&2; exit 1; }

work="$(mktemp -d -t zeroclaw-telemetry-XXXXXX)"
daemon_pid=""
sink_pid=""
cleanup() {
  for pid in "$daemon_pid" "$sink_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# The OTLP sink: reads each export and answers 200 with an empty body.
sink_port="$(free_port)"
node -e '
  require("http").createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, {"Content-Type": "application/x-protobuf"}); res.end(); }); })
    .listen(parseInt(process.argv[1], 10), "127.0.0.1");' "$sink_port" &
sink_pid=$!

modes=("off" "telemetry" "audit" "audit+args")

# One run of mode $1: starts the daemon, makes the calls, stops it; prints gateway-calls.js's JSON line.
run() {
  local mode="$1" port extra="" env_vars=()
  port="$(free_port)"
  case "$mode" in
    telemetry)
      extra=$'[mcp.telemetry]\nenabled = true\n'
      env_vars=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
        OTEL_METRIC_EXPORT_INTERVAL=5000) ;;
    audit) extra=$'[mcp.audit]\npath = "'"$work/audit.jsonl"$'"\n' ;;
    audit+args) extra=$'[mcp.audit]\npath = "'"$work/audit.jsonl"$'"\nlog_arguments = true\n' ;;
  esac
  rm -rf "$work/run" "$work"/audit.jsonl*
  mkdir -m 700 "$work/run"
  cat >"$work/config.toml" <<TOML
[mcp.gateway]
listen = "127.0.0.1:$port"
$extra
[[mcp.servers]]
name = "fix"
command = "node"
args = ["$fixture", "--tools", "0", "--tool-name", "echo"]
env = { "FIXTURE_TOKEN" = "not-a-real-secret" }
TOML
  env "${env_vars[@]}" java -Xmx256m -jar "$jar" daemon --config "$work/config.toml" --runtime-dir "$work/run" \
    >"$work/daemon-$mode.log" 2>&1 &
  daemon_pid=$!
  local end=$((SECONDS + 60))
  until curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$work/run/gateway.token" 2>/dev/null)" \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    if ((SECONDS >= end)) || ! kill -0 "$daemon_pid" 2>/dev/null; then
      echo "gateway-telemetry.sh: the daemon ($mode) did not become ready:" >&2
      cat "$work/daemon-$mode.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  node "$client" "http://127.0.0.1:$port/mcp" "$work/run/gateway.token" fix__echo "$daemon_pid" "$warmup" "$calls"
  kill -TERM "$daemon_pid"
  wait "$daemon_pid" || true
  daemon_pid=""
}

for ((r = 1; r <= rounds; r++)); do
  for mode in "${modes[@]}"; do
    run "$mode" >>"$work/results-$mode.jsonl"
  done
done

field() { # field FILE NAME: one value a line
  node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) console.log(JSON.parse(l)[process.argv[2]])' "$1" "$2"
}
printf '%-11s %10s %10s %10s %16s   (medians over %d rounds of %d calls)\n' mode "p50 µs" "p99 µs" "calls/s" "CPU ms/1000" "$rounds" "$calls"
for mode in "${modes[@]}"; do
  f="$work/results-$mode.jsonl"
  printf '%-11s %10s %10s %10s %16s\n' "$mode" "$(field "$f" p50_us | median)" "$(field "$f" p99_us | median)" \
    "$(field "$f" calls_per_s | median)" "$(field "$f" cpu_ms_per_1000 | median)"
done

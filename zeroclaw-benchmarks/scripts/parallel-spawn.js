#!/usr/bin/env node
// The machine's floor for ParallelRestartBenchmark: how long it takes, without zeroclaw, to start
// N fixture servers at once (node mcp-fixture.js --fault none --tools 3) and have each answer
// initialize and tools/list, for N = 1 and N = 10. If ten take much longer than one here, the
// cores (not the daemon) set the ratio the benchmark measures.
//
// Each measurement starts the processes, times until the last tools/list answer, then closes
// their stdin and waits until every one has exited before the next. Prints the median per N and
// the ratio of each to the first.
//   node zeroclaw-benchmarks/scripts/parallel-spawn.js [--runs 20] [--counts 1,10]
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const readline = require('readline');
const { performance } = require('perf_hooks');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = parseInt(option('--runs', '20'), 10);
const counts = option('--counts', '1,10').split(',').map((n) => parseInt(n, 10));
const fixture = path.resolve(__dirname, '../../zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js');
const WARMUP = 3;

// One server: started, initialized, its tools listed. Resolves with the child once tools/list is answered.
const startOne = () => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [fixture, '--fault', 'none', '--tools', '3'], { stdio: ['pipe', 'pipe', 'ignore'] });
  child.on('error', reject);
  const send = (message) => child.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line);
    if (message.id === 1) {
      send({ method: 'notifications/initialized' });
      send({ id: 2, method: 'tools/list', params: {} });
    } else if (message.id === 2) {
      resolve(child);
    }
  });
  send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'parallel-spawn', version: '1' } } });
});

const stop = (child) => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.on('exit', resolve);
  child.stdin.end();
});

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

(async () => {
  const medians = [];
  for (const count of counts) {
    const times = [];
    for (let run = 0; run < WARMUP + runs; run++) {
      const started = performance.now();
      const children = await Promise.all(Array.from({ length: count }, startOne));
      const elapsed = performance.now() - started;
      await Promise.all(children.map(stop));
      if (run >= WARMUP) times.push(elapsed);
    }
    medians.push(median(times));
  }
  console.log(`${runs} runs per count (after ${WARMUP} warm-up runs); ${require('os').cpus().length} CPUs; load average ${require('os').loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('started_at_once  median_ms  x_first');
  counts.forEach((count, i) => console.log(`${String(count).padEnd(16)} ${medians[i].toFixed(1).padStart(9)}  ${(medians[i] / medians[0]).toFixed(2).padStart(7)}`));
})().catch((error) => {
  console.error(`parallel-spawn: ${error.stack || error}`);
  process.exit(1);
});

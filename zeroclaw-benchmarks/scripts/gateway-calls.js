#!/usr/bin/env node
// Sequential tools/call through the gateway, one at a time over one keep-alive connection: opens a
// session (initialize, notifications/initialized), makes WARMUP calls, then CALLS timed ones, and prints
// one JSON line: the median and p99 latency (µs), calls per second, and the CPU time (user + system, ms
// per 1000 calls) the daemon's process (PID) used during the timed calls (from /proc). For
// gateway-telemetry.sh.
//   node gateway-calls.js URL TOKEN_FILE|- TOOL PID WARMUP CALLS
'use strict';
const fs = require('fs');
const http = require('http');

const [url, tokenFile, tool, pid, warmupText, callsText] = process.argv.slice(2);
if (!callsText) {
  process.stderr.write('usage: gateway-calls.js URL TOKEN_FILE|- TOOL PID WARMUP CALLS\n');
  process.exit(2);
}
const token = tokenFile === '-' ? null : fs.readFileSync(tokenFile, 'utf8').trim();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL(url);
let session = null;
let nextId = 1;

function post(message) {
  const body = JSON.stringify(message);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
    'Content-Length': Buffer.byteLength(body), 'MCP-Protocol-Version': '2025-06-18' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (session) headers['Mcp-Session-Id'] = session;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => {
          if (response.headers['mcp-session-id']) session = response.headers['mcp-session-id'];
          if (response.statusCode >= 300) reject(new Error(`HTTP ${response.statusCode}: ${text}`));
          else resolve(text);
        });
      });
    request.on('error', reject);
    request.end(body);
  });
}

const cpuMs = () => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (parseInt(fields[11], 10) + parseInt(fields[12], 10)) * 10;
};

async function call() {
  const answer = JSON.parse(await post({ jsonrpc: '2.0', id: nextId++, method: 'tools/call',
    params: { name: tool, arguments: { text: 'hello', n: 1 } } }));
  if (answer.error || answer.result.isError) throw new Error(`the call failed: ${JSON.stringify(answer)}`);
}

(async () => {
  await post({ jsonrpc: '2.0', id: nextId++, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {},
    clientInfo: { name: 'gateway-calls', version: '1' } } });
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  for (let i = 0; i < parseInt(warmupText, 10); i++) await call();
  const calls = parseInt(callsText, 10);
  const latencies = new Float64Array(calls);
  const cpuBefore = cpuMs();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    await call();
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuMs() - cpuBefore;
  latencies.sort();
  console.log(JSON.stringify({ p50_us: latencies[Math.floor(calls / 2)], p99_us: latencies[Math.floor(calls * 0.99)],
    calls_per_s: calls / seconds, cpu_ms_per_1000: (cpu * 1000) / calls }));
  agent.destroy();
})().catch((e) => { process.stderr.write(`gateway-calls.js: ${e.message}\n`); process.exit(1); });

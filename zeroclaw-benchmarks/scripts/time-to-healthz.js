#!/usr/bin/env node
// Starts a command and polls an HTTP URL every 5 ms until it answers 200, then prints on stdout the
// milliseconds from the spawn to that answer and the CPU time (user + system, ms) the command's process
// had used by then (from /proc: on a shared machine the steadier figure), stops the command with
// SIGTERM and waits for its exit. The command must exec its JVM (bin/zeroclaw does) for the CPU time to
// be the JVM's.
// With URL "-", prints the milliseconds from the spawn to the command's exit instead (the bare-JVM
// reference, timed the same way). One process does the spawning and the polling, so that the polling
// costs no process start of its own (a curl every 5 ms would compete with the daemon for the CPU).
// For daemon-start.sh.
//   node time-to-healthz.js URL TIMEOUT_MS COMMAND [ARG...]
'use strict';
const http = require('http');
const fs = require('fs');
const { spawn } = require('child_process');
const { performance } = require('perf_hooks');

const [url, timeoutText, command, ...args] = process.argv.slice(2);
if (!url || !timeoutText || !command) {
  process.stderr.write('usage: time-to-healthz.js URL|- TIMEOUT_MS COMMAND [ARG...]\n');
  process.exit(2);
}
const INTERVAL_MS = 5;
const deadline = Date.now() + parseInt(timeoutText, 10);
const agent = new http.Agent({ keepAlive: false });

const started = performance.now();
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => { stderr += chunk; });
let answeredMs = null;
let cpuMs = null;
// utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second on Linux).
const cpuOf = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (parseInt(fields[11], 10) + parseInt(fields[12], 10)) * 10;
};

child.on('exit', (code, signal) => {
  const ms = performance.now() - started;
  if (url === '-') {
    if (code !== 0) {
      process.stderr.write(`time-to-healthz: ${command} exited with ${code ?? signal}: ${stderr}\n`);
      process.exit(1);
    }
    process.stdout.write(`${ms.toFixed(1)}\n`);
    process.exit(0);
  }
  if (answeredMs === null) {
    process.stderr.write(`time-to-healthz: ${command} exited (${code ?? signal}) before ${url} answered 200:\n${stderr}\n`);
    process.exit(1);
  }
  if (code !== 0) {
    process.stderr.write(`time-to-healthz: ${command} did not stop on SIGTERM with status 0 (${code ?? signal}):\n${stderr}\n`);
    process.exit(1);
  }
  process.stdout.write(`${answeredMs.toFixed(1)} ${cpuMs}\n`);
  process.exit(0);
});

const poll = () => {
  if (Date.now() > deadline) {
    process.stderr.write(`time-to-healthz: ${url} did not answer 200 in time:\n${stderr}\n`);
    child.kill('SIGKILL');
    process.exit(1);
  }
  const request = http.get(url, { agent }, (response) => {
    response.resume();
    if (response.statusCode === 200) {
      answeredMs = performance.now() - started;
      cpuMs = cpuOf(child.pid);
      child.kill('SIGTERM');
    } else {
      setTimeout(poll, INTERVAL_MS);
    }
  });
  request.on('error', () => setTimeout(poll, INTERVAL_MS));
};
if (url !== '-') {
  poll();
}

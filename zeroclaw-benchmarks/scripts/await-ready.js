#!/usr/bin/env node
// Polls a zeroclaw daemon's control socket (the request `zeroclaw status --json` sends) until
// exactly COUNT servers are listed and every one is READY, then prints one line on stdout:
//   <milliseconds since the epoch, sub-millisecond> <daemon pid>
// Prints "polling" first, so that the caller can start the daemon once this process is up and
// its own start-up does not share the CPU with the daemon's. For startup.sh.
//   node await-ready.js SOCKET COUNT TIMEOUT_MS
'use strict';
const fs = require('fs');
const net = require('net');
const { performance } = require('perf_hooks');

const [socket, countText, timeoutText] = process.argv.slice(2);
if (!socket || !countText || !timeoutText) {
  process.stderr.write('usage: await-ready.js SOCKET COUNT TIMEOUT_MS\n');
  process.exit(2);
}
const count = parseInt(countText, 10);
const deadline = Date.now() + parseInt(timeoutText, 10);
const INTERVAL_MS = 10;
let last = 'no answer yet';

const again = () => {
  if (Date.now() > deadline) {
    process.stderr.write(`await-ready: not all ${count} servers READY in time; last status: ${last}\n`);
    process.exit(1);
  }
  setTimeout(poll, INTERVAL_MS);
};

const check = (line) => {
  const status = JSON.parse(line);
  last = line;
  const servers = status.servers || [];
  if (servers.length === count && servers.every((server) => server.state === 'READY')) {
    const now = performance.timeOrigin + performance.now();
    process.stdout.write(`${now.toFixed(3)} ${status.pid}\n`);
    process.exit(0);
  }
  again();
};

const poll = () => {
  // Before the daemon has created its socket there is nothing to ask.
  if (!fs.existsSync(socket)) return again();
  let answer = '';
  let settled = false;
  const settle = (then) => {
    if (settled) return;
    settled = true;
    connection.destroy();
    then();
  };
  const connection = net.createConnection(socket);
  connection.on('connect', () => connection.write(JSON.stringify({ command: 'status' }) + '\n'));
  connection.on('data', (chunk) => {
    answer += chunk;
    const end = answer.indexOf('\n');
    if (end >= 0) settle(() => check(answer.slice(0, end)));
  });
  // Not listening yet, or closed without a whole answer: ask again.
  connection.on('error', () => settle(again));
  connection.on('close', () => settle(again));
};

process.stdout.write('polling\n');
poll();

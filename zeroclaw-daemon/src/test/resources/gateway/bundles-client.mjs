// Bundles as gateway endpoints (issue 14, item 1), with the official TypeScript MCP client: sessions on
// /mcp with the gateway's token, on /mcp/dev with dev's own token, on ops through `zeroclaw connect
// --bundle ops` (which finds the daemon and ops' auth_token_env), dev's token on ops' path, qa and old with
// the gateway's token. A reload moves beta from dev to ops and removes old; a second reload changes only
// qa's tools, a marker: qa's sessions hear of it, so by then they would have heard of the first one.
// Run by GatewayBundlesIT; prints one JSON summary line on stdout, diagnostics on stderr.
//
// Environment:
//   ZC_JAVA, ZC_JAR   the java binary and zeroclaw.jar
//   ZC_RUNTIME_DIR    the daemon's runtime directory
//   ZC_BASE           the gateway's endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_GATEWAY_TOKEN, DEV_TOKEN, OPS_TOKEN  the gateway's and the bundles' tokens
//   ZC_CONFIG         the daemon's config file; ZC_MOVED_CONFIG, then ZC_MARKER_CONFIG, are copied over it
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";

import { allTools, text, withDeadline } from "./client-common.mjs";

const env = process.env;

// A client with a counter of the tools/list_changed it heard, and a way to wait for the next one.
async function open(name, transport) {
  const client = new Client({ name, version: "1.0.0" }, { capabilities: {} });
  const session = { client, changes: 0, waiters: [] };
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    session.changes++;
    session.waiters.splice(0).forEach((resolve) => resolve());
  });
  await withDeadline(client.connect(transport), `connect ${name}`);
  return session;
}

function changedAtLeast(session, count, what) {
  if (session.changes >= count) {
    return Promise.resolve();
  }
  return withDeadline(new Promise((resolve) => {
    const check = () => (session.changes >= count ? resolve() : session.waiters.push(check));
    session.waiters.push(check);
  }), what);
}

const http = (path, token) => new StreamableHTTPClientTransport(new URL(env.ZC_BASE + path),
  { requestInit: { headers: { Authorization: `Bearer ${token}` } } });

async function outcome(promise) {
  try {
    return text(await promise);
  } catch (e) {
    return `error: ${e.message}`;
  }
}

const cli = (...args) => execFileSync(env.ZC_JAVA, ["-jar", env.ZC_JAR, ...args, "--runtime-dir", env.ZC_RUNTIME_DIR],
  { encoding: "utf8" });

const all = await open("all", http("", env.ZC_GATEWAY_TOKEN));
const dev = await open("dev", http("/dev", env.DEV_TOKEN));
const ops = await open("ops", new StdioClientTransport({ command: env.ZC_JAVA,
  args: ["-jar", env.ZC_JAR, "connect", "--bundle", "ops", "--runtime-dir", env.ZC_RUNTIME_DIR], stderr: "inherit",
  env: { ...process.env } }));
const cross = await open("cross", http("/ops", env.DEV_TOKEN));
const qa = await open("qa", http("/qa", env.ZC_GATEWAY_TOKEN));
const old = await open("old", http("/old", env.ZC_GATEWAY_TOKEN));

const summary = { before: {}, after: {} };
for (const [name, session] of Object.entries({ all, dev, ops, cross, qa, old })) {
  summary.before[name] = (await allTools(session.client)).sort();
}
summary.devCallsInside = await outcome(dev.client.callTool({ name: "alpha__read", arguments: { n: 1 } }));
summary.devCallsOutside = await outcome(dev.client.callTool({ name: "alpha__write", arguments: { n: 1 } }));
summary.devCallsOtherServer = await outcome(dev.client.callTool({ name: "gamma__ping_me", arguments: { n: 1 } }));

const unknown = await fetch(env.ZC_BASE + "/nope", { method: "POST",
  headers: { Authorization: `Bearer ${env.ZC_GATEWAY_TOKEN}`, "Content-Type": "application/json",
    Accept: "application/json, text/event-stream" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }) });
summary.unknownBundle = { status: unknown.status, body: await unknown.json() };
const metrics = await fetch(env.ZC_BASE.replace(/\/mcp$/, "/metrics"), { headers: { Authorization: `Bearer ${env.DEV_TOKEN}` } });
summary.bundleTokenOnMetrics = metrics.status;
summary.statusBefore = JSON.parse(cli("status", "--json"));

copyFileSync(env.ZC_MOVED_CONFIG, env.ZC_CONFIG);
summary.reload = JSON.parse(cli("reload", "--json"));
await changedAtLeast(dev, 1, "dev's list_changed");
await changedAtLeast(ops, 1, "ops' list_changed");
await changedAtLeast(cross, 1, "cross's list_changed (dev's view on ops' path)");
for (const [name, session] of Object.entries({ all, dev, ops, cross, qa })) {
  summary.after[name] = (await allTools(session.client)).sort();
}
summary.oldAfter = await outcome(old.client.listTools());
summary.opsCallsMoved = await outcome(ops.client.callTool({ name: "beta__search", arguments: { n: 2 } }));

copyFileSync(env.ZC_MARKER_CONFIG, env.ZC_CONFIG);
summary.markerReload = JSON.parse(cli("reload", "--json"));
await changedAtLeast(qa, 1, "qa's list_changed (the marker)");
summary.changes = Object.fromEntries(Object.entries({ all, dev, ops, cross, qa }).map(([name, s]) => [name, s.changes]));
summary.statusAfter = JSON.parse(cli("status", "--json"));

for (const session of [all, dev, ops, cross, qa, old]) {
  await session.client.close().catch(() => {});
}
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

// Lists and calls, with the official TypeScript MCP client over Streamable HTTP, the tools of a server
// whose tool_0 changed its description since it was pinned: shown under pin_tools = "warn"; withheld
// after a reload to "block" (a live update: the client hears list_changed); shown and callable again
// after `zeroclaw tools approve`. Run by PinnedToolsIT; prints one JSON summary line on stdout.
//
// Environment:
//   ZC_URL           the gateway endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_JAVA, ZC_JAR  the java binary and zeroclaw.jar, to run `zeroclaw reload` and `zeroclaw tools approve`
//   ZC_RUNTIME_DIR   the daemon's runtime directory (its control socket and gateway.token)
//   ZC_CONFIG        the daemon's config file; ZC_BLOCK_CONFIG is copied over it before the reload
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";

import { allTools, text, withDeadline } from "./client-common.mjs";

const env = process.env;
const token = readFileSync(`${env.ZC_RUNTIME_DIR}/gateway.token`, "utf8").trim();
const transport = new StreamableHTTPClientTransport(new URL(env.ZC_URL),
  { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: "zeroclaw-pins-it", version: "1.0.0" }, { capabilities: {} });
let changes = 0;
let waiter = null;
client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
  changes++;
  if (waiter) waiter();
});
// Resolves once the client has heard more than `seen` list changes.
const changeAfter = (seen) => withDeadline(new Promise((resolve) => {
  waiter = () => { if (changes > seen) resolve(); };
  waiter();
}), "notifications/tools/list_changed");
const zeroclaw = (...args) => execFileSync(env.ZC_JAVA,
  ["-jar", env.ZC_JAR, ...args, "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" });
async function call(name) {
  try {
    return text(await client.callTool({ name, arguments: {} }));
  } catch (e) {
    return `error: ${e.message}`;
  }
}

await withDeadline(client.connect(transport), "connect");
const summary = {};
summary.toolsWarn = await allTools(client);
summary.callWarn = await call("fix__tool_0");

let seen = changes;
copyFileSync(env.ZC_BLOCK_CONFIG, env.ZC_CONFIG);
summary.reload = JSON.parse(zeroclaw("reload", "--json"));
await changeAfter(seen);
summary.toolsBlocked = await allTools(client);
summary.callBlocked = await call("fix__tool_0");

seen = changes;
summary.approve = zeroclaw("tools", "approve", "fix", "tool_0");
await changeAfter(seen);
summary.toolsApproved = await allTools(client);
summary.callApproved = await call("fix__tool_0");

await client.close();
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

// Deferred loading ([mcp] deferred_loading = true) with the official TypeScript MCP client: the list holds
// tool_search and tool_call; a search finds server-everything's echo with its schema; tool_call and a direct
// call of the exposed name both answer; a server added by a reload after the first search is found by the
// next; after that server restarts with another description, the next search shows it (the stale view of
// 1mcp #392); a reload that turns deferred loading off sends list_changed and lists every tool. Run by
// DeferredLoadingIT; prints one JSON summary line on stdout, diagnostics on stderr.
//
// Environment:
//   ZC_JAVA, ZC_JAR   the java binary and zeroclaw.jar (the client runs `zeroclaw connect`)
//   ZC_RUNTIME_DIR    the daemon's runtime directory
//   ZC_CONFIG         the daemon's config file; ZC_ADDED_CONFIG (adds server "late") and ZC_EAGER_CONFIG
//                     (deferred_loading off) are copied over it before the reloads
//   ZC_DESCRIPTION    the file late's tool_0 takes its description from; rewritten before late is killed
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";

import { allTools, DEADLINE_MS, text, withDeadline } from "./client-common.mjs";

const env = process.env;
const zeroclaw = (...args) => JSON.parse(execFileSync(env.ZC_JAVA,
  ["-jar", env.ZC_JAR, ...args, "--json", "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" }));

const transport = new StdioClientTransport({ command: env.ZC_JAVA,
  args: ["-jar", env.ZC_JAR, "connect", "--runtime-dir", env.ZC_RUNTIME_DIR], stderr: "inherit" });
const client = new Client({ name: "zeroclaw-deferred-it", version: "1.0.0" }, { capabilities: {} });
let changed;
const listChanged = new Promise((resolve) => { changed = resolve; });
let eager = false;
client.setNotificationHandler(ToolListChangedNotificationSchema, () => { if (eager) changed(); });

const search = async (query, limit) => {
  const result = await client.callTool({ name: "tool_search", arguments: limit ? { query, limit } : { query } });
  return result.structuredContent;
};

// Searches until `found` holds for the answer, within the deadline: a server becomes READY or restarts in its time.
async function searchUntil(query, found, what) {
  const end = Date.now() + DEADLINE_MS;
  let last;
  while (Date.now() < end) {
    last = await search(query);
    if (found(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; last answer ${JSON.stringify(last)}`);
}

await withDeadline(client.connect(transport), "connect");
const summary = {};
const listed = await client.listTools();
summary.tools = listed.tools.map((tool) => tool.name);
summary.searchSchema = listed.tools[0].inputSchema;

summary.echoSearch = await search("echo");
summary.globSearch = await search("everything__*", 50);
summary.toolCall = text(await client.callTool({ name: "tool_call",
  arguments: { name: "everything__echo", arguments: { message: "deferred hello" } } }));
summary.directCall = text(await client.callTool({ name: "everything__echo", arguments: { message: "cached name" } }));
try {
  const unknown = await client.callTool({ name: "tool_call", arguments: { name: "everything__nope", arguments: {} } });
  summary.unknownCall = `result: ${text(unknown)}`;
} catch (e) {
  summary.unknownCall = `error: ${e.message}`;
}
summary.badSearch = await client.callTool({ name: "tool_search", arguments: { query: "a*b*" } });

summary.lateBefore = await search("late__*");
copyFileSync(env.ZC_ADDED_CONFIG, env.ZC_CONFIG);
summary.addReload = zeroclaw("reload");
summary.lateAfter = await searchUntil("late__*", (found) => found.matched > 0, "late's tools in a search");
summary.lateCall = text(await client.callTool({ name: "tool_call", arguments: { name: "late__tool_1", arguments: {} } }));

const latePid = zeroclaw("status").servers.find((server) => server.name === "late").pid;
writeFileSync(env.ZC_DESCRIPTION, "second description");
process.kill(latePid, "SIGKILL");
summary.afterRestart = await searchUntil("late__tool_0",
  (found) => found.tools.some((tool) => tool.description === "second description"), "late's new description");

eager = true;
copyFileSync(env.ZC_EAGER_CONFIG, env.ZC_CONFIG);
summary.eagerReload = zeroclaw("reload");
await withDeadline(listChanged, "notifications/tools/list_changed after deferred_loading was turned off");
summary.eagerTools = await allTools(client);

await client.close();
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

// Lists and calls, with the official TypeScript MCP client, tools whose own names no client accepts
// (a 70-character one, one with a dot) and those of a server named like a host, then hears
// list_changed after a reload that gives that server a tool_prefix. Run by GatewayNamesIT; prints one
// JSON summary line on stdout, diagnostics on stderr.
//
// Environment:
//   ZC_JAVA, ZC_JAR  the java binary and zeroclaw.jar: the client runs `zeroclaw connect` with no --url and
//                    no --config, so connect asks the running daemon where its gateway is
//   ZC_RUNTIME_DIR   the daemon's runtime directory (its control socket and gateway.token)
//   ZC_CONFIG        the daemon's config file; ZC_NEXT_CONFIG is copied over it before the reload
//   ZC_MOVED_CONFIG  copied over it before a second reload, which moves the gateway to another port: the
//                    bridge finds it again through the daemon
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";

import { allTools, text, withDeadline } from "./client-common.mjs";

const env = process.env;

async function callEach(client, names) {
  const answers = {};
  for (const name of names) {
    try {
      const result = await client.callTool({ name, arguments: { n: 1 } });
      answers[name] = text(result);
    } catch (e) {
      answers[name] = `error: ${e.message}`;
    }
  }
  return answers;
}

const transport = new StdioClientTransport({ command: env.ZC_JAVA,
  args: ["-jar", env.ZC_JAR, "connect", "--runtime-dir", env.ZC_RUNTIME_DIR], stderr: "inherit" });
const client = new Client({ name: "zeroclaw-names-it", version: "1.0.0" }, { capabilities: {} });
let changed;
const listChanged = new Promise((resolve) => { changed = resolve; });
client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed());

await withDeadline(client.connect(transport), "connect");
const summary = {};
const reload = () => JSON.parse(execFileSync(env.ZC_JAVA,
  ["-jar", env.ZC_JAR, "reload", "--json", "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" }));
summary.toolsBefore = await allTools(client);
summary.callsBefore = await callEach(client, summary.toolsBefore);

copyFileSync(env.ZC_NEXT_CONFIG, env.ZC_CONFIG);
summary.reload = reload();
await withDeadline(listChanged, "notifications/tools/list_changed");
summary.toolsAfter = await allTools(client);
summary.callsAfter = await callEach(client, summary.toolsAfter);

copyFileSync(env.ZC_MOVED_CONFIG, env.ZC_CONFIG);
summary.moveReload = reload();
summary.callAfterMove = text(await withDeadline(
  client.callTool({ name: "fixture__files_read", arguments: { n: 2 } }), "a call after the gateway moved"));

await client.close();
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

// Lists and calls server-everything's tools through the gateway with the official TypeScript MCP
// client over Streamable HTTP, before and after a reload that adds excluded_tools and a
// max_result_bytes (live updates: the client hears list_changed). Run by ToolFiltersIT; prints one
// JSON summary line on stdout.
//
// Environment:
//   ZC_URL           the gateway endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_JAVA, ZC_JAR  the java binary and zeroclaw.jar, to run `zeroclaw reload`
//   ZC_RUNTIME_DIR   the daemon's runtime directory (its control socket and gateway.token)
//   ZC_CONFIG        the daemon's config file; ZC_NEXT_CONFIG is copied over it before the reload
//   ZC_MESSAGE       what to echo: large enough to be cut by the new cap
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";

import { allTools, withDeadline } from "./client-common.mjs";

const env = process.env;
const token = readFileSync(`${env.ZC_RUNTIME_DIR}/gateway.token`, "utf8").trim();
const transport = new StreamableHTTPClientTransport(new URL(env.ZC_URL),
  { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: "zeroclaw-filters-it", version: "1.0.0" }, { capabilities: {} });
let changed;
const listChanged = new Promise((resolve) => { changed = resolve; });
client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed());

// The text items of a call's result, or the error the client got.
async function call(name, args) {
  try {
    const result = await client.callTool({ name, arguments: args });
    return { texts: (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text),
      bytes: Buffer.byteLength(JSON.stringify(result), "utf8") };
  } catch (e) {
    return { error: e.message, code: e.code };
  }
}

await withDeadline(client.connect(transport), "connect");
const summary = {};
summary.toolsBefore = await allTools(client);
summary.echoBefore = await call("everything__echo", { message: env.ZC_MESSAGE });

copyFileSync(env.ZC_NEXT_CONFIG, env.ZC_CONFIG);
summary.reload = JSON.parse(execFileSync(env.ZC_JAVA,
  ["-jar", env.ZC_JAR, "reload", "--json", "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" }));
await withDeadline(listChanged, "notifications/tools/list_changed");
summary.toolsAfter = await allTools(client);
summary.filtered = await call("everything__get-sum", { a: 1, b: 2 });
summary.echoAfter = await call("everything__echo", { message: env.ZC_MESSAGE });

await client.close();
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

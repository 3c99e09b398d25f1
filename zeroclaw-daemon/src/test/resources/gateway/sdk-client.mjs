// Drives the zeroclaw gateway with the official TypeScript MCP client, as a user's client would.
// Run by GatewaySdkIT; prints one JSON summary line on stdout, diagnostics on stderr.
// The client declares sampling, elicitation and roots and answers them with fixed values, so the
// summary shows what server-everything got back through the gateway.
//
// Environment:
//   ZC_MODE         "http" (Streamable HTTP to ZC_URL) or "stdio" (spawns `zeroclaw connect --url ZC_URL`)
//   ZC_URL          the gateway endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_JAVA, ZC_JAR the java binary and zeroclaw.jar (stdio mode, and to run `zeroclaw reload`)
//   ZC_RUNTIME_DIR  the daemon's runtime directory (for `zeroclaw reload`, and its gateway.token: the
//                   bearer token a local client reads, as the docs' client set-up shows)
//   ZC_CONFIG       the daemon's config file; ZC_NEXT_CONFIG is copied over it before the reload
//   ZC_ADDED_TOOL   a namespaced tool the reload adds, e.g. notes__read_graph
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";

import { allTools, text, withDeadline } from "./client-common.mjs";

const env = process.env;

// `zeroclaw connect` reads the token itself; a Streamable HTTP client sends it as a bearer token.
const token = readFileSync(`${env.ZC_RUNTIME_DIR}/gateway.token`, "utf8").trim();
const transport = env.ZC_MODE === "stdio"
  ? new StdioClientTransport({ command: env.ZC_JAVA,
      args: ["-jar", env.ZC_JAR, "connect", "--url", env.ZC_URL, "--runtime-dir", env.ZC_RUNTIME_DIR], stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(env.ZC_URL), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: "zeroclaw-sdk-it", version: "1.0.0" },
  { capabilities: { sampling: {}, elicitation: {}, roots: {} } });

const asked = [];
client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
  asked.push(request.method);
  const question = request.params.messages.map((m) => m.content.text ?? "").join(" ");
  return { role: "assistant", model: "zeroclaw-it-model", content: { type: "text", text: `sampled by the client: ${question}` } };
});
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  asked.push(request.method);
  return { action: "accept", content: { name: "Ada Lovelace", check: true } };
});
client.setRequestHandler(ListRootsRequestSchema, async (request) => {
  asked.push(request.method);
  return { roots: [{ uri: "file:///srv/zeroclaw-it", name: "zeroclaw-it-root" }] };
});

let changes = 0;
let changed;
const listChanged = new Promise((resolve) => { changed = resolve; });
client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changes++; changed(); });

await withDeadline(client.connect(transport), "connect");
const summary = { mode: env.ZC_MODE, server: client.getServerVersion(), capabilities: client.getServerCapabilities() };
summary.toolsBefore = await allTools(client);
summary.echo = text(await client.callTool({ name: "everything__echo", arguments: { message: "hello gateway" } }));
summary.sum = text(await client.callTool({ name: "everything__get-sum", arguments: { a: 2, b: 3 } }));
await client.callTool({ name: "memory__create_entities", arguments: {
  entities: [{ name: "zeroclaw", entityType: "daemon", observations: ["hot-reloads MCP servers"] }] } });
summary.graph = text(await client.callTool({ name: "memory__read_graph", arguments: {} }));
summary.sampling = text(await client.callTool({ name: "everything__trigger-sampling-request",
  arguments: { prompt: "hello relay", maxTokens: 5 } }));
summary.elicitation = text(await client.callTool({ name: "everything__trigger-elicitation-request", arguments: {} }));
summary.roots = text(await client.callTool({ name: "everything__get-roots-list", arguments: {} }));
summary.asked = [...asked];
try {
  await client.callTool({ name: "gone__tool", arguments: {} });
  summary.unknownError = null;
} catch (e) {
  summary.unknownError = String(e.message);
}

copyFileSync(env.ZC_NEXT_CONFIG, env.ZC_CONFIG);
const before = changes;
const reload = execFileSync(env.ZC_JAVA, ["-jar", env.ZC_JAR, "reload", "--json", "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" });
summary.reload = JSON.parse(reload);
await withDeadline(listChanged, "notifications/tools/list_changed");
summary.listChanged = changes > 0;
summary.changesBeforeReload = before;
summary.toolsAfter = await allTools(client);
summary.addedCall = text(await client.callTool({ name: env.ZC_ADDED_TOOL, arguments: {} }));
summary.echoAfter = text(await client.callTool({ name: "everything__echo", arguments: { message: "still here" } }));

await client.close();
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);

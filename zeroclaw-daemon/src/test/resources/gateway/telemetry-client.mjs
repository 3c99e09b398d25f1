// One session of the official TypeScript MCP client over Streamable HTTP whose requests carry W3C trace
// context in params._meta (traceparent, tracestate), as the MCP SDKs propagate it: a tool call, a prompt,
// a resource, a tool whose result is an error, and an unknown tool. Run by TelemetryIT and AuditIT; prints
// one JSON summary line on stdout, with what the fixture server answered (the _meta it received).
//
// Environment:
//   ZC_URL           the gateway endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_RUNTIME_DIR   the daemon's runtime directory (its gateway.token)
//   ZC_TRACEPARENT   the traceparent every request carries
//   ZC_ARGUMENT      a value the tool call and the prompt carry in their arguments
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { readFileSync } from "node:fs";

import { text, withDeadline } from "./client-common.mjs";

const env = process.env;
const token = readFileSync(`${env.ZC_RUNTIME_DIR}/gateway.token`, "utf8").trim();
const transport = new StreamableHTTPClientTransport(new URL(env.ZC_URL),
  { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: "zeroclaw-telemetry-it", version: "2.5.0" }, { capabilities: {} });
const _meta = { traceparent: env.ZC_TRACEPARENT, tracestate: "zeroclaw-it=1" };

await withDeadline(client.connect(transport), "connect");
const summary = {};
summary.tool = JSON.parse(text(await withDeadline(client.callTool({ name: "fix__echo_meta",
  arguments: { note: env.ZC_ARGUMENT, n: 1 }, _meta }), "tools/call")));
const prompt = await withDeadline(client.getPrompt({ name: "fix__greet", arguments: { who: env.ZC_ARGUMENT }, _meta }),
  "prompts/get");
summary.prompt = JSON.parse(prompt.messages[0].content.text);
const resources = await withDeadline(client.listResources({ _meta }), "resources/list");
summary.resourceUri = resources.resources[0].uri;
const read = await withDeadline(client.readResource({ uri: summary.resourceUri, _meta }), "resources/read");
summary.resource = JSON.parse(read.contents[0].text);
summary.failed = (await withDeadline(client.callTool({ name: "fix__fail", arguments: {}, _meta }), "tools/call fail")).isError;
try {
  await client.callTool({ name: "fix__no_such_tool", arguments: {}, _meta });
  summary.unknown = "answered";
} catch (e) {
  summary.unknown = e.message;
}
await client.close();
console.log(JSON.stringify(summary));

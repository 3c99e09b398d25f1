// The gateway side by side with mcp-hub (issue 13, target 4), both driven by the official TypeScript
// SDK client: server-everything's `echo` called through zeroclaw's gateway (Streamable HTTP), through
// mcp-hub's /mcp endpoint (HTTP+SSE, the only transport it serves), and directly over stdio
// (StdioClientTransport), the reference. The calls
// are interleaved (one to each in turn), after a warm-up, so that a drift of the machine's speed
// touches all three alike. Prints p50/p99 per endpoint, the ratio to the direct call and the time
// added per call at p50. It asserts nothing about time; it fails only when a call fails.
//
// Run it through side-by-side.sh, which starts both gateways.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split("=", 2)));
const calls = Number(options.calls);
const warmUp = Number(options.warmup);
const everything = options.everything;

async function connect(name, transport) {
  const client = new Client({ name: `side-by-side-${name}`, version: "1" });
  await client.connect(transport);
  return client;
}

/** Waits until the endpoint lists `tool`: both gateways start their server after they listen. */
async function connectWhenListed(name, url, tool, Transport) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const client = await connect(name, new Transport(new URL(url)));
      const { tools } = await client.listTools();
      if (tools.some((t) => t.name === tool)) {
        return client;
      }
      await client.close();
    } catch (e) {
      if (Date.now() > deadline) {
        throw new Error(`${name} at ${url} did not list ${tool} within 60 s: ${e.message}`);
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`${name} at ${url} did not list ${tool} within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const endpoints = [
  { name: "direct stdio", tool: "echo",
    client: await connect("direct", new StdioClientTransport({ command: "node", args: [everything, "stdio"], stderr: "ignore" })) },
  { name: "zeroclaw gateway", tool: "everything__echo",
    client: await connectWhenListed("zeroclaw", options.zeroclaw, "everything__echo", StreamableHTTPClientTransport) },
  { name: `mcp-hub ${options.hubVersion}`, tool: "everything__echo",
    // mcp-hub 4.2.1 serves /mcp over the older HTTP+SSE transport (GET /mcp, POST /messages), not Streamable HTTP.
    client: await connectWhenListed("mcp-hub", options.hub, "everything__echo", SSEClientTransport) },
];

async function call(endpoint) {
  const started = process.hrtime.bigint();
  const result = await endpoint.client.callTool({ name: endpoint.tool, arguments: { message: "load" } });
  const took = Number(process.hrtime.bigint() - started);
  if (result.isError || !JSON.stringify(result.content).includes("load")) {
    throw new Error(`${endpoint.name}: unexpected answer ${JSON.stringify(result)}`);
  }
  return took;
}

for (let i = 0; i < warmUp; i++) {
  for (const endpoint of endpoints) {
    await call(endpoint);
  }
}
for (const endpoint of endpoints) {
  endpoint.nanos = [];
}
for (let i = 0; i < calls; i++) {
  // A different endpoint goes first in each round, so none always follows the same one.
  for (let k = 0; k < endpoints.length; k++) {
    const endpoint = endpoints[(i + k) % endpoints.length];
    endpoint.nanos.push(await call(endpoint));
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (nanos) => (nanos / 1e6).toFixed(3).padStart(7);
for (const endpoint of endpoints) {
  endpoint.nanos.sort((a, b) => a - b);
  endpoint.p50 = percentile(endpoint.nanos, 50);
  endpoint.p99 = percentile(endpoint.nanos, 99);
}
const direct = endpoints[0];
console.log(`echo of server-everything, TypeScript SDK client (${calls} calls each after ${warmUp} warm-up, interleaved)`);
for (const endpoint of endpoints) {
  let line = `${endpoint.name.padEnd(20)} p50 ${ms(endpoint.p50)} ms  p99 ${ms(endpoint.p99)} ms`;
  if (endpoint !== direct) {
    line += `  ${(endpoint.p50 / direct.p50).toFixed(2)}x direct at p50 (p99 ${(endpoint.p99 / direct.p99).toFixed(2)}x),`
      + ` adds ${ms(endpoint.p50 - direct.p50).trim()} ms per call at p50`;
  }
  console.log(line);
}
const [, zeroclaw, hub] = endpoints;
console.log(`zeroclaw / mcp-hub: p50 ${(zeroclaw.p50 / hub.p50).toFixed(2)}x, p99 ${(zeroclaw.p99 / hub.p99).toFixed(2)}x`);

for (const endpoint of endpoints) {
  await endpoint.client.close();
}

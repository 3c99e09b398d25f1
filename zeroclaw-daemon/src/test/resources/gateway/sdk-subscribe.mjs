// Resource subscriptions through the zeroclaw gateway with the official TypeScript MCP client.
// Run by GatewaySubscriptionIT; prints one JSON summary line on stdout, diagnostics on stderr.
//
// Environment:
//   ZC_URL          the gateway endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_JAVA, ZC_JAR the java binary and zeroclaw.jar (to run `zeroclaw reload`)
//   ZC_RUNTIME_DIR  the daemon's runtime directory (for `zeroclaw reload`, and its gateway.token)
//   ZC_CONFIG       the daemon's config file; ZC_NEXT_CONFIG is copied over it before the reload,
//                   which restarts server-everything
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";

const env = process.env;
const DEADLINE_MS = 60_000;

const updates = [];
let waiter = null;
function nextUpdate(what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`)), DEADLINE_MS);
    waiter = (uri) => { clearTimeout(timer); waiter = null; resolve(uri); };
  });
}

const client = new Client({ name: "zeroclaw-subscribe-it", version: "1.0.0" });
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
  updates.push(notification.params.uri);
  if (waiter) waiter(notification.params.uri);
});
const token = readFileSync(`${env.ZC_RUNTIME_DIR}/gateway.token`, "utf8").trim();
await client.connect(new StreamableHTTPClientTransport(new URL(env.ZC_URL),
  { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));

const summary = { capabilities: client.getServerCapabilities() };
const uri = (await client.listResources()).resources[0].uri;
summary.uri = uri;
await client.subscribeResource({ uri });
let update = nextUpdate("the first notifications/resources/updated");
await client.callTool({ name: "everything__toggle-subscriber-updates", arguments: {} });
summary.firstUpdate = await update;
// Off again, so the old instance (which lives on for a moment after the reload) sends no more.
await client.callTool({ name: "everything__toggle-subscriber-updates", arguments: {} });

// A reload restarts server-everything; its new instance knows of the subscription only if the
// gateway renewed it there, and only then answers the toggle with an update.
copyFileSync(env.ZC_NEXT_CONFIG, env.ZC_CONFIG);
summary.reload = JSON.parse(execFileSync(env.ZC_JAVA,
  ["-jar", env.ZC_JAR, "reload", "--json", "--runtime-dir", env.ZC_RUNTIME_DIR], { encoding: "utf8" }));
update = nextUpdate("an update from the restarted server");
await client.callTool({ name: "everything__toggle-subscriber-updates", arguments: {} });
summary.updateAfterReload = await update;

await client.unsubscribeResource({ uri });
const count = updates.length;
// server-everything sends an update every 5 s while toggled on; none may arrive now.
await new Promise((resolve) => setTimeout(resolve, 6_000));
summary.updatesAfterUnsubscribe = updates.length - count;

await client.close();
console.log(JSON.stringify(summary));

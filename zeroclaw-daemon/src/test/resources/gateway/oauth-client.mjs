// The gateway as an OAuth resource server, with the official TypeScript MCP client sending JWT access tokens
// that GatewayOAuthIT signed with keys of its loopback identity provider: a valid token lists every tool; one with
// a bundle's oauth_scope lists that bundle's; a token for another audience, an expired one, one signed by a key the
// issuer does not publish, and none at all are answered 401 with a challenge naming the Protected Resource
// Metadata, which names the issuer. Run by GatewayOAuthIT; prints one JSON summary line on stdout.
//
// Environment:
//   ZC_BASE          the gateway's endpoint, e.g. http://127.0.0.1:8765/mcp
//   ZC_VALID, ZC_BUNDLE_SCOPED, ZC_WRONG_AUDIENCE, ZC_EXPIRED, ZC_UNKNOWN_KEY   the access tokens
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

import { allTools, withDeadline } from "./client-common.mjs";

const env = process.env;

function transport(token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  return new StreamableHTTPClientTransport(new URL(env.ZC_BASE), { requestInit: { headers } });
}

async function tools(name, token) {
  const client = new Client({ name, version: "1.0.0" }, { capabilities: {} });
  try {
    await withDeadline(client.connect(transport(token)), `connect ${name}`);
    return (await allTools(client)).sort();
  } catch (e) {
    return `error: ${e.message}`;
  } finally {
    await client.close();
  }
}

async function refusal(name, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json, text/event-stream" };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(env.ZC_BASE, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 1,
    method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name, version: "1" } } }) });
  await response.text();
  return { status: response.status, challenge: response.headers.get("www-authenticate"), sdk: await tools(name, token) };
}

const summary = {
  valid: await tools("valid", env.ZC_VALID),
  bundleScoped: await tools("bundle-scoped", env.ZC_BUNDLE_SCOPED),
  wrongAudience: await refusal("wrong-audience", env.ZC_WRONG_AUDIENCE),
  expired: await refusal("expired", env.ZC_EXPIRED),
  unknownKey: await refusal("unknown-key", env.ZC_UNKNOWN_KEY),
  none: await refusal("none", null),
};
const metadataUrl = /resource_metadata="([^"]+)"/.exec(summary.none.challenge ?? "")?.[1];
summary.metadata = metadataUrl ? await (await fetch(metadataUrl)).json() : null;
console.log(JSON.stringify(summary));

// The person at a headless mcp-hub (mcp-hub-client.sh): what an operator can do with mcp-hub's REST API
// and an HTTP client, no browser. Waits for the server to be connected or to need authorization; when it
// needs it, takes the authorization URL mcp-hub offers (GET /api/servers, `authorizationUrl`), opens it
// without following redirects (the suite's authorization server approves at once), and hands the redirect
// (mcp-hub's /api/oauth/callback?server_name=..&code=..) to POST /api/oauth/manual_callback, mcp-hub's way
// for a callback its browser could not reach. Then lists the server's tools and calls `test-tool` through
// POST /api/servers/tools; a refused call that leaves a new authorization URL gets one more login. Each
// step that could reveal an authorization URL is tried, so that a failure is mcp-hub's, not this script's.
//
// Usage: node mcp-hub-operator.mjs HUB_URL SERVER_NAME; exit 0 when test-tool answered.
const [hub, name] = process.argv.slice(2);
const deadline = Date.now() + 25_000; // the suite gives a client 30 s
const maxLogins = 3;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** mcp-hub's errors quote the callback URL: its code stays out of what this script prints. */
function redact(text) {
  return text
    .replace(/([?&](?:code|state)=)[^&"\s]*/g, '$1(hidden)')
    .replace(/("(?:access_token|refresh_token|client_secret|code_verifier)"\s*:\s*")[^"]*/g, '$1(hidden)');
}

function fail(message) {
  console.error(`mcp-hub operator: ${redact(message)}`);
  process.exit(1);
}

async function api(method, path, body) {
  const response = await fetch(new URL(`/api${path}`, hub), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { ok: response.ok, status: response.status, json };
}

/** The server as mcp-hub's API shows it; until mcp-hub has loaded its config, the API answers an error. */
async function server() {
  let json;
  while (Date.now() < deadline) {
    ({ json } = await api('GET', '/servers'));
    const found = (json.servers || []).find((s) => s.name === name);
    if (found) {
      return found;
    }
    await sleep(100);
  }
  fail(`mcp-hub lists no server '${name}': ${JSON.stringify(json).slice(0, 300)}`);
}

async function waitForHub() {
  while (Date.now() < deadline) {
    try {
      if ((await api('GET', '/health')).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  fail('mcp-hub did not answer /api/health in time');
}

/** Waits until the server settles: connected, or unauthorized with a URL, or failed. */
async function settled() {
  while (Date.now() < deadline) {
    const s = await server();
    if (s.status === 'connected' || s.status === 'unauthorized') {
      return s;
    }
    if (s.status === 'disconnected' && s.error) {
      fail(`mcp-hub could not connect: ${s.error}`);
    }
    await sleep(100);
  }
  fail(`server '${name}' neither connected nor asked for authorization in time`);
}

/** The browser's part: the authorization URL opened, its redirect given to mcp-hub. */
async function login(authorizationUrl) {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) {
    fail(`the authorization URL answered ${response.status} without a redirect`);
  }
  const callback = new URL(location, authorizationUrl);
  if (callback.searchParams.has('error')) {
    fail(`the authorization server refused: ${callback.searchParams.get('error')}`);
  }
  const delivered = await api('POST', '/oauth/manual_callback', { url: callback.toString() });
  if (!delivered.ok) {
    fail(`mcp-hub refused the callback (HTTP ${delivered.status}): ${JSON.stringify(delivered.json).slice(0, 500)}`);
  }
}

await waitForHub();
let logins = 0;
let s = await settled();
// Connected without test-tool (a server that lets initialize through and refuses tools/list): ask mcp-hub
// to refresh the server's capabilities, in case that makes it ask for authorization.
if (s.status === 'connected' && !(s.capabilities?.tools || []).some((t) => t.name === 'test-tool')) {
  await api('POST', '/servers/refresh', { server_name: name });
  s = await settled();
}
while (s.status === 'unauthorized') {
  if (!s.authorizationUrl) {
    fail('mcp-hub says the server is unauthorized but offers no authorization URL');
  }
  if (++logins > maxLogins) {
    fail(`still unauthorized after ${maxLogins} logins`);
  }
  await login(s.authorizationUrl);
  s = await settled();
}

const tools = (s.capabilities?.tools || []).map((t) => t.name);
console.log(`mcp-hub: server connected; tools: ${tools.join(', ') || '(none)'}`);
while (true) {
  const call = await api('POST', '/servers/tools', { server_name: name, tool: 'test-tool', arguments: {} });
  if (call.ok) {
    console.log(`mcp-hub: test-tool answered: ${JSON.stringify(call.json.result).slice(0, 300)}`);
    process.exit(0);
  }
  // A refusal for scope (step-up) may leave mcp-hub unauthorized with a new URL: one more login then.
  const after = await server();
  if (after.status !== 'unauthorized' || !after.authorizationUrl || ++logins > maxLogins) {
    fail(`test-tool through mcp-hub failed (HTTP ${call.status}): ${JSON.stringify(call.json).slice(0, 500)}`);
  }
  await login(after.authorizationUrl);
  await settled();
}

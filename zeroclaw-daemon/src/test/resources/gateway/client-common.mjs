// Helpers shared by the tests' TypeScript SDK client scripts.

export const DEADLINE_MS = 60_000;

// `promise`, or an error naming `what` after DEADLINE_MS: a stuck gateway fails the test instead of hanging it.
export function withDeadline(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`)), DEADLINE_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Every tool name of the gateway's list, following nextCursor.
export async function allTools(client) {
  const names = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    names.push(...page.tools.map((tool) => tool.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

// The text items of a tool result, joined.
export function text(result) {
  return (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("");
}

#!/usr/bin/env python3
"""A minimal MCP server over stdio for the restart and start benchmarks (python3 standard library only).

Newline-delimited JSON-RPC 2.0 on stdin/stdout: initialize (answers with the protocol version it was
asked for), tools/list (3 tools), tools/call (echo: returns its "text" argument), ping. Notifications
are read and ignored. Exits when stdin ends. Arguments are ignored, so a benchmark can mark its
processes with one (a run id) and find them afterwards.

Python rather than the Node.js fixture of the integration tests: it starts in a fraction of the CPU,
so a benchmark's figure shows the daemon's own cost rather than the interpreter's.
"""
import json
import sys

TOOLS = [
    {"name": "echo", "description": "Returns its text argument.",
     "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}},
    {"name": "add", "description": "Adds two numbers.",
     "inputSchema": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}}},
    {"name": "now", "description": "Says nothing useful; a third tool for the list.",
     "inputSchema": {"type": "object", "properties": {}}},
]


def answer(message):
    method = message.get("method")
    params = message.get("params") or {}
    if method == "initialize":
        return {"protocolVersion": params.get("protocolVersion", "2025-06-18"),
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "fixture-py", "version": "1.0.0"}}
    if method == "tools/list":
        return {"tools": TOOLS}
    if method == "tools/call":
        arguments = params.get("arguments") or {}
        if params.get("name") == "echo":
            return {"content": [{"type": "text", "text": str(arguments.get("text", ""))}]}
        if params.get("name") == "add":
            return {"content": [{"type": "text", "text": str(arguments.get("a", 0) + arguments.get("b", 0))}]}
        return {"content": [{"type": "text", "text": "ok"}]}
    if method == "ping":
        return {}
    return None


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if "id" not in message or "method" not in message:
            continue  # a notification, or a reply to a request this server never sends
        result = answer(message)
        if result is None:
            reply = {"jsonrpc": "2.0", "id": message["id"],
                     "error": {"code": -32601, "message": "method not found: " + str(message.get("method"))}}
        else:
            reply = {"jsonrpc": "2.0", "id": message["id"], "result": result}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass

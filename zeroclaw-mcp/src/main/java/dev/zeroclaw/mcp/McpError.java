package dev.zeroclaw.mcp;

/** A JSON-RPC error answered by a server, or a request that got no usable answer. */
public final class McpError extends RuntimeException {

    /** JSON-RPC: the method does not exist. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC: the message is not JSON. */
    public static final int PARSE_ERROR = -32700;
    /** JSON-RPC: the message is not a valid request. */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC: invalid method parameters (an unknown tool, a bad cursor). */
    public static final int INVALID_PARAMS = -32602;
    /** MCP SDKs' code for a request that got no answer in time. */
    public static final int REQUEST_TIMEOUT = -32001;
    /** JSON-RPC: internal error; used here for answers that break the protocol. */
    public static final int INTERNAL_ERROR = -32603;

    private final int code;

    public McpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

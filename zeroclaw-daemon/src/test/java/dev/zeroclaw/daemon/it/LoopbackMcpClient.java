package dev.zeroclaw.daemon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A lean MCP client for the gateway: one kept-alive HTTP/1.1 connection, JSON answers only, one
 * request at a time. It does the same JSON work as {@link StdioMcpClient}, so comparing the two
 * measures what the gateway adds (the HTTP round trip and the gateway's own work), not the
 * overhead of a general-purpose HTTP client library.
 */
final class LoopbackMcpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Optional<String> token;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long nextId = 1;
    private String session;

    /** @param token the gateway's bearer token, empty for a gateway with {@code auth = "none"} */
    LoopbackMcpClient(int port, Optional<String> token) throws IOException {
        this.port = port;
        this.token = token;
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream());
        in = new BufferedInputStream(socket.getInputStream());
        request("initialize", StdioMcpClient.initializeParams("zeroclaw-loopback"));
        post(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    }

    /** The whole JSON-RPC answer (result or error). */
    JsonNode request(String method, JsonNode params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
        message.set("params", params);
        byte[] body = post(message);
        return JSON.readTree(body);
    }

    JsonNode callTool(String name, JsonNode arguments) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        params.set("arguments", arguments);
        return request("tools/call", params);
    }

    private byte[] post(JsonNode message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        StringBuilder head = new StringBuilder(256).append("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
        if (session != null) {
            head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        }
        token.ifPresent(value -> head.append("Authorization: Bearer ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        int status = -1;
        int length = -1;
        String line;
        while (!(line = readLine()).isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (status < 0) {
                status = Integer.parseInt(line.split(" ")[1]);
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            } else if (lower.startsWith("mcp-session-id:")) {
                session = line.substring("mcp-session-id:".length()).trim();
            }
        }
        byte[] answer = length < 0 ? new byte[0] : in.readNBytes(length);
        if (status != 200 && status != 202) {
            throw new IOException("HTTP " + status + ": " + new String(answer, StandardCharsets.UTF_8));
        }
        return answer;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the gateway closed the connection");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

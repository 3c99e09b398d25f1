package dev.zeroclaw.daemon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An MCP server run directly over stdio, one request at a time: the baseline the gateway's overhead is measured against. */
final class StdioMcpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader in;
    private final OutputStream out;
    private long nextId = 1;

    StdioMcpClient(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = process.getOutputStream();
        request("initialize", initializeParams("zeroclaw-baseline"));
        send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    }

    /** {@code initialize} params of a client that declares no capability. */
    static ObjectNode initializeParams(String clientName) {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", clientName).put("version", "1");
        return params;
    }

    JsonNode request(String method, JsonNode params) throws IOException {
        long id = nextId++;
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        send(message);
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode answer = JSON.readTree(line);
            if (answer.path("id").asLong(-1) == id) {
                return answer;
            }
        }
        throw new IOException("the server ended");
    }

    private void send(JsonNode message) throws IOException {
        out.write((message.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            out.close();
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

package dev.zeroclaw.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.signal.RuntimeDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** One {@code tools-*} request to the daemon's control socket, as {@code zeroclaw tools approve|diff} send it. */
final class PinRequest {

    /** The daemon's reply when it said {@code ok}, else empty (the reason went to {@code err}); the exit code either way. */
    record Outcome(Optional<JsonNode> reply, int exitCode) {}

    private PinRequest() {}

    /** @param runtimeDir the runtime directory the operator named, null for the default */
    static Outcome send(Path runtimeDir, ObjectNode request, ObjectMapper json, PrintWriter err) {
        Path socket = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
        JsonNode reply;
        try {
            reply = json.readTree(new ControlClient().send(socket, request.toString(), ControlClient.BUSY_PATIENCE).toJson());
        } catch (DaemonUnreachableException | DaemonBusyException e) {
            return new Outcome(Optional.empty(), ClientCommands.noAnswer(e, "try again", err));
        } catch (JsonProcessingException e) {
            err.println("zeroclaw: the daemon's reply is not JSON: " + e.getOriginalMessage());
            return new Outcome(Optional.empty(), ExitCodes.INTERNAL_ERROR);
        }
        if (!reply.path("ok").asBoolean(false)) {
            err.println("zeroclaw: " + reply.path("error").asText("the daemon refused"));
            return new Outcome(Optional.empty(), ExitCodes.TOOLS_REFUSED);
        }
        return new Outcome(Optional.of(reply), ExitCodes.OK);
    }
}

package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.JsonTree;
import dev.zeroclaw.signal.RuntimeDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code zeroclaw logs} and {@code events} share: one request whose reply holds a list of
 * items, each printed as one line; with {@code follow}, then each new item as the daemon sends it,
 * until SIGINT or SIGTERM (the JVM's default: it exits) or until the daemon goes away.
 */
final class StreamRequest {

    private StreamRequest() {}

    /**
     * @param runtimeDir the runtime directory the operator named, null for the default
     * @param items the reply's member that holds the kept items
     * @param line one item as one line ({@link JsonTree#toJson} for {@code --json})
     * @return the exit code: 0, 1 refused, 3 no daemon (or it went away while followed), 4 busy
     */
    static int run(Path runtimeDir, ObjectNode request, String items, Function<JsonTree, String> line, PrintWriter out,
            PrintWriter err) {
        requireNonNull(line, "line is null");
        Path socket = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
        ControlClient client = new ControlClient();
        try {
            if (!request.path("follow").asBoolean(false)) {
                JsonTree reply = client.send(socket, request.toString(), ControlClient.BUSY_PATIENCE);
                return printKept(reply, items, line, out, err) ? ExitCodes.OK : ExitCodes.STREAM_REFUSED;
            }
            boolean[] first = {true};
            // Returns only when the first reply refused: a stream ends otherwise with the daemon (or a signal).
            client.follow(socket, request.toString(), reply -> {
                if (first[0]) {
                    first[0] = false;
                    return printKept(reply, items, line, out, err);
                }
                out.println(line.apply(reply));
                return true;
            });
            return ExitCodes.STREAM_REFUSED;
        } catch (DaemonUnreachableException | DaemonBusyException e) {
            return ClientCommands.noAnswer(e, "try again", err);
        }
    }

    private static boolean printKept(JsonTree reply, String items, Function<JsonTree, String> line, PrintWriter out,
            PrintWriter err) {
        if (!reply.path("ok").asBoolean(false)) {
            err.println("zeroclaw: " + reply.path("error").asText("the daemon refused"));
            return false;
        }
        for (JsonTree item : reply.path(items)) {
            out.println(line.apply(item));
        }
        return true;
    }
}

package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.wire.JsonLineReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Sends one request to a running daemon's control socket and reads its reply. */
public final class ControlClient {

    /** The file name of the control socket inside the runtime directory. */
    public static final String SOCKET_NAME = "control.sock";
    /** The longest reply taken: a status of thousands of servers fits many times over. */
    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper json;

    public ControlClient(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * @throws DaemonUnreachableException when no daemon answers on {@code socket}, with a sentence
     *     saying why
     */
    public JsonNode send(Path socket, JsonNode request) throws DaemonUnreachableException {
        if (!Files.exists(socket)) {
            throw new DaemonUnreachableException("no zeroclaw daemon is running: there is no control socket at " + socket);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            Optional<String> line = new JsonLineReader(Channels.newInputStream(channel), MAX_REPLY_BYTES).next();
            if (line.isEmpty()) {
                throw new DaemonUnreachableException("the daemon at " + socket + " closed the connection without answering");
            }
            return json.readTree(line.get());
        } catch (IOException e) {
            throw new DaemonUnreachableException("no zeroclaw daemon answers at " + socket + ": " + e.getMessage());
        }
    }
}

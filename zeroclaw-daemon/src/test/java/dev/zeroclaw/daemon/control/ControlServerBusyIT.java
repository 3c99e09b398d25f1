package dev.zeroclaw.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.cli.ExitCodes;
import dev.zeroclaw.daemon.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control socket whose every slot is taken answers "busy", and the CLI says so with its own exit code. */
class ControlServerBusyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<SocketChannel> held = new ArrayList<>();
    private ControlServer server;

    @AfterEach
    void close() throws IOException {
        for (SocketChannel channel : held) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
        timers.shutdownNow();
    }

    @Test
    void theSeventeenthConnectionIsToldTheDaemonIsBusy() throws Exception {
        Path socket = startWithEverySlotHeld();

        assertThatThrownBy(() -> new ControlClient().send(socket, "{\"command\":\"status\"}"))
                .isInstanceOf(DaemonBusyException.class)
                .hasMessageContaining("busy: all " + ControlServer.MAX_CONNECTIONS + " control connections are in use");
    }

    @Test
    void reloadRetriesABusyDaemonThenExitsWithTheBusyCode() throws Exception {
        startWithEverySlotHeld();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Main.execute(new String[] {"reload", "--runtime-dir", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.DAEMON_BUSY).isEqualTo(4);
        assertThat(err.toString()).contains("is busy").contains("nothing was reloaded, try again")
                .doesNotContain("no zeroclaw daemon");
    }

    @Test
    void aFreedSlotServesTheNextRequest() throws Exception {
        Path socket = startWithEverySlotHeld();
        held.remove(0).close();

        // The freed slot comes back once its connection's end is seen: the client retries until then.
        var reply = new ControlClient().send(socket, "{\"command\":\"status\"}",
                Duration.ofSeconds(30));

        assertThat(reply.path("ok").asBoolean()).isTrue();
    }

    /** A control server answering every request with ok, with all its slots held by silent clients. */
    private Path startWithEverySlotHeld() throws IOException {
        Path socket = dir.resolve(ControlClient.SOCKET_NAME);
        server = new ControlServer(socket, request -> JSON.createObjectNode().put("ok", true), JSON, timers);
        server.start();
        for (int i = 0; i < ControlServer.MAX_CONNECTIONS; i++) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            held.add(channel);
        }
        return socket;
    }
}

package dev.zeroclaw.daemon.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What systemd hears from the daemon on NOTIFY_SOCKET, in order. */
class SystemdNotifyIT {

    @TempDir
    Path dir;

    @Test
    void readyThenReloadingWithMonotonicTimeThenReadyThenStopping() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), "[[mcp.servers]]\nname = \"a\"\n" + Zeroclaw.fixtureServer("none", 1));
        Path socket = dir.resolve("notify.sock");
        try (UnixDatagramChannel systemd = UnixDatagramChannel.open()) {
            systemd.bind(new UnixSocketAddress(socket.toString()));
            systemd.setOption(UnixSocketOptions.SO_RCVTIMEO, 30_000);
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of("NOTIFY_SOCKET", socket.toString()))) {
                daemon.awaitReady("a");
                Files.writeString(config, "[[mcp.servers]]\nname = \"b\"\n" + Zeroclaw.fixtureServer("none", 1));
                Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());
                assertThat(reload.exitCode()).as(reload.err()).isZero();
                assertThat(daemon.stop().exitCode()).isZero();

                List<String> heard = new ArrayList<>();
                String message;
                while (!(message = receive(systemd)).equals("STOPPING=1")) {
                    heard.add(message);
                }
                heard.add(message);

                List<String> withoutStatus = heard.stream().filter(m -> !m.startsWith("STATUS=")).toList();
                assertThat(withoutStatus).hasSize(4);
                assertThat(withoutStatus.get(0)).isEqualTo("READY=1");
                assertThat(withoutStatus.get(1)).matches("RELOADING=1\nMONOTONIC_USEC=\\d+");
                assertThat(withoutStatus.get(2)).isEqualTo("READY=1");
                assertThat(withoutStatus.get(3)).isEqualTo("STOPPING=1");
                assertThat(heard).anyMatch(m -> m.equals("STATUS=reload 1 applied"));
            }
        }
    }

    private static String receive(UnixDatagramChannel channel) throws IOException {
        ByteBuffer datagram = ByteBuffer.allocate(4096);
        channel.receive(datagram);
        String text = UTF_8.decode(datagram.flip()).toString();
        if (text.isEmpty()) {
            throw new AssertionError("no datagram from the daemon within 30 s");
        }
        return text;
    }
}

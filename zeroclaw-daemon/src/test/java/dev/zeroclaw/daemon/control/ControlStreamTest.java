package dev.zeroclaw.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.follow.FollowQueue;
import dev.zeroclaw.daemon.follow.Following;
import dev.zeroclaw.daemon.report.JsonTree;
import dev.zeroclaw.testing.Eventually;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket's streamed replies: the first document, then one JSON text per line until the client leaves. */
class ControlStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FollowQueue<JsonNode> live = new FollowQueue<>(10, 1_000, dropped -> JSON.createObjectNode().put("dropped", dropped));
    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private ControlServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve(ControlClient.SOCKET_NAME);
        server = new ControlServer(socket, new ControlHandler() {
            @Override
            public JsonNode handle(JsonNode request) {
                return JSON.createObjectNode().put("ok", true).put("once", true);
            }

            @Override
            public Optional<ControlStream> stream(JsonNode request) {
                if (!request.path("follow").asBoolean()) {
                    return Optional.empty();
                }
                return Optional.of(new FollowingStream<>(JSON.createObjectNode().put("ok", true).put("kept", 2),
                        new Following<>(List.of(), live, () -> unsubscribed.set(true)), item -> item));
            }
        }, JSON, timers);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        timers.shutdownNow();
    }

    @Test
    void aFollowerGetsTheDocumentThenEachItemAndItsLeavingEndsTheStream() throws Exception {
        live.offer(JSON.createObjectNode().put("n", 1), 1);
        live.offer(JSON.createObjectNode().put("n", 2), 1);
        List<String> received = new CopyOnWriteArrayList<>();

        new ControlClient().follow(socket, "{\"command\":\"x\",\"follow\":true}", reply -> {
            received.add(reply.toJson());
            return received.size() < 3;
        });

        assertThat(received).containsExactly("{\"ok\":true,\"kept\":2}", "{\"n\":1}", "{\"n\":2}");
        Eventually.until("the stream is closed once its client has gone", unsubscribed::get);
        assertThat(live.isClosed()).isTrue();
    }

    @Test
    void aFollowerHearsTheDaemonWentAwayWhenItStops() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
            try {
                new ControlClient().follow(socket, "{\"command\":\"x\",\"follow\":true}", reply -> {
                    first.complete(null);
                    return true;
                });
            } catch (DaemonUnreachableException | DaemonBusyException e) {
                throw new CompletionException(e);
            }
        });
        first.get(Eventually.PATIENCE.toSeconds(), TimeUnit.SECONDS);

        server.close();

        assertThat(following).failsWithin(Eventually.PATIENCE)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(DaemonUnreachableException.class).withMessageContaining("has gone away");
    }

    @Test
    void aRequestThatFollowsNothingGetsItsOneReplyAsBefore() throws Exception {
        JsonTree reply = new ControlClient().send(socket, "{\"command\":\"x\"}");

        assertThat(reply.toJson()).isEqualTo("{\"ok\":true,\"once\":true}");
        assertThat(unsubscribed).isFalse();
    }
}

package dev.zeroclaw.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.testing.Eventually;
import dev.zeroclaw.testing.InMemoryBehaviour;
import dev.zeroclaw.testing.InMemoryTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reloads applied to in-memory servers, as the daemon's reload coordinator applies them. */
class ServerRegistryTest {

    private static final long PATIENCE_SECONDS = Eventually.PATIENCE.toSeconds();

    private final SupervisorFixture fixture = new SupervisorFixture("memory");

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    @Test
    void everyRestartOfAReloadStartsAtOnceWithoutWaitingForAnotherToFinish() throws Exception {
        ServerRegistry registry = new ServerRegistry(fixture.context);
        List<ServerSpec> first = IntStream.range(0, 40).mapToObj(i -> fixture.spec("s" + i)).toList();
        registry.startAll(first).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        List<InMemoryTransport> old = fixture.memory.opened();

        fixture.memory.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        CompletableFuture<Map<String, String>> applied = registry.apply(restartAll(first), changed(first));

        Eventually.until("all 40 new instances wait for their initialize answer at the same time",
                () -> fixture.memory.opens() == 80 && fixture.memory.opened().subList(40, 80).stream()
                        .allMatch(InMemoryTransport::holdsInitialize));
        assertThat(applied).isNotDone();
        fixture.memory.opened().subList(40, 80).forEach(InMemoryTransport::releaseInitialize);
        assertThat(applied.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEmpty();
        assertThat(registry.statuses()).allSatisfy(status -> assertThat(status.state()).isEqualTo(ServerState.READY));
        Eventually.until("every old instance is closed", () -> old.stream().allMatch(transport -> transport.closeCalls() == 1));
    }

    @Test
    void oldInstancesStopOnceEveryRestartHasSettledAndTheReloadSaysSo() throws Exception {
        ServerRegistry registry = new ServerRegistry(fixture.context);
        List<ServerSpec> first = List.of(fixture.spec("fast"), fixture.spec("slow"));
        registry.startAll(first).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        List<InMemoryTransport> old = fixture.memory.opened();
        CompletableFuture<Void> reported = new CompletableFuture<>();

        fixture.memory.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        CompletableFuture<Map<String, String>> applied = registry.apply(restartAll(first), changed(first), reported);
        Eventually.until("both new instances started", () -> fixture.memory.opens() == 4
                && fixture.memory.opened().subList(2, 4).stream().allMatch(InMemoryTransport::holdsInitialize));
        fixture.memory.opened().get(2).releaseInitialize();
        Eventually.until("the fast one's new instance serves",
                () -> registry.find("fast").orElseThrow().serve().map(lease -> {
                    lease.close();
                    return lease.instance() == 2;
                }).orElse(false));
        Eventually.until("nothing runs on the blocking executor", fixture::blockingIdle);
        assertThat(old).as("the slow one still starts").allSatisfy(transport -> assertThat(transport.closeCalls()).isZero());

        fixture.memory.opened().get(3).releaseInitialize();
        assertThat(applied.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEmpty();
        Eventually.until("nothing runs on the blocking executor", fixture::blockingIdle);
        assertThat(old).as("the report is not out yet").allSatisfy(transport -> assertThat(transport.closeCalls()).isZero());

        reported.complete(null);
        Eventually.until("both old instances are closed", () -> old.stream().allMatch(transport -> transport.closeCalls() == 1));
    }

    /** A plan restarting every one of {@code servers}. */
    private static ReloadPlan restartAll(List<ServerSpec> servers) {
        return new ReloadPlan(List.of(), List.of(),
                servers.stream().map(spec -> new ServerChange(spec.name(), List.of("args"))).toList(), List.of(), List.of());
    }

    /** {@code servers} with changed args, by name. */
    private static Map<String, ServerSpec> changed(List<ServerSpec> servers) {
        Map<String, ServerSpec> next = new LinkedHashMap<>();
        servers.forEach(spec -> next.put(spec.name(), spec.toBuilder().args(List.of("--v2")).build()));
        return next;
    }
}

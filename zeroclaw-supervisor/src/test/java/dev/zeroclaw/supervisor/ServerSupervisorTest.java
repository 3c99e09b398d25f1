package dev.zeroclaw.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.testing.Eventually;
import dev.zeroclaw.testing.InMemoryBehaviour;
import dev.zeroclaw.testing.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server's life under {@link ServerSupervisor}, with in-memory servers and a manual clock: each
 * test runs in milliseconds and waits only on conditions.
 */
class ServerSupervisorTest {

    private static final long PATIENCE_SECONDS = Eventually.PATIENCE.toSeconds();
    /** Until the crash-loop rule asks for a pid, it asks for the name stdio: this stands in for a local process either way. */
    private static final String LOCAL_PROCESS = "stdio";
    private static final long PID = 4242;

    private SupervisorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aCrashedServerWaitsInBackoffThenStartsAgainWithDelaysThatDoubleUntilItIsReady() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        assertThat(supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServerState.READY);

        fixture.memory.behave(InMemoryBehaviour.healthy().withFailingStart("cannot run in-memory"));
        fixture.memory.last().crash("exited with status 1");
        fixture.awaitState(supervisor, ServerState.BACKOFF);
        assertThat(supervisor.status().lastError()).isEqualTo("exited with status 1");
        assertThat(fixture.timers.pendingDelays()).containsExactly(Duration.ofSeconds(1));

        fixture.timers.advance(Duration.ofMillis(999));
        assertThat(fixture.memory.opens()).as("no start before the backoff is over").isEqualTo(1);
        fixture.timers.advance(Duration.ofMillis(1));
        assertThat(fixture.memory.opens()).isEqualTo(2);
        fixture.awaitState(supervisor, ServerState.BACKOFF);
        assertThat(fixture.timers.pendingDelays()).containsExactly(Duration.ofSeconds(2));
        assertThat(supervisor.status().lastError()).isEqualTo("could not start: cannot run in-memory");

        fixture.timers.runNext();
        fixture.awaitState(supervisor, ServerState.BACKOFF);
        assertThat(fixture.memory.opens()).isEqualTo(3);
        assertThat(fixture.timers.pendingDelays()).containsExactly(Duration.ofSeconds(4));

        fixture.memory.behave(InMemoryBehaviour.healthy());
        fixture.timers.runNext();
        fixture.awaitState(supervisor, ServerState.READY);
        assertThat(fixture.states()).containsExactly(
                ServerState.STARTING, ServerState.READY,
                ServerState.BACKOFF, ServerState.STARTING,
                ServerState.BACKOFF, ServerState.STARTING,
                ServerState.BACKOFF, ServerState.STARTING, ServerState.READY);
        assertThat(fixture.timers.now()).isEqualTo(Duration.ofSeconds(7));
        ServerStatus status = supervisor.status();
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.replacements()).isZero();
        assertThat(status.lastError()).isNull();
        assertThat(status.tools()).isEqualTo(2);
    }

    @Test
    void theListenerHearsEachInstanceLaunchedAndEveryLineItSaidAlsoThoseTheLogSuppresses() throws Exception {
        fixture = new SupervisorFixture("memory");
        fixture.memory.behave(InMemoryBehaviour.healthy().withPid(PID));
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        assertThat(supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServerState.READY);

        int lines = LogRateLimit.LINES + 20;
        for (int i = 0; i < lines; i++) {
            fixture.memory.last().say("line " + i);
        }
        Eventually.until("every line heard", () -> fixture.heard.size() == 1 + lines);
        fixture.memory.last().crash("exited with status 1");
        fixture.awaitState(supervisor, ServerState.BACKOFF);
        // The backoff's 1 s, and the report of the suppressed lines that falls due with it.
        fixture.timers.advance(Duration.ofSeconds(1));
        fixture.awaitState(supervisor, ServerState.READY);
        fixture.memory.last().say("again");
        Eventually.until("the new instance heard", () -> fixture.heard.size() == 3 + lines);

        assertThat(fixture.heard.get(0)).isEqualTo("launched fs 1 pid " + PID);
        assertThat(fixture.heard.get(lines)).isEqualTo("said fs 1 line " + (lines - 1));
        assertThat(fixture.heard.subList(lines + 1, lines + 3)).containsExactly("launched fs 2 pid " + PID, "said fs 2 again");
    }

    @Test
    void theBackoffStartsOverAtOneSecondOnceTheServerWasReadyAgain() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        for (int crash = 1; crash <= 3; crash++) {
            fixture.memory.last().crash("crash " + crash);
            fixture.awaitState(supervisor, ServerState.BACKOFF);
            assertThat(fixture.timers.pendingDelays()).as("after crash %d", crash).containsExactly(Duration.ofSeconds(1));
            fixture.timers.runNext();
            fixture.awaitState(supervisor, ServerState.READY);
        }
    }

    @Test
    void aLocalProcessThatCrashesFiveTimesInTheWindowIsFailedWithItsLastError() throws Exception {
        fixture = new SupervisorFixture(LOCAL_PROCESS);
        fixture.memory.behave(InMemoryBehaviour.healthy().withPid(PID));
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(supervisor.status().pid()).hasValue(PID);

        fixture.memory.behave(InMemoryBehaviour.healthy().withPid(PID).withFailingStart("segfault at start"));
        fixture.memory.last().crash("killed by signal 11");
        for (int restart = 1; restart < ServerSupervisor.CRASH_LIMIT; restart++) {
            fixture.awaitState(supervisor, ServerState.BACKOFF);
            fixture.timers.runNext();
        }

        fixture.awaitState(supervisor, ServerState.FAILED);
        ServerStatus status = supervisor.status();
        assertThat(status.lastError()).isEqualTo("ended 5 times within 60 s; stays down until its config changes"
                + " (last: could not start: segfault at start)");
        assertThat(status.pid()).isEmpty();
        assertThat(fixture.memory.opens()).isEqualTo(ServerSupervisor.CRASH_LIMIT);
        assertThat(fixture.timers.pending()).as("no restart is planned any more").isZero();
        assertThat(fixture.changes.get(fixture.changes.size() - 1).lastError()).isEqualTo(status.lastError());
    }

    @Test
    void aServerWithoutAProcessIsTriedAgainPastTheCrashLimitAtMostEveryMinute() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("remote"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        fixture.memory.behave(InMemoryBehaviour.healthy().withFailingStart("connection refused"));
        fixture.memory.last().crash("connection reset");
        for (int restart = 1; restart <= ServerSupervisor.CRASH_LIMIT + 3; restart++) {
            fixture.awaitState(supervisor, ServerState.BACKOFF);
            fixture.timers.runNext();
        }

        fixture.awaitState(supervisor, ServerState.BACKOFF);
        assertThat(fixture.timers.pendingDelays()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aServerWhoseLoginIsNeededWaitsInNeedsAuthWithoutBackoffUntilItsConfigChanges() throws Exception {
        fixture = new SupervisorFixture("memory");
        String login = "server 'remote' needs an OAuth login: run zeroclaw auth login remote";
        fixture.authorization = new RequestAuthorization() {
            @Override
            public Optional<String> header() {
                return Optional.empty();
            }

            @Override
            public boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) {
                return false;
            }

            @Override
            public Optional<String> personNeeded() {
                return Optional.of(login);
            }
        };
        fixture.memory.behave(InMemoryBehaviour.healthy().withFailingInitialize(login));
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("remote"), fixture.context);

        assertThat(supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServerState.NEEDS_AUTH);

        assertThat(supervisor.status().lastError()).isEqualTo(login);
        assertThat(fixture.timers.pendingDelays()).isEmpty();
        assertThat(fixture.states()).containsExactly(ServerState.STARTING, ServerState.NEEDS_AUTH);
        fixture.authorization = RequestAuthorization.NONE;
        fixture.memory.behave(InMemoryBehaviour.healthy());
        supervisor.replace(fixture.spec("remote"), CompletableFuture.completedFuture(null)).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        fixture.awaitState(supervisor, ServerState.READY);
    }

    @Test
    void aStartFirstRestartSwitchesTrafficOnlyOnceTheNewInstanceIsReadyThenDrainsAndClosesTheOldOne() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        InMemoryTransport old = fixture.memory.last();
        ServingLease inFlight = supervisor.serve().orElseThrow();

        fixture.memory.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        ServerSpec next = fixture.spec("fs").toBuilder().args(List.of("--v2")).build();
        CompletableFuture<Optional<String>> outcome = supervisor.replace(next);
        Eventually.until("the new instance was asked to initialize", () -> fixture.memory.opens() == 2
                && fixture.memory.last().holdsInitialize());
        InMemoryTransport replacement = fixture.memory.last();

        try (ServingLease meanwhile = supervisor.serve().orElseThrow()) {
            assertThat(meanwhile.instance()).as("the old instance serves while the new one starts").isEqualTo(1);
        }
        assertThat(outcome).isNotDone();
        replacement.releaseInitialize();

        assertThat(outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEmpty();
        try (ServingLease after = supervisor.serve().orElseThrow()) {
            assertThat(after.instance()).isEqualTo(2);
        }
        assertThat(supervisor.spec()).isEqualTo(next);
        assertThat(old.closeCalls()).as("the old instance is kept while a call runs on it").isZero();
        inFlight.close();
        Eventually.until("the drained old instance is closed", () -> old.closeCalls() == 1);
        assertThat(replacement.closeCalls()).isZero();
        assertThat(fixture.states()).as("traffic never stopped").containsExactly(ServerState.STARTING, ServerState.READY,
                ServerState.READY);
        assertThat(supervisor.status().replacements()).as("a replacement asked for by the config").isEqualTo(1);
        assertThat(supervisor.status().restarts()).as("no crash").isZero();
    }

    @Test
    void whenTheNewInstanceFailsTheOldOneKeepsServingAndTheFailureIsReported() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSpec first = fixture.spec("fs");
        ServerSupervisor supervisor = new ServerSupervisor(first, fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        InMemoryTransport old = fixture.memory.last();

        fixture.memory.behave(InMemoryBehaviour.healthy().withFailingInitialize("database unreachable"));
        Optional<String> outcome = supervisor.replace(first.toBuilder().args(List.of("--v2")).build())
                .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(outcome).hasValueSatisfying(why -> assertThat(why).contains("database unreachable"));
        assertThat(supervisor.state()).isEqualTo(ServerState.READY);
        assertThat(supervisor.spec()).isEqualTo(first);
        try (ServingLease lease = supervisor.serve().orElseThrow()) {
            assertThat(lease.instance()).isEqualTo(1);
        }
        InMemoryTransport failed = fixture.memory.last();
        Eventually.until("the failed new instance is closed", () -> failed.closeCalls() == 1);
        assertThat(old.closeCalls()).isZero();
        assertThat(fixture.states()).containsExactly(ServerState.STARTING, ServerState.READY);
    }

    @Test
    void aLateCrashOfTheReplacedInstanceDoesNotTouchTheServingOne() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        InMemoryTransport old = fixture.memory.last();
        ServingLease keepsTheOldOneDraining = supervisor.serve().orElseThrow();
        assertThat(supervisor.replace(fixture.spec("fs").toBuilder().args(List.of("--v2")).build())
                .get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEmpty();

        old.crash("killed by signal 9");
        Eventually.until("the old instance's end was delivered", old::ended);
        keepsTheOldOneDraining.close();
        Eventually.until("the old instance is closed", () -> old.closeCalls() == 1);

        assertThat(supervisor.state()).isEqualTo(ServerState.READY);
        assertThat(supervisor.status().lastError()).isNull();
        assertThat(fixture.memory.opens()).isEqualTo(2);
        try (ServingLease lease = supervisor.serve().orElseThrow()) {
            assertThat(lease.instance()).isEqualTo(2);
        }
        assertThat(fixture.states()).containsExactly(ServerState.STARTING, ServerState.READY, ServerState.READY);
    }

    @Test
    void aLateEndOfAnInstanceThatCrashedAndWasRestartedIsIgnored() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        InMemoryTransport first = fixture.memory.last();
        first.crash("exited with status 2");
        fixture.awaitState(supervisor, ServerState.BACKOFF);
        fixture.timers.runNext();
        fixture.awaitState(supervisor, ServerState.READY);

        // The supervisor still closes what is left of a crashed instance; its answers must change nothing.
        first.close(Duration.ofSeconds(1));
        first.exit("exited with status 0");

        assertThat(supervisor.state()).isEqualTo(ServerState.READY);
        assertThat(fixture.timers.pendingDelays()).as("only the pings of the serving instance").hasSize(1);
        assertThat(fixture.memory.opens()).isEqualTo(2);
    }

    @Test
    void stopWhileStartingClosesTheStartingInstanceAndEndsStopped() throws Exception {
        fixture = new SupervisorFixture("memory");
        fixture.memory.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        CompletableFuture<ServerState> started = supervisor.start();
        Eventually.until("initialize is on its way", () -> fixture.memory.opens() == 1 && fixture.memory.last().holdsInitialize());
        assertThat(supervisor.state()).isEqualTo(ServerState.STARTING);

        supervisor.stop().get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(supervisor.state()).isEqualTo(ServerState.STOPPED);
        assertThat(started.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServerState.STOPPED);
        assertThat(fixture.memory.last().closeCalls()).isEqualTo(1);
        fixture.memory.last().releaseInitialize();
        fixture.timers.advance(Duration.ofMinutes(5));
        assertThat(supervisor.state()).isEqualTo(ServerState.STOPPED);
        assertThat(fixture.memory.opens()).isEqualTo(1);
    }

    @Test
    void stopDuringBackoffCancelsTheRestart() throws Exception {
        fixture = new SupervisorFixture("memory");
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs"), fixture.context);
        supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        fixture.memory.last().crash("exited with status 1");
        fixture.awaitState(supervisor, ServerState.BACKOFF);

        supervisor.stop().get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(supervisor.state()).isEqualTo(ServerState.STOPPED);
        assertThat(fixture.timers.pending()).isZero();
        fixture.timers.advance(Duration.ofMinutes(5));
        assertThat(fixture.memory.opens()).isEqualTo(1);
        assertThat(supervisor.state()).isEqualTo(ServerState.STOPPED);
    }

    @Test
    void aServerWhoseInitializeHangsFailsAtItsStartupTimeoutAndBacksOff() throws Exception {
        fixture = new SupervisorFixture("memory");
        fixture.memory.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        // 0 s: the timeout fires at once, so the test does not wait a real second for it.
        ServerSupervisor supervisor = new ServerSupervisor(fixture.spec("fs").toBuilder().startupTimeoutSecs(0).build(),
                fixture.context);

        assertThat(supervisor.start().get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServerState.BACKOFF);

        assertThat(supervisor.status().lastError()).contains("no answer to initialize");
        Eventually.until("the hanging instance is closed", () -> fixture.memory.last().closeCalls() == 1);
    }
}

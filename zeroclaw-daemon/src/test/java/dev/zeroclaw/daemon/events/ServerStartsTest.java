package dev.zeroclaw.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerStartsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T23:00:00Z");

    private final ServerStarts starts = new ServerStarts(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aServerStartedWithTheDaemonThenKilledHasAFirstStartThenACrashWithItsError() {
        start("fs", ServerState.STOPPED, 1);
        state("fs", ServerState.READY, ServerState.STARTING, null);
        state("fs", ServerState.BACKOFF, ServerState.READY, "exited on signal 9 (KILL)");
        start("fs", ServerState.BACKOFF, 2);

        assertThat(starts.of("fs")).containsExactly(
                new ServerStart(NOW, 1, OptionalLong.of(101), "first start"),
                new ServerStart(NOW, 2, OptionalLong.of(102), "crash: exited on signal 9 (KILL)"));
        assertThat(starts.of("nosuch")).isEmpty();
    }

    @Test
    void aCrashWithoutAnErrorSaysCrashAlone() {
        start("fs", ServerState.STOPPED, 1);
        state("fs", ServerState.BACKOFF, ServerState.READY, null);
        start("fs", ServerState.BACKOFF, 2);

        assertThat(starts.of("fs")).extracting(ServerStart::reason).containsExactly("first start", "crash");
    }

    @Test
    void aReloadNamesWhatItStartedAddedRestartedWithItsFieldsAndFailedServersItStartedAfresh() {
        start("fs", ServerState.STOPPED, 1);
        state("fs", ServerState.READY, ServerState.STARTING, null);
        start("gone", ServerState.STOPPED, 1);
        start("broken", ServerState.STOPPED, 1);
        state("broken", ServerState.FAILED, ServerState.STARTING, "exited with status 3");
        start("tuned", ServerState.STOPPED, 1);
        state("tuned", ServerState.FAILED, ServerState.STARTING, "exited with status 3");
        starts.reloaded(new ReloadPlan(List.of(), List.of(), List.of(), List.of(), List.of()), Set.of("fs", "gone", "broken", "tuned"));

        // Stop-first restart of fs, a FAILED server restarted and another updated, one added, one removed.
        state("fs", ServerState.STOPPING, ServerState.READY, null);
        start("fs", ServerState.STOPPING, 2);
        start("broken", ServerState.FAILED, 2);
        start("tuned", ServerState.FAILED, 2);
        start("web", ServerState.STOPPED, 1);
        starts.reloaded(new ReloadPlan(List.of("web"), List.of("gone"),
                List.of(new ServerChange("fs", List.of("args", "env.API_KEY")), new ServerChange("broken", List.of("command"))),
                List.of(new ServerChange("tuned", List.of("tool_timeout_secs"))), List.of()),
                Set.of("fs", "broken", "tuned", "web"));

        assertThat(starts.of("fs")).extracting(ServerStart::reason).containsExactly("first start", "reload restart: args, env.API_KEY");
        assertThat(starts.of("broken")).extracting(ServerStart::reason)
                .containsExactly("first start", "restart after FAILED by reload: command");
        assertThat(starts.of("tuned")).extracting(ServerStart::reason)
                .containsExactly("first start", "restart after FAILED by reload: tool_timeout_secs");
        assertThat(starts.of("web")).extracting(ServerStart::reason).containsExactly("added by reload");
        assertThat(starts.of("gone")).isEmpty();
    }

    @Test
    void aStartFirstReplacementIsAReloadRestartAndACrashDuringTheReloadKeepsItsOwnReason() {
        start("fs", ServerState.STOPPED, 1);
        state("fs", ServerState.READY, ServerState.STARTING, null);
        // The new instance starts beside the serving one, then crashes and is started again, all before the report.
        start("fs", ServerState.READY, 2);
        state("fs", ServerState.BACKOFF, ServerState.READY, "exited with status 1");
        start("fs", ServerState.BACKOFF, 3);
        starts.reloaded(new ReloadPlan(List.of(), List.of(), List.of(new ServerChange("fs", List.of("args"))), List.of(), List.of()),
                Set.of("fs"));

        assertThat(starts.of("fs")).extracting(ServerStart::reason)
                .containsExactly("first start", "reload restart: args", "crash: exited with status 1");
    }

    @Test
    void onlyTheLast20StartsAreKept() {
        start("fs", ServerState.STOPPED, 1);
        for (int instance = 2; instance <= 25; instance++) {
            state("fs", ServerState.BACKOFF, ServerState.READY, "crash " + instance);
            start("fs", ServerState.BACKOFF, instance);
        }

        List<ServerStart> kept = starts.of("fs");
        assertThat(kept).hasSize(ServerStarts.MAX_STARTS);
        assertThat(kept.get(0).instance()).isEqualTo(6);
        assertThat(kept.get(19)).isEqualTo(new ServerStart(NOW, 25, OptionalLong.of(125), "crash: crash 25"));
    }

    /** The supervisor's events of a start from {@code before}: STARTING, then the instance's launch. */
    private void start(String server, ServerState before, long instance) {
        if (before != ServerState.READY) {
            state(server, ServerState.STARTING, before, null);
        }
        starts.launched(server, instance, OptionalLong.of(100 + instance));
    }

    private void state(String server, ServerState state, ServerState previous, String error) {
        starts.changed(new ServerStatus(server, "stdio", state, OptionalLong.empty(), 0, 0, 0, 0, error, OptionalLong.empty()), previous);
    }
}

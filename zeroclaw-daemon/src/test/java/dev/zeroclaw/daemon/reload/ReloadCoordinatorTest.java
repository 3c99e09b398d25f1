package dev.zeroclaw.daemon.reload;

import static dev.zeroclaw.daemon.reload.ReloadFixture.DEADLINE;
import static dev.zeroclaw.daemon.reload.ReloadFixture.entries;
import static dev.zeroclaw.daemon.reload.ReloadFixture.servers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.plugins.PluginJars;
import dev.zeroclaw.plugins.fixture.ProbeProvider;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.supervisor.FleetEvents;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload coordinator on in-memory servers: what one reload decides, and how requests meet reloads. */
class ReloadCoordinatorTest {

    @TempDir
    Path directory;

    @Test
    void requestsArrivingDuringAReloadJoinExactlyOneMoreReload() throws Exception {
        CountDownLatch firstReported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {
                if (report.id() == 1) {
                    firstReported.countDown();
                    await(release); // holds the reload thread: reload 1 has not ended yet
                }
            });
            fixture.write(servers("a", "b"));

            CompletableFuture<ReloadReport> first = coordinator.request("control");
            await(firstReported);
            CompletableFuture<ReloadReport> sighup = coordinator.request("sighup");
            CompletableFuture<ReloadReport> control = coordinator.request("control");
            CompletableFuture<ReloadReport> watch = coordinator.request("file-watch");
            assertThat(control).isSameAs(sighup);
            assertThat(watch).isSameAs(sighup);
            assertThat(sighup).isNotDone();
            release.countDown();

            assertThat(get(first).id()).isEqualTo(1);
            assertThat(get(first).plan().added()).containsExactly("b");
            ReloadReport joined = get(sighup);
            assertThat(joined.id()).isEqualTo(2);
            assertThat(joined.trigger()).isEqualTo("sighup+control+file-watch");
            // Had the three requests run reloads of their own, this one would not be number 3.
            assertThat(get(coordinator.request("control")).id()).isEqualTo(3);
        }
    }

    @Test
    void aKeyFromANewerUpstreamIsAWarningOfTheReportNotARefusal() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            fixture.write(servers("a", "b").replace("enabled = true\n", "enabled = true\nsome_future_upstream_key = true\n"));

            ReloadReport report = get(coordinator.request("control"));

            assertThat(report.ok()).isTrue();
            assertThat(report.plan().added()).containsExactly("b");
            assertThat(report.warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.line()).isEqualTo(3);
                assertThat(warning.message()).startsWith("unknown key 'some_future_upstream_key' in [mcp] is ignored");
            });
            assertThat(report.logLine()).endsWith(" warnings=1");
        }
    }

    @Test
    void anErrorThrownInAReloadIsAFailedReportAndTheNextReloadStillRuns() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            ConfigSnapshot before = fixture.applied.get();
            // Validating the new server throws OutOfMemoryError: the reload thread used to die of it.
            fixture.write(servers("a") + entries(ThrowingProvider.NAME, "x"));

            ReloadReport failed = get(coordinator.request("control"));

            assertThat(failed.ok()).isFalse();
            assertThat(failed.errors()).singleElement().satisfies(error -> {
                assertThat(error.file()).isEqualTo(fixture.file.toString());
                assertThat(error.message()).contains("OutOfMemoryError", "the previous configuration keeps running");
            });
            assertThat(fixture.applied.get()).isSameAs(before);
            assertThat(fixture.state("a")).isEqualTo(ServerState.READY);

            fixture.write(servers("a", "b"));
            ReloadReport next = get(coordinator.request("sighup"));

            assertThat(next.ok()).isTrue();
            assertThat(next.id()).isEqualTo(2);
            assertThat(next.plan().added()).containsExactly("b");
            assertThat(fixture.state("b")).isEqualTo(ServerState.READY);
        }
    }

    @Test
    void anErrorThrownAfterAReloadLeavesTheReloadThreadServing() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {
                if (report.id() == 1) {
                    throw new StackOverflowError("thrown by the test's listener");
                }
            });

            assertThatThrownBy(() -> get(coordinator.request("control")))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StackOverflowError.class);
            fixture.write(servers("a", "b"));

            ReloadReport next = get(coordinator.request("control"));
            assertThat(next.id()).isEqualTo(2);
            assertThat(next.plan().added()).containsExactly("b");
        }
    }

    @Test
    void anUnchangedFileIsANoOp() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a", "b"))) {
            ServerSupervisor a = fixture.registry.find("a").orElseThrow();
            ConfigSnapshot before = fixture.applied.get();

            ReloadReport report = get(fixture.coordinator(heard -> {}).request("sighup"));

            assertThat(report.ok()).isTrue();
            assertThat(report.result()).isEqualTo(FleetEvents.ReloadResult.APPLIED);
            assertThat(report.configSha256()).isEqualTo(before.sha256());
            assertThat(report.plan().added()).isEmpty();
            assertThat(report.plan().removed()).isEmpty();
            assertThat(report.plan().restart()).isEmpty();
            assertThat(report.plan().update()).isEmpty();
            assertThat(report.plan().unchanged()).containsExactlyInAnyOrder("a", "b");
            assertThat(fixture.applied.get()).isSameAs(before);
            assertThat(fixture.registry.find("a")).containsSame(a);
        }
    }

    @Test
    void anInvalidFileTouchesNothingAndReportsItsErrors() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ConfigSnapshot before = fixture.applied.get();
            ServerSupervisor a = fixture.registry.find("a").orElseThrow();
            fixture.write(servers("a", "b") + "\n[[mcp.servers]]\nname = \"c\"\ncomand = \"typo\"\n");

            ReloadReport report = get(fixture.coordinator(heard -> {}).request("control"));

            assertThat(report.ok()).isFalse();
            assertThat(report.result()).isEqualTo(FleetEvents.ReloadResult.INVALID);
            assertThat(report.errors()).isNotEmpty();
            assertThat(report.errors()).allSatisfy(error -> assertThat(error.file()).isEqualTo(fixture.file.toString()));
            assertThat(report.errors()).anySatisfy(error -> {
                assertThat(error.message()).contains("comand");
                assertThat(error.line()).isPositive();
            });
            assertThat(report.plan().added()).isEmpty();
            assertThat(fixture.applied.get()).isSameAs(before);
            assertThat(fixture.registry.names()).containsExactly("a");
            assertThat(fixture.registry.find("a")).containsSame(a);
            assertThat(fixture.state("a")).isEqualTo(ServerState.READY);
        }
    }

    @Test
    void aRefusedReloadKeepsTheProviderChangesItSawForTheNextReload() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a") + entries("probe", "p"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            String original = Files.readString(fixture.file);
            // The probe plugin appears, and in the same reload a server its provider refuses.
            PluginJars.plugin(fixture.pluginDir.resolve("probe"), ProbeProvider.class);
            fixture.write(original + entries(RefusingProvider.NAME, "r"));

            ReloadReport refused = get(coordinator.request("control"));

            assertThat(refused.ok()).isFalse();
            assertThat(refused.errors()).anySatisfy(error -> assertThat(error.message()).contains(RefusingProvider.WHY));
            assertThat(fixture.registry.names()).containsExactlyInAnyOrder("a", "p");

            // The file is back to the applied one; the plugin did not change since, yet p's provider did.
            fixture.write(original);
            ReloadReport next = get(coordinator.request("control"));

            assertThat(next.ok()).isTrue();
            assertThat(next.plan().restart()).containsExactly(new ServerChange("p", List.of(ProviderChanges.FIELD)));
            assertThat(next.plan().unchanged()).containsExactly("a");
        }
    }

    @Test
    void aDryRunReportsTheProblemsOfAProviderAtTheirPlaceAsTheReloadWould() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            fixture.write(servers("a") + entries(RefusingProvider.NAME, "r"));

            ReloadReport dryRun = coordinator.dryRun();
            ReloadReport reload = get(coordinator.request("control"));

            assertThat(dryRun.ok()).as("a dry run that said yes to what the reload refuses would mislead").isFalse();
            assertThat(dryRun.plan().added()).isEmpty();
            assertThat(dryRun.errors()).extracting(Object::toString).containsExactlyElementsOf(
                    reload.errors().stream().map(Object::toString).toList());
            assertThat(dryRun.errors()).singleElement().satisfies(error -> {
                assertThat(error.toString()).startsWith(fixture.file + ":").endsWith(RefusingProvider.WHY);
                assertThat(error.line()).isPositive();
                assertThat(error.column()).isPositive();
            });
            assertThat(fixture.registry.names()).containsExactly("a");
        }
    }

    @Test
    void aStopDuringAReloadEndsItAndLaterRequestsAreRefused() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ConfigSnapshot before = fixture.applied.get();
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            fixture.write(servers("a") + entries(GatedProvider.NAME, "held"));
            CompletableFuture<ReloadReport> running = coordinator.request("control");
            await(fixture.gated.initializing()); // the reload is applying: it waits for "held" to answer
            CompletableFuture<ReloadReport> queued = coordinator.request("sighup");

            coordinator.close(); // as on SIGTERM

            assertThat(threadsNamed("zeroclaw-reload")).isEmpty();
            assertThatThrownBy(() -> get(running)).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("the daemon is stopping");
            assertThatThrownBy(() -> get(queued)).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("the daemon is stopping");
            assertThat(fixture.applied.get()).isSameAs(before);
            assertThatThrownBy(() -> get(coordinator.request("control"))).isInstanceOf(CancellationException.class)
                    .hasMessage("the daemon is stopping");
        }
    }

    @Test
    void aRequestMadeBeforeTheStartIsServedOnceItStarts() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ReloadCoordinator coordinator = new ReloadCoordinator(fixture.file, fixture.parser, fixture.applied,
                    fixture.registry, SdNotify.disabled(), fixture.transports, Optional.of(fixture.pluginDir));
            try (coordinator) {
                CompletableFuture<ReloadReport> early = coordinator.request("control");
                assertThat(threadsNamed("zeroclaw-reload")).isEmpty(); // the constructor started nothing

                coordinator.start();

                assertThat(get(early).id()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFileWhoseParseRunsPastTheDeadlineIsRefusedAndTheServersKeepRunning() throws Exception {
        try (ReloadFixture fixture = new ReloadFixture(directory, servers("a"))) {
            ConfigSnapshot before = fixture.applied.get();
            ServerSupervisor a = fixture.registry.find("a").orElseThrow();
            // About 1 MiB: its parse takes far longer than the 1 ms allowed here, on any machine.
            fixture.write(servers(names(8_000)));
            ReloadCoordinator coordinator = new ReloadCoordinator(fixture.file,
                    fixture.parser.withParseTimeout(Duration.ofMillis(1)), fixture.applied, fixture.registry,
                    SdNotify.disabled(), fixture.transports, Optional.of(fixture.pluginDir));
            try (coordinator) {
                coordinator.start();

                ReloadReport report = get(coordinator.request("sighup"));

                assertThat(report.ok()).isFalse();
                assertThat(report.errors()).extracting(Object::toString).containsExactly(fixture.file
                        + ": parsing took longer than 1 ms; the file is refused and the running configuration is kept:"
                        + " look for what makes it unusually large (a 1 MiB config parses in well under a second)");
                assertThat(fixture.applied.get()).isSameAs(before);
                assertThat(fixture.registry.find("a")).containsSame(a);
                assertThat(fixture.state("a")).isEqualTo(ServerState.READY);
            }
        }
    }

    // "a", then count - 1 more.
    private static String[] names(int count) {
        String[] names = new String[count];
        names[0] = "a";
        for (int i = 1; i < count; i++) {
            names[i] = "server-" + i;
        }
        return names;
    }

    static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .toList();
    }

    private static ReloadReport get(CompletableFuture<ReloadReport> future) throws Exception {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("not reached within " + DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

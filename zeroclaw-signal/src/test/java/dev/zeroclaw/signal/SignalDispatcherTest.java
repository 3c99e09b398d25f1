package dev.zeroclaw.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jnr.constants.platform.Signal;
import org.junit.jupiter.api.Test;

/**
 * Real signals to a real JVM: each test starts {@link SignalProbe} in a child JVM. The child starts through
 * {@code env --default-signal}, so that a build run under nohup or in a script's background does not hand the child
 * ignored signals that the test did not ask for.
 */
class SignalDispatcherTest {

    private static final List<String> DEFAULT_SIGNALS = List.of("env", "--default-signal=HUP,INT,TERM");
    private static final int HANGUPS = 200;

    @Test
    void survivesAFloodOfHangupsReportsThemAndStopsOnTerm() throws Exception {
        try (ChildJvm child = ChildJvm.start(DEFAULT_SIGNALS, List.of(), SignalProbe.class)) {
            child.awaitLine("ready");
            assertThat(child.lines()).contains("handled [HUP, TERM, INT]")
                    .noneMatch(line -> line.startsWith("warning"));

            for (int i = 0; i < HANGUPS; i++) {
                child.send(Signal.SIGHUP);
            }
            child.awaitLine("signal HUP");
            assertThat(child.isAlive()).as("alive after %d SIGHUPs", HANGUPS).isTrue();

            child.send(Signal.SIGTERM);
            child.awaitLine("signal TERM");
            // 0, not 129: no SIGHUP took its default action. A SIGHUP is handled before the SIGTERM sent after it,
            // as the kernel delivers the lower pending signal first.
            assertThat(child.awaitExit()).isZero();
            // The kernel merges a signal that arrives while the same one is pending, so fewer may arrive.
            assertThat(child.lines().stream().filter("signal HUP"::equals).count()).isBetween(1L, (long) HANGUPS);
        }
    }

    @Test
    void stopsOnInt() throws Exception {
        try (ChildJvm child = ChildJvm.start(DEFAULT_SIGNALS, List.of(), SignalProbe.class)) {
            child.awaitLine("ready");
            child.send(Signal.SIGINT);
            child.awaitLine("signal INT");
            assertThat(child.awaitExit()).isZero();
        }
    }

    @Test
    void underNohupSighupStaysIgnoredAndTheWarningSaysSoAndPointsToZeroclawReload() throws Exception {
        List<String> nohup = List.of("env", "--default-signal=INT,TERM", "nohup");
        try (ChildJvm child = ChildJvm.start(nohup, List.of(), SignalProbe.class)) {
            child.awaitLine("ready");
            assertThat(child.lines())
                    .contains("handled [TERM, INT]")
                    .filteredOn(line -> line.startsWith("warning"))
                    .singleElement().asString()
                    .contains("SIGHUP was ignored when zeroclaw started (nohup?) and stays ignored")
                    .contains("`zeroclaw reload` still works");

            child.send(Signal.SIGHUP);
            child.send(Signal.SIGTERM);
            child.awaitLine("signal TERM");
            assertThat(child.awaitExit()).as("survived SIGHUP, exited on SIGTERM").isZero();
            assertThat(child.lines()).doesNotContain("signal HUP");
        }
    }

    @Test
    void underXrsNoHandlerCanBeInstalledAndEachSignalIsReported() throws Exception {
        try (ChildJvm child = ChildJvm.start(DEFAULT_SIGNALS, List.of("-Xrs"), SignalProbe.class)) {
            child.awaitLine("ready");
            List<String> warnings = child.lines().stream().filter(line -> line.startsWith("warning")).toList();
            assertThat(warnings).hasSize(3).allMatch(line -> line.contains("-Xrs"));
            assertThat(warnings.get(0)).startsWith("warning cannot handle SIGHUP")
                    .contains("SIGHUP ends the daemon at once instead of reloading it; use `zeroclaw reload`");
            assertThat(warnings.get(1)).startsWith("warning cannot handle SIGTERM");
            assertThat(warnings.get(2)).startsWith("warning cannot handle SIGINT");
            assertThat(child.lines()).contains("handled []");

            // What the warning promises: SIGHUP keeps its default action and ends the process.
            child.send(Signal.SIGHUP);
            assertThat(child.awaitExit()).isEqualTo(128 + Signal.SIGHUP.intValue());
        }
    }

    @Test
    void closePutsBackTheJvmsOwnHandlers() throws Exception {
        try (ChildJvm child = ChildJvm.start(DEFAULT_SIGNALS, List.of(), SignalProbe.class)) {
            child.awaitLine("ready");
            child.writeLine("close");
            child.awaitLine("closed");

            child.send(Signal.SIGTERM);
            // The JVM's handler runs the shutdown hooks and exits 128 + 15; the probe's would print and exit 0.
            assertThat(child.awaitExit()).isEqualTo(128 + Signal.SIGTERM.intValue());
            assertThat(child.lines()).doesNotContain("signal TERM");
        }
    }

    @Test
    void aHangupBeforeTheConsumerIsInstalledIsHeldAndDeliveredNotFatal() throws Exception {
        try (ChildJvm child = ChildJvm.start(DEFAULT_SIGNALS, List.of(), HoldingSignalProbe.class)) {
            child.awaitLine("holding");
            // Without a handler yet, SIGHUP's action would end the JVM with 129.
            child.send(Signal.SIGHUP);
            child.send(Signal.SIGHUP);

            child.writeLine("install");
            child.awaitLine("installed");
            child.awaitLine("signal HUP");
            assertThat(child.isAlive()).isTrue();

            child.send(Signal.SIGTERM);
            child.awaitLine("signal TERM");
            assertThat(child.awaitExit()).isZero();
        }
    }
}

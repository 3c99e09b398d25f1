package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams as systemd would receive them, on a real Unix datagram socket bound by the test. */
class SdNotifyTest {

    private static final long OUR_PID = 4242;
    // A receive that waits longer than this fails the test rather than hanging it; only a failing test waits.
    private static final int RECEIVE_DEADLINE_MILLIS = (int) ChildJvm.DEADLINE.toMillis();

    @TempDir
    Path temporary;

    @Test
    void sendsTheLifecycleToAPathSocketInOrder() throws IOException {
        Path socketPath = temporary.resolve("notify");
        try (UnixDatagramChannel systemd = bind(socketPath.toString())) {
            SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socketPath.toString()), OUR_PID);
            assertThat(notify.enabled()).isTrue();

            assertThat(notify.ready()).isEmpty();
            long before = System.nanoTime() / 1_000;
            assertThat(notify.reloading()).isEmpty();
            long after = System.nanoTime() / 1_000;
            assertThat(notify.status("reload failed: config.toml:3:7: unknown key\nREADY=1")).isEmpty();
            assertThat(notify.ready()).isEmpty();
            assertThat(notify.watchdog()).isEmpty();
            assertThat(notify.stopping()).isEmpty();

            assertThat(receive(systemd)).isEqualTo("READY=1");
            String reloading = receive(systemd);
            assertThat(reloading).matches("RELOADING=1\nMONOTONIC_USEC=\\d+");
            long monotonicMicros = Long.parseLong(reloading.substring(reloading.indexOf('=', 12) + 1));
            assertThat(monotonicMicros).isBetween(before, after);
            // The line break cannot smuggle a READY=1 into the status datagram.
            assertThat(receive(systemd)).isEqualTo("STATUS=reload failed: config.toml:3:7: unknown key READY=1");
            assertThat(receive(systemd)).isEqualTo("READY=1");
            assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
            assertThat(receive(systemd)).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void sendsToAnAbstractSocketNamedWithAnAt() throws IOException {
        String name = "zeroclaw-test-" + UUID.randomUUID();
        try (UnixDatagramChannel systemd = bind("\0" + name)) {
            SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name), OUR_PID);

            assertThat(notify.ready()).isEmpty();
            assertThat(notify.status("3 servers ready")).isEmpty();
            assertThat(notify.stopping()).isEmpty();

            assertThat(receive(systemd)).isEqualTo("READY=1");
            assertThat(receive(systemd)).isEqualTo("STATUS=3 servers ready");
            assertThat(receive(systemd)).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndNothingFails() {
        for (SdNotify notify : new SdNotify[] {
                SdNotify.fromEnvironment(Map.of(), OUR_PID),
                SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", ""), OUR_PID),
                SdNotify.disabled()}) {
            assertThat(notify.enabled()).isFalse();
            assertThat(notify.ready()).isEmpty();
            assertThat(notify.reloading()).isEmpty();
            assertThat(notify.status("x")).isEmpty();
            assertThat(notify.watchdog()).isEmpty();
            assertThat(notify.stopping()).isEmpty();
        }
    }

    @Test
    void aSocketNobodyListensOnIsAnErrorReturnedNotThrown() {
        Path nobody = temporary.resolve("nobody-listens");
        SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", nobody.toString()), OUR_PID);

        assertThat(notify.ready()).get().asString()
                .startsWith("sd_notify READY=1 to " + nobody + " failed: ")
                .contains("No such file or directory");
        assertThat(notify.reloading()).get().asString().startsWith("sd_notify RELOADING=1 to " + nobody);
    }

    @Test
    void aNotifySocketThatIsNoAddressIsAnErrorReturnedNotThrown() {
        SdNotify relative = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "run/notify"), OUR_PID);
        assertThat(relative.enabled()).isTrue();
        assertThat(relative.ready()).hasValue("sd_notify READY=1 not sent: NOTIFY_SOCKET=run/notify is neither an"
                + " absolute path nor an abstract socket (@name)");

        SdNotify tooLong = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(200)), OUR_PID);
        assertThat(tooLong.stopping()).get().asString().contains("longer than a Unix socket address");

        SdNotify nonAscii = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/nötify"), OUR_PID);
        assertThat(nonAscii.stopping()).get().asString().contains("non-ASCII");
    }

    @Test
    void theWatchdogIntervalIsHalfOfWatchdogUsecWhenTheWatchdogIsOurs() {
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000"), OUR_PID).watchdogInterval())
                .hasValue(Duration.ofSeconds(15));
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "4242"), OUR_PID)
                .watchdogInterval()).hasValue(Duration.ofSeconds(15));
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "3"), OUR_PID).watchdogInterval())
                .hasValue(Duration.ofNanos(1_500));
    }

    @Test
    void noWatchdogWhenUnsetGarbledOrAnotherProcesses() {
        assertThat(SdNotify.fromEnvironment(Map.of(), OUR_PID).watchdogInterval()).isEmpty();
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "soon"), OUR_PID).watchdogInterval()).isEmpty();
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "0"), OUR_PID).watchdogInterval()).isEmpty();
        assertThat(SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"), OUR_PID)
                .watchdogInterval()).isEmpty();
    }

    /**
     * MONOTONIC_USEC must be CLOCK_MONOTONIC, and SdNotify reads it from System.nanoTime(). Compared to
     * clock_gettime(CLOCK_MONOTONIC) called directly, read between two nanoTime calls: on the same clock it lies
     * between them exactly, whatever the machine's load; on another clock (REALTIME, or BOOTTIME after a suspend)
     * it would be off by far more than the gap.
     */
    @Test
    void nanoTimeIsClockMonotonicSoMonotonicUsecIsWhatSystemdExpects() {
        LibC libc = LibraryLoader.create(LibC.class).load("c");
        Timespec now = new Timespec(Runtime.getRuntime(libc));

        long before = System.nanoTime();
        assertThat(libc.clock_gettime(LibC.CLOCK_MONOTONIC, now)).isZero();
        long after = System.nanoTime();

        long monotonic = now.seconds.get() * 1_000_000_000L + now.nanoseconds.get();
        assertThat(monotonic).isBetween(before, after);

        long microsBefore = System.nanoTime() / 1_000;
        long micros = SdNotify.monotonicMicros();
        assertThat(micros).isBetween(microsBefore, System.nanoTime() / 1_000);
    }

    /** libc's clock_gettime(2), which neither the JDK nor jnr-posix offers. */
    public interface LibC {
        int CLOCK_MONOTONIC = 1; // linux/time.h

        int clock_gettime(int clockId, Timespec time);
    }

    /** struct timespec: time_t and long, both a native long on Linux. */
    public static final class Timespec extends Struct {
        final SignedLong seconds = new SignedLong();
        final SignedLong nanoseconds = new SignedLong();

        Timespec(Runtime runtime) {
            super(runtime);
        }
    }

    private static UnixDatagramChannel bind(String address) throws IOException {
        UnixDatagramChannel channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress(address));
        channel.setOption(UnixSocketOptions.SO_RCVTIMEO, RECEIVE_DEADLINE_MILLIS);
        return channel;
    }

    private static String receive(UnixDatagramChannel channel) throws IOException {
        ByteBuffer datagram = ByteBuffer.allocate(4096);
        channel.receive(datagram);
        return UTF_8.decode(datagram.flip()).toString();
    }
}

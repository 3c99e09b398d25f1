package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Tells systemd how the daemon is doing: {@code sd_notify(3)} datagrams to {@code $NOTIFY_SOCKET}.
 *
 * <p>Without {@code NOTIFY_SOCKET} (not started by systemd, or not as {@code Type=notify}/{@code notify-reload})
 * every method sends nothing and succeeds. Sending never throws: a daemon must not stop because systemd did not
 * listen. Each method returns the error instead, worded for the log, and empty when the datagram went out.
 *
 * <p>Each datagram goes through its own socket, as libsystemd does, so this class holds no state and any thread may
 * use it. Sockets are non-blocking: a full notify socket (systemd stuck) is an error to report, not a reason for
 * the reload thread to hang.
 */
public final class SdNotify {

    /**
     * The variables through which systemd talks to the daemon. A child (an MCP server) must not inherit them: it
     * could speak for the daemon, and with {@code NotifyAccess=all} systemd would believe it.
     */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID");

    // sockaddr_un.sun_path is 108 bytes; keep one for the terminating NUL of a path.
    private static final int MAX_ADDRESS_BYTES = 107;

    // What NOTIFY_SOCKET says, for messages; empty when there is none, and then nothing is sent.
    private final Optional<String> notifySocket;
    // The address as the kernel wants it (an abstract name starts with NUL), or why there is none.
    private final Optional<String> address;
    private final Optional<String> addressProblem;
    private final Optional<Duration> watchdogInterval;

    private SdNotify(Optional<String> notifySocket, Optional<Duration> watchdogInterval) {
        this.notifySocket = notifySocket;
        this.watchdogInterval = watchdogInterval;
        String problem = notifySocket.map(SdNotify::addressProblem).orElse(null);
        this.addressProblem = Optional.ofNullable(problem);
        this.address = problem == null ? notifySocket.map(SdNotify::kernelAddress) : Optional.empty();
    }

    /**
     * A notifier for the socket and watchdog that {@code environment} names.
     *
     * @param environment the process environment; {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and
     *     {@code WATCHDOG_PID} are read
     * @param ourPid this process's pid: systemd's watchdog applies to us only if {@code WATCHDOG_PID} says so
     */
    public static SdNotify fromEnvironment(Map<String, String> environment, long ourPid) {
        requireNonNull(environment, "environment is null");
        // libsystemd treats an empty NOTIFY_SOCKET as invalid; here it is how an operator switches notification off
        // (NOTIFY_SOCKET= zeroclaw daemon), so it counts as unset.
        Optional<String> socket = Optional.ofNullable(environment.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty());
        return new SdNotify(socket, watchdogInterval(environment, ourPid));
    }

    /** {@link #fromEnvironment(Map, long)} with this process's environment and pid. */
    public static SdNotify fromEnvironment() {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /** A notifier that sends nothing: for a daemon not run by systemd, and for tests. */
    public static SdNotify disabled() {
        return new SdNotify(Optional.empty(), Optional.empty());
    }

    /** Whether there is a notify socket to send to. */
    public boolean enabled() {
        return notifySocket.isPresent();
    }

    /** {@code READY=1}: startup is done; also after a reload, to say it is done. */
    public Optional<String> ready() {
        return send("READY=1");
    }

    /**
     * {@code RELOADING=1} with {@code MONOTONIC_USEC=} now on {@code CLOCK_MONOTONIC}, which
     * {@code Type=notify-reload} requires so that systemd can tell this reload from an earlier one. Send
     * {@link #ready()} when the reload is done.
     */
    public Optional<String> reloading() {
        return send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros());
    }

    /**
     * {@code STATUS=} one line for {@code systemctl status}. Line breaks become spaces: the protocol is one
     * assignment per line, so a status "failed\nREADY=1" must not become a second assignment.
     */
    public Optional<String> status(String oneLine) {
        requireNonNull(oneLine, "oneLine is null");
        return send("STATUS=" + oneLine.replaceAll("[\\r\\n]+", " ").strip());
    }

    /** {@code STOPPING=1}: the daemon has begun to stop. */
    public Optional<String> stopping() {
        return send("STOPPING=1");
    }

    /** {@code WATCHDOG=1}: the daemon is alive; send every {@link #watchdogInterval()}. */
    public Optional<String> watchdog() {
        return send("WATCHDOG=1");
    }

    /**
     * How often to send {@link #watchdog()}: half of {@code WATCHDOG_USEC}, as {@code sd_watchdog_enabled(3)}
     * advises, so that one late ping is not yet a missed one. Empty when systemd watches no one, or watches
     * another process ({@code WATCHDOG_PID} set and not ours).
     */
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /**
     * The time now on {@code CLOCK_MONOTONIC}, in microseconds, as {@code MONOTONIC_USEC} wants it. On Linux
     * {@code System.nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)} (HotSpot's {@code os::javaTimeNanos} in
     * {@code os_posix.cpp}); SdNotifyTest checks this against clock_gettime called directly, so a JVM that changed
     * clocks would fail the build rather than send systemd a time from another clock.
     */
    static long monotonicMicros() {
        return System.nanoTime() / 1_000;
    }

    Optional<String> send(String state) {
        if (notifySocket.isEmpty()) {
            return Optional.empty();
        }
        String what = state.lines().findFirst().orElse(state);
        if (addressProblem.isPresent()) {
            return Optional.of("sd_notify " + what + " not sent: " + addressProblem.get());
        }
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            channel.configureBlocking(false);
            ByteBuffer datagram = UTF_8.encode(state);
            int length = datagram.remaining();
            int sent = channel.send(datagram, new UnixSocketAddress(address.get()));
            if (sent != length) {
                return Optional.of("sd_notify " + what + " to " + notifySocket.get() + ": sent " + sent + " of "
                        + length + " bytes");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: jnr's native stub may fail to load (a noexec temporary directory, say); that too is
            // a notification not sent, not a reason to stop the daemon.
            return Optional.of("sd_notify " + what + " to " + notifySocket.get() + " failed: " + e);
        }
    }

    private static String addressProblem(String socket) {
        if (socket.startsWith("/") || socket.startsWith("@")) {
            // jnr-unixsocket gives the kernel the address's length in chars, not bytes, so a non-ASCII address
            // would be cut short and name another socket.
            if (!socket.chars().allMatch(c -> c < 0x80)) {
                return "NOTIFY_SOCKET=" + socket + " has non-ASCII characters, which this notifier cannot address";
            }
            if (socket.length() > MAX_ADDRESS_BYTES) {
                return "NOTIFY_SOCKET=" + socket + " is longer than a Unix socket address (" + MAX_ADDRESS_BYTES
                        + " bytes)";
            }
            return null;
        }
        return "NOTIFY_SOCKET=" + socket + " is neither an absolute path nor an abstract socket (@name)";
    }

    /** An abstract socket is written {@code @name} in the environment and starts with a NUL byte for the kernel. */
    private static String kernelAddress(String socket) {
        return socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
    }

    private static Optional<Duration> watchdogInterval(Map<String, String> environment, long ourPid) {
        try {
            String owner = environment.getOrDefault("WATCHDOG_PID", "");
            if (!owner.isEmpty() && Long.parseLong(owner) != ourPid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(environment.getOrDefault("WATCHDOG_USEC", ""));
            return micros > 0 ? Optional.of(Duration.of(micros, ChronoUnit.MICROS).dividedBy(2)) : Optional.empty();
        } catch (NumberFormatException unsetOrGarbled) {
            return Optional.empty();
        }
    }
}

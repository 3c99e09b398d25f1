package dev.zeroclaw.signal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Hands SIGHUP, SIGTERM and SIGINT to a consumer, through the JVM's own signal dispatch ({@code sun.misc.Signal}).
 *
 * <p>Never jnr-posix's native {@code signal()}: the native callback it registers is only weakly held and is lost
 * after a garbage collection, and the next signal then crashes the JVM or is lost. The JVM's dispatch runs each
 * signal's handler on a fresh Java thread ("SIGHUP handler"), not in the async-signal context, so the consumer may
 * take locks; it is called concurrently when signals arrive together and should only enqueue. The kernel collapses
 * a signal that arrives while the same one is still pending, so 200 quick SIGHUPs may reach the consumer fewer times:
 * a reload queue collapses them further anyway.
 *
 * <p>A signal that cannot be handled is not an error: the daemon runs on and the operator is told, through
 * {@link #warnings()}, what that costs and what works instead.
 * <ul>
 *   <li>Ignored when the process started ({@code nohup} for SIGHUP; a shell script's background job for SIGINT):
 *   it stays ignored. The operator asked for that, and the JVM insists on it too: HotSpot leaves a shutdown signal
 *   that was ignored at start ignored, and {@code Signal.handle} only reports {@code SIG_IGN}.</li>
 *   <li>The JVM refuses the handler ({@code -Xrs} reduces its signal use, and {@code Signal.handle} throws
 *   {@link IllegalArgumentException}): the signal keeps its default action, which ends the process.</li>
 * </ul>
 *
 * <p>Handling SIGTERM and SIGINT replaces the JVM's own handlers for them, which would run the shutdown hooks and
 * exit: the consumer now owns stopping, and must stop the servers and exit itself.
 */
public final class SignalDispatcher implements AutoCloseable {

    // Handlers this dispatcher replaced, put back by close(). Written only while installing, before the instance is
    // published; close() is synchronized so that two closes do not restore twice.
    private final Map<DaemonSignal, SignalHandler> replaced;
    private final List<String> warnings;
    private boolean closed;

    private SignalDispatcher(Map<DaemonSignal, SignalHandler> replaced, List<String> warnings) {
        this.replaced = replaced;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Installs handlers for SIGHUP, SIGTERM and SIGINT that pass the signal to {@code consumer}.
     *
     * @param consumer called on a JVM signal-dispatch thread, once per delivered signal; should only enqueue
     */
    public static SignalDispatcher install(Consumer<DaemonSignal> consumer) {
        requireNonNull(consumer, "consumer is null");
        Map<DaemonSignal, SignalHandler> replaced = new EnumMap<>(DaemonSignal.class);
        List<String> warnings = new ArrayList<>();
        for (DaemonSignal daemonSignal : DaemonSignal.values()) {
            Signal signal = new Signal(daemonSignal.name());
            SignalHandler previous;
            try {
                previous = Signal.handle(signal, received -> consumer.accept(daemonSignal));
            } catch (IllegalArgumentException refused) {
                warnings.add(cannotHandle(daemonSignal, refused));
                continue;
            }
            if (previous == SignalHandler.SIG_IGN) {
                // The JVM kept the signal ignored and installed nothing; drop our handler from its table as well, so
                // that what the JVM believes matches what the kernel does.
                Signal.handle(signal, SignalHandler.SIG_IGN);
                warnings.add(ignoredAtStart(daemonSignal));
                continue;
            }
            replaced.put(daemonSignal, previous);
        }
        return new SignalDispatcher(replaced, warnings);
    }

    /** One sentence per signal that is not handled, for the daemon to log loudly at start. Empty when all are. */
    public List<String> warnings() {
        return warnings;
    }

    /** The signals whose handler is installed. */
    public Set<DaemonSignal> handled() {
        return replaced.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(replaced.keySet()));
    }

    /** Puts back the handlers that were there before (the JVM's: run the shutdown hooks and exit). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        replaced.forEach((daemonSignal, previous) -> Signal.handle(new Signal(daemonSignal.name()), previous));
    }

    private static String ignoredAtStart(DaemonSignal signal) {
        return signal.signalName() + " was ignored when zeroclaw started"
                + (signal == DaemonSignal.HUP ? " (nohup?)" : "")
                + " and stays ignored: " + signal.lossWhenIgnored();
    }

    private static String cannotHandle(DaemonSignal signal, IllegalArgumentException refused) {
        return "cannot handle " + signal.signalName() + " (the JVM refused: " + refused.getMessage()
                + "; is it running with -Xrs?): " + signal.lossWithDefaultAction();
    }
}

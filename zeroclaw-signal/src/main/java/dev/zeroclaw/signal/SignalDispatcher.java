package dev.zeroclaw.signal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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

    // The dispatcher holdUntilInstalled() made, until install() takes it over. Guarded by SignalDispatcher.class.
    private static SignalDispatcher early;

    // Handlers this dispatcher replaced, put back by close(), and what could not be installed. Written only while
    // installing, before the instance is published (its handlers touch neither); close() is synchronized so that two
    // closes do not restore twice.
    private final Map<DaemonSignal, SignalHandler> replaced = new EnumMap<>(DaemonSignal.class);
    private final List<String> warnings = new ArrayList<>();
    // Guarded by this: where signals go, or null while they are held (in arrival order, each signal once).
    private Consumer<DaemonSignal> consumer;
    private final Set<DaemonSignal> held = new LinkedHashSet<>();
    private boolean closed;

    private SignalDispatcher() {}

    /**
     * Installs handlers for SIGHUP, SIGTERM and SIGINT that pass the signal to {@code consumer}. After
     * {@link #holdUntilInstalled()}, takes over the handlers it installed instead, and hands {@code consumer} first
     * the signals held since.
     *
     * @param consumer called on a JVM signal-dispatch thread, once per delivered signal; should only enqueue
     */
    public static SignalDispatcher install(Consumer<DaemonSignal> consumer) {
        requireNonNull(consumer, "consumer is null");
        SignalDispatcher dispatcher;
        synchronized (SignalDispatcher.class) {
            dispatcher = early;
            early = null;
        }
        if (dispatcher == null) {
            dispatcher = installHandlers();
        }
        dispatcher.deliverTo(consumer);
        return dispatcher;
    }

    /**
     * Installs the handlers now and holds what arrives until {@link #install} names the consumer. A daemon calls this
     * first thing in {@code main}: until a handler is installed, SIGHUP's action ends the JVM, and the daemon's start
     * (wiring, logging, the servers' first start) takes seconds. A signal that arrives more than once meanwhile is
     * held once: the HUPs of a start-up make one reload. Calling it again does nothing.
     */
    public static synchronized void holdUntilInstalled() {
        if (early == null) {
            early = installHandlers();
        }
    }

    private static SignalDispatcher installHandlers() {
        SignalDispatcher dispatcher = new SignalDispatcher();
        for (DaemonSignal daemonSignal : DaemonSignal.values()) {
            Signal signal = new Signal(daemonSignal.name());
            SignalHandler previous;
            try {
                previous = Signal.handle(signal, received -> dispatcher.dispatch(daemonSignal));
            } catch (IllegalArgumentException refused) {
                dispatcher.warnings.add(cannotHandle(daemonSignal, refused));
                continue;
            }
            if (previous == SignalHandler.SIG_IGN) {
                // The JVM kept the signal ignored and installed nothing; drop our handler from its table as well, so
                // that what the JVM believes matches what the kernel does.
                Signal.handle(signal, SignalHandler.SIG_IGN);
                dispatcher.warnings.add(ignoredAtStart(daemonSignal));
                continue;
            }
            dispatcher.replaced.put(daemonSignal, previous);
        }
        return dispatcher;
    }

    private synchronized void dispatch(DaemonSignal signal) {
        if (consumer == null) {
            held.add(signal);
        } else {
            consumer.accept(signal);
        }
    }

    private synchronized void deliverTo(Consumer<DaemonSignal> target) {
        held.forEach(target);
        held.clear();
        consumer = target;
    }

    /** One sentence per signal that is not handled, for the daemon to log loudly at start. Empty when all are. */
    public List<String> warnings() {
        return List.copyOf(warnings);
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

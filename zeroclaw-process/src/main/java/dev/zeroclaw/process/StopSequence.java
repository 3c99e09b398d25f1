package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import jnr.constants.platform.Signal;

/**
 * The MCP specification's stop for a stdio server: close its stdin and wait; then SIGTERM to its
 * process group and wait; then SIGKILL to the group. Each wait ends as soon as the leader exits;
 * the JDK reaps it. Members left behind by a leader that exited are swept by the caller.
 */
final class StopSequence {

    /** How long to wait for the kernel to finish off a SIGKILLed leader before giving up waiting. */
    static final Duration KILL_WAIT = Duration.ofSeconds(2);

    /**
     * How long a server has to exit after SIGTERM. Short on purpose: it has already had the whole
     * stop deadline since its stdin closed, and the daemon promises to stop within the largest
     * stop timeout plus 2 s.
     */
    static final Duration TERM_GRACE = Duration.ofSeconds(1);

    /** The step after which the leader was gone. */
    enum Step {
        /** It had exited before the stop began. */
        ALREADY_ENDED,
        /** It exited once its stdin was closed, as the specification asks of a server. */
        STDIN_CLOSED,
        /** It exited on SIGTERM. */
        SIGTERM,
        /** It had to be killed. */
        SIGKILL;

        /** One line for the log and {@code zeroclaw status}, given how the leader ended. */
        String describe(ExitStatus status) {
            return switch (this) {
                case ALREADY_ENDED -> "stopped; it had already ended: " + status.describe();
                case STDIN_CLOSED -> "stopped by closing its stdin; " + status.describe();
                case SIGTERM -> "stopped by SIGTERM to its process group after closing stdin did not end it; "
                        + status.describe();
                case SIGKILL -> "did not exit after stdin closed and SIGTERM; killed (SIGKILL)";
            };
        }
    }

    private final Process leader;
    private final ProcessGroup group;
    private final Runnable closeStdin;
    private final Consumer<String> notice;

    // Confined to the thread in run(): once interrupted, the remaining waits are skipped.
    private boolean interrupted;

    /**
     * @param closeStdin closes the leader's stdin without blocking
     * @param notice receives a line when a signal could not be sent
     */
    StopSequence(Process leader, ProcessGroup group, Runnable closeStdin, Consumer<String> notice) {
        this.leader = requireNonNull(leader, "leader is null");
        this.group = requireNonNull(group, "group is null");
        this.closeStdin = requireNonNull(closeStdin, "closeStdin is null");
        this.notice = requireNonNull(notice, "notice is null");
    }

    /**
     * Runs the sequence: up to {@code stepDeadline} after closing stdin, up to {@link #TERM_GRACE}
     * (or the deadline, if shorter) after SIGTERM; so it returns within about the deadline plus one
     * second, and {@link #KILL_WAIT} more at worst. An interrupt skips the waits left
     * (the sequence still ends with SIGKILL) and is kept for the caller.
     */
    Step run(Duration stepDeadline) {
        requireNonNull(stepDeadline, "stepDeadline is null");
        try {
            if (!leader.isAlive()) {
                return Step.ALREADY_ENDED;
            }
            closeStdin.run();
            if (exitsWithin(stepDeadline)) {
                return Step.STDIN_CLOSED;
            }
            signalGroup(Signal.SIGTERM);
            if (exitsWithin(stepDeadline.compareTo(TERM_GRACE) < 0 ? stepDeadline : TERM_GRACE)) {
                return Step.SIGTERM;
            }
            signalGroup(Signal.SIGKILL);
            exitsWithin(KILL_WAIT);
            return Step.SIGKILL;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean exitsWithin(Duration wait) {
        if (interrupted) {
            return !leader.isAlive();
        }
        try {
            return Deadline.after(wait).waitFor(leader);
        } catch (InterruptedException e) {
            interrupted = true;
            return !leader.isAlive();
        }
    }

    private void signalGroup(Signal signal) {
        try {
            group.signal(signal.intValue());
        } catch (IOException e) {
            // The leader at least can still be signalled through the JDK.
            notice.accept("[zeroclaw: " + e.getMessage() + "; signalling the server's own process only]");
            if (signal == Signal.SIGKILL) {
                leader.destroyForcibly();
            } else {
                leader.destroy();
            }
        }
    }
}

package dev.zeroclaw.process;

import dev.zeroclaw.api.transport.TransportEnd;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who ends a server and how: a close, a failure the transport found (it broke the framing), or
 * its own exit. Set once per server, by compare-and-set.
 *
 * @param step completed with the step that ended the leader, when a stop sequence runs
 */
record StopRequest(Cause cause, String failure, Duration stepDeadline, CompletableFuture<StopSequence.Step> step) {

    enum Cause { CLOSE, FAILURE, EXIT }

    /** The longest wait per stop step that close() honours. */
    private static final Duration LONGEST_STEP = Duration.ofHours(1);

    static StopRequest close(Duration stepDeadline) {
        return new StopRequest(Cause.CLOSE, "", stepDeadline, new CompletableFuture<>());
    }

    static StopRequest failure(String reason, Duration stepDeadline) {
        return new StopRequest(Cause.FAILURE, reason, stepDeadline, new CompletableFuture<>());
    }

    static StopRequest exit() {
        return new StopRequest(Cause.EXIT, "", Duration.ZERO, CompletableFuture.completedFuture(StopSequence.Step.ALREADY_ENDED));
    }

    /** {@code requested}, bounded so that the arithmetic on it cannot overflow: close() must not throw. */
    static Duration boundedStep(Duration requested) {
        return requested.isNegative() ? Duration.ZERO : requested.compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP : requested;
    }

    /** How long close() waits for the leader to be reaped and its group swept. */
    static Duration exitBound(Duration stepDeadline) {
        return stepDeadline.multipliedBy(2).plus(StopSequence.KILL_WAIT).plus(EscapedProcesses.TERM_GRACE).plusSeconds(1);
    }

    /**
     * How the transport ended, for the listener.
     *
     * @param stdoutFailure why reading stdout failed, or null
     * @param step the step of the stop that ended the leader, when known
     */
    TransportEnd endOf(ExitStatus status, String stdoutFailure, Optional<StopSequence.Step> step) {
        return switch (cause) {
            case EXIT -> {
                if (stdoutFailure != null) {
                    yield TransportEnd.failed(stdoutFailure);
                }
                yield status.isSuccess() ? TransportEnd.ended(status.describe()) : TransportEnd.failed(status.describe());
            }
            case FAILURE -> TransportEnd.failed(failure);
            case CLOSE -> TransportEnd.closed(step.map(reached -> reached.describe(status))
                    .orElse("stopped; " + status.describe()));
        };
    }
}

package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link CandidateParser} so that no input can end the comparison: an unexpected exception,
 * an {@link Error} (a stack overflow on deep nesting) or a parse that never returns becomes an
 * {@link ParseAttempt} like any other.
 *
 * <p>Each parse runs on a pooled daemon thread; a parse that times out keeps its thread (Java
 * cannot stop it) and the pool starts another, so one hang costs one thread, not the run.
 */
public final class GuardedParser implements AutoCloseable {

    private final Duration timeout;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "guarded-parse");
        thread.setDaemon(true);
        return thread;
    });

    public GuardedParser(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public ParseAttempt parse(CandidateParser parser, String toml) {
        requireNonNull(parser, "parser is null");
        requireNonNull(toml, "toml is null");
        Future<ParseAttempt> attempt = threads.submit(() -> {
            try {
                return ParseAttempt.parsed(parser.parse(toml));
            } catch (ParseRejected rejection) {
                return ParseAttempt.rejected(rejection);
            }
        });
        try {
            return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return ParseAttempt.crashed(e.getCause());
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return ParseAttempt.timedOut(timeout.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}

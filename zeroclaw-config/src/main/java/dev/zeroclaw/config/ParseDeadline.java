package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.zeroclaw.api.ConfigError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;

/**
 * Bounds how long parsing one file may take, so that a pathological file is refused rather than
 * waited on: a reload (and every reload queued behind it) gets an answer within the limit.
 *
 * <p>The parse runs on a daemon thread of its own. tomlj never checks for interruption, so a parse
 * that runs over is interrupted and abandoned, not stopped: its thread ends when the parse does.
 * Immutable and safe to share between threads.
 */
final class ParseDeadline {

    /**
     * Far above what a real file takes (a 1 MiB file parses in well under a second once the JVM is
     * warm; a few seconds on the first parse of a loaded machine), and short enough that a reload
     * queued behind a pathological file still gets its answer.
     */
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);

    /** What runs under the deadline; {@link TomlSource#read} in production. */
    @FunctionalInterface
    interface TomlReader {
        TomlDocument read(String file, byte[] content) throws ConfigException;
    }

    private final Duration limit;
    private final TomlReader reader;

    ParseDeadline(Duration limit, TomlReader reader) {
        this.limit = requireNonNull(limit, "limit is null");
        this.reader = requireNonNull(reader, "reader is null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    static ParseDeadline of(Duration limit) {
        return new ParseDeadline(limit, TomlSource::read);
    }

    Duration limit() {
        return limit;
    }

    /**
     * Parses on a worker, waiting at most the limit.
     *
     * @throws ConfigException with the syntax errors, or one error saying the parse took too long
     */
    TomlDocument parse(String file, byte[] content) throws ConfigException {
        FutureTask<TomlDocument> task = new FutureTask<>(() -> reader.read(file, content));
        Thread worker = new Thread(task, "zeroclaw-config-parse");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limit.toNanos(), NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw refused(file, "parsing took longer than " + describe(limit)
                    + "; the file is refused and the running configuration is kept: look for what makes it"
                    + " unusually large (a 1 MiB config parses in well under a second)");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw refused(file, "parsing was interrupted; the file is refused and the running configuration is kept");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException config) {
                throw config;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static ConfigException refused(String file, String message) {
        return new ConfigException(List.of(ConfigError.ofFile(file, message)));
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}

package dev.zeroclaw.config.secret;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code op read op://vault/item/field}, as upstream resolves a 1Password reference: {@code op} found
 * on the {@code PATH} of the sources' environment and run with that environment, no standard input,
 * killed (with what it started) when it takes longer than the timeout; the value is its standard
 * output without the trailing line break.
 */
final class OnePasswordCli {

    /** A secret is small; more output than this is not one. */
    private static final int MAX_OUTPUT = 1 << 20;
    private static final int MAX_REASON = 300;
    /** How long the output readers may take once {@code op} has ended. */
    private static final long DRAIN_MILLIS = 2_000;

    private OnePasswordCli() {}

    static String read(String reference, SecretSources sources) throws SecretException {
        Path op = find(sources).orElseThrow(() -> new SecretException("the 1Password CLI (op) is not on the daemon's"
                + " PATH; install it (and sign in) to use op:// references"));
        ProcessBuilder builder = new ProcessBuilder(op.toString(), "read", reference)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(sources.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SecretException("the 1Password CLI (" + op + ") cannot be run: " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = drain(process.getInputStream(), "zeroclaw-op-stdout");
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream(), "zeroclaw-op-stderr");
        try {
            if (!process.waitFor(sources.opTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new SecretException("the 1Password CLI (op read) did not answer within "
                        + seconds(sources) + "; it was stopped (is it waiting for a sign-in?)");
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new SecretException("reading the 1Password reference was interrupted");
        }
        if (process.exitValue() != 0) {
            String reason = reason(collected(stderr));
            String hint = reason.contains("not signed in") || reason.contains("session expired")
                    ? " (hint: run `op signin` first)" : "";
            throw new SecretException("the 1Password CLI (op read) failed with exit code " + process.exitValue()
                    + (reason.isEmpty() ? "" : ": " + reason) + hint);
        }
        byte[] output = collected(stdout);
        if (output == null) {
            throw new SecretException("the 1Password CLI's (op read) output could not be read whole");
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(output)).toString();
        } catch (CharacterCodingException e) {
            throw new SecretException("the 1Password CLI (op read) returned bytes that are not UTF-8");
        }
        value = LineBreaks.stripTrailing(value);
        if (value.isEmpty()) {
            throw new SecretException("the 1Password CLI (op read) returned an empty value; check the"
                    + " vault/item/field path");
        }
        return value;
    }

    /** The first executable {@code op} in the sources' {@code PATH}, as a shell finds it. */
    private static Optional<Path> find(SecretSources sources) {
        for (String dir : sources.variable("PATH").orElse("").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, "op");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException e) {
                // Not a directory name this system can have: nothing there.
            }
        }
        return Optional.empty();
    }

    // What op started may hold its pipes open: those go first, so the readers see the end.
    private static void kill(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            for (ProcessHandle child : started) {
                child.onExit().get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Killed; reaping it is its new parent's part.
        }
    }

    /** Reads a stream to its end on its own thread (keeping at most {@link #MAX_OUTPUT}), so op never blocks on a full pipe. */
    private static CompletableFuture<byte[]> drain(InputStream in, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    kept.write(buffer, 0, Math.min(n, Math.max(0, MAX_OUTPUT - kept.size())));
                }
                result.complete(kept.size() >= MAX_OUTPUT ? null : kept.toByteArray());
            } catch (IOException e) {
                result.complete(null);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static byte[] collected(CompletableFuture<byte[]> output) {
        try {
            return output.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** op's own message, on one line and bounded. */
    private static String reason(byte[] stderr) {
        if (stderr == null) {
            return "";
        }
        String text = new String(stderr, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", "; ");
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    private static String seconds(SecretSources sources) {
        long millis = sources.opTimeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

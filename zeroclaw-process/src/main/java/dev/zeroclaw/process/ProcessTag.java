package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A mark in one launch's environment ({@value #VARIABLE}{@code =<random>}), which every process the
 * server starts inherits unless it clears its environment. It finds the server's descendants
 * after the parent chain that led to them is broken: a grandchild that called {@code setsid} and
 * whose parent exited belongs to no group or session of the server and its parent is now the
 * daemon (a subreaper) or init, but it still carries the mark.
 *
 * @param value random per launch, so two launches never share a mark
 */
record ProcessTag(String value) {

    /** The environment variable that carries the mark. */
    static final String VARIABLE = "ZEROCLAW_SERVER_TAG";

    ProcessTag {
        requireNonNull(value, "value is null");
    }

    static ProcessTag random() {
        return new ProcessTag(UUID.randomUUID().toString());
    }

    /**
     * Whether {@code pid}'s environment carries this mark. False when it cannot be read: another
     * user's process, one that is gone, or a zombie (whose environment is empty).
     */
    boolean isCarriedBy(long pid) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException e) {
            return false;
        }
        String wanted = VARIABLE + "=" + value;
        for (String entry : new String(environment, UTF_8).split("\0")) {
            if (entry.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}

package dev.zeroclaw.signal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Another daemon holds the pid file of this runtime directory, so this one must not start. */
public final class DaemonAlreadyRunningException extends IOException {

    private static final long UNKNOWN = -1;

    // Plain fields rather than OptionalLong and Path, which are not serializable, as an exception must be.
    private final long holderPid;
    private final String runtimeDirectory;

    private DaemonAlreadyRunningException(String message, long holderPid, Path runtimeDirectory) {
        super(message);
        this.holderPid = holderPid;
        this.runtimeDirectory = runtimeDirectory.toString();
    }

    static DaemonAlreadyRunningException heldByAnotherProcess(OptionalLong holderPid, Path runtimeDirectory) {
        requireNonNull(holderPid, "holderPid is null");
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
        String who = holderPid.isPresent()
                ? "pid " + holderPid.getAsLong()
                : "pid unknown: it holds the lock on " + PidFile.FILE_NAME + " but has not written its pid";
        return new DaemonAlreadyRunningException("another zeroclaw daemon (" + who + ") is running with runtime"
                + " directory " + runtimeDirectory + ": stop it first, or give this daemon another runtime directory",
                holderPid.orElse(UNKNOWN), runtimeDirectory);
    }

    static DaemonAlreadyRunningException heldByThisProcess(long pid, Path runtimeDirectory) {
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
        return new DaemonAlreadyRunningException("this process (pid " + pid + ") already holds the pid file in"
                + " runtime directory " + runtimeDirectory, pid, runtimeDirectory);
    }

    /** The pid written in the pid file by the daemon that holds it, when it had written one. */
    public OptionalLong holderPid() {
        return holderPid == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }

    public Path runtimeDirectory() {
        return Path.of(runtimeDirectory);
    }
}

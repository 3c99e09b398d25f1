package dev.zeroclaw.process;

import java.util.Optional;
import jnr.ffi.LibraryLoader;

/**
 * Makes this process a child subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER, 1)}, Linux 3.4+): a
 * process orphaned anywhere below it is re-parented to it instead of to init. A server's
 * grandchild that left the server's session ({@code setsid}) then stays in reach of the daemon,
 * which stops it with its server ({@link EscapedProcesses}) and reaps it, even where init would
 * not.
 */
public final class Subreaper {

    /** {@code PR_SET_CHILD_SUBREAPER} from {@code <linux/prctl.h>}. */
    static final int PR_SET_CHILD_SUBREAPER = 36;

    // Set once this process is a subreaper; it stays one for its life.
    private static volatile boolean active;

    private Subreaper() {}

    /** Whether {@link #become()} succeeded in this process: orphans below it come to it. */
    static boolean isActive() {
        return active;
    }

    /**
     * Makes the calling process a subreaper.
     *
     * @return empty when it is one now, else why not (not Linux, the native library did not load,
     *     the kernel refused), for a warning
     */
    public static Optional<String> become() {
        try {
            LibC libc = LibraryLoader.create(LibC.class).load("c");
            if (libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
                return Optional.of("prctl(PR_SET_CHILD_SUBREAPER) failed");
            }
            active = true;
            return Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("prctl(PR_SET_CHILD_SUBREAPER) is not available: " + e.getMessage());
        }
    }

    /** The one libc function needed, bound by jnr-ffi. */
    public interface LibC {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }
}

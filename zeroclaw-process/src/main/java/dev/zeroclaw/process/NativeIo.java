package dev.zeroclaw.process;

import java.io.IOException;
import java.util.Optional;
import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.Out;

/**
 * The libc calls the event-loop transport needs, bound by jnr-ffi: pipes, non-blocking reads and
 * writes, {@code poll}, {@code posix_spawn} with its glibc extensions, {@code pidfd_open} and
 * {@code waitpid} on one pid. Linux and glibc 2.34 or later only; {@link #probe} says whether this
 * process has them.
 */
final class NativeIo {

    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int EFD_NONBLOCK = O_NONBLOCK;
    static final int EFD_CLOEXEC = O_CLOEXEC;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int WNOHANG = 1;
    /** {@code pidfd_open} has the same number on every architecture (new syscalls are unified). */
    static final long SYS_PIDFD_OPEN = 434;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    /** Larger than glibc's {@code posix_spawn_file_actions_t} (80), {@code posix_spawnattr_t} (336), {@code sigset_t} (128). */
    static final int OPAQUE_BYTES = 512;

    /** The libc functions, as jnr-ffi binds them; errno is saved after each call. */
    public interface LibC {
        int pipe2(@Out int[] fds, int flags);

        int close(int fd);

        long read(int fd, Pointer buffer, long count);

        long write(int fd, Pointer buffer, long count);

        int fcntl(int fd, int command, int argument);

        int poll(Pointer fds, long count, int timeoutMillis);

        int eventfd(int initial, int flags);

        long syscall(long number, long first, long second);

        int waitpid(int pid, @Out int[] status, int options);

        int getpid();

        String gnu_get_libc_version();

        int posix_spawn_file_actions_init(Pointer actions);

        int posix_spawn_file_actions_destroy(Pointer actions);

        int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

        int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

        int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

        int posix_spawnattr_init(Pointer attributes);

        int posix_spawnattr_destroy(Pointer attributes);

        int posix_spawnattr_setflags(Pointer attributes, short flags);

        int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

        int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

        int sigemptyset(Pointer signals);

        int sigfillset(Pointer signals);

        int sigdelset(Pointer signals, int signal);

        int posix_spawn(@Out int[] pid, String path, Pointer actions, Pointer attributes, Pointer argv, Pointer envp);
    }

    private final LibC libc;
    private final Runtime runtime;

    private NativeIo(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    LibC libc() {
        return libc;
    }

    Runtime runtime() {
        return runtime;
    }

    Pointer allocate(int bytes) {
        return Memory.allocateDirect(runtime, bytes, true);
    }

    int errno() {
        return runtime.getLastError();
    }

    /** A failure of {@code call} as one line: what was called and the kernel's word for errno. */
    IOException failure(String call) {
        return failure(call, errno());
    }

    static IOException failure(String call, int errno) {
        return new IOException(call + " failed: " + describe(errno));
    }

    static String describe(int errno) {
        Errno known = Errno.valueOf(errno);
        return known == null || known == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : known.description();
    }

    boolean isWouldBlock(int errno) {
        return errno == Errno.EAGAIN.intValue() || errno == Errno.EWOULDBLOCK.intValue();
    }

    boolean isInterrupted(int errno) {
        return errno == Errno.EINTR.intValue();
    }

    void closeQuietly(int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }

    void nonBlocking(int fd) throws IOException {
        int flags = libc.fcntl(fd, F_GETFL, 0);
        if (flags < 0 || libc.fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
            throw failure("fcntl(O_NONBLOCK)");
        }
    }

    /**
     * Binds libc and checks what the event-loop transport needs: Linux, glibc 2.34 or later (for
     * {@code posix_spawn_file_actions_addclosefrom_np}) and a kernel with {@code pidfd_open} (5.3).
     *
     * @return the bound calls, or why they cannot be used (for the log)
     */
    static Result probe() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Result.unavailable("not Linux: " + System.getProperty("os.name"));
        }
        LibC libc;
        try {
            libc = LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, Boolean.TRUE).load("c");
        } catch (LinkageError | RuntimeException e) {
            return Result.unavailable("libc did not load: " + e.getMessage());
        }
        String version;
        try {
            version = libc.gnu_get_libc_version();
        } catch (LinkageError | RuntimeException e) {
            return Result.unavailable("not glibc");
        }
        if (!atLeast(version, 2, 34)) {
            return Result.unavailable("glibc " + version + " is older than 2.34");
        }
        NativeIo io = new NativeIo(libc);
        long pidfd = libc.syscall(SYS_PIDFD_OPEN, libc.getpid(), 0);
        if (pidfd < 0) {
            return Result.unavailable("pidfd_open is not available (Linux 5.3 or later): " + describe(io.errno()));
        }
        libc.close((int) pidfd);
        return new Result(Optional.of(io), "");
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int haveMajor = Integer.parseInt(parts[0]);
            int haveMinor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return haveMajor > major || haveMajor == major && haveMinor >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The bound calls, or why there are none. */
    record Result(Optional<NativeIo> io, String reason) {

        static Result unavailable(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }
}

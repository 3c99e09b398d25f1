package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;

/**
 * Starts a child with {@code posix_spawn}: its stdin, stdout and stderr are pipes to the daemon,
 * it leads a new session (so its pid is its process group's id), its signal mask is empty and every
 * signal is at its default (a SIGHUP the daemon ignores under {@code nohup} is not passed on), it
 * runs in {@code cwd}, and it inherits no other descriptor of the daemon's, CLOEXEC or not (the
 * gateway's socket, the control socket, another server's pipes).
 *
 * <p>Then {@code pidfd_open} gives a descriptor that becomes readable when the child exits, for
 * the event loop; the child is reaped by its own pid, never by {@code waitpid(-1)}, which would
 * steal the exit status of a process the JDK started.
 */
final class NativeSpawn {

    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final int ENOEXEC = 8;
    private static final String BOURNE_SHELL = "/bin/sh";

    private final NativeIo io;

    NativeSpawn(NativeIo io) {
        this.io = requireNonNull(io, "io is null");
    }

    /**
     * The child's descriptors in the daemon: all close-on-exec; stdin's, stdout's and stderr's
     * non-blocking.
     */
    record Child(int pid, int pidfd, int stdin, int stdout, int stderr) {}

    /**
     * @param executable the file to run, absolute (found by the caller on the child's own PATH)
     * @param argv the arguments, {@code argv[0]} included
     * @throws IOException with one line: which call failed and why
     */
    Child spawn(Path executable, List<String> argv, Map<String, String> environment, Path cwd) throws IOException {
        NativeIo.LibC libc = io.libc();
        int[] in = pipe();
        int[] out = null;
        int[] err = null;
        try {
            out = pipe();
            err = pipe();
            int[] pid = new int[1];
            List<Pointer> keep = new ArrayList<>();
            Pointer argvArray = strings(argv, keep);
            List<String> entries = new ArrayList<>();
            environment.forEach((key, value) -> entries.add(key + "=" + value));
            Pointer envp = strings(entries, keep);
            Pointer actions = io.allocate(NativeIo.OPAQUE_BYTES);
            Pointer attributes = io.allocate(NativeIo.OPAQUE_BYTES);
            Pointer mask = io.allocate(NativeIo.OPAQUE_BYTES);
            Pointer defaults = io.allocate(NativeIo.OPAQUE_BYTES);
            check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            check(libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                check(libc.posix_spawn_file_actions_adddup2(actions, in[0], 0), "posix_spawn_file_actions_adddup2");
                check(libc.posix_spawn_file_actions_adddup2(actions, out[1], 1), "posix_spawn_file_actions_adddup2");
                check(libc.posix_spawn_file_actions_adddup2(actions, err[1], 2), "posix_spawn_file_actions_adddup2");
                check(libc.posix_spawn_file_actions_addchdir_np(actions, cwd.toString()), "posix_spawn_file_actions_addchdir_np");
                check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
                libc.sigemptyset(mask);
                libc.sigfillset(defaults);
                libc.sigdelset(defaults, SIGKILL);
                libc.sigdelset(defaults, SIGSTOP);
                check(libc.posix_spawnattr_setsigmask(attributes, mask), "posix_spawnattr_setsigmask");
                check(libc.posix_spawnattr_setsigdefault(attributes, defaults), "posix_spawnattr_setsigdefault");
                check(libc.posix_spawnattr_setflags(attributes, (short) (NativeIo.POSIX_SPAWN_SETSID
                        | NativeIo.POSIX_SPAWN_SETSIGMASK | NativeIo.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");
                int error = libc.posix_spawn(pid, executable.toString(), actions, attributes, argvArray, envp);
                if (error == ENOEXEC) {
                    // A script without "#!": run it with /bin/sh, as execvp(3) does (and setsid did).
                    List<String> shell = new ArrayList<>(List.of(BOURNE_SHELL, executable.toString()));
                    shell.addAll(argv.subList(1, argv.size()));
                    error = libc.posix_spawn(pid, BOURNE_SHELL, actions, attributes, strings(shell, keep), envp);
                }
                if (error != 0) {
                    throw new IOException(NativeIo.describe(error));
                }
            } finally {
                libc.posix_spawn_file_actions_destroy(actions);
                libc.posix_spawnattr_destroy(attributes);
            }
            // The child's ends are the child's now.
            io.closeQuietly(in[0]);
            io.closeQuietly(out[1]);
            io.closeQuietly(err[1]);
            in[0] = -1;
            out[1] = -1;
            err[1] = -1;
            long pidfd = libc.syscall(NativeIo.SYS_PIDFD_OPEN, pid[0], 0);
            if (pidfd < 0) {
                IOException failure = io.failure("pidfd_open");
                // Without a way to see it exit, the child must not run unsupervised.
                ProcessGroup.of(pid[0]).signal(SIGKILL);
                libc.waitpid(pid[0], new int[1], 0);
                throw failure;
            }
            io.nonBlocking(in[1]);
            io.nonBlocking(out[0]);
            io.nonBlocking(err[0]);
            return new Child(pid[0], (int) pidfd, in[1], out[0], err[0]);
        } catch (IOException | RuntimeException e) {
            closePairs(in, out, err);
            throw e;
        }
    }

    private int[] pipe() throws IOException {
        int[] fds = new int[2];
        if (io.libc().pipe2(fds, NativeIo.O_CLOEXEC) != 0) {
            throw io.failure("pipe2");
        }
        return fds;
    }

    private void closePairs(int[]... pairs) {
        for (int[] pair : pairs) {
            if (pair != null) {
                for (int fd : pair) {
                    io.closeQuietly(fd);
                }
            }
        }
    }

    /** A NULL-terminated array of C strings; the memory is held in {@code keep} until the call is made. */
    private Pointer strings(List<String> values, List<Pointer> keep) {
        int pointerSize = io.runtime().addressSize();
        Pointer array = io.allocate((values.size() + 1) * pointerSize);
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).getBytes(UTF_8);
            Pointer text = io.allocate(bytes.length + 1);
            text.put(0, bytes, 0, bytes.length);
            text.putByte(bytes.length, (byte) 0);
            keep.add(text);
            array.putPointer((long) i * pointerSize, text);
        }
        array.putAddress((long) values.size() * pointerSize, 0L);
        return array;
    }

    private static void check(int error, String call) throws IOException {
        if (error != 0) {
            throw NativeIo.failure(call, error);
        }
    }
}

package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code zeroclaw.pid} in the runtime directory: it holds the daemon's pid and an exclusive lock for the daemon's
 * whole life, so that a second daemon on the same directory refuses to start and says which pid runs.
 *
 * <p>The lock, not the file, says whether a daemon runs: the kernel drops it when the holder dies, however it dies.
 * A file that is there but not locked was left by a daemon that crashed or was killed; it is stale, and is taken
 * over (with {@link #warning()} saying so).
 *
 * <p>The lock is a POSIX record lock ({@link FileChannel#tryLock()} on Linux), which belongs to the process and which
 * the kernel drops as soon as the process closes <em>any</em> descriptor of the file. Nothing else in the daemon may
 * therefore open the pid file, not even to read it; another process (a {@code zeroclaw status}) may.
 */
public final class PidFile implements Closeable {

    public static final String FILE_NAME = "zeroclaw.pid";

    // How long to wait for a daemon that holds the lock to write its pid: it does so right after locking, so this is
    // only for a starter that looks in between.
    private static final Duration HOLDER_PID_WAIT = Duration.ofSeconds(1);

    // How often to start over when the locked file was deleted under us; each time means a daemon just stopped.
    private static final int ATTEMPTS = 5;

    // The pid files this JVM holds, by real path. Because closing any descriptor of the file drops the lock (see the
    // class comment), a second acquire in this process must be refused before it opens the file, not after.
    // Rule: a path is added before its file is opened and removed after its channel is closed.
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final long pid;
    private final Optional<String> staleContent;
    private final OptionalLong stalePid;
    private boolean closed;

    private PidFile(Path file, FileChannel channel, long pid, String staleContent) {
        this.file = file;
        this.channel = channel;
        this.pid = pid;
        this.staleContent = staleContent.isBlank() ? Optional.empty() : Optional.of(staleContent.strip());
        this.stalePid = this.staleContent.map(PidFile::parsePid).orElse(OptionalLong.empty());
    }

    /**
     * Creates the runtime directory if needed (see {@link RuntimeDirectory#create()}), then locks and writes the
     * pid file.
     *
     * @throws DaemonAlreadyRunningException when a live process holds the lock; the message names its pid
     * @throws IOException when the directory is unsafe or the file cannot be written; the message says why
     */
    public static PidFile acquire(RuntimeDirectory directory) throws IOException {
        requireNonNull(directory, "directory is null");
        directory.create();
        Path file = directory.path().toRealPath().resolve(FILE_NAME);
        long pid = ProcessHandle.current().pid();
        if (!HELD_BY_THIS_PROCESS.add(file)) {
            throw DaemonAlreadyRunningException.heldByThisProcess(pid, directory.path());
        }
        try {
            return lock(file, directory.path(), pid);
        } catch (IOException | RuntimeException | Error e) {
            HELD_BY_THIS_PROCESS.remove(file);
            throw e;
        }
    }

    private static PidFile lock(Path file, Path directory, long pid) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = open(file);
            if (channel == null) {
                continue; // deleted between our two opens: a daemon just stopped; look again
            }
            boolean keep = false;
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException unreachable) {
                    // Only this JVM's own lock overlaps, and HELD_BY_THIS_PROCESS keeps us from getting here then.
                    throw DaemonAlreadyRunningException.heldByThisProcess(pid, directory);
                }
                if (lock == null) {
                    throw DaemonAlreadyRunningException.heldByAnotherProcess(awaitHolderPid(channel), directory);
                }
                if (!lockedFileIsStillAt(file)) {
                    continue; // the finally closes the channel, and with it the lock on the deleted file
                }
                String previous = read(channel);
                channel.truncate(0);
                channel.write(US_ASCII.encode(pid + "\n"), 0);
                keep = true;
                return new PidFile(file, channel, pid, previous);
            } catch (DaemonAlreadyRunningException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("cannot lock and write pid file " + file + ": " + RuntimeDirectory.describe(e), e);
            } finally {
                if (!keep) {
                    channel.close();
                }
            }
        }
        throw new IOException("pid file " + file + " was deleted under this daemon " + ATTEMPTS + " times while it"
                + " took the lock: are daemons being started and stopped in a loop?");
    }

    /** The file opened for reading and writing, created {@code 0600} if missing; {@code null} if it vanished. */
    private static FileChannel open(Path file) throws IOException {
        Set<OpenOption> existing = Set.of(READ, WRITE, NOFOLLOW_LINKS);
        try {
            try {
                return FileChannel.open(file, Set.of(CREATE_NEW, READ, WRITE, NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException thereAlready) {
                return FileChannel.open(file, existing);
            }
        } catch (NoSuchFileException vanished) {
            return null;
        } catch (IOException e) {
            throw new IOException("cannot open pid file " + file + ": " + RuntimeDirectory.describe(e), e);
        }
    }

    /**
     * Whether {@code file} still names the file this process has open (and locked). A daemon that stops deletes its
     * pid file and then lets go of the lock; a starter that opened the file just before the delete then wins the
     * lock on a file no longer in the directory, and a third daemon would create a new one and run beside it.
     * FileChannel hides its descriptor, so the open file is found through {@code /proc/self/fd}: its link reads
     * "{@code <file>}" or "{@code <file> (deleted)}", and stat through the link reaches the open file even when it
     * was deleted. Without {@code /proc} there is nothing to compare, and the lock is trusted.
     */
    static boolean lockedFileIsStillAt(Path file) throws IOException {
        Object current;
        try {
            current = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException deleted) {
            return false;
        }
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return true;
        }
        String name = file.toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
            for (Path descriptor : entries) {
                Object open;
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (!target.equals(name) && !target.equals(name + " (deleted)")) {
                        continue;
                    }
                    open = Files.readAttributes(descriptor, BasicFileAttributes.class).fileKey();
                } catch (IOException closedMeanwhile) {
                    continue; // another thread's descriptor, closed since the listing
                }
                if (!open.equals(current)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static OptionalLong awaitHolderPid(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + HOLDER_PID_WAIT.toNanos();
        while (true) {
            OptionalLong holder = parsePid(read(channel).strip());
            if (holder.isPresent() || System.nanoTime() - deadline >= 0) {
                return holder;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.empty();
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        // A pid file longer than this is not ours; what fits is enough to show in a message.
        ByteBuffer buffer = ByteBuffer.allocate(128);
        channel.read(buffer, 0);
        return US_ASCII.decode(buffer.flip()).toString();
    }

    private static OptionalLong parsePid(String text) {
        try {
            long pid = Long.parseLong(text);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path path() {
        return file;
    }

    /** The pid written into the file: this process's. */
    public long pid() {
        return pid;
    }

    /** Whether a stale pid file (there, not empty, not locked) was found and taken over. */
    public boolean tookOverStaleFile() {
        return staleContent.isPresent();
    }

    /** The pid in the stale file that was taken over, when it held one. */
    public OptionalLong stalePid() {
        return stalePid;
    }

    /** A sentence for the daemon's log when a stale pid file was taken over. */
    public Optional<String> warning() {
        return staleContent.map(content -> "took over stale pid file " + file + ": "
                + (stalePid.isPresent() ? "pid " + stalePid.getAsLong() : "its content '" + content + "'")
                + " no longer holds its lock (that daemon crashed or was killed)");
    }

    /**
     * Deletes the file, then lets go of the lock. In that order: once the lock is gone another daemon may take the
     * file, and a delete after that would delete its file.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                channel.close();
            } finally {
                HELD_BY_THIS_PROCESS.remove(file);
            }
        }
    }
}

package dev.zeroclaw.telemetry.audit;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.AuditSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit file and the thread that writes it. {@link #offer} never blocks: a line that finds
 * the queue full, or that the file refuses (a full disk), is dropped and counted. Before a line
 * would take the file past {@code max_file_bytes}, the file becomes {@code path.1} (an older
 * {@code path.1} becomes {@code path.2}, and so on), keeping {@code max_files} files in all.
 *
 * <p>The channel, its size and the pending bytes belong to the writer thread alone.
 */
public final class AuditLog implements AutoCloseable {

    /** Lines waiting for the writer; beyond this, new ones are dropped. */
    public static final int QUEUE_LINES = 8192;
    /** A failing disk is said in the daemon's log at most this often. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);
    /** How long the writer waits after a line for more to write with it. */
    static final Duration LINGER = Duration.ofMillis(20);

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String END = "\u0000end";

    private final Path path;
    private final long maxFileBytes;
    private final int maxFiles;
    private final AuditCounters counters;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Thread writer;
    // What the next write sends, and how many lines that is.
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pendingLines;
    private FileChannel channel;
    private long size;
    private long lastWarnNanos;
    private boolean failing;

    private AuditLog(AuditSettings settings, AuditCounters counters) throws IOException {
        this.path = Path.of(settings.path());
        this.maxFileBytes = settings.maxFileBytes();
        this.maxFiles = settings.maxFiles();
        this.counters = requireNonNull(counters, "counters is null");
        this.channel = openFile();
        this.size = channel.size();
        this.writer = new Thread(this::write, "zeroclaw-audit");
        writer.setDaemon(true);
    }

    /**
     * Opens (or creates, mode 0600) the file and starts the writer. The file's folder must exist:
     * an audit log that cannot be written stops the daemon's start, with this exception's message.
     */
    public static AuditLog open(AuditSettings settings, AuditCounters counters) throws IOException {
        AuditLog audit = new AuditLog(settings, counters);
        audit.writer.start();
        return audit;
    }

    /** Queues one line (without its newline); false when it was dropped. */
    public boolean offer(String line) {
        if (queue.offer(line)) {
            return true;
        }
        counters.dropped();
        return false;
    }

    private FileChannel openFile() throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // Appended to.
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        } catch (IOException e) {
            throw new IOException("the audit log " + path + " cannot be created ([mcp.audit] path): " + e.getMessage(), e);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException("the audit log " + path + " cannot be opened ([mcp.audit] path): " + e.getMessage(), e);
        }
    }

    private void write() {
        List<String> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                // The lines of calls made meanwhile go in the same write: one wake-up and one write(2) for many calls.
                Thread.sleep(LINGER.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            for (String line : batch) {
                if (line == END) {
                    flush();
                    closeChannel();
                    return;
                }
                append(line);
            }
            flush();
            batch.clear();
        }
    }

    /** Adds a line to what the next write sends, rotating first when it would not fit in the file. */
    private void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size + pending.size() > 0 && size + pending.size() + bytes.length > maxFileBytes) {
            flush();
            try {
                rotate();
            } catch (IOException e) {
                failed(1, e);
                return;
            }
        }
        pending.write(bytes, 0, bytes.length);
        pendingLines++;
    }

    private void flush() {
        if (pendingLines == 0) {
            return;
        }
        int lines = pendingLines;
        ByteBuffer buffer = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        pendingLines = 0;
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            size += buffer.limit();
            for (int i = 0; i < lines; i++) {
                counters.written();
            }
            if (failing) {
                failing = false;
                log.info("audit log {} is written again", path);
            }
        } catch (IOException e) {
            failed(lines, e);
        }
    }

    /** {@code lines} are lost: counted, said in the log at most every {@link #WARN_EVERY}, and the file opened again. */
    private void failed(int lines, IOException e) {
        for (int i = 0; i < lines; i++) {
            counters.dropped();
        }
        failing = true;
        long now = System.nanoTime();
        if (lastWarnNanos == 0 || now - lastWarnNanos > WARN_EVERY.toNanos()) {
            lastWarnNanos = now;
            log.warn("audit log {} cannot be written ({}); lines are dropped and counted (zeroclaw_audit_lines_dropped_total)",
                    path, e.getMessage());
        }
        reopenAfterFailure();
    }

    /** path.(N-1) becomes path.N (the oldest goes), ..., path becomes path.1, and a new path starts. */
    private void rotate() throws IOException {
        channel.close();
        if (maxFiles == 1) {
            Files.delete(path);
        } else {
            Files.deleteIfExists(rotated(maxFiles - 1));
            for (int n = maxFiles - 2; n >= 1; n--) {
                if (Files.exists(rotated(n))) {
                    Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        channel = openFile();
        size = channel.size();
    }

    private Path rotated(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    private void reopenAfterFailure() {
        if (channel.isOpen()) {
            return;
        }
        try {
            channel = openFile();
            size = channel.size();
        } catch (IOException e) {
            // Tried again at the next line.
        }
    }

    private void closeChannel() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            log.warn("audit log {} could not be closed: {}", path, e.getMessage());
        }
    }

    /** Writes what is queued (waiting up to {@code deadline}), then closes the file. */
    public void close(Duration deadline) {
        try {
            if (!queue.offer(END, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.interrupt();
            }
            writer.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}

package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import jnr.ffi.Pointer;

/**
 * One thread ({@code zeroclaw-io}) that waits on every server's pipes and exit descriptors with
 * {@code poll(2)} and runs timers, so that the number of threads does not grow with servers.
 *
 * <p>{@code poll}, not {@code epoll}: its {@code struct pollfd} has one layout on every Linux
 * architecture (epoll's event is packed on x86-64 only), and a scan of a few hundred descriptors
 * per wake-up costs microseconds. Handlers and timers run on the loop and must never block;
 * descriptors are registered, changed, unregistered and closed only on the loop, so that a
 * descriptor number reused by the kernel is never polled for its old owner.
 */
final class EventLoop {

    /** Called on the loop when a registered descriptor is ready; must not block. */
    interface Handler {
        void ready(short revents);
    }

    /** Marks the loop's thread and the shared workers, where a stop only starts (see {@link ReactorServer#close}). */
    static final class IoThread extends Thread {
        IoThread(Runnable body, String name) {
            super(body, name);
            setDaemon(true);
        }
    }

    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** A sender thread's write buffer: a typical message fits; a longer one is written in parts. */
    static final int SENDER_BUFFER_BYTES = 16 * 1024;
    private static final int POLLFD_BYTES = 8;

    private final NativeIo io;
    private final IoThread thread;
    private final int wakeFd;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Pointer> senderBuffers;

    // Everything below is confined to the loop's thread.
    private final Map<Integer, Registration> registrations = new LinkedHashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::nanoTime).thenComparingLong(Timer::sequence));
    private final Pointer buffer;
    private final Pointer wakeBuffer;
    private final Pointer drainBuffer;
    private long timerSequence;
    private Pointer pollfds;
    private int pollCapacity;

    EventLoop(NativeIo io) throws IOException {
        this.io = requireNonNull(io, "io is null");
        this.wakeFd = io.libc().eventfd(0, NativeIo.EFD_CLOEXEC | NativeIo.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw io.failure("eventfd");
        }
        this.buffer = io.allocate(READ_BUFFER_BYTES);
        // Read-only once written: every waker adds 1 to the eventfd's counter.
        this.wakeBuffer = io.allocate(8);
        wakeBuffer.putLong(0, 1);
        this.drainBuffer = io.allocate(8);
        this.thread = new IoThread(this::run, "zeroclaw-io");
        this.senderBuffers = ThreadLocal.withInitial(() -> io.allocate(SENDER_BUFFER_BYTES));
    }

    void start() {
        thread.start();
    }

    NativeIo io() {
        return io;
    }

    /** Runs {@code task} on the loop, soon. From any thread. */
    void execute(Runnable task) {
        tasks.add(requireNonNull(task, "task is null"));
        if (Thread.currentThread() != thread) {
            wake();
        }
    }

    /** Runs {@code task} on the loop once {@code delay} has passed. From any thread. */
    void schedule(Duration delay, Runnable task) {
        requireNonNull(task, "task is null");
        long at = Deadline.after(delay).nanoTime();
        execute(() -> timers.add(new Timer(at, timerSequence++, task)));
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Loop only: waits for {@code events} on {@code fd}. */
    void register(int fd, short events, Handler handler) {
        registrations.put(fd, new Registration(fd, events, requireNonNull(handler, "handler is null")));
    }

    /** Loop only: what to wait for on a registered descriptor; 0 waits for nothing (but errors). */
    void interest(int fd, short events) {
        Registration registration = registrations.get(fd);
        if (registration != null) {
            registration.events = events;
        }
    }

    /** Loop only: forgets {@code fd} and closes it. */
    void close(int fd) {
        registrations.remove(fd);
        io.closeQuietly(fd);
    }

    /** Loop only: reads what is there into the loop's buffer; the count, 0 at the end, -1 when nothing is there yet. */
    int read(int fd) throws IOException {
        return (int) retried("read", () -> io.libc().read(fd, buffer, READ_BUFFER_BYTES));
    }

    /** Loop only: the bytes {@link #read} put in the loop's buffer. */
    byte[] bytesRead(int count) {
        byte[] bytes = new byte[count];
        buffer.get(0, bytes, 0, count);
        return bytes;
    }

    /** Loop only: writes what the pipe takes of {@code bytes[offset..]}; the count, 0 when it is full. */
    int write(int fd, byte[] bytes, int offset) throws IOException {
        return write(buffer, READ_BUFFER_BYTES, fd, bytes, offset);
    }

    /**
     * Any thread: as {@link #write}, through a small buffer of the calling thread's own, for a
     * sender that writes at once what a non-blocking pipe takes rather than wake the loop.
     */
    int writeNow(int fd, byte[] bytes, int offset) throws IOException {
        return write(senderBuffers.get(), SENDER_BUFFER_BYTES, fd, bytes, offset);
    }

    private int write(Pointer through, int capacity, int fd, byte[] bytes, int offset) throws IOException {
        int count = Math.min(bytes.length - offset, capacity);
        through.put(0, bytes, offset, count);
        return (int) Math.max(0, retried("write", () -> io.libc().write(fd, through, count)));
    }

    /** Runs {@code call} again when a signal interrupted it; -1 when it would block. */
    private long retried(String name, LongSupplier call) throws IOException {
        while (true) {
            long result = call.getAsLong();
            if (result >= 0) {
                return result;
            }
            int errno = io.errno();
            if (io.isWouldBlock(errno)) {
                return -1;
            }
            if (!io.isInterrupted(errno)) {
                throw NativeIo.failure(name, errno);
            }
        }
    }

    private void wake() {
        io.libc().write(wakeFd, wakeBuffer, 8);
    }

    private void run() {
        while (true) {
            try {
                turn();
            } catch (RuntimeException e) {
                // A handler's bug must not stop every server's I/O; the handler's server is on its own.
            }
        }
    }

    private void turn() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().nanoTime() - now <= 0) {
            timers.poll().task().run();
        }
        if (!tasks.isEmpty()) {
            return;
        }
        List<Registration> polled = new ArrayList<>(registrations.size() + 1);
        ensurePollCapacity(registrations.size() + 1);
        pollfds.putInt(0, wakeFd);
        pollfds.putShort(4, NativeIo.POLLIN);
        pollfds.putShort(6, (short) 0);
        int slot = 1;
        for (Registration registration : registrations.values()) {
            long at = (long) slot * POLLFD_BYTES;
            pollfds.putInt(at, registration.fd);
            pollfds.putShort(at + 4, registration.events);
            pollfds.putShort(at + 6, (short) 0);
            polled.add(registration);
            slot++;
        }
        int timeout = -1;
        if (!timers.isEmpty()) {
            long millis = Math.max(0, (timers.peek().nanoTime() - System.nanoTime() + 999_999) / 1_000_000);
            timeout = (int) Math.min(Integer.MAX_VALUE, millis);
        }
        int ready = io.libc().poll(pollfds, slot, timeout);
        if (ready <= 0) {
            return;
        }
        if (pollfds.getShort(6) != 0) {
            io.libc().read(wakeFd, drainBuffer, 8);
        }
        for (int i = 0; i < polled.size(); i++) {
            short revents = pollfds.getShort((long) (i + 1) * POLLFD_BYTES + 6);
            Registration registration = polled.get(i);
            // Skipped when an earlier handler of this turn unregistered it.
            if (revents != 0 && registrations.get(registration.fd) == registration) {
                try {
                    registration.handler.ready(revents);
                } catch (RuntimeException e) {
                    // As in run(): one server's bug stays with that server.
                }
            }
        }
    }

    private void ensurePollCapacity(int count) {
        if (count > pollCapacity) {
            pollCapacity = Math.max(count, 2 * pollCapacity);
            pollfds = io.allocate(pollCapacity * POLLFD_BYTES);
        }
    }

    /** Loop-confined: {@code events} changes with the server's wants. */
    private static final class Registration {
        final int fd;
        short events;
        final Handler handler;

        Registration(int fd, short events, Handler handler) {
            this.fd = fd;
            this.events = events;
            this.handler = handler;
        }
    }

    private record Timer(long nanoTime, long sequence, Runnable task) {}
}

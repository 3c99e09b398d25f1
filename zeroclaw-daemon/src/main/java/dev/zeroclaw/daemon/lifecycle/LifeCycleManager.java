package dev.zeroclaw.daemon.lifecycle;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the daemon's services one after the other and stops them in the reverse order, as
 * Airlift's {@code LifeCycleManager} does: a service's constructor starts nothing, its thread or
 * socket begins in the start step handed here. A service whose start failed is not stopped;
 * every service that started is, even when an earlier stop failed.
 */
public final class LifeCycleManager {

    private static final Logger log = LoggerFactory.getLogger(LifeCycleManager.class);

    // Guarded by this: the stop steps of the services started, the last started first.
    private final Deque<Service> started = new ArrayDeque<>();
    private boolean stopped;

    @Inject
    public LifeCycleManager() {}

    /**
     * Runs {@code start}; once it has returned, {@code stop} runs at {@link #stop}, before the
     * stop steps of every service started earlier.
     *
     * @throws IllegalStateException when the manager has stopped already
     */
    public void start(String name, LifeCycleStep start, LifeCycleStep stop) throws Exception {
        requireNonNull(name, "name is null");
        requireNonNull(start, "start is null");
        requireNonNull(stop, "stop is null");
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("not starting " + name + ": the daemon is stopping");
            }
        }
        start.run();
        synchronized (this) {
            started.push(new Service(name, stop));
        }
        log.debug("started {}", name);
    }

    /** Something already started (a lock taken, handlers installed): it is stopped in its turn. */
    public void started(String name, LifeCycleStep stop) {
        try {
            start(name, LifeCycleStep.NOTHING, stop);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The services started so far, in start order. */
    public synchronized List<String> services() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(service -> names.add(service.name()));
        return names;
    }

    /**
     * Stops every started service, the last started first; a failing stop is logged and the next
     * one still runs. Once stopped, nothing starts again; a second call does nothing.
     */
    public void stop() {
        boolean interrupted = false;
        while (true) {
            Service service;
            synchronized (this) {
                stopped = true;
                service = started.poll();
            }
            if (service == null) {
                break;
            }
            try {
                service.stop().run();
                log.debug("stopped {}", service.name());
            } catch (InterruptedException e) {
                // Finish stopping the others first; the caller hears of the interrupt afterwards.
                interrupted = true;
                log.warn("stopping {} was interrupted", service.name());
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", service.name(), e.toString());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Service(String name, LifeCycleStep stop) {}
}

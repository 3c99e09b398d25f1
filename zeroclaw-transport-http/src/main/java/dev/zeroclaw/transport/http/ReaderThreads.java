package dev.zeroclaw.transport.http;

import dev.zeroclaw.api.transport.TransportContext;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the threads of one transport instance after its server, as {@code jstack} and the log show them. */
final class ReaderThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    ReaderThreads(TransportContext context, String kind) {
        this.prefix = "zeroclaw-" + context.serverName() + "#" + context.instance() + "-" + kind + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}

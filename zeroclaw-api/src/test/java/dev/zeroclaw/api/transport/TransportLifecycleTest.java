package dev.zeroclaw.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransportLifecycleTest {

    /** Records what it hears as {@code message:x}, {@code diagnostic:x}, {@code closed:KIND}. */
    private static class Heard implements TransportListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String message) {
            events.add("message:" + message);
        }

        @Override
        public void onDiagnostic(String line) {
            events.add("diagnostic:" + line);
        }

        @Override
        public void onClosed(TransportEnd end) {
            events.add("closed:" + end.kind());
        }
    }

    @Test
    void goesFromNewThroughStartingAndStartedToClosed() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        Heard heard = new Heard();

        assertThat(life.state()).isEqualTo(TransportLifecycle.State.NEW);
        life.starting(heard);
        assertThat(life.state()).isEqualTo(TransportLifecycle.State.STARTING);
        life.started();
        assertThat(life.state()).isEqualTo(TransportLifecycle.State.STARTED);
        assertThat(life.isClosing()).isFalse();
        assertThat(life.close()).as("the first close does the work").isTrue();
        assertThat(life.isClosing()).isTrue();
        assertThat(life.end(TransportEnd.closed("closed"))).isTrue();

        assertThat(life.state()).isEqualTo(TransportLifecycle.State.CLOSED);
        assertThat(heard.events).containsExactly("closed:CLOSED");
    }

    @Test
    void aSecondStartFailsWithAClearMessage() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        life.starting(new Heard());
        life.started();

        assertThatThrownBy(() -> life.starting(new Heard())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("start may be called only once");
    }

    @Test
    void aStartAfterAFailedStartFailsTooAsASecondStart() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        life.starting(new Heard());
        life.startFailed();

        assertThatThrownBy(() -> life.starting(new Heard())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeBeforeStartIsSafeIdempotentAndTheStartThenFails() {
        TransportLifecycle life = new TransportLifecycle();

        assertThat(life.close()).as("nothing to close").isFalse();
        assertThat(life.close()).isFalse();
        assertThat(life.state()).isEqualTo(TransportLifecycle.State.CLOSED);
        assertThatThrownBy(() -> life.starting(new Heard())).isInstanceOf(IOException.class)
                .hasMessage("not started: the transport was closed before it started");
    }

    @Test
    void closeWhileStartingFailsTheStartAndTheListenerHearsNothing() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        Heard heard = new Heard();
        life.starting(heard);

        assertThat(life.close()).as("the closer drops what the start is waiting on").isTrue();
        assertThatThrownBy(life::started).isInstanceOf(IOException.class)
                .hasMessage("not started: the transport was closed while it started");
        life.deliver("late");
        life.end(TransportEnd.closed("closed"));

        assertThat(life.state()).isEqualTo(TransportLifecycle.State.CLOSED);
        assertThat(heard.events).isEmpty();
    }

    @Test
    void aTransportThatEndsWhileStartingHasStartedAndTheListenerHeardTheEndOnce() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        Heard heard = new Heard();
        life.starting(heard);
        life.deliver("first");
        life.end(TransportEnd.ended("exited with status 0"));

        life.started();

        assertThat(life.state()).isEqualTo(TransportLifecycle.State.CLOSED);
        assertThat(life.close()).as("nothing left to close").isFalse();
        assertThat(heard.events).containsExactly("message:first", "closed:ENDED");
    }

    @Test
    void nothingPassesBeforeStartOrAfterTheEnd() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        Heard heard = new Heard();

        assertThat(life.deliver("too early")).isFalse();
        life.starting(heard);
        life.started();
        assertThat(life.deliver("one")).isTrue();
        life.diagnostic("note");
        life.end(TransportEnd.failed("gone"));
        assertThat(life.deliver("too late")).isFalse();
        life.diagnostic("too late");
        assertThat(life.end(TransportEnd.closed("again"))).isFalse();

        assertThat(heard.events).containsExactly("message:one", "diagnostic:note", "closed:FAILED");
    }

    @Test
    void aFailedStartTellsTheListenerNothing() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        Heard heard = new Heard();
        life.starting(heard);

        life.startFailed();
        life.end(TransportEnd.failed("late"));

        assertThat(life.isClosing()).isTrue();
        assertThat(heard.events).isEmpty();
    }

    @Test
    void aListenerThatThrowsStillGetsOneEndAndTheCallerGoesOn() throws IOException {
        TransportLifecycle life = new TransportLifecycle();
        AtomicInteger closed = new AtomicInteger();
        life.starting(new TransportListener() {
            @Override
            public void onMessage(String message) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onClosed(TransportEnd end) {
                closed.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        });
        life.started();

        assertThat(life.deliver("x")).isTrue();
        assertThat(life.end(TransportEnd.closed("closed"))).isTrue();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aListenerMayCloseItsTransportFromACallback() throws Exception {
        TransportLifecycle life = new TransportLifecycle();
        AtomicInteger closed = new AtomicInteger();
        CountDownLatch told = new CountDownLatch(1);
        life.starting(new TransportListener() {
            @Override
            public void onMessage(String message) {
                // As a transport's close() does when a listener calls it: no lock of the caller's blocks it.
                if (life.close()) {
                    new Thread(() -> life.end(TransportEnd.closed("closed"))).start();
                }
            }

            @Override
            public void onClosed(TransportEnd end) {
                closed.incrementAndGet();
                told.countDown();
            }
        });
        life.started();

        life.deliver("close me");

        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(life.deliver("after")).isFalse();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aStalledDiagnosticNeitherHoldsUpMessagesNorComesAfterTheEnd() throws Exception {
        TransportLifecycle life = new TransportLifecycle();
        CountDownLatch logStalled = new CountDownLatch(1);
        CountDownLatch inDiagnostic = new CountDownLatch(1);
        Heard heard = new Heard() {
            @Override
            public void onDiagnostic(String line) {
                inDiagnostic.countDown();
                try {
                    logStalled.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onDiagnostic(line);
            }
        };
        life.starting(heard);
        life.started();
        Thread log = new Thread(() -> life.diagnostic("slow"));
        log.start();
        assertThat(inDiagnostic.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(life.deliver("not held up")).isTrue();
        assertThat(heard.events).containsExactly("message:not held up");
        Thread ender = new Thread(() -> life.end(TransportEnd.closed("closed")));
        ender.start();
        logStalled.countDown();
        ender.join(5_000);
        log.join(5_000);

        assertThat(heard.events).containsExactly("message:not held up", "diagnostic:slow", "closed:CLOSED");
    }

    @Test
    void concurrentClosesAndEndsFromSeveralThreadsTellTheListenerExactlyOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                TransportLifecycle life = new TransportLifecycle();
                AtomicInteger closed = new AtomicInteger();
                AtomicInteger firstCloses = new AtomicInteger();
                AtomicInteger messagesAfterEnd = new AtomicInteger();
                AtomicInteger ended = new AtomicInteger();
                life.starting(new TransportListener() {
                    @Override
                    public void onMessage(String message) {
                        if (ended.get() > 0) {
                            messagesAfterEnd.incrementAndGet();
                        }
                    }

                    @Override
                    public void onClosed(TransportEnd end) {
                        ended.incrementAndGet();
                        closed.incrementAndGet();
                    }
                });
                life.started();
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<?>> done = new CopyOnWriteArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int which = t;
                    done.add(pool.submit(() -> {
                        together.await();
                        if (which % 4 == 0) {
                            life.deliver("m");
                            life.end(TransportEnd.failed("the server went away"));
                        } else if (life.close()) {
                            firstCloses.incrementAndGet();
                            life.end(TransportEnd.closed("closed"));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(10, TimeUnit.SECONDS);
                }

                assertThat(closed).as("round " + round).hasValue(1);
                assertThat(firstCloses).as("round " + round).hasValueLessThanOrEqualTo(1);
                assertThat(messagesAfterEnd).as("round " + round).hasValue(0);
                assertThat(life.state()).isEqualTo(TransportLifecycle.State.CLOSED);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.zeroclaw.daemon.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifeCycleManagerTest {

    private final LifeCycleManager lifecycle = new LifeCycleManager();
    private final List<String> events = new ArrayList<>();

    @Test
    void servicesStopInTheReverseOrderOfTheirStart() throws Exception {
        start("pid file");
        start("control socket");
        lifecycle.started("signal handlers", () -> events.add("stop signal handlers"));
        start("servers");

        lifecycle.stop();

        assertThat(events).containsExactly("start pid file", "start control socket", "start servers",
                "stop servers", "stop signal handlers", "stop control socket", "stop pid file");
    }

    @Test
    void aServiceWhoseStartFailedIsNotStoppedAndTheOthersAre() throws Exception {
        start("pid file");
        assertThatThrownBy(() -> lifecycle.start("gateway", () -> {
            throw new IOException("port taken");
        }, () -> events.add("stop gateway"))).hasMessage("port taken");

        lifecycle.stop();

        assertThat(events).containsExactly("start pid file", "stop pid file");
    }

    @Test
    void aFailingStopDoesNotKeepTheNextOnesFromRunning() throws Exception {
        start("pid file");
        lifecycle.start("watcher", () -> {}, () -> {
            throw new IllegalStateException("broken");
        });

        lifecycle.stop();

        assertThat(events).containsExactly("start pid file", "stop pid file");
    }

    @Test
    void onceStoppedNothingStartsAndASecondStopDoesNothing() throws Exception {
        start("servers");
        lifecycle.stop();
        lifecycle.stop();

        assertThatThrownBy(() -> start("reload coordinator")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopping");
        assertThat(events).containsExactly("start servers", "stop servers");
    }

    @Test
    void anInterruptedStopStillStopsTheRestAndKeepsTheInterrupt() throws Exception {
        start("pid file");
        lifecycle.start("servers", () -> {}, () -> {
            throw new InterruptedException();
        });

        lifecycle.stop();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(events).containsExactly("start pid file", "stop pid file");
    }

    private void start(String service) throws Exception {
        lifecycle.start(service, () -> events.add("start " + service), () -> events.add("stop " + service));
    }
}

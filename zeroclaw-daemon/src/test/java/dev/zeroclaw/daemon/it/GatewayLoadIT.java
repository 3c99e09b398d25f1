package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway under load, loopback only and bounded: {@value #CLIENTS} clients call tools without
 * pause while {@value #RELOADS} reloads each restart one server and add or remove another. Asserts
 * that no call to the unchanged or the restarted server fails; prints (never asserts) p50/p99
 * latency with and without reloads, and the gateway's overhead per call against calling the
 * server directly over stdio. The figures go to stdout and {@code target/gateway-load.txt}.
 */
class GatewayLoadIT {

    static final int CLIENTS = 4;
    static final int RELOADS = 20;
    static final int BASELINE_CALLS = 5_000;
    static final int WARM_UP_CALLS = 30_000;
    static final int WORK_CALLS = 500;
    static final String WORK_TOOL = "trigger-long-running-operation";
    static final Duration QUIET_PHASE = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String config(int port, int generation, boolean extra) {
        String toml = ReferenceServers.gateway(port)
                + ReferenceServers.everything("stable", "")
                + ReferenceServers.everything("restarted", "env = { GENERATION = \"" + generation + "\" }\n");
        return extra ? toml + ReferenceServers.memory("extra", dir.resolve("extra.jsonl")) : toml;
    }

    @Test
    void noCallFailsWhileReloadsRestartAndAddServers() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), config(port, 0, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("stable", "restarted");
            List<String> figures = new ArrayList<>();

            // Overhead: one client, one call at a time, through the gateway and directly over stdio, both
            // with a lean client doing the same JSON work. ping is answered by the gateway itself: the
            // floor of any call through it (one loopback HTTP round trip).
            List<Long> floor;
            List<Long> viaGateway;
            List<Long> workViaGateway;
            try (LoopbackMcpClient single = new LoopbackMcpClient(port, daemon.gatewayToken())) {
                viaGateway = sequential(WARM_UP_CALLS, BASELINE_CALLS, () -> single.callTool("stable__echo", echo()));
                floor = sequential(WARM_UP_CALLS, BASELINE_CALLS, () -> single.request("ping", JSON.createObjectNode()));
                workViaGateway = sequential(WORK_CALLS / 10, WORK_CALLS, () -> single.callTool("stable__" + WORK_TOOL, work()));
            }
            List<Long> direct;
            List<Long> workDirect;
            try (StdioMcpClient server = new StdioMcpClient(List.of("node", ReferenceServers.EVERYTHING.toString(), "stdio"))) {
                ObjectNode params = JSON.createObjectNode().put("name", "echo");
                params.set("arguments", echo());
                direct = sequential(WARM_UP_CALLS, BASELINE_CALLS, () -> server.request("tools/call", params));
                ObjectNode working = JSON.createObjectNode().put("name", WORK_TOOL);
                working.set("arguments", work());
                workDirect = sequential(WORK_CALLS / 10, WORK_CALLS, () -> server.request("tools/call", working));
            }
            figures.add(line("direct stdio echo, 1 client", direct));
            figures.add(line("gateway echo, 1 client", viaGateway));
            figures.add(line("gateway ping (no server), 1 client", floor));
            figures.add(String.format("gateway overhead at p50: %.2fx (p99: %.2fx); added per call at p50: %.3f ms",
                    percentile(viaGateway, 50) / (double) percentile(direct, 50),
                    percentile(viaGateway, 99) / (double) percentile(direct, 99),
                    (percentile(viaGateway, 50) - percentile(direct, 50)) / 1e6));
            figures.add(line("direct stdio 5 ms tool, 1 client", workDirect));
            figures.add(line("gateway 5 ms tool, 1 client", workViaGateway));
            figures.add(String.format("gateway overhead for a tool working 5 ms, at p50: %.2fx (p99: %.2fx)",
                    percentile(workViaGateway, 50) / (double) percentile(workDirect, 50),
                    percentile(workViaGateway, 99) / (double) percentile(workDirect, 99)));

            // Load: CLIENTS clients, first without reloads, then during RELOADS reloads.
            AtomicBoolean reloading = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Queue quiet = new Queue();
            Queue busy = new Queue();
            Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
            Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
            List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                LoopbackMcpClient client = new LoopbackMcpClient(port, daemon.gatewayToken());
                clients.add(pool.submit(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        String server = n++ % 2 == 0 ? "stable" : "restarted";
                        boolean during = reloading.get();
                        long started = System.nanoTime();
                        JsonNode answer;
                        try {
                            answer = client.callTool(server + "__echo", echo());
                        } catch (Exception e) {
                            answer = JSON.createObjectNode().put("exception", e.toString());
                        }
                        long took = System.nanoTime() - started;
                        calls.computeIfAbsent(server, k -> new AtomicLong()).incrementAndGet();
                        if (!answer.has("result")) {
                            failures.computeIfAbsent(server, k -> new AtomicLong()).incrementAndGet();
                            if (firstFailures.size() < 5) {
                                firstFailures.add(server + ": " + answer);
                            }
                        } else {
                            (during || reloading.get() ? busy : quiet).add(took);
                        }
                    }
                    client.close();
                    return null;
                }));
            }
            long quietEnd = System.nanoTime() + QUIET_PHASE.toNanos();
            while (System.nanoTime() < quietEnd) {
                Thread.sleep(100);
            }
            reloading.set(true);
            long reloadStarted = System.nanoTime();
            List<Double> reloadMs = new ArrayList<>();
            for (int i = 1; i <= RELOADS; i++) {
                Files.writeString(config, config(port, i, i % 2 == 1));
                Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(120), "reload", "--json", "--runtime-dir",
                        daemon.runtimeDir().toString());
                assertThat(reload.exitCode()).as(reload.out() + reload.err()).isZero();
                JsonNode report = JSON.readTree(reload.out());
                assertThat(report.path("restarted").toString()).contains("restarted");
                reloadMs.add(report.path("duration_ms").asDouble());
            }
            double reloadSeconds = (System.nanoTime() - reloadStarted) / 1e9;
            reloading.set(false);
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            figures.add(line(CLIENTS + " clients, no reloads", quiet.sorted()));
            figures.add(line(CLIENTS + " clients, during " + RELOADS + " reloads", busy.sorted()));
            figures.add(String.format("%d reloads in %.1f s; reload duration p50 %.0f ms, max %.0f ms", RELOADS, reloadSeconds,
                    reloadMs.stream().sorted().toList().get(reloadMs.size() / 2), Collections.max(reloadMs)));
            figures.add("calls " + calls + ", failed " + failures);
            String text = String.join("\n", figures) + "\n";
            System.out.print("gateway load test\n" + text);
            Files.writeString(Zeroclaw.ROOT.resolve("zeroclaw-daemon/target/gateway-load.txt"), text, StandardCharsets.UTF_8);

            assertThat(failures).as("failed calls; first ones: " + firstFailures).isEmpty();
            assertThat(busy.size()).as("calls completed during the reloads").isPositive();
        }
    }

    /** server-everything's tool that sleeps: one step of 5 ms, a stand-in for a tool that does some work. */
    private static ObjectNode work() {
        return JSON.createObjectNode().put("duration", 0.005).put("steps", 1);
    }

    private static ObjectNode echo() {
        return JSON.createObjectNode().put("message", "load");
    }

    private interface Call {
        JsonNode run() throws Exception;
    }

    private static List<Long> sequential(int warmUp, int count, Call call) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            call.run(); // warm-up: the daemon has just started; its JIT needs some 20,000 calls
        }
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            JsonNode answer = call.run();
            nanos.add(System.nanoTime() - started);
            assertThat(answer.has("result")).as(answer.toString()).isTrue();
        }
        Collections.sort(nanos);
        return nanos;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String line(String what, List<Long> sorted) {
        if (sorted.isEmpty()) {
            return what + ": no calls";
        }
        return String.format("%-32s calls %6d  p50 %7.3f ms  p99 %7.3f ms", what, sorted.size(),
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
    }

    /** Latencies from several threads. */
    private static final class Queue {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        void add(long value) {
            nanos.add(value);
        }

        int size() {
            return nanos.size();
        }

        List<Long> sorted() {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted;
        }
    }
}

package dev.zeroclaw.daemon.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A loopback OTLP/HTTP receiver that records what it is sent ({@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf};
 * OpenTelemetry's Java exporter has no {@code http/json}): the spans and the metrics' names, read by {@link OtlpProto}.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as received, its attributes flattened to strings. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes, int statusCode) {

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    // Guarded by this.
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final List<String> metricNames = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    /** The value of {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            if (path.endsWith("/v1/traces")) {
                spans.addAll(OtlpProto.spans(body));
            } else if (path.endsWith("/v1/metrics")) {
                metricNames.addAll(OtlpProto.metricNames(body));
            }
            notifyAll();
        }
        // An empty ExportTraceServiceResponse: everything accepted.
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, 0);
        exchange.close();
    }

    synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Waits (up to the daemon's deadline) for a span that matches; fails with every span received. */
    synchronized ReceivedSpan awaitSpan(String what, Predicate<ReceivedSpan> condition) throws InterruptedException {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (true) {
            Optional<ReceivedSpan> found = spans.stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no span " + what + " received; received: " + spans);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for a metric of that name. */
    synchronized void awaitMetric(String name) throws InterruptedException {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (!metricNames.contains(name)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no metric " + name + " received; received: " + metricNames);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.zeroclaw.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedCall;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.telemetry.ReloadObservation;
import dev.zeroclaw.telemetry.ReloadOutcome;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelTelemetryTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_ID = "00f067aa0ba902b7";

    private final ObjectMapper json = new ObjectMapper();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final OtelTelemetry telemetry = new OtelTelemetry(sdk, "0.1.0", sdk::close);

    @AfterEach
    void close() {
        telemetry.close();
    }

    private ClientRequest request(String method, String params) throws IOException {
        return new ClientRequest("a1b2c3d4e5f60718293a4b5c6d7e8f90", "claude-code", "1.2.3", "2025-06-18", method,
                json.readTree(params), json.getNodeFactory().textNode("req-7"), Optional.empty());
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems()));
    }

    @Test
    void aCallIsAServerSpanUnderTheClientsContextWithAClientSpanWhoseContextGoesUpstream() throws IOException {
        ObservedRequest call = telemetry.start(request("tools/call", "{\"name\":\"fs__read\",\"arguments\":{\"path\":\"/secret\"},"
                + "\"_meta\":{\"traceparent\":\"00-" + TRACE_ID + "-" + PARENT_ID + "-01\",\"tracestate\":\"vendor=1\"}}"));
        ObjectNode forwarded = (ObjectNode) json.readTree("{\"name\":\"read\",\"arguments\":{},\"_meta\":{\"progressToken\":5}}");
        ObservedCall upstream = call.upstream("fs", 2, "tools/call", forwarded);
        upstream.end(null);
        call.end(json.readTree("{\"content\":[]}"), null);

        SpanData server = span("tools/call fs__read");
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(server.getAttributes().asMap()).containsEntry(OtelTelemetry.METHOD, "tools/call")
                .containsEntry(OtelTelemetry.TOOL, "fs__read")
                .containsEntry(OtelTelemetry.SESSION, "a1b2c3d4e5f60718293a4b5c6d7e8f90")
                .containsEntry(OtelTelemetry.REQUEST_ID, "req-7")
                .containsEntry(OtelTelemetry.SERVER, "fs")
                .containsEntry(OtelTelemetry.INSTANCE, 2L);
        assertThat(server.getAttributes().asMap().values()).noneMatch(value -> value.toString().contains("/secret"));
        SpanData client = span("tools/call read");
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        // The server gets the client span's context; what else was in _meta stays.
        assertThat(forwarded.path("_meta").path("traceparent").asText()).isEqualTo("00-" + TRACE_ID + "-" + client.getSpanId() + "-01");
        assertThat(forwarded.path("_meta").path("tracestate").asText()).isEqualTo("vendor=1");
        assertThat(forwarded.path("_meta").path("progressToken").asInt()).isEqualTo(5);
        assertThat(metricNames()).contains("mcp.server.operation.duration", "mcp.client.operation.duration");
    }

    @Test
    void withoutAClientContextTheRequestStartsATraceAndAMetaIsAdded() throws IOException {
        ObservedRequest read = telemetry.start(request("resources/read", "{\"uri\":\"zeroclaw://fs/file:///a\"}"));
        ObjectNode forwarded = (ObjectNode) json.readTree("{\"uri\":\"file:///a\"}");
        read.upstream("fs", 1, "resources/read", forwarded).end(null);
        read.end(json.readTree("{}"), null);

        SpanData server = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("resources/read") && span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(server.getAttributes().get(OtelTelemetry.RESOURCE_URI)).isEqualTo("zeroclaw://fs/file:///a");
        assertThat(forwarded.path("_meta").path("traceparent").asText()).startsWith("00-" + server.getTraceId() + "-");
    }

    @Test
    void errorsCarryTheirTypeAndStatus() throws IOException {
        telemetry.start(request("tools/call", "{\"name\":\"fs__nope\"}")).end(null, new McpError(McpError.INVALID_PARAMS, "unknown"));
        telemetry.start(request("tools/call", "{\"name\":\"fs__fail\"}")).end(json.readTree("{\"isError\":true}"), null);
        ObservedRequest slow = telemetry.start(request("prompts/get", "{\"name\":\"fs__p\"}"));
        slow.upstream("fs", 1, "prompts/get", json.createObjectNode().put("name", "p"))
                .end(new TimeoutException("late"));
        slow.end(null, new McpError(McpError.REQUEST_TIMEOUT, "server 'fs' did not answer"));

        SpanData unknown = span("tools/call fs__nope");
        assertThat(unknown.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(unknown.getAttributes().get(OtelTelemetry.ERROR_TYPE)).isEqualTo("-32602");
        assertThat(unknown.getAttributes().get(OtelTelemetry.STATUS_CODE)).isEqualTo("-32602");
        assertThat(span("tools/call fs__fail").getAttributes().get(OtelTelemetry.ERROR_TYPE)).isEqualTo("tool_error");
        assertThat(span("prompts/get p").getAttributes().get(OtelTelemetry.ERROR_TYPE)).isEqualTo("timeout");
        assertThat(span("prompts/get fs__p").getAttributes().get(OtelTelemetry.PROMPT)).isEqualTo("fs__p");
    }

    @Test
    void pingIsNotTraced() throws IOException {
        assertThat(telemetry.start(request("ping", "{}"))).isSameAs(ObservedRequest.NONE);
    }

    @Test
    void aReloadIsASpanWithAChildPerServerAction() {
        ReloadObservation reload = telemetry.begin(3, "sighup");
        reload.applying();
        reload.end(new ReloadOutcome(3, "sighup", OptionalLong.empty(), "partial", Optional.of("ab".repeat(32)), 41.0,
                new ReloadPlan(List.of("new"), List.of("gone"), List.of(new ServerChange("fs", List.of("env.KEY"))),
                        List.of(new ServerChange("tune", List.of("tool_timeout_secs"))), List.of("keep")),
                Map.of("new", "crashed at start"), List.of()));
        telemetry.stateChanged("fs", "READY");

        SpanData root = span("zeroclaw reload");
        assertThat(root.getParentSpanContext().isValid()).isFalse();
        assertThat(root.getAttributes().get(OtelTelemetry.RELOAD_RESULT)).isEqualTo("partial");
        assertThat(root.getAttributes().get(OtelTelemetry.RELOAD_TRIGGER)).isEqualTo("sighup");
        List<SpanData> children = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(root.getSpanId())).toList();
        assertThat(children).extracting(span -> span.getName() + " " + span.getAttributes().get(OtelTelemetry.SERVER) + " "
                + span.getAttributes().get(OtelTelemetry.OUTCOME)).containsExactlyInAnyOrder(
                "zeroclaw reload start new failed", "zeroclaw reload stop gone ok", "zeroclaw reload restart fs ok",
                "zeroclaw reload update tune ok");
        assertThat(span("zeroclaw reload start").getStatus().getDescription()).isEqualTo("crashed at start");
        assertThat(metricNames()).contains("zeroclaw.reload.duration", "zeroclaw.server.state_changes");
    }

    private List<String> metricNames() {
        return metrics.collectAllMetrics().stream().map(MetricData::getName).toList();
    }
}

package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.daemon.it.OtlpReceiver.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenTelemetry ({@code [mcp.telemetry] enabled}) as an operator's collector sees it: the official
 * TypeScript client's requests carry {@code _meta.traceparent}; the daemon exports (OTLP/HTTP)
 * to a loopback receiver a SERVER span per request, child of the client's span, with the MCP
 * semantic conventions' attributes, and a CLIENT span per call to the server, whose context the
 * fixture server receives in its {@code _meta}; a reload exports its span tree; the metrics arrive.
 * With telemetry off, the daemon loads no OpenTelemetry class at all.
 */
class TelemetryIT {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";
    /** Sent in the calls' arguments and set as a server's env value: no attribute may carry it. */
    static final String SECRET = "zc-it-secret-7f3a9c";

    static final int SERVER = 2;
    static final int CLIENT = 3;
    static final int STATUS_ERROR = 2;

    @TempDir
    Path dir;

    @Test
    void aCallIsTracedFromTheClientsSpanToTheServerAndAReloadHasItsSpanTree() throws Exception {
        try (OtlpReceiver otlp = OtlpReceiver.start()) {
            int port = ReferenceServers.freePort();
            String gateway = ReferenceServers.gateway(port) + "[mcp.telemetry]\nenabled = true\n";
            Path config = Files.writeString(dir.resolve("config.toml"), gateway + echoServer("fix"));
            Map<String, String> environment = Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                    "OTEL_BSP_SCHEDULE_DELAY", "100",
                    "OTEL_METRIC_EXPORT_INTERVAL", "500");
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, environment)) {
                daemon.awaitReady("fix");

                JsonNode summary = runClient(port, daemon);

                ReceivedSpan call = otlp.awaitSpan("tools/call fix__echo_meta (SERVER)",
                        span -> span.kind() == SERVER && span.name().equals("tools/call fix__echo_meta"));
                assertThat(call.traceId()).isEqualTo(TRACE_ID);
                assertThat(call.parentSpanId()).isEqualTo(CLIENT_SPAN_ID);
                assertThat(call.attributes()).containsEntry("mcp.method.name", "tools/call")
                        .containsEntry("gen_ai.tool.name", "fix__echo_meta")
                        .containsEntry("gen_ai.operation.name", "execute_tool")
                        .containsEntry("zeroclaw.server.name", "fix")
                        .containsEntry("zeroclaw.client.name", "zeroclaw-telemetry-it")
                        .containsKeys("mcp.session.id", "jsonrpc.request.id", "zeroclaw.server.instance", "mcp.protocol.version")
                        .doesNotContainKey("error.type");
                assertThat(call.attribute("mcp.session.id")).hasSize(32);

                ReceivedSpan upstream = otlp.awaitSpan("the upstream tools/call (CLIENT)",
                        span -> span.kind() == CLIENT && span.parentSpanId().equals(call.spanId()));
                assertThat(upstream.name()).isEqualTo("tools/call echo_meta");
                assertThat(upstream.traceId()).isEqualTo(TRACE_ID);
                assertThat(upstream.attributes()).containsEntry("gen_ai.tool.name", "echo_meta").containsEntry("zeroclaw.server.name", "fix");
                // The fixture server got the upstream span's context, and the client's tracestate.
                assertThat(summary.path("tool").path("meta").path("traceparent").asText())
                        .isEqualTo("00-" + TRACE_ID + "-" + upstream.spanId() + "-01");
                assertThat(summary.path("tool").path("meta").path("tracestate").asText()).isEqualTo("zeroclaw-it=1");
                assertThat(summary.path("prompt").path("meta").path("traceparent").asText()).startsWith("00-" + TRACE_ID + "-");
                assertThat(summary.path("resource").path("meta").path("traceparent").asText()).startsWith("00-" + TRACE_ID + "-");

                ReceivedSpan prompt = otlp.awaitSpan("prompts/get fix__greet", span -> span.name().equals("prompts/get fix__greet"));
                assertThat(prompt.attributes()).containsEntry("gen_ai.prompt.name", "fix__greet");
                assertThat(prompt.parentSpanId()).isEqualTo(CLIENT_SPAN_ID);
                ReceivedSpan read = otlp.awaitSpan("resources/read", span -> span.name().equals("resources/read") && span.kind() == SERVER);
                assertThat(read.attribute("mcp.resource.uri")).isEqualTo(summary.path("resourceUri").asText());
                otlp.awaitSpan("resources/list", span -> span.name().equals("resources/list") && span.traceId().equals(TRACE_ID));
                ReceivedSpan failed = otlp.awaitSpan("tools/call fix__fail", span -> span.name().equals("tools/call fix__fail")
                        && span.kind() == SERVER);
                assertThat(failed.attribute("error.type")).isEqualTo("tool_error");
                assertThat(failed.statusCode()).isEqualTo(STATUS_ERROR);
                ReceivedSpan unknown = otlp.awaitSpan("tools/call fix__no_such_tool",
                        span -> span.name().equals("tools/call fix__no_such_tool"));
                // The fixture server refuses a tool it does not have with -32601; the client hears that code.
                assertThat(summary.path("unknown").asText()).contains("server 'fix'");
                assertThat(unknown.attribute("error.type")).isEqualTo("-32601");
                assertThat(unknown.attribute("rpc.response.status_code")).isEqualTo("-32601");
                assertThat(unknown.statusCode()).isEqualTo(STATUS_ERROR);

                otlp.awaitMetric("mcp.server.operation.duration");
                otlp.awaitMetric("mcp.client.operation.duration");
                otlp.awaitMetric("zeroclaw.server.state_changes");

                Files.writeString(config, gateway + echoServer("fix") + echoServer("more"));
                Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());
                assertThat(reload.exitCode()).as(reload.err()).isZero();
                ReceivedSpan reloadSpan = otlp.awaitSpan("zeroclaw reload", span -> span.name().equals("zeroclaw reload")
                        && "applied".equals(span.attribute("zeroclaw.reload.result")));
                assertThat(reloadSpan.attributes()).containsEntry("zeroclaw.reload.trigger", "control")
                        .containsKey("zeroclaw.config.sha256");
                assertThat(reloadSpan.parentSpanId()).isEmpty();
                ReceivedSpan start = otlp.awaitSpan("zeroclaw reload start (child)",
                        span -> span.name().equals("zeroclaw reload start") && span.parentSpanId().equals(reloadSpan.spanId()));
                assertThat(start.attributes()).containsEntry("zeroclaw.server.name", "more")
                        .containsEntry("zeroclaw.reload.action", "start").containsEntry("zeroclaw.reload.outcome", "ok");
                otlp.awaitMetric("zeroclaw.reload.duration");

                assertThat(otlp.spans()).allSatisfy(span -> assertThat(span.attributes().values()).noneMatch(value -> value.contains(SECRET)));
            }
        }
    }

    @Test
    void withTelemetryOffNoOpenTelemetryClassIsLoaded() throws Exception {
        int port = ReferenceServers.freePort();
        Path audit = dir.resolve("audit.jsonl");
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "[mcp.audit]\npath = \"" + audit + "\"\n" + echoServer("fix"));
        Path classes = dir.resolve("classes.log");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of(), List.of(),
                List.of("-Xlog:class+load=info:file=" + classes))) {
            daemon.awaitReady("fix");

            JsonNode summary = runClient(port, daemon);

            // Traced or not, the client's context still reaches the server (the gateway forwards _meta).
            assertThat(summary.path("tool").path("meta").path("traceparent").asText()).isEqualTo(TRACEPARENT);
            String loaded = Files.readString(classes, StandardCharsets.UTF_8);
            // The log covers the observed path: the audit trail and the gateway's seam were loaded.
            assertThat(loaded).contains("dev.zeroclaw.telemetry.audit.AuditTrail", "dev.zeroclaw.gateway.observe.ObservedRequest");
            assertThat(loaded).doesNotContain("io.opentelemetry", "dev.zeroclaw.telemetry.otel");
        }
    }

    private JsonNode runClient(int port, RunningDaemon daemon) throws Exception {
        return NodeScript.run("gateway/telemetry-client.mjs", Map.of(
                "ZC_URL", GatewayClient.endpoint(port).toString(),
                "ZC_RUNTIME_DIR", daemon.runtimeDir().toString(),
                "ZC_TRACEPARENT", TRACEPARENT,
                "ZC_ARGUMENT", SECRET), dir, daemon);
    }

    /** A fixture server with the --echo-meta tools, prompt and resource, whose env holds {@link #SECRET}. */
    static String echoServer(String name) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = "
                + Zeroclaw.toml(List.of(Zeroclaw.FIXTURE.toString(), "--echo-meta", "--tools", "0")) + "\n"
                + "env = { FIXTURE_TOKEN = \"" + SECRET + "\" }\n";
    }
}

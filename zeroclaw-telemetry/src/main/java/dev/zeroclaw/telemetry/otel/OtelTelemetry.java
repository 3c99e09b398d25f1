package dev.zeroclaw.telemetry.otel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedCall;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.gateway.observe.RequestObserver;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.telemetry.ReloadObservation;
import dev.zeroclaw.telemetry.ReloadObserver;
import dev.zeroclaw.telemetry.ReloadOutcome;
import dev.zeroclaw.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spans and metrics of the gateway's requests and of the reloads, after the OpenTelemetry semantic
 * conventions for MCP: a SERVER span per client request (its parent the client's
 * {@code _meta.traceparent} when sent), a CLIENT span per call to a server (whose context goes in
 * that request's {@code _meta}), {@code mcp.server.operation.duration} and
 * {@code mcp.client.operation.duration}; a span per reload with a child per server action, the
 * reload's duration, and server state changes. No attribute carries an argument or a secret.
 */
public final class OtelTelemetry implements Telemetry, RequestObserver, ReloadObserver {

    static final String SCOPE = "dev.zeroclaw";
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> PROMPT = AttributeKey.stringKey("gen_ai.prompt.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> RESOURCE_URI = AttributeKey.stringKey("mcp.resource.uri");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("rpc.response.status_code");
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
    static final AttributeKey<String> SERVER = AttributeKey.stringKey("zeroclaw.server.name");
    static final AttributeKey<Long> INSTANCE = AttributeKey.longKey("zeroclaw.server.instance");
    static final AttributeKey<String> CLIENT_NAME = AttributeKey.stringKey("zeroclaw.client.name");
    static final AttributeKey<String> CLIENT_VERSION = AttributeKey.stringKey("zeroclaw.client.version");
    static final AttributeKey<String> BUNDLE = AttributeKey.stringKey("zeroclaw.bundle");
    static final AttributeKey<Long> RELOAD_ID = AttributeKey.longKey("zeroclaw.reload.id");
    static final AttributeKey<String> RELOAD_TRIGGER = AttributeKey.stringKey("zeroclaw.reload.trigger");
    static final AttributeKey<String> RELOAD_RESULT = AttributeKey.stringKey("zeroclaw.reload.result");
    static final AttributeKey<String> CONFIG_SHA256 = AttributeKey.stringKey("zeroclaw.config.sha256");
    static final AttributeKey<String> ACTION = AttributeKey.stringKey("zeroclaw.reload.action");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("zeroclaw.reload.outcome");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("zeroclaw.server.state");
    /** The semantic conventions' advice for MCP's duration histograms, in seconds. */
    static final List<Double> BUCKETS = List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

    private final Runnable shutdown;
    private final Tracer tracer;
    private final DoubleHistogram serverDuration;
    private final DoubleHistogram clientDuration;
    private final DoubleHistogram reloadDuration;
    private final LongCounter stateChanges;
    private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

    /**
     * @param openTelemetry where spans and metrics go
     * @param shutdown flushes and stops it
     */
    public OtelTelemetry(OpenTelemetry openTelemetry, String serviceVersion, Runnable shutdown) {
        requireNonNull(openTelemetry, "openTelemetry is null");
        this.shutdown = requireNonNull(shutdown, "shutdown is null");
        this.tracer = openTelemetry.getTracer(SCOPE, serviceVersion);
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.serverDuration = meter.histogramBuilder("mcp.server.operation.duration").setUnit("s")
                .setDescription("MCP request duration as observed on the receiver (the gateway), until the answer is sent.")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        this.clientDuration = meter.histogramBuilder("mcp.client.operation.duration").setUnit("s")
                .setDescription("MCP request duration as observed on the sender (the gateway, calling a server), until its answer.")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        this.reloadDuration = meter.histogramBuilder("zeroclaw.reload.duration").setUnit("s")
                .setDescription("Time from a reload's start to its report.").build();
        this.stateChanges = meter.counterBuilder("zeroclaw.server.state_changes").setUnit("{change}")
                .setDescription("A server entering a state (STARTING, READY, BACKOFF, FAILED, STOPPING, STOPPED).").build();
    }

    /** Configured by {@code OTEL_*} (the service is {@code zeroclaw} unless they name another; no log export). */
    static OtelTelemetry autoConfigured(String serviceVersion) {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "zeroclaw", "otel.logs.exporter", "none"))
                .addResourceCustomizer((resource, config) -> resource.merge(
                        Resource.create(Attributes.of(AttributeKey.stringKey("service.version"), serviceVersion))))
                .build()
                .getOpenTelemetrySdk();
        return new OtelTelemetry(sdk, serviceVersion, () -> sdk.shutdown().join(10, TimeUnit.SECONDS));
    }

    @Override
    public RequestObserver requests() {
        return this;
    }

    @Override
    public ReloadObserver reloads() {
        return this;
    }

    @Override
    public ObservedRequest start(ClientRequest request) {
        String method = request.method();
        if (method.equals("ping")) {
            return ObservedRequest.NONE;
        }
        JsonNode params = request.params();
        Context parent = propagator.extract(Context.root(), params.path("_meta"), MetaCarrier.GETTER);
        AttributesBuilder metric = Attributes.builder().put(METHOD, method);
        String target = target(method, params, metric);
        SpanBuilder builder = tracer.spanBuilder(target == null ? method : method + " " + target)
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute(METHOD, method)
                .setAttribute(SESSION, request.sessionId())
                .setAttribute(PROTOCOL_VERSION, request.protocolVersion())
                .setAttribute(REQUEST_ID, request.requestId().asText())
                .setAttribute(TRANSPORT, "tcp")
                .setAttribute(CLIENT_NAME, request.clientName())
                .setAttribute(CLIENT_VERSION, request.clientVersion());
        request.bundle().ifPresent(bundle -> builder.setAttribute(BUNDLE, bundle));
        if (method.equals("tools/call")) {
            builder.setAttribute(TOOL, target).setAttribute(OPERATION, "execute_tool");
        } else if (method.equals("prompts/get")) {
            builder.setAttribute(PROMPT, target);
        } else if (method.equals("resources/read")) {
            builder.setAttribute(RESOURCE_URI, params.path("uri").asText(""));
        }
        return new TracedRequest(builder.startSpan(), method, metric, System.nanoTime());
    }

    /** The tool's or prompt's name (low cardinality, for the span name and the metric); null for others. */
    private static String target(String method, JsonNode params, AttributesBuilder metric) {
        if (method.equals("tools/call")) {
            String name = params.path("name").asText("");
            metric.put(TOOL, name);
            return name;
        }
        if (method.equals("prompts/get")) {
            String name = params.path("name").asText("");
            metric.put(PROMPT, name);
            return name;
        }
        return null;
    }

    private final class TracedRequest implements ObservedRequest {

        private final Span span;
        private final String method;
        private final AttributesBuilder metric;
        private final long startNanos;

        TracedRequest(Span span, String method, AttributesBuilder metric, long startNanos) {
            this.span = span;
            this.method = method;
            this.metric = metric;
            this.startNanos = startNanos;
        }

        @Override
        public ObservedCall upstream(String server, long instance, String upstreamMethod, ObjectNode params) {
            span.setAttribute(SERVER, server);
            span.setAttribute(INSTANCE, instance);
            synchronized (metric) {
                metric.put(SERVER, server);
            }
            String target = upstreamMethod.equals("tools/call") || upstreamMethod.equals("prompts/get")
                    ? params.path("name").asText("") : null;
            SpanBuilder builder = tracer.spanBuilder(target == null ? upstreamMethod : upstreamMethod + " " + target)
                    .setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(span))
                    .setAttribute(METHOD, upstreamMethod)
                    .setAttribute(SERVER, server)
                    .setAttribute(INSTANCE, instance);
            AttributesBuilder callMetric = Attributes.builder().put(METHOD, upstreamMethod).put(SERVER, server);
            if (upstreamMethod.equals("tools/call")) {
                builder.setAttribute(TOOL, target).setAttribute(OPERATION, "execute_tool");
                callMetric.put(TOOL, target);
            } else if (upstreamMethod.equals("prompts/get")) {
                builder.setAttribute(PROMPT, target);
                callMetric.put(PROMPT, target);
            } else if (params.has("uri")) {
                builder.setAttribute(RESOURCE_URI, params.path("uri").asText(""));
            }
            Span call = builder.startSpan();
            propagator.inject(Context.root().with(call), MetaCarrier.metaOf(params), MetaCarrier.SETTER);
            long started = System.nanoTime();
            return failure -> {
                if (failure != null) {
                    String type = errorType(failure);
                    call.setAttribute(ERROR_TYPE, type);
                    call.setStatus(StatusCode.ERROR, type);
                    callMetric.put(ERROR_TYPE, type);
                }
                clientDuration.record((System.nanoTime() - started) / 1e9, callMetric.build());
                call.end();
            };
        }

        @Override
        public void end(JsonNode result, Throwable failure) {
            String type = null;
            if (failure != null) {
                type = errorType(failure);
                Throwable cause = unwrap(failure);
                if (cause instanceof McpError error) {
                    span.setAttribute(STATUS_CODE, Integer.toString(error.code()));
                }
            } else if (method.equals("tools/call") && result != null && result.path("isError").asBoolean(false)) {
                type = "tool_error";
            }
            Attributes attributes;
            synchronized (metric) {
                if (type != null) {
                    metric.put(ERROR_TYPE, type);
                }
                attributes = metric.build();
            }
            if (type != null) {
                span.setAttribute(ERROR_TYPE, type);
                span.setStatus(StatusCode.ERROR, type);
            }
            serverDuration.record((System.nanoTime() - startNanos) / 1e9, attributes);
            span.end();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The JSON-RPC error code, as the conventions ask; else what kind of failure it was. */
    static String errorType(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof McpError error) {
            return Integer.toString(error.code());
        }
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        return cause.getClass().getName();
    }

    @Override
    public ReloadObservation begin(long id, String trigger) {
        Span reload = tracer.spanBuilder("zeroclaw reload").setSpanKind(SpanKind.INTERNAL).setNoParent()
                .setAttribute(RELOAD_ID, id).setAttribute(RELOAD_TRIGGER, trigger).startSpan();
        return new ReloadObservation() {
            // Set by applying() and read by end(), both on the reload thread.
            private Instant applying;

            @Override
            public void applying() {
                applying = Instant.now();
            }

            @Override
            public void end(ReloadOutcome outcome) {
                if (applying != null) {
                    Instant now = Instant.now();
                    outcome.plan().added().forEach(name -> action(reload, "start", name, applying, now, outcome));
                    outcome.plan().removed().forEach(name -> action(reload, "stop", name, applying, now, outcome));
                    outcome.plan().restart().stream().map(ServerChange::name)
                            .forEach(name -> action(reload, "restart", name, applying, now, outcome));
                    outcome.plan().update().stream().map(ServerChange::name)
                            .forEach(name -> action(reload, "update", name, applying, now, outcome));
                }
                reload.setAttribute(RELOAD_RESULT, outcome.result());
                outcome.configSha256().ifPresent(sha -> reload.setAttribute(CONFIG_SHA256, sha));
                if (!outcome.result().equals("applied")) {
                    reload.setStatus(StatusCode.ERROR, outcome.result());
                }
                reloadDuration.record(outcome.durationMs() / 1000.0, Attributes.of(RELOAD_RESULT, outcome.result()));
                reload.end();
            }
        };
    }

    /** One server's action in a reload; the actions run in parallel, so each spans the apply step. */
    private void action(Span reload, String action, String server, Instant from, Instant to, ReloadOutcome outcome) {
        Span span = tracer.spanBuilder("zeroclaw reload " + action).setSpanKind(SpanKind.INTERNAL)
                .setParent(Context.root().with(reload)).setStartTimestamp(from)
                .setAttribute(SERVER, server).setAttribute(ACTION, action).startSpan();
        String failed = outcome.failed().get(server);
        span.setAttribute(OUTCOME, failed == null ? "ok" : "failed");
        if (failed != null) {
            span.setAttribute(ERROR_TYPE, "failed");
            span.setStatus(StatusCode.ERROR, failed);
        }
        span.end(to);
    }

    @Override
    public void stateChanged(String server, String state) {
        stateChanges.add(1, Attributes.of(SERVER, server, STATE, state));
    }

    @Override
    public void close() {
        shutdown.run();
    }
}

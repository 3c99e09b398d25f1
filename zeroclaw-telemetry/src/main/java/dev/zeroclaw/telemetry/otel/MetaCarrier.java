package dev.zeroclaw.telemetry.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;

/** W3C trace context in a request's {@code params._meta} ({@code traceparent}, {@code tracestate}), as MCP's SDKs carry it. */
final class MetaCarrier {

    static final TextMapGetter<JsonNode> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonNode meta) {
            List<String> keys = new ArrayList<>();
            meta.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        @Override
        public String get(JsonNode meta, String key) {
            if (meta == null) {
                return null;
            }
            JsonNode value = meta.get(key);
            return value != null && value.isTextual() ? value.asText() : null;
        }
    };

    static final TextMapSetter<ObjectNode> SETTER = (meta, key, value) -> {
        if (meta != null) {
            meta.put(key, value);
        }
    };

    private MetaCarrier() {}

    /** {@code params._meta}, made an object if it is absent or is not one. */
    static ObjectNode metaOf(ObjectNode params) {
        JsonNode meta = params.get("_meta");
        return meta instanceof ObjectNode object ? object : params.putObject("_meta");
    }
}

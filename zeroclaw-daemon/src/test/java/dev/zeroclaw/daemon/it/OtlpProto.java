package dev.zeroclaw.daemon.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the few fields of OTLP's protobuf messages the tests look at (OpenTelemetry's Java exporter
 * sends {@code http/protobuf} or gRPC, not JSON): spans with their ids, name, kind, string and
 * integer attributes and status code, and metric names. Protobuf's wire format, by field number,
 * after opentelemetry-proto's {@code trace.proto}, {@code metrics.proto} and {@code common.proto}.
 */
final class OtlpProto {

    private OtlpProto() {}

    /** One field of a message: its number, and its bytes (length-delimited) or value (varint, fixed). */
    private record Field(int number, byte[] bytes, long value) {}

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int number = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> fields.add(new Field(number, null, varint(message, at)));
                case 1 -> {
                    fields.add(new Field(number, null, littleEndian(message, at[0], 8)));
                    at[0] += 8;
                }
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = new byte[length];
                    System.arraycopy(message, at[0], bytes, 0, length);
                    at[0] += length;
                    fields.add(new Field(number, bytes, 0));
                }
                case 5 -> {
                    fields.add(new Field(number, null, littleEndian(message, at[0], 4)));
                    at[0] += 4;
                }
                default -> throw new IllegalArgumentException("unexpected protobuf wire type in key " + key);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static long littleEndian(byte[] message, int from, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (message[from + i] & 0xff);
        }
        return value;
    }

    private static List<byte[]> children(byte[] message, int number) {
        return fields(message).stream().filter(field -> field.number() == number && field.bytes() != null).map(Field::bytes).toList();
    }

    /** ExportTraceServiceRequest: resource_spans (1) / scope_spans (2) / spans (2). */
    static List<OtlpReceiver.ReceivedSpan> spans(byte[] request) {
        List<OtlpReceiver.ReceivedSpan> spans = new ArrayList<>();
        for (byte[] resource : children(request, 1)) {
            for (byte[] scope : children(resource, 2)) {
                for (byte[] span : children(scope, 2)) {
                    spans.add(span(span));
                }
            }
        }
        return spans;
    }

    /** Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9, status 15 (code 3). */
    private static OtlpReceiver.ReceivedSpan span(byte[] span) {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        int kind = 0;
        int status = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field field : fields(span)) {
            switch (field.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes());
                case 4 -> parentSpanId = HexFormat.of().formatHex(field.bytes());
                case 5 -> name = new String(field.bytes(), StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.value();
                case 9 -> attribute(field.bytes(), attributes);
                case 15 -> status = fields(field.bytes()).stream().filter(f -> f.number() == 3).mapToInt(f -> (int) f.value())
                        .findFirst().orElse(0);
                default -> {
                    // Not looked at.
                }
            }
        }
        return new OtlpReceiver.ReceivedSpan(traceId, spanId, parentSpanId, name, kind, attributes, status);
    }

    /** KeyValue: key 1, value 2 (AnyValue: string_value 1, bool_value 2, int_value 3). */
    private static void attribute(byte[] keyValue, Map<String, String> attributes) {
        String key = "";
        String value = "";
        for (Field field : fields(keyValue)) {
            if (field.number() == 1) {
                key = new String(field.bytes(), StandardCharsets.UTF_8);
            } else if (field.number() == 2) {
                for (Field any : fields(field.bytes())) {
                    value = switch (any.number()) {
                        case 1 -> new String(any.bytes(), StandardCharsets.UTF_8);
                        case 2 -> Boolean.toString(any.value() != 0);
                        case 3 -> Long.toString(any.value());
                        default -> "(other)";
                    };
                }
            }
        }
        attributes.put(key, value);
    }

    /** ExportMetricsServiceRequest: resource_metrics (1) / scope_metrics (2) / metrics (2) / name (1). */
    static List<String> metricNames(byte[] request) {
        List<String> names = new ArrayList<>();
        for (byte[] resource : children(request, 1)) {
            for (byte[] scope : children(resource, 2)) {
                for (byte[] metric : children(scope, 2)) {
                    children(metric, 1).forEach(name -> names.add(new String(name, StandardCharsets.UTF_8)));
                }
            }
        }
        return names;
    }
}

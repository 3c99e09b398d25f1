package dev.zeroclaw.benchmarks.toml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * toml-test's expected values ({@code {"type": "integer", "value": "42"}}, tables as objects,
 * arrays as arrays) read into the neutral document of {@link CandidateParser}.
 */
public final class TaggedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaggedJson() {}

    /** The neutral document a {@code valid/*.json} file describes. */
    public static Object read(Path json) throws IOException {
        return neutral(JSON.readTree(Files.readString(json)));
    }

    private static Object neutral(JsonNode node) {
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.forEach(child -> elements.add(neutral(child)));
            return elements;
        }
        if (isTaggedValue(node)) {
            return value(node.get("type").textValue(), node.get("value").textValue());
        }
        Map<String, Object> table = new LinkedHashMap<>();
        node.properties().forEach(field -> table.put(field.getKey(), neutral(field.getValue())));
        return table;
    }

    // A table may have keys "type" and "value" too, but then their values are tagged objects.
    private static boolean isTaggedValue(JsonNode node) {
        return node.size() == 2
                && node.path("type").isTextual()
                && node.path("value").isTextual();
    }

    private static Object value(String type, String text) {
        switch (type) {
            case "string":
                return text;
            case "integer":
                return Long.parseLong(text);
            case "float":
                return floatValue(text);
            case "bool":
                return Boolean.parseBoolean(text);
            case "datetime":
                return OffsetDateTime.parse(isoDateTime(text));
            case "datetime-local":
                return LocalDateTime.parse(isoDateTime(text));
            case "date-local":
                return LocalDate.parse(text);
            case "time-local":
                return LocalTime.parse(text);
            default:
                throw new IllegalArgumentException("unknown toml-test type '" + type + "'");
        }
    }

    private static Double floatValue(String text) {
        switch (text) {
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
            case "+nan":
            case "-nan":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }

    // TOML allows a space or a lower-case t and z; java.time's ISO parsers do not.
    private static String isoDateTime(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.length() > 10 && upper.charAt(10) == ' '
                ? upper.substring(0, 10) + 'T' + upper.substring(11)
                : upper;
    }
}

package dev.zeroclaw.daemon.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as the client commands read it: jackson-core's streaming parser into a small
 * immutable tree, so that {@code zeroclaw status} and {@code reload} load no Jackson databind class
 * (docs/benchmarks.md, "Client commands"). The accessors read as databind's {@code JsonNode} ones
 * do ({@code path} gives a missing node, never null; {@code asText} of a number is its digits), and
 * {@link #toJson} writes what databind's {@code writeValueAsString(readTree(text))} writes: the
 * same generator, the same number types.
 */
public final class JsonTree implements Iterable<JsonTree> {

    private enum Kind { MISSING, NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT }

    // One factory for the process: it holds the parsers' symbol tables.
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonTree MISSING = new JsonTree(Kind.MISSING, null);
    private static final JsonTree NULL = new JsonTree(Kind.NULL, null);

    private final Kind kind;
    // Boolean, Integer / Long / BigInteger / Double, String, List<JsonTree> or Map<String, JsonTree>, by kind.
    private final Object value;

    private JsonTree(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * The first JSON value of {@code text}; the missing node for a text of whitespace only.
     *
     * @throws IOException (jackson-core's {@code JsonParseException}) when the text is not JSON
     */
    public static JsonTree parse(String text) throws IOException {
        requireNonNull(text, "text is null");
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            return token == null ? MISSING : read(parser, token);
        }
    }

    private static JsonTree read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, JsonTree> fields = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    // As databind's tree: a repeated name keeps its first place and takes the last value.
                    fields.put(name, read(parser, parser.nextToken()));
                }
                return new JsonTree(Kind.OBJECT, Collections.unmodifiableMap(fields));
            }
            case START_ARRAY: {
                List<JsonTree> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(read(parser, next));
                }
                return new JsonTree(Kind.ARRAY, Collections.unmodifiableList(elements));
            }
            case VALUE_STRING:
                return new JsonTree(Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT:
                // databind's number types: int when it fits, else long, else BigInteger.
                return new JsonTree(Kind.NUMBER, parser.getNumberValue());
            case VALUE_NUMBER_FLOAT:
                return new JsonTree(Kind.NUMBER, parser.getDoubleValue());
            case VALUE_TRUE:
                return new JsonTree(Kind.BOOLEAN, Boolean.TRUE);
            case VALUE_FALSE:
                return new JsonTree(Kind.BOOLEAN, Boolean.FALSE);
            case VALUE_NULL:
                return NULL;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** The value of {@code field}, or the missing node (also when this is no object). */
    public JsonTree path(String field) {
        if (kind != Kind.OBJECT) {
            return MISSING;
        }
        JsonTree found = objectFields().get(field);
        return found == null ? MISSING : found;
    }

    /** True when this is an object with {@code field}, even one whose value is null. */
    public boolean has(String field) {
        return kind == Kind.OBJECT && objectFields().containsKey(field);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    public boolean isMissing() {
        return kind == Kind.MISSING;
    }

    /** A string as it is, a number's or boolean's text, "null" for null, "" for anything else. */
    public String asText() {
        switch (kind) {
            case STRING:
                return (String) value;
            case NUMBER:
            case BOOLEAN:
                return value.toString();
            case NULL:
                return "null";
            default:
                return "";
        }
    }

    /** {@link #asText()}, or {@code otherwise} when this is missing or null. */
    public String asText(String otherwise) {
        return kind == Kind.MISSING || kind == Kind.NULL ? otherwise : asText();
    }

    /** A number as a long (truncated), a boolean as 1 or 0, a string that holds a number as it; else 0. */
    public long asLong() {
        switch (kind) {
            case NUMBER:
                return ((Number) value).longValue();
            case BOOLEAN:
                return (Boolean) value ? 1 : 0;
            case STRING:
                return (long) parseNumber((String) value);
            default:
                return 0;
        }
    }

    public int asInt() {
        return kind == Kind.NUMBER ? ((Number) value).intValue() : (int) asLong();
    }

    public double asDouble() {
        switch (kind) {
            case NUMBER:
                return ((Number) value).doubleValue();
            case STRING:
                return parseNumber((String) value);
            default:
                return asLong();
        }
    }

    private static double parseNumber(String text) {
        String trimmed = text.trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException notALong) {
            try {
                return Double.parseDouble(trimmed);
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
    }

    /** False unless this is true, a non-zero integer, or the string "true". */
    public boolean asBoolean() {
        return asBoolean(false);
    }

    /** A boolean as it is, an integer as non-zero, the strings "true" and "false"; else {@code otherwise}. */
    public boolean asBoolean(boolean otherwise) {
        switch (kind) {
            case BOOLEAN:
                return (Boolean) value;
            case NUMBER:
                if (value instanceof Double) {
                    return otherwise;
                }
                return value instanceof BigInteger ? ((BigInteger) value).signum() != 0 : ((Number) value).longValue() != 0;
            case STRING:
                String trimmed = ((String) value).trim();
                if (trimmed.equals("true")) {
                    return true;
                }
                return trimmed.equals("false") ? false : otherwise;
            default:
                return otherwise;
        }
    }

    /** How many elements or fields; 0 for anything else. */
    public int size() {
        switch (kind) {
            case ARRAY:
                return arrayElements().size();
            case OBJECT:
                return objectFields().size();
            default:
                return 0;
        }
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** An array's elements, an object's values; nothing for anything else. */
    @Override
    public Iterator<JsonTree> iterator() {
        switch (kind) {
            case ARRAY:
                return arrayElements().iterator();
            case OBJECT:
                return objectFields().values().iterator();
            default:
                return Collections.emptyIterator();
        }
    }

    /** An object's fields in their order; empty for anything else. */
    public Map<String, JsonTree> fields() {
        return kind == Kind.OBJECT ? objectFields() : Map.of();
    }

    /** The document as one line of JSON, byte for byte what databind writes for the same document. */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private void write(JsonGenerator generator) throws IOException {
        switch (kind) {
            case OBJECT:
                generator.writeStartObject();
                for (Map.Entry<String, JsonTree> field : objectFields().entrySet()) {
                    generator.writeFieldName(field.getKey());
                    field.getValue().write(generator);
                }
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonTree element : arrayElements()) {
                    element.write(generator);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString((String) value);
                break;
            case NUMBER:
                writeNumber(generator, (Number) value);
                break;
            case BOOLEAN:
                generator.writeBoolean((Boolean) value);
                break;
            case NULL:
                generator.writeNull();
                break;
            default:
                // a missing node: databind writes null for it too
                generator.writeNull();
                break;
        }
    }

    private static void writeNumber(JsonGenerator generator, Number number) throws IOException {
        if (number instanceof Integer) {
            generator.writeNumber(number.intValue());
        } else if (number instanceof Long) {
            generator.writeNumber(number.longValue());
        } else if (number instanceof BigInteger) {
            generator.writeNumber((BigInteger) number);
        } else {
            generator.writeNumber(number.doubleValue());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, JsonTree> objectFields() {
        return (Map<String, JsonTree>) value;
    }

    @SuppressWarnings("unchecked")
    private List<JsonTree> arrayElements() {
        return (List<JsonTree>) value;
    }

    @Override
    public String toString() {
        return toJson();
    }
}

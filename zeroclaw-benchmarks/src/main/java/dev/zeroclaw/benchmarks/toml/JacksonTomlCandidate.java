package dev.zeroclaw.benchmarks.toml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jackson-dataformat-toml: {@code TomlMapper.readTree(String)}.
 *
 * <p>{@link TomlReadFeature#PARSE_JAVA_TIME} is on: without it every date and time comes back as
 * a plain string, and the comparison would count that as a wrong type rather than as the library's
 * choice of representation.
 */
public final class JacksonTomlCandidate implements CandidateParser {

    private final TomlMapper mapper = TomlMapper.builder()
            .enable(TomlReadFeature.PARSE_JAVA_TIME)
            .build();

    @Override
    public String name() {
        return "jackson";
    }

    @Override
    public Object parse(String toml) throws ParseRejected {
        JsonNode tree;
        try {
            tree = mapper.readTree(toml);
        } catch (JacksonException e) {
            throw new ParseRejected(e.getOriginalMessage(), position(e.getLocation()));
        }
        return neutral(tree);
    }

    private static Optional<String> position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Optional.empty();
        }
        return Optional.of(location.getLineNr() + ":" + location.getColumnNr());
    }

    private static Object neutral(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> document = new LinkedHashMap<>();
            node.properties().forEach(field -> document.put(field.getKey(), neutral(field.getValue())));
            return document;
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.forEach(child -> elements.add(neutral(child)));
            return elements;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            // A value beyond 64 bits stays a BigInteger, for the comparison to report.
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        }
        if (node.isPojo()) {
            return ((POJONode) node).getPojo();
        }
        return node;
    }
}

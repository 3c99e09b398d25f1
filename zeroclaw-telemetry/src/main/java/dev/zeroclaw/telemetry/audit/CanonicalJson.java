package dev.zeroclaw.telemetry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * Arguments as the audit log writes them: their SHA-256 over a canonical text (object keys sorted at
 * every depth, so the same arguments in another key order hash the same), and, with
 * {@code log_arguments}, a copy with every server secret taken out.
 */
final class CanonicalJson {

    /** What a string that held a secret value becomes. */
    static final String REDACTED = "[redacted]";
    /** A shorter secret value is redacted only where it is a whole string: inside text it would hit common words. */
    static final int MIN_EMBEDDED_SECRET = 6;

    private CanonicalJson() {}

    static String sha256(JsonNode value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sorted(value).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code value} with object keys in order, at every depth. */
    static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            value.fields().forEachRemaining(field -> fields.put(field.getKey(), sorted(field.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return value;
    }

    /** A copy of {@code value} where each string (value or key) that holds one of {@code secrets} is {@link #REDACTED}. */
    static JsonNode redacted(JsonNode value, Set<String> secrets) {
        if (value.isTextual()) {
            return holdsSecret(value.asText(), secrets) ? TextNode.valueOf(REDACTED) : value;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(field -> out.set(holdsSecret(field.getKey(), secrets) ? REDACTED : field.getKey(),
                    redacted(field.getValue(), secrets)));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> out.add(redacted(element, secrets)));
            return out;
        }
        return value;
    }

    private static boolean holdsSecret(String text, Set<String> secrets) {
        for (String secret : secrets) {
            if (secret.isEmpty()) {
                continue;
            }
            if (text.equals(secret) || (secret.length() >= MIN_EMBEDDED_SECRET && text.contains(secret))) {
                return true;
            }
        }
        return false;
    }
}

package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's transport options, the {@code [mcp.servers.options]} table (or {@code options = {...}}):
 * settings only its transport understands, each with the place it was written.
 *
 * <p>Values are JDK types: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or an
 * immutable {@link List} of those. The typed getters return empty when the key is absent and throw
 * {@link IllegalArgumentException} when it holds another type; the exception's message is one line
 * for the user, naming the key and both types and never the value, e.g.
 * {@code 'options.connect_timeout_ms' must be an integer, not a string}. A provider's
 * {@code validate} reports it with {@code entry.errorAt("options." + key, e.getMessage())}.
 *
 * <p>Options are not secret: a report or {@code toString} may show them. Put a token in {@code env}
 * or {@code headers}, whose values are never shown.
 *
 * <p>Two option tables are equal when their values are: where they were written does not count, so
 * that two spellings of one entry are equal. Immutable.
 */
public final class TransportOptions {

    private static final TransportOptions EMPTY = new TransportOptions(new TreeMap<>(), new TreeMap<>());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h)");

    private final Map<String, Object> values;
    private final Map<String, ConfigPosition> positions;

    private TransportOptions(TreeMap<String, Object> values, TreeMap<String, ConfigPosition> positions) {
        this.values = Collections.unmodifiableMap(values);
        this.positions = Collections.unmodifiableMap(positions);
    }

    /** No options: what an entry without an {@code options} table has. */
    public static TransportOptions empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The option names, sorted. */
    public Set<String> keys() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Every option by name, sorted by name. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of {@code key} as parsed, of one of the types this class lists. */
    public Optional<Object> value(String key) {
        return Optional.ofNullable(values.get(requireNonNull(key, "key is null")));
    }

    /** Where the value of {@code key} starts in the file; empty for options not read from a file. */
    public Optional<ConfigPosition> position(String key) {
        return Optional.ofNullable(positions.get(requireNonNull(key, "key is null")));
    }

    /** @throws IllegalArgumentException when the option holds something else than a string */
    public Optional<String> string(String key) {
        return typed(key, String.class, "a string");
    }

    /** A TOML integer. @throws IllegalArgumentException when the option holds something else */
    public OptionalLong integer(String key) {
        Optional<Long> value = typed(key, Long.class, "an integer");
        return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
    }

    /** @throws IllegalArgumentException when the option holds something else than {@code true} or {@code false} */
    public Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class, "a boolean (true or false)");
    }

    /**
     * A string of digits and one unit: {@code ms}, {@code s}, {@code m} or {@code h}, e.g.
     * {@code "500ms"}, {@code "10s"}.
     *
     * @throws IllegalArgumentException when the option is not such a string
     */
    public Optional<Duration> duration(String key) {
        Optional<String> text = typed(key, String.class, "a duration such as \"10s\" or \"500ms\"");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = DURATION.matcher(text.get());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(label(key)
                    + " must be a duration: digits and a unit (ms, s, m, h), such as \"10s\" or \"500ms\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /** An array of strings, in order. @throws IllegalArgumentException when the option holds something else */
    public Optional<List<String>> strings(String key) {
        Optional<List<?>> list = typed(key, List.class, "an array of strings").map(l -> (List<?>) l);
        if (list.isPresent() && !list.get().stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(label(key) + " must be an array of strings");
        }
        return list.map(l -> l.stream().map(String.class::cast).toList());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransportOptions options && values.equals(options.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private <T> Optional<T> typed(String key, Class<T> type, String expected) {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(label(key) + " must be " + expected + ", not " + typeName(value));
        }
        return Optional.of(type.cast(value));
    }

    private static String label(String key) {
        return "'options." + key + "'";
    }

    /** How a message names the type of an option's value: "a string", "an integer". */
    public static String typeName(Object value) {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Long) {
            return "an integer";
        } else if (value instanceof Double) {
            return "a float";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof List) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean;
    }

    /** Builds {@link TransportOptions}; a later {@code put} of a key replaces the earlier one. */
    public static final class Builder {
        private final TreeMap<String, Object> values = new TreeMap<>();
        private final TreeMap<String, ConfigPosition> positions = new TreeMap<>();

        private Builder() {}

        /** An option without a place in a file (a test, a program). */
        public Builder put(String key, Object value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            Object copy = value instanceof List<?> list ? List.copyOf(list) : value;
            boolean supported = isScalar(copy) || (copy instanceof List<?> list && list.stream().allMatch(TransportOptions::isScalar));
            if (!supported) {
                throw new IllegalArgumentException("option '" + key + "' must be a string, an integer, a float,"
                        + " a boolean or an array of them, not " + typeName(value));
            }
            values.put(key, copy);
            positions.remove(key);
            return this;
        }

        /** An option whose value starts at {@code at} in the file. */
        public Builder put(String key, Object value, ConfigPosition at) {
            put(key, value);
            positions.put(key, requireNonNull(at, "at is null"));
            return this;
        }

        public TransportOptions build() {
            return values.isEmpty() ? EMPTY : new TransportOptions(new TreeMap<>(values), new TreeMap<>(positions));
        }
    }
}

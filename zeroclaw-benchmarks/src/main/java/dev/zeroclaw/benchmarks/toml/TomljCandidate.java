package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/** tomlj: {@code Toml.parse(String)} and {@code hasErrors()}; it never throws on bad input. */
public final class TomljCandidate implements CandidateParser {

    private final String name;
    private final Optional<TomlVersion> version;

    private TomljCandidate(String name, Optional<TomlVersion> version) {
        this.name = requireNonNull(name, "name is null");
        this.version = requireNonNull(version, "version is null");
    }

    /** {@code Toml.parse(String)} as it comes: tomlj's newest TOML version (1.1.0 in 2.2.0). */
    public static TomljCandidate asDocumented() {
        return new TomljCandidate("tomlj", Optional.empty());
    }

    /** {@code Toml.parse(String, TomlVersion.V1_0_0)}: the version the design asks for. */
    public static TomljCandidate toml10() {
        return new TomljCandidate("tomlj-v1.0", Optional.of(TomlVersion.V1_0_0));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object parse(String toml) throws ParseRejected {
        TomlParseResult result = version
                .map(v -> Toml.parse(toml, TomlParseOptions.defaults().withVersion(v)))
                .orElseGet(() -> Toml.parse(toml));
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            Optional<String> position = Optional.ofNullable(first.position())
                    .map(p -> p.line() + ":" + p.column());
            throw new ParseRejected(first.getMessage(), position);
        }
        return neutral(result);
    }

    private static Object neutral(Object value) {
        if (value instanceof TomlTable) {
            TomlTable table = (TomlTable) value;
            Map<String, Object> document = new LinkedHashMap<>();
            // The List form: a String key would be read as a dotted path.
            table.keySet().forEach(key -> document.put(key, neutral(table.get(List.of(key)))));
            return document;
        }
        if (value instanceof TomlArray) {
            TomlArray array = (TomlArray) value;
            List<Object> elements = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                elements.add(neutral(array.get(i)));
            }
            return elements;
        }
        return value;
    }
}

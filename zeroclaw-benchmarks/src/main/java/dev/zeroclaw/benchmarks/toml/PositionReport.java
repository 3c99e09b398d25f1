package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * Which libraries can say where something is, as {@code line:column} data a config loader can put
 * in its own message: for a syntax error, for a semantic error (a key set twice), and for a key
 * and a value of a document that parsed (needed for "unknown key 'comand'" at file:line:column).
 */
public final class PositionReport {

    private static final String UNTERMINATED = "[[mcp.servers]]\n"
            + "name = \"fs\"\n"
            + "command = \"npx\n";
    private static final String DUPLICATE = "[[mcp.servers]]\n"
            + "name = \"fs\"\n"
            + "name = \"again\"\n";
    private static final String VALID = "[mcp]\n"
            + "enabled = true\n"
            + "\n"
            + "[[mcp.servers]]\n"
            + "name = \"fs\"\n"
            + "command = \"npx\"\n"
            + "\n"
            + "[[mcp.servers]]\n"
            + "name = \"remote\"\n"
            + "comand = \"uvx\"\n";

    // How the config module would call tomlj: it never writes the file back, so keeps no source.
    private static final TomlParseOptions CONFIG_LOADER = TomlParseOptions.defaults()
            .withVersion(TomlVersion.V1_0_0)
            .withoutSource();

    private final GuardedParser guard;

    public PositionReport(GuardedParser guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    public String report(List<CandidateParser> parsers) {
        TextTable errors = new TextTable(List.of("library",
                "unterminated string, line 3 col 11", "key set twice, line 3 col 1"));
        List<String> messages = new ArrayList<>();
        for (CandidateParser parser : parsers) {
            ParseAttempt unterminated = guard.parse(parser, UNTERMINATED);
            ParseAttempt duplicate = guard.parse(parser, DUPLICATE);
            errors.add(List.of(parser.name(), errorCell(unterminated), errorCell(duplicate)));
            messages.add("  " + parser.name() + ": \"" + unterminated.detail() + "\" / \"" + duplicate.detail() + "\"");
        }
        TextTable keys = new TextTable(List.of("library", "key 'comand' of the 2nd server (10:1)", "its value (10:10)"));
        keys.add(List.of("toml4j", "no API (its Toml class has no position method)", "no API"));
        keys.add(List.of("tomlj", tomljKeyPosition(TomlParseOptions.defaults()),
                tomljValuePosition(TomlParseOptions.defaults())));
        keys.add(List.of("tomlj, V1_0_0 + withoutSource()", tomljKeyPosition(CONFIG_LOADER),
                tomljValuePosition(CONFIG_LOADER)));
        keys.add(List.of("jackson", jacksonTokenLocation(JsonToken.FIELD_NAME), jacksonTokenLocation(JsonToken.VALUE_STRING)));
        StringBuilder report = new StringBuilder("Error positions as data (line:column):\n")
                .append(errors.render());
        messages.forEach(line -> report.append(line).append('\n'));
        return report.append("\nPositions in a parsed document:\n")
                .append(keys.render())
                .toString();
    }

    private static String errorCell(ParseAttempt attempt) {
        if (attempt.outcome() != ParseAttempt.Outcome.REJECTED) {
            return attempt.outcome().name().toLowerCase(Locale.ROOT);
        }
        return attempt.position().orElse("none (text only)");
    }

    private static TomlTable tomljSecondServer(TomlParseOptions options) {
        TomlParseResult result = Toml.parse(VALID, options);
        return result.getArray(List.of("mcp", "servers")).getTable(1);
    }

    private static String tomljKeyPosition(TomlParseOptions options) {
        return show(tomljSecondServer(options).inputPositionOf(List.of("comand")));
    }

    private static String tomljValuePosition(TomlParseOptions options) {
        return show(tomljSecondServer(options).entry(List.of("comand")).value().position());
    }

    private static String show(TomlPosition position) {
        return position == null ? "none" : position.line() + ":" + position.column();
    }

    // TomlMapper's parser walks a tree built beforehand; this shows what location a token has.
    private static String jacksonTokenLocation(JsonToken wanted) {
        try (JsonParser parser = new TomlMapper().createParser(VALID)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == wanted && "comand".equals(parser.currentName())) {
                    JsonLocation location = parser.currentTokenLocation();
                    return location.getLineNr() < 1 ? "none (" + location + ")" : location.getLineNr() + ":" + location.getColumnNr();
                }
            }
            return "token not found";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

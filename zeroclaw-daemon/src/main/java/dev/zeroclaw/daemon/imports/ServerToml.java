package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.imports.ImportedServer.LeftOut;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes imported servers as {@code [[mcp.servers]]} entries: what the client said and nothing more
 * (every other key keeps its default), {@code env} and {@code headers} as sub-tables so that a key
 * left out can keep its place as a comment. ASCII only ({@link TomlText}).
 */
public final class ServerToml {

    /** The key of the servers array when the file has none yet; upstream also reads {@code mcpServers}. */
    public static final String SERVERS = "mcp.servers";

    private ServerToml() {}

    /**
     * The entries, each after a blank line, below one comment saying where they came from.
     *
     * @param arrayKey the servers array's dotted path: {@code mcp.servers}, or the spelling a file already
     *     uses ({@code mcp.mcpServers}, upstream's top-level {@code mcpServers.servers})
     */
    public static String render(ImportReport report, String arrayKey) {
        requireNonNull(report, "report is null");
        requireNonNull(arrayKey, "arrayKey is null");
        StringBuilder out = new StringBuilder();
        out.append("# Imported by 'zeroclaw import ").append(report.format().cliName()).append("' from ")
                .append(TomlText.escape(String.join(", ", report.sources().stream().map(Object::toString).toList())))
                .append('\n');
        for (ImportedServer server : report.servers()) {
            out.append('\n');
            entry(out, arrayKey, server);
        }
        return out.toString();
    }

    private static void entry(StringBuilder out, String table, ImportedServer server) {
        ServerSpec spec = server.spec();
        out.append("[[").append(table).append("]]\n");
        line(out, "name", TomlText.string(spec.name()));
        line(out, "transport", TomlText.string(spec.transport()));
        if (!spec.command().isEmpty()) {
            line(out, "command", TomlText.string(spec.command()));
        }
        if (!spec.args().isEmpty()) {
            line(out, "args", array(spec.args()));
        }
        spec.cwd().ifPresent(cwd -> line(out, "cwd", TomlText.string(cwd)));
        spec.url().ifPresent(url -> line(out, "url", TomlText.string(url)));
        secrets(out, table, "env", spec.env(), server.leftOut());
        secrets(out, table, "headers", spec.headers(), server.leftOut());
    }

    private static void secrets(StringBuilder out, String table, String name, Map<String, String> values, List<LeftOut> leftOut) {
        List<LeftOut> mine = leftOut.stream().filter(left -> left.table().equals(name)).toList();
        if (values.isEmpty() && mine.isEmpty()) {
            return;
        }
        out.append('\n').append('[').append(table).append('.').append(name).append("]\n");
        values.forEach((key, value) -> line(out, TomlText.key(key), TomlText.string(value)));
        for (LeftOut left : mine) {
            out.append("# ").append(TomlText.key(left.key())).append(" = ")
                    .append(TomlText.string("${env:" + variableFor(left.key()) + "}"))
                    .append("  # left out: ").append(TomlText.escape(left.reason())).append('\n');
        }
    }

    // A variable name to suggest for a key: the key itself when it is one (API_KEY), else its shout (X-Api-Key: X_API_KEY).
    private static String variableFor(String key) {
        String name = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    private static String array(List<String> values) {
        return "[" + String.join(", ", values.stream().map(TomlText::string).toList()) + "]";
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(value).append('\n');
    }
}

package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.imports.ImportedServer.LeftOut;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one client entry into a zeroclaw server, saying on the way what it carries over as a secret
 * and what it cannot carry over. An entry that cannot be run as written (no command, a type zeroclaw
 * does not know) is left out with a warning; the others are imported.
 */
final class ServerMapper {

    private static final Set<String> MAPPED = Set.of("type", "command", "args", "env", "cwd", "url", "headers");
    private static final Set<String> LOCAL_ONLY = Set.of("command", "args", "env", "cwd");
    private static final Set<String> REMOTE_ONLY = Set.of("url", "headers");

    private final ClientFormat format;
    private final Variables variables;
    private final Map<String, String> inputs;
    private final ImportWarnings warnings;

    /**
     * @param warnings where the warnings go, one line each ({@code server 'x': ...})
     */
    ServerMapper(ClientFormat format, Variables variables, Map<String, String> inputs, ImportWarnings warnings) {
        this.format = requireNonNull(format, "format is null");
        this.variables = requireNonNull(variables, "variables is null");
        this.inputs = Map.copyOf(inputs);
        this.warnings = requireNonNull(warnings, "warnings is null");
    }

    /** The entry as a zeroclaw server, or empty (with a warning saying why) when it cannot be one. */
    Optional<ImportedServer> map(String name, JsonNode entry) {
        Entry server = new Entry(name);
        try {
            return Optional.of(server.map(entry));
        } catch (LeftOutException e) {
            warnings.add(server.who + ": " + e.getMessage() + "; left out");
            return Optional.empty();
        }
    }

    /** How a server is named in messages: quoted, with anything unprintable escaped. */
    static String quoted(String name) {
        return "'" + TomlText.escape(name) + "'";
    }

    // The server cannot be imported; the message says why.
    private static final class LeftOutException extends Exception {

        private static final long serialVersionUID = 1L;

        LeftOutException(String message) {
            super(message, null, false, false);
        }
    }

    /** The mapping of one entry; {@link #who} prefixes its warnings. */
    private final class Entry {

        private final String name;
        private final String who;
        private final List<LeftOut> leftOut = new ArrayList<>();

        Entry(String name) {
            this.name = name;
            this.who = "server " + (TomlText.isWritable(name) ? quoted(name) : "with a name that is not valid Unicode");
        }

        ImportedServer map(JsonNode node) throws LeftOutException {
            if (name.isBlank()) {
                throw new LeftOutException("its name is " + (name.isEmpty() ? "empty" : "blank") + ", and zeroclaw needs one");
            }
            if (!TomlText.isWritable(name)) {
                throw new LeftOutException("its name holds a lone surrogate, which TOML cannot hold");
            }
            if (!(node instanceof ObjectNode entry)) {
                throw new LeftOutException("the entry is not an object");
            }
            String transport = transport(entry);
            ServerSpec.Builder spec = ServerSpec.builder(name).transport(transport);
            boolean local = transport.equals(ServerSpec.DEFAULT_TRANSPORT);
            if (local) {
                readLocal(entry, spec);
            } else {
                readRemote(entry, spec);
            }
            reportUnmapped(entry, local);
            return new ImportedServer(spec.build(), leftOut);
        }

        private String transport(ObjectNode entry) throws LeftOutException {
            JsonNode type = entry.get("type");
            if (type == null) {
                if (entry.has("command")) {
                    return "stdio";
                }
                if (entry.has("url")) {
                    // Without a type the clients try Streamable HTTP, then SSE; an /sse path says which.
                    return pathEndsInSse(entry.get("url").asText()) ? "sse" : "http";
                }
                throw new LeftOutException("it has neither 'command' nor 'url'");
            }
            if (!type.isTextual()) {
                throw new LeftOutException("'type' is not a string");
            }
            return switch (type.asText().toLowerCase(Locale.ROOT)) {
                case "stdio" -> "stdio";
                case "http", "streamable-http", "streamable_http", "streamablehttp" -> "http";
                case "sse" -> "sse";
                default -> throw new LeftOutException("type " + quoted(type.asText()) + " is none of stdio, http, sse");
            };
        }

        private void readLocal(ObjectNode entry, ServerSpec.Builder spec) throws LeftOutException {
            JsonNode command = entry.get("command");
            if (command == null || !command.isTextual() || command.asText().isBlank()) {
                throw new LeftOutException("a stdio server needs 'command', a non-empty string");
            }
            spec.command(text("command", command.asText()));
            JsonNode args = entry.get("args");
            if (args != null && !args.isNull()) {
                if (!(args instanceof ArrayNode array)) {
                    throw new LeftOutException("'args' is not an array");
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    if (!array.get(i).isValueNode() || array.get(i).isNull()) {
                        throw new LeftOutException("args[" + i + "] is not a string");
                    }
                    values.add(text("args[" + i + "]", array.get(i).asText()));
                }
                spec.args(values);
            }
            JsonNode cwd = entry.get("cwd");
            if (cwd != null && !cwd.isNull()) {
                if (!cwd.isTextual()) {
                    throw new LeftOutException("'cwd' is not a string");
                }
                String dir = text("cwd", cwd.asText());
                if (isAbsolute(dir)) {
                    spec.cwd(dir);
                    if (!Files.isDirectory(Path.of(dir))) {
                        warnings.add(who + ": cwd " + quoted(dir) + " is not a directory here; kept, but the server cannot"
                                + " start until it is");
                    }
                } else {
                    warnings.add(who + ": cwd " + quoted(dir) + " is not an absolute path, which zeroclaw needs; left out"
                            + " (the server starts in the daemon's working directory)");
                }
            }
            spec.env(secrets("env", entry.get("env")));
        }

        private void readRemote(ObjectNode entry, ServerSpec.Builder spec) throws LeftOutException {
            JsonNode url = entry.get("url");
            if (url == null || !url.isTextual() || url.asText().isBlank()) {
                throw new LeftOutException("a remote server needs 'url', a non-empty string");
            }
            spec.url(text("url", url.asText()));
            spec.headers(secrets("headers", entry.get("headers")));
        }

        // A value zeroclaw takes as written: the variables it cannot know are kept, and said.
        private String text(String field, String value) throws LeftOutException {
            Variables.Substitution substituted = variables.substitute(value);
            if (!TomlText.isWritable(substituted.text())) {
                throw new LeftOutException(field + " holds a lone surrogate, which TOML cannot hold");
            }
            for (String variable : substituted.unresolved()) {
                warnings.add(who + ": " + field + " holds " + TomlText.escape(variable) + ", which " + format.displayName()
                        + " fills in and zeroclaw does not; kept as written, replace it");
            }
            return substituted.text();
        }

        private Map<String, String> secrets(String table, JsonNode node) throws LeftOutException {
            Map<String, String> values = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return values;
            }
            if (!(node instanceof ObjectNode object)) {
                throw new LeftOutException("'" + table + "' is not an object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                secret(table, field.getKey(), field.getValue()).ifPresent(value -> values.put(field.getKey(), value));
            }
            return values;
        }

        // Never the value in a message: only the server, the table and the key.
        private Optional<String> secret(String table, String key, JsonNode node) {
            String what = table + "." + TomlText.escape(key);
            if (key.isEmpty() || !TomlText.isWritable(key) || (table.equals("env") && (key.contains("=") || key.contains("\0")))) {
                warnings.add(who + ": " + table + " has a key that cannot name " + (table.equals("env")
                        ? "an environment variable" : "a header") + " (" + quoted(key) + "); left out");
                return Optional.empty();
            }
            if (node.isNull()) {
                warnings.add(who + ": " + what + " is null (" + format.displayName() + " removes the variable);"
                        + " zeroclaw cannot remove one; left out");
                return Optional.empty();
            }
            if (!node.isValueNode()) {
                warnings.add(who + ": " + what + " is not a string; left out");
                return Optional.empty();
            }
            String value = node.asText();
            if (variables.isEnvReference(value)) {
                return Optional.of(value);
            }
            Variables.Substitution substituted = variables.substitute(value);
            if (!substituted.unresolved().isEmpty()) {
                String reason = leftOutReason(substituted.unresolved());
                leftOut.add(new LeftOut(table, key, reason));
                warnings.add(who + ": " + what + " left out: " + reason + "; write it as " + what + " = \"${env:NAME}\" or"
                        + " \"${file:PATH}\" (a commented line marks its place)");
                return Optional.empty();
            }
            if (!TomlText.isWritable(substituted.text())) {
                warnings.add(who + ": " + what + " holds a lone surrogate, which TOML cannot hold; left out");
                return Optional.empty();
            }
            warnings.literalSecret(who, what);
            return Optional.of(substituted.text());
        }

        private String leftOutReason(List<String> unresolved) {
            for (String variable : unresolved) {
                if (format == ClientFormat.VSCODE && variable.startsWith("${input:")) {
                    String id = variable.substring("${input:".length(), variable.length() - 1);
                    String description = inputs.getOrDefault(id, "");
                    return format.displayName() + " prompts for " + TomlText.escape(variable)
                            + (description.isEmpty() ? "" : " (" + TomlText.escape(description) + ")");
                }
            }
            return "it holds " + TomlText.escape(String.join(", ", unresolved)) + ", which zeroclaw does not expand inside a"
                    + " value (only a whole ${env:NAME})";
        }

        private void reportUnmapped(ObjectNode entry, boolean local) {
            Iterator<String> names = entry.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                String shown = quoted(field);
                if (local && REMOTE_ONLY.contains(field)) {
                    warnings.add(who + ": field " + shown + " not mapped: a stdio server has none");
                } else if (!local && LOCAL_ONLY.contains(field)) {
                    warnings.add(who + ": field " + shown + " not mapped: a remote server runs no command");
                } else if (!MAPPED.contains(field)) {
                    warnings.add(who + ": field " + shown + " not mapped: "
                            + format.unmappedFieldReason(field).orElse("zeroclaw has no such setting"));
                }
            }
        }

        private static boolean pathEndsInSse(String url) {
            return url.replaceAll("[?#].*", "").replaceAll("/+$", "").endsWith("/sse");
        }

        private static boolean isAbsolute(String dir) {
            try {
                return !dir.isEmpty() && Path.of(dir).isAbsolute();
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }
}

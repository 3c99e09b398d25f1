package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.config.ConfigFileReader;
import dev.zeroclaw.config.NotAConfigFileException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One client's configuration file, read: its servers object and what the entries' values may refer
 * to (VS Code's {@code inputs}, the workspace folder a {@code .vscode/} or {@code .cursor/} file
 * belongs to).
 *
 * @param file the file as the user named it (or its default location)
 * @param servers the object mapping server names to entries; empty when the file has none
 * @param inputs VS Code's input variables: id to description, for messages
 * @param workspaceFolder the folder {@code ${workspaceFolder}} means, when the file is a workspace's
 * @param notes what the user should know about the file as a whole (the key of another client, say)
 */
record ClientConfigFile(Path file, Optional<ObjectNode> servers, Map<String, String> inputs, Optional<Path> workspaceFolder,
        List<String> notes) {

    // VS Code's files are JSONC (comments, trailing commas); the others do not mind the leniency.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    // A quoted piece of the input in Jackson's message ("Unrecognized token 'ghp_abc'") may be a
    // secret typed without its quotes; one character (an unexpected '}') is kept.
    private static final Pattern QUOTED_INPUT = Pattern.compile("'[^']{2,}'");
    // Where an unclosed object or array began, in Jackson's words about its source.
    private static final Pattern START_MARKER = Pattern.compile("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]\\)");

    ClientConfigFile {
        requireNonNull(file, "file is null");
        requireNonNull(servers, "servers is null");
        inputs = Map.copyOf(inputs);
        requireNonNull(workspaceFolder, "workspaceFolder is null");
        notes = List.copyOf(notes);
    }

    /**
     * Reads and parses {@code file} as {@code format}'s configuration.
     *
     * @throws ImportException when it cannot be read, is not JSON, or its servers are not an object
     */
    static ClientConfigFile read(ClientFormat format, Path file) throws ImportException {
        requireNonNull(format, "format is null");
        JsonNode root = parse(file, readBytes(file));
        if (!(root instanceof ObjectNode object)) {
            throw new ImportException(file + ": not a " + format.displayName() + " configuration: the top level is "
                    + describe(root) + ", not an object");
        }
        ObjectNode holder = object;
        String path = format.serversKey();
        // VS Code's user settings.json keeps the servers (and inputs) under "mcp".
        if (format == ClientFormat.VSCODE && !object.has("servers") && object.get("mcp") instanceof ObjectNode mcp) {
            holder = mcp;
            path = "mcp.servers";
        }
        JsonNode servers = holder.get(format.serversKey());
        if (servers != null && !servers.isNull() && !(servers instanceof ObjectNode)) {
            throw new ImportException(file + ": '" + path + "' must be an object mapping server names to entries, not "
                    + describe(servers));
        }
        List<String> notes = servers == null ? otherClientKey(format, object) : List.of();
        return new ClientConfigFile(file, Optional.ofNullable(servers instanceof ObjectNode o ? o : null), inputs(holder),
                workspaceFolder(file), notes);
    }

    private static byte[] readBytes(Path file) throws ImportException {
        try {
            return ConfigFileReader.read(file);
        } catch (NotAConfigFileException e) {
            throw new ImportException(file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ImportException(file + ": permission denied");
        } catch (IOException e) {
            throw new ImportException(file + ": " + (Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read: "
                    + e.getMessage()));
        }
    }

    private static JsonNode parse(Path file, byte[] content) throws ImportException {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new ImportException(file + ": invalid JSON: the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String message = QUOTED_INPUT.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("(a token)");
            message = START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)");
            throw new ImportException(file + position + ": invalid JSON: " + message.lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ImportException(file + ": cannot be read: " + e.getMessage());
        }
    }

    // A file of the right client but written for another ("servers" where "mcpServers" is expected).
    private static List<String> otherClientKey(ClientFormat format, ObjectNode root) {
        if (format != ClientFormat.VSCODE && root.has("servers")) {
            return List.of("it has 'servers', the key of VS Code's mcp.json: is it 'zeroclaw import vscode'?");
        }
        if (format == ClientFormat.VSCODE && root.has("mcpServers")) {
            return List.of("it has 'mcpServers', the key of Claude Desktop's and Cursor's files: is it"
                    + " 'zeroclaw import claude-desktop' or 'zeroclaw import cursor'?");
        }
        return List.of();
    }

    private static Map<String, String> inputs(ObjectNode holder) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (holder.get("inputs") instanceof ArrayNode array) {
            for (JsonNode input : array) {
                if (input.path("id").isTextual()) {
                    inputs.put(input.get("id").asText(), input.path("description").asText(""));
                }
            }
        }
        return inputs;
    }

    // <folder>/.vscode/mcp.json and <folder>/.cursor/mcp.json belong to <folder>.
    private static Optional<Path> workspaceFolder(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || parent.getFileName() == null || parent.getParent() == null) {
            return Optional.empty();
        }
        String name = parent.getFileName().toString();
        return name.equals(".vscode") || name.equals(".cursor") ? Optional.of(parent.getParent()) : Optional.empty();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}

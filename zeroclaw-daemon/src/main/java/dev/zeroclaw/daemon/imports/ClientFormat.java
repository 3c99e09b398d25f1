package dev.zeroclaw.daemon.imports;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP clients whose configuration {@code zeroclaw import} reads, with where each keeps it on Linux
 * and what of an entry zeroclaw has no equivalent for. The formats, as their documentation describes
 * them, are cited in the test resources ({@code src/test/resources/imports/README.md}).
 */
public enum ClientFormat {

    /** {@code claude_desktop_config.json}: {@code mcpServers}, stdio entries; no variables. */
    CLAUDE_DESKTOP("claude-desktop", "Claude Desktop", false, Map.of()),

    /**
     * {@code .vscode/mcp.json} and the user profile's {@code mcp.json}: {@code servers} with a {@code type},
     * {@code inputs}; older user settings hold the same under {@code "mcp"}. Values may hold variables.
     */
    VSCODE("vscode", "VS Code", true, Map.of(
            "envFile", "zeroclaw reads no env file: put its variables in env, as ${env:NAME} or ${file:PATH} references",
            "dev", "VS Code's development mode (watch and debug)",
            "sandboxEnabled", "VS Code's sandbox; run the daemon under systemd's sandboxing instead",
            "sandbox", "VS Code's sandbox; run the daemon under systemd's sandboxing instead")),

    /** {@code ~/.cursor/mcp.json} and {@code .cursor/mcp.json}: {@code mcpServers}, remote entries by {@code url}. */
    CURSOR("cursor", "Cursor", true, Map.of(
            "envFile", "zeroclaw reads no env file: put its variables in env, as ${env:NAME} or ${file:PATH} references",
            "auth", "Cursor's OAuth client settings"));

    private final String cliName;
    private final String displayName;
    private final boolean expandsVariables;
    private final Map<String, String> unmappedFields;

    ClientFormat(String cliName, String displayName, boolean expandsVariables, Map<String, String> unmappedFields) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.expandsVariables = expandsVariables;
        this.unmappedFields = unmappedFields;
    }

    /** As the command line names it: {@code claude-desktop}, {@code vscode}, {@code cursor}. */
    public String cliName() {
        return cliName;
    }

    /** As its users know it, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The client with this command-line name. */
    public static Optional<ClientFormat> byCliName(String name) {
        return Arrays.stream(values()).filter(format -> format.cliName.equals(name)).findFirst();
    }

    /**
     * Where the client reads its servers on Linux, the least specific first: a later file's server
     * replaces an earlier one of the same name, as a workspace's replaces the user's in the clients.
     */
    public List<Path> defaultFiles(ImportEnvironment environment) {
        Path config = environment.configHome();
        return switch (this) {
            case CLAUDE_DESKTOP -> List.of(config.resolve("Claude/claude_desktop_config.json"));
            case VSCODE -> List.of(config.resolve("Code/User/settings.json"), config.resolve("Code/User/mcp.json"),
                    environment.workDir().resolve(".vscode/mcp.json"));
            case CURSOR -> List.of(environment.home().resolve(".cursor/mcp.json"), environment.workDir().resolve(".cursor/mcp.json"))
                    .stream().distinct().toList();
        };
    }

    /** The key of the object that maps server names to entries. */
    String serversKey() {
        return this == VSCODE ? "servers" : "mcpServers";
    }

    /** Whether the client replaces {@code ${userHome}}, {@code ${env:NAME}} and the like in an entry's values. */
    boolean expandsVariables() {
        return expandsVariables;
    }

    /** Why a field this client documents has no equivalent in zeroclaw, when it is one of those. */
    Optional<String> unmappedFieldReason(String field) {
        return Optional.ofNullable(unmappedFields.get(field));
    }
}

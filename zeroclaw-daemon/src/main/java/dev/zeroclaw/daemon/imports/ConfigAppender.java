package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.config.ParsedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.NewConfigFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.Toml;

/**
 * Adds imported servers to a config file: its text is kept byte for byte and the entries are
 * appended, after checks that leave the file untouched when one fails. The file must be valid as it
 * is, must not name any of the servers already (ignoring case, as the parser compares names), and
 * must be valid with them. A file that does not exist is created (0600, in a 0700 directory).
 */
public final class ConfigAppender {

    private static final String ALONE = "the imported TOML";

    private final ConfigParser parser;

    public ConfigAppender(ConfigParser parser) {
        this.parser = requireNonNull(parser, "parser is null");
    }

    /**
     * What was done.
     *
     * @param file the config file
     * @param created true when the file did not exist
     * @param appended the text added
     */
    public record Appended(Path file, boolean created, String appended) {

        public Appended {
            requireNonNull(file, "file is null");
            requireNonNull(appended, "appended is null");
        }
    }

    /**
     * Appends the servers of {@code report} to {@code config}.
     *
     * @throws ImportException when the file cannot be read or written, is invalid, already names one of
     *     the servers, or would be invalid with them; nothing is written then
     */
    public Appended append(Path config, ImportReport report) throws ImportException {
        requireNonNull(config, "config is null");
        requireNonNull(report, "report is null");
        if (Files.isSymbolicLink(config) && !Files.exists(config)) {
            throw new ImportException(config + " is a symbolic link to nothing; nothing written (create its target, or name"
                    + " another file with --config FILE)");
        }
        if (!Files.exists(config)) {
            String block = ServerToml.render(report, ServerToml.SERVERS);
            check(config, block.getBytes(StandardCharsets.UTF_8));
            try {
                NewConfigFile.create(config, block.getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                throw new ImportException(config + ": created by someone else while importing; nothing written, run it again");
            } catch (IOException e) {
                throw new ImportException(config + ": cannot be created: " + NewConfigFile.reason(e));
            }
            return new Appended(config, true, block);
        }
        byte[] existing = read(config);
        ParsedConfig parsed = parse(config.toString(), existing);
        if (!parsed.errors().isEmpty()) {
            throw new ImportException(config + " is invalid; nothing written. Fix it first ('zeroclaw config check'):\n"
                    + lines(parsed.errors()));
        }
        refuseNamesInUse(config, parsed.config().servers(), report);
        String text = new String(existing, StandardCharsets.UTF_8);
        String block = separator(text) + ServerToml.render(report, arrayKey(text));
        byte[] appended = block.getBytes(StandardCharsets.UTF_8);
        byte[] combined = new byte[existing.length + appended.length];
        System.arraycopy(existing, 0, combined, 0, existing.length);
        System.arraycopy(appended, 0, combined, existing.length, appended.length);
        check(config, combined);
        write(config, existing.length, appended);
        return new Appended(config, false, block);
    }

    /**
     * What the parser finds wrong with the servers' TOML on its own, positioned in it as
     * {@code the imported TOML:line:column}: nothing, unless a client's entry holds what zeroclaw refuses.
     */
    public List<ConfigError> problemsAlone(ImportReport report) throws ImportException {
        requireNonNull(report, "report is null");
        return parse(ALONE, ServerToml.render(report, ServerToml.SERVERS).getBytes(StandardCharsets.UTF_8)).errors();
    }

    private static byte[] read(Path config) throws ImportException {
        try {
            return ConfigLoader.read(config);
        } catch (ConfigException e) {
            throw new ImportException(lines(e.errors()).strip());
        }
    }

    private ParsedConfig parse(String label, byte[] content) throws ImportException {
        try {
            return parser.read(label, content);
        } catch (ConfigException e) {
            throw new ImportException(label + " is not TOML; nothing written:\n" + lines(e.errors()));
        }
    }

    private static String sameNameKey(String name) {
        return ServerPrefixes.asciiLowerCase(name.strip());
    }

    private static void refuseNamesInUse(Path config, List<ServerSpec> servers, ImportReport report) throws ImportException {
        // The config's own rule for telling names apart: trimmed, ignoring ASCII case.
        Set<String> inUse = servers.stream().map(server -> sameNameKey(server.name())).collect(Collectors.toSet());
        List<String> clashes = report.servers().stream().map(ImportedServer::name)
                .filter(name -> inUse.contains(sameNameKey(name))).map(ServerMapper::quoted).toList();
        if (!clashes.isEmpty()) {
            throw new ImportException(config + " already has " + (clashes.size() == 1 ? "a server named " : "servers named ")
                    + String.join(", ", clashes) + " (names are unique ignoring case); nothing written. Rename or remove"
                    + " them there, or run without --write and copy the entries you want");
        }
    }

    // The servers' TOML alone, or with the file, must read back without an error.
    private void check(Path config, byte[] content) throws ImportException {
        String label = config + " (with the imported servers)";
        List<ConfigError> errors = parse(label, content).errors();
        if (!errors.isEmpty()) {
            throw new ImportException("the imported servers would make " + config + " invalid; nothing written:\n" + lines(errors));
        }
    }

    // Upstream reads [[mcp.mcpServers]] and a top-level [mcpServers] table too, and a file may not use two spellings.
    private static String arrayKey(String text) {
        var toml = Toml.parse(text);
        String table = toml.get(List.of("mcpServers")) != null ? "mcpServers" : "mcp";
        return table + (toml.get(List.of(table, "mcpServers")) != null ? ".mcpServers" : ".servers");
    }

    private static String separator(String text) {
        if (text.isEmpty()) {
            return "";
        }
        return text.endsWith("\n") ? "\n" : "\n\n";
    }

    // In place, so the file keeps its inode, owner and mode (a watcher, a symlink, a 0600 file stay right).
    private static void write(Path config, long expectedSize, byte[] appended) throws ImportException {
        try (FileChannel channel = FileChannel.open(config, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            if (channel.size() != expectedSize) {
                throw new ImportException(config + " changed while importing; nothing written, run it again");
            }
            ByteBuffer buffer = ByteBuffer.wrap(appended);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new ImportException(config + ": cannot be written: " + NewConfigFile.reason(e));
        }
    }

    private static String lines(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n", "", "\n"));
    }
}

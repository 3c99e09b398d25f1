package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigFileReader;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.config.NotAConfigFileException;
import dev.zeroclaw.config.ParsedConfig;
import dev.zeroclaw.diff.FileHash;
import dev.zeroclaw.plugins.PluginLocation;
import dev.zeroclaw.plugins.TransportCatalog;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a config file's bytes once, hashes them and parses those same bytes. */
public final class ConfigLoader {

    private static final Comparator<ConfigError> FILE_ORDER =
            Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

    private final ConfigParser parser;
    private final TransportCatalog transports;
    private final SecretEnvironment secrets;

    /** Secret values resolved from this process's environment. */
    public ConfigLoader(ConfigParser parser, TransportCatalog transports) {
        this(parser, transports, SecretEnvironment.ofThisProcess());
    }

    @Inject
    public ConfigLoader(ConfigParser parser, TransportCatalog transports, SecretEnvironment secrets) {
        this.parser = requireNonNull(parser, "parser is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    /**
     * The file as the daemon reads it, its secrets resolved: a transport no provider is installed
     * for fails its server only.
     */
    public ConfigSnapshot load(Path file) throws ConfigException {
        requireNonNull(file, "file is null");
        byte[] content = read(file);
        return ConfigSnapshot.parse(parser, secrets.resolverFor(file), file, content, FileHash.sha256Hex(content));
    }

    /**
     * As {@link #load}, and every server's transport must be installed (built in, or a plugin of the
     * folder the file names) and accept the entry ({@code TransportProvider.validate}). What
     * {@code config check} and {@code diff} ask of a file: a mistyped transport is an error at its
     * position, with the closest installed name; a provider's own rule (a {@code cwd} that does not
     * exist, a plugin's option) is an error at its position too; so is a secret value that cannot
     * be resolved (the key beside the file, {@code op}, a variable, a file, a credential).
     */
    public ConfigSnapshot loadChecked(Path file) throws ConfigException {
        return loadChecked(file, Optional.empty());
    }

    /**
     * As {@link #loadChecked(Path)}, with the plugins of {@code pluginDir} when given
     * ({@code --plugin-dir}).
     *
     * @throws ConfigException with every problem of the file, generic and the providers', in file order
     */
    public ConfigSnapshot loadChecked(Path file, Optional<Path> pluginDir) throws ConfigException {
        requireNonNull(file, "file is null");
        requireNonNull(pluginDir, "pluginDir is null");
        byte[] content = read(file);
        ParsedConfig parsed = parser.read(file.toString(), content);
        transports.refresh(PluginLocation.resolve(pluginDir, parsed.config().settings()));
        // The secrets too, as the daemon would resolve them: a missing key or op is found before a reload.
        ParsedConfig resolved = parsed;
        List<ConfigError> problems = new ArrayList<>();
        if (parsed.errors().isEmpty()) {
            try {
                resolved = parsed.resolveSecrets(secrets.resolverFor(file));
            } catch (ConfigException e) {
                problems.addAll(e.errors());
            }
        }
        problems.addAll(resolved.check(installed(transports)));
        if (!problems.isEmpty()) {
            problems.sort(FILE_ORDER);
            throw new ConfigException(problems);
        }
        return ConfigSnapshot.of(file, FileHash.sha256Hex(content), resolved);
    }

    /**
     * What {@code snapshot}'s file holds that is ignored, in file order: the generic rules' warnings
     * (an unknown key, a setting of another transport) and the installed providers'
     * ({@code TransportProvider.warnings}). Never refuses anything.
     */
    public static List<ConfigError> warnings(TransportCatalog transports, ConfigSnapshot snapshot) {
        return snapshot.parsed().warnings(installed(transports));
    }

    /** {@link #warnings(TransportCatalog, ConfigSnapshot)} with this loader's providers, as {@link #loadChecked} left them. */
    public List<ConfigError> warnings(ConfigSnapshot snapshot) {
        return warnings(transports, snapshot);
    }

    private static Map<String, TransportProvider> installed(TransportCatalog transports) {
        Map<String, TransportProvider> installed = new HashMap<>();
        transports.installed().forEach(provider -> installed.put(provider.name(), provider.provider()));
        return installed;
    }

    /**
     * What the installed providers find wrong with {@code servers}, servers of {@code snapshot}
     * ({@code TransportProvider.validate}), each at its place in the file: a {@code cwd} that does
     * not exist, a plugin's option. A server whose transport is not installed is not checked here.
     */
    public static List<ConfigError> providerProblems(TransportCatalog transports, ConfigSnapshot snapshot,
            Collection<ServerSpec> servers) {
        List<ConfigError> problems = new ArrayList<>();
        for (ServerSpec server : servers) {
            transports.find(server.transport())
                    .ifPresent(provider -> problems.addAll(provider.validate(snapshot.parsed().entry(server))));
        }
        problems.sort(FILE_ORDER);
        return problems;
    }

    /**
     * The file's bytes, or a config error saying in one sentence why they cannot be had: a FIFO or a
     * file over {@link ConfigFileReader#MAX_SIZE} is refused before it is read.
     */
    public static byte[] read(Path file) throws ConfigException {
        try {
            return ConfigFileReader.read(file);
        } catch (NotAConfigFileException e) {
            throw unreadable(file, e.getMessage());
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file; create it or name another with --config FILE");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied; the daemon's user must be able to read it");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read: " + e.getMessage();
            throw unreadable(file, reason);
        }
    }

    private static ConfigException unreadable(Path file, String reason) {
        return new ConfigException(List.of(ConfigError.ofFile(file.toString(), reason)));
    }
}

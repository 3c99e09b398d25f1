package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads ZeroClaw's {@code config.toml} (TOML 1.0) into a validated {@link McpConfig}.
 *
 * <p>Only the {@code [mcp]} table is read; the sections of ZeroClaw's other subsystems are ignored.
 * Every problem of a file is reported at once, each with its {@code file:line:column}, and no
 * message ever holds an {@code env} or {@code headers} value.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ConfigParser {

    /** The built-in transports: {@code stdio}, {@code http}, {@code sse}; their rules are their providers'. */
    public static final Set<String> BUILT_IN_TRANSPORTS =
            Set.of(ServerEntryReader.STDIO, ServerEntryReader.HTTP, ServerEntryReader.SSE);

    private final TransportNames transports;
    private final ParseDeadline deadline;

    /** A parser that knows the built-in transports: {@code stdio}, {@code http} and {@code sse}. */
    public ConfigParser() {
        this(BUILT_IN_TRANSPORTS);
    }

    /**
     * A parser that knows these transports and refuses any other. Every entry gets the generic
     * checks only; what a transport asks of an entry is its provider's to check
     * ({@link ParsedConfig#check}).
     */
    public ConfigParser(Set<String> transports) {
        this(new TransportNames(requireNonNull(transports, "transports is null"), false),
                ParseDeadline.of(ParseDeadline.DEFAULT_LIMIT));
    }

    ConfigParser(TransportNames transports, ParseDeadline deadline) {
        this.transports = requireNonNull(transports, "transports is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
    }

    /**
     * The daemon's parser: the built-in transports, and any other well-formed transport name (lower-case letters, digits and {@code -}) is accepted whether a provider of that
     * name is installed or not. Which plugins are installed is known only once the plugins folder the
     * file names has been read, and a server whose transport is missing must not keep the others
     * from running: it fails when it starts, with a message that says so.
     */
    public static ConfigParser acceptingAnyTransport() {
        return new ConfigParser(new TransportNames(BUILT_IN_TRANSPORTS, true), ParseDeadline.of(ParseDeadline.DEFAULT_LIMIT));
    }

    /**
     * This parser with another bound on the TOML parse of one file (30 s unless set): a file whose
     * parse takes longer is refused with an error saying so, rather than waited on.
     */
    public ConfigParser withParseTimeout(Duration limit) {
        return new ConfigParser(transports, ParseDeadline.of(limit));
    }

    /** How long the TOML parse of one file may take before the file is refused. */
    public Duration parseTimeout() {
        return deadline.limit();
    }

    /**
     * Parses and validates a configuration by the generic rules.
     *
     * @param file the file as the user named it, used in error positions
     * @param content the file's bytes, UTF-8
     * @throws ConfigException with every problem found
     */
    public McpConfig parse(String file, byte[] content) throws ConfigException {
        ParsedConfig parsed = read(file, content);
        if (!parsed.errors().isEmpty()) {
            throw new ConfigException(parsed.errors());
        }
        return parsed.config();
    }

    /**
     * Parses a configuration, keeping what the generic rules find wrong and where every server
     * entry and its keys were written, so that providers can check the entries later.
     *
     * @param file the file as the user named it, used in error positions
     * @param content the file's bytes, UTF-8
     * @throws ConfigException when the file is not TOML (nothing more can be checked then), or when
     *     parsing it takes longer than {@link #parseTimeout()}
     */
    public ParsedConfig read(String file, byte[] content) throws ConfigException {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        TomlDocument document = deadline.parse(file, content);
        ErrorCollector errors = new ErrorCollector(file, document.lines());
        McpSectionReader.Section section = new McpSectionReader(transports, errors).read(document.table());
        Set<String> serverNames = section.entries().stream().map(entry -> entry.spec().name()).collect(Collectors.toSet());
        BundleReader.Bundles bundles = new BundleReader(errors).read(document.table(), serverNames);
        List<ServerSpec> clean = section.entries().stream().filter(ParsedEntry::clean).map(ParsedEntry::spec).toList();
        return new ParsedConfig(file, new McpConfig(section.settings(), clean, bundles.bundles()), section.entries(),
                errors.inFileOrder(), errors.warningsInFileOrder(), bundles.tokenEnvAt());
    }

    /**
     * Reads and parses a configuration file.
     *
     * @throws ConfigException when the file cannot be read, or with every problem found in it
     */
    public McpConfig load(Path file) throws ConfigException {
        requireNonNull(file, "file is null");
        String label = file.toString();
        return parse(label, read(file, label));
    }

    private static byte[] read(Path file, String label) throws ConfigException {
        try {
            return ConfigFileReader.read(file);
        } catch (NotAConfigFileException e) {
            throw unreadable(label, "the configuration file " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw unreadable(label, "the configuration file does not exist");
        } catch (AccessDeniedException e) {
            throw unreadable(label, "the configuration file cannot be read: permission denied");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw unreadable(label, "the configuration file cannot be read: " + reason);
        }
    }

    private static ConfigException unreadable(String label, String message) {
        return new ConfigException(List.of(ConfigError.ofFile(label, message)));
    }
}

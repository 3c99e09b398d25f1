package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.diff.ConfigFingerprint;
import dev.zeroclaw.diff.FileHash;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a config file's bytes once, hashes them and parses those same bytes. */
public final class ConfigLoader {

    private final ConfigParser parser;

    @Inject
    public ConfigLoader(ConfigParser parser) {
        this.parser = requireNonNull(parser, "parser is null");
    }

    public ConfigSnapshot load(Path file) throws ConfigException {
        requireNonNull(file, "file is null");
        byte[] content = read(file);
        McpConfig config = parser.parse(file.toString(), content);
        return new ConfigSnapshot(file, FileHash.sha256Hex(content), config, ConfigFingerprint.of(config));
    }

    /** The file's bytes, or a config error saying in one sentence why they cannot be had. */
    public static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
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

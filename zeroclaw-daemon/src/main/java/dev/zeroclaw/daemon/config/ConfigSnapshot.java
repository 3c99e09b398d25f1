package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.config.ParsedConfig;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.diff.ConfigFingerprint;
import java.nio.file.Path;

/**
 * A configuration as read from one file at one moment: the bytes' hash and what they mean.
 *
 * @param file the file it was read from
 * @param sha256 SHA-256 of the file's bytes, the no-op test of a reload
 * @param parsed the validated content, its runnable servers' secrets resolved, with the position of
 *     every server entry's keys (a provider's problem found later points at its place)
 * @param fingerprint the runnable servers with their launch hashes
 */
public record ConfigSnapshot(Path file, String sha256, ParsedConfig parsed, ConfigFingerprint fingerprint) {

    public ConfigSnapshot {
        requireNonNull(file, "file is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(parsed, "parsed is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (!parsed.errors().isEmpty()) {
            throw new IllegalArgumentException("a snapshot holds a valid configuration only");
        }
    }

    /**
     * {@code content}, the bytes of {@code file}, parsed once by the generic rules, with the secret
     * values of its runnable servers resolved by {@code secrets}: the launch hashes cover what the
     * servers get, so a secret encrypted again restarts nothing and a changed one restarts its server.
     *
     * @throws ConfigException with every problem the generic rules find, else every secret value
     *     that cannot be resolved
     */
    public static ConfigSnapshot parse(ConfigParser parser, SecretResolver secrets, Path file, byte[] content,
            String sha256) throws ConfigException {
        ParsedConfig parsed = parser.read(file.toString(), content);
        if (!parsed.errors().isEmpty()) {
            throw new ConfigException(parsed.errors());
        }
        return of(file, sha256, parsed.resolveSecrets(secrets));
    }

    /** A snapshot of {@code parsed}, a file without problems whose secrets are resolved. */
    public static ConfigSnapshot of(Path file, String sha256, ParsedConfig parsed) {
        return new ConfigSnapshot(file, sha256, parsed, ConfigFingerprint.of(parsed.config()));
    }

    /**
     * True when a secret value of the file is a reference: the same bytes may then stand for other
     * secrets (a rotated key, a new {@code op} value), so a reload resolves them again.
     */
    public boolean holdsSecretReferences() {
        return parsed.holdsSecretReferences();
    }

    /** The validated content. */
    public McpConfig config() {
        return parsed.config();
    }
}

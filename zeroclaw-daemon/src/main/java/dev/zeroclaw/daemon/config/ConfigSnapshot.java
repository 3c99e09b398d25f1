package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.diff.ConfigFingerprint;
import java.nio.file.Path;

/**
 * A configuration as read from one file at one moment: the bytes' hash and what they mean.
 *
 * @param file the file it was read from
 * @param sha256 SHA-256 of the file's bytes, the no-op test of a reload
 * @param config the validated content
 * @param fingerprint the runnable servers with their launch hashes
 */
public record ConfigSnapshot(Path file, String sha256, McpConfig config, ConfigFingerprint fingerprint) {

    public ConfigSnapshot {
        requireNonNull(file, "file is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(config, "config is null");
        requireNonNull(fingerprint, "fingerprint is null");
    }
}

package dev.zeroclaw.config.secret;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything of the outside world a secret value may be resolved from, handed in rather than
 * looked up, so that a test builds its own with {@code new}.
 *
 * @param environment the variables {@code ${env:NAME}} reads; also {@code PATH}, where {@code op}
 *     is looked up and which {@code op} runs with, and {@code CREDENTIALS_DIRECTORY}
 * @param configDir the directory of the config file: {@code .secret_key} is read from there
 * @param opTimeout how long one {@code op read} may take before it is killed and the value fails
 */
public record SecretSources(Map<String, String> environment, Path configDir, Duration opTimeout) {

    /** Upstream's key file, beside {@code config.toml}. */
    public static final String KEY_FILE_NAME = ".secret_key";
    /** Upstream's bound on one {@code op read}. */
    public static final Duration DEFAULT_OP_TIMEOUT = Duration.ofSeconds(10);
    /** Where systemd puts the files of {@code LoadCredential=}. */
    public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

    public SecretSources {
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(configDir, "configDir is null");
        requireNonNull(opTimeout, "opTimeout is null");
        if (opTimeout.isNegative() || opTimeout.isZero()) {
            throw new IllegalArgumentException("opTimeout must be positive, got " + opTimeout);
        }
    }

    /** The sources of {@code configFile}'s values: its own directory's key, {@code op} bounded by upstream's 10 s. */
    public static SecretSources forConfigFile(Path configFile, Map<String, String> environment) {
        requireNonNull(configFile, "configFile is null");
        return new SecretSources(environment, configFile.toAbsolutePath().getParent(), DEFAULT_OP_TIMEOUT);
    }

    /** {@code <config dir>/.secret_key}. */
    public Path keyFile() {
        return configDir.resolve(KEY_FILE_NAME);
    }

    /** A variable of {@link #environment()}, if set. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(requireNonNull(name, "name is null")));
    }
}

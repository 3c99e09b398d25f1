package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the daemon resolves a config file's secret values from: its own environment (variables,
 * {@code PATH} for {@code op}, {@code CREDENTIALS_DIRECTORY}) and the key beside each file.
 */
public final class SecretEnvironment {

    private final Map<String, String> variables;
    private final Duration opTimeout;

    public SecretEnvironment(Map<String, String> variables, Duration opTimeout) {
        this.variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        this.opTimeout = requireNonNull(opTimeout, "opTimeout is null");
    }

    /** This process's environment, {@code op} bounded by upstream's 10 s. */
    public static SecretEnvironment ofThisProcess() {
        return new SecretEnvironment(System.getenv(), SecretSources.DEFAULT_OP_TIMEOUT);
    }

    /**
     * A resolver for one pass over {@code configFile}: its key is {@code .secret_key} in the file's
     * own directory ({@code ZEROCLAW_CONFIG_DIR} or {@code ~/.zeroclaw} for the default file).
     */
    public SecretResolver resolverFor(Path configFile) {
        requireNonNull(configFile, "configFile is null");
        return SecretResolver.of(new SecretSources(variables, configFile.toAbsolutePath().getParent(), opTimeout));
    }
}

package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.config.secret.SecretResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file as {@link ConfigParser#read} found it: the configuration, the problems the generic rules
 * found, and where each server entry and its keys were written. The positions are recorded once,
 * here, and serve every later check: a provider's {@code validate} at {@code config check}, or at
 * a reload for the servers it would start.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ParsedConfig {

    private final String file;
    private final McpConfig config;
    private final List<ParsedEntry> entries;
    private final List<ConfigError> errors;
    private final List<ConfigError> warnings;
    private final boolean holdsSecretReferences;
    // Bundle alias -> where its auth_token_env value was written, for an error when the variable is unset.
    private final Map<String, ConfigPosition> bundleTokenEnvAt;

    ParsedConfig(String file, McpConfig config, List<ParsedEntry> entries, List<ConfigError> errors,
            List<ConfigError> warnings) {
        this(file, config, entries, errors, warnings, Map.of());
    }

    ParsedConfig(String file, McpConfig config, List<ParsedEntry> entries, List<ConfigError> errors,
            List<ConfigError> warnings, Map<String, ConfigPosition> bundleTokenEnvAt) {
        // A bundle's token is read from the environment, which may change while the file does not.
        this(file, config, entries, errors, warnings,
                SecretResolution.holdsReferences(entries) || !bundleTokenEnvAt.isEmpty(), bundleTokenEnvAt);
    }

    ParsedConfig(String file, McpConfig config, List<ParsedEntry> entries, List<ConfigError> errors,
            List<ConfigError> warnings, boolean holdsSecretReferences, Map<String, ConfigPosition> bundleTokenEnvAt) {
        this.bundleTokenEnvAt = Map.copyOf(bundleTokenEnvAt);
        this.file = requireNonNull(file, "file is null");
        this.config = requireNonNull(config, "config is null");
        this.entries = List.copyOf(entries);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.holdsSecretReferences = holdsSecretReferences;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /**
     * The configuration: the settings and the servers the generic rules found nothing wrong with.
     * The whole file only when {@link #errors()} is empty.
     */
    public McpConfig config() {
        return config;
    }

    /** What the generic rules (names, types, timeouts, unknown keys) found, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }

    /**
     * What the generic rules found and ignored, in file order: an unknown key that is no typo of a
     * known one, a setting of another transport left in an entry, any problem of a server entry
     * while {@code [mcp] enabled = false}. A file with warnings only is valid.
     */
    public List<ConfigError> warnings() {
        return warnings;
    }

    /**
     * {@link #warnings()} and what each installed provider warns of its entries
     * ({@code TransportProvider.warnings}), in file order; with {@code [mcp] enabled = false} also
     * the providers' problems ({@link #check} reports none then).
     */
    public List<ConfigError> warnings(Map<String, ? extends TransportProvider> installed) {
        requireNonNull(installed, "installed is null");
        List<ConfigError> all = new ArrayList<>(warnings);
        for (ParsedEntry entry : entries) {
            TransportProvider provider = entry.transportAccepted() ? installed.get(entry.spec().transport()) : null;
            if (provider == null) {
                continue;
            }
            all.addAll(provider.warnings(entry.asServerEntry()));
            if (!config.settings().enabled()) {
                provider.validate(entry.asServerEntry()).forEach(problem -> all.add(new ConfigError(problem.file(),
                        problem.line(), problem.column(), problem.message() + " (" + McpSectionReader.DISABLED_NOTE + ")")));
            }
        }
        all.sort(ErrorCollector.FILE_ORDER);
        return List.copyOf(all);
    }

    /**
     * True when a server's {@code env} or {@code headers} value, as written in the file, is a
     * reference ({@code enc2:}, {@code enc:}, {@code op://}, {@code ${env:…}}, {@code ${file:…}},
     * {@code ${credential:…}}): what it resolves to can change while the file's bytes do not.
     */
    public boolean holdsSecretReferences() {
        return holdsSecretReferences;
    }

    /**
     * This file with the secret values of its runnable servers resolved by {@code resolver}: the
     * specs of {@link #config()} and of {@link #entry} carry what the values stand for. A file
     * without references is returned as it is. Servers that do not run keep their values as written.
     *
     * @throws ConfigException with every value that cannot be resolved, each at its
     *     {@code file:line:column}, naming the server and the key, never the value
     * @throws IllegalStateException when the file has errors: only a valid file is resolved
     */
    public ParsedConfig resolveSecrets(SecretResolver resolver) throws ConfigException {
        requireNonNull(resolver, "resolver is null");
        if (!errors.isEmpty()) {
            throw new IllegalStateException("only a file without errors is resolved");
        }
        if (!holdsSecretReferences) {
            return this;
        }
        return SecretResolution.resolve(this, entries, resolver);
    }

    /** Where each bundle's {@code auth_token_env} value was written, by alias. */
    Map<String, ConfigPosition> bundleTokenEnvAt() {
        return bundleTokenEnvAt;
    }

    /**
     * {@code spec}, a server of {@link #config()}, as its provider validates it:
     * {@link ServerEntry#errorAt} points where the key was written.
     *
     * @throws IllegalArgumentException when this file holds no valid server of that name
     */
    public ServerEntry entry(ServerSpec spec) {
        requireNonNull(spec, "spec is null");
        for (ParsedEntry entry : entries) {
            if (entry.clean() && entry.spec().name().equals(spec.name())) {
                return new PositionedServerEntry(spec, entry.positions());
            }
        }
        throw new IllegalArgumentException("server '" + spec.name() + "' is not a valid entry of " + file);
    }

    /**
     * Every problem of the file, in file order: the generic ones, a {@code transport} none of
     * {@code installed} provides (with the closest installed name), and what each server's provider
     * finds wrong ({@code validate}). Every entry whose transport is installed is validated, also
     * one the generic rules found a problem in (its wrong values read as their defaults); a
     * provider's problem at the very place of a generic one is the same problem told twice and is
     * left out.
     *
     * @param installed the installed providers by name
     */
    public List<ConfigError> check(Map<String, ? extends TransportProvider> installed) {
        requireNonNull(installed, "installed is null");
        if (!config.settings().enabled()) {
            return errors;
        }
        Set<String> places = new HashSet<>();
        errors.forEach(error -> places.add(error.line() + ":" + error.column()));
        List<ConfigError> all = new ArrayList<>(errors);
        for (ParsedEntry entry : entries) {
            if (!entry.transportAccepted()) {
                continue;
            }
            String transport = entry.spec().transport();
            TransportProvider provider = installed.get(transport);
            if (provider == null) {
                all.add(entry.positions().errorAt("transport",
                        KeySuggester.unknown("transport", transport, new TreeSet<>(installed.keySet()), "installed transports")));
                continue;
            }
            for (ConfigError problem : provider.validate(entry.asServerEntry())) {
                if (!places.contains(problem.line() + ":" + problem.column())) {
                    all.add(problem);
                }
            }
        }
        all.sort(ErrorCollector.FILE_ORDER);
        return List.copyOf(all);
    }
}

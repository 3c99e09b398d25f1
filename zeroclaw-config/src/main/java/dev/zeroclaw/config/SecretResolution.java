package dev.zeroclaw.config;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.secret.SecretException;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Resolves the secret values of a parsed file's runnable servers: every {@code env} and
 * {@code headers} value goes through one {@link SecretResolver}, and what fails is an error at the
 * value's {@code file:line:column} naming the server and the key, never the value. A server that
 * does not run (disabled, or {@code mcp.enabled = false}) keeps its values as written: nothing
 * launches it, so nothing needs its secrets.
 */
final class SecretResolution {

    /** A table of secret values of a server: how to read it and how to put the resolved one back. */
    private record SecretTable(String key, Function<ServerSpec, Map<String, String>> values,
            BiFunction<ServerSpec.Builder, Map<String, String>, ServerSpec.Builder> replace) {}

    // Secret values are these tables' values, and oauth_client_secret (resolveOAuthSecret).
    private static final List<SecretTable> TABLES = List.of(
            new SecretTable("env", ServerSpec::env, ServerSpec.Builder::env),
            new SecretTable("headers", ServerSpec::headers, ServerSpec.Builder::headers));

    private SecretResolution() {}

    /** True when any server's secret value, runnable or not, reads something outside the file. */
    static boolean holdsReferences(List<ParsedEntry> entries) {
        for (ParsedEntry entry : entries) {
            for (SecretTable table : TABLES) {
                if (table.values().apply(entry.spec()).values().stream().anyMatch(SecretValue::isReference)) {
                    return true;
                }
            }
            if (entry.spec().oauth().clientSecret().filter(SecretValue::isReference).isPresent()
                    || entry.spec().oauth().clientKey().filter(SecretValue::isReference).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code parsed} with its runnable servers' secrets resolved.
     *
     * @throws ConfigException with every value that cannot be resolved, in file order
     */
    static ParsedConfig resolve(ParsedConfig parsed, List<ParsedEntry> entries, SecretResolver resolver)
            throws ConfigException {
        McpConfig config = parsed.config();
        // By identity: the config's servers are the very specs of the clean entries.
        Set<ServerSpec> runnable = Collections.newSetFromMap(new IdentityHashMap<>());
        runnable.addAll(config.runnableServers());
        List<ConfigError> errors = new ArrayList<>();
        Map<ServerSpec, ServerSpec> resolved = new IdentityHashMap<>();
        List<ParsedEntry> resolvedEntries = new ArrayList<>();
        for (ParsedEntry entry : entries) {
            ParsedEntry next = entry;
            if (entry.clean() && runnable.contains(entry.spec())) {
                ServerSpec spec = resolveEntry(entry, resolver, errors);
                resolved.put(entry.spec(), spec);
                next = new ParsedEntry(spec, entry.positions(), entry.clean(), entry.transportAccepted());
            }
            resolvedEntries.add(next);
        }
        List<McpBundle> bundles = BundleTokens.resolve(parsed.file(), config.bundles(), parsed.bundleTokenEnvAt(),
                config.settings().gatewayAuthTokenEnv(), resolver, errors);
        if (!errors.isEmpty()) {
            errors.sort(ErrorCollector.FILE_ORDER);
            throw new ConfigException(errors);
        }
        List<ServerSpec> servers = config.servers().stream().map(spec -> resolved.getOrDefault(spec, spec)).toList();
        return new ParsedConfig(parsed.file(), new McpConfig(config.settings(), servers, bundles), resolvedEntries,
                parsed.errors(), parsed.warnings(), parsed.holdsSecretReferences(), parsed.bundleTokenEnvAt());
    }

    private static ServerSpec resolveEntry(ParsedEntry entry, SecretResolver resolver, List<ConfigError> errors) {
        ServerSpec.Builder builder = entry.spec().toBuilder();
        for (SecretTable table : TABLES) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> value : table.values().apply(entry.spec()).entrySet()) {
                String key = table.key() + "." + value.getKey();
                try {
                    values.put(value.getKey(), resolver.resolve(value.getValue()));
                } catch (SecretException e) {
                    errors.add(entry.positions().errorAt(key,
                            key + " of server '" + entry.spec().name() + "': " + e.getMessage()));
                }
            }
            table.replace().apply(builder, values);
        }
        OAuthSettings oauth = entry.spec().oauth();
        if (oauth.clientSecret().isPresent()) {
            try {
                builder.oauth(oauth.withClientSecret(Optional.of(resolver.resolve(oauth.clientSecret().get()))));
            } catch (SecretException e) {
                errors.add(entry.positions().errorAt(OAuthReader.CLIENT_SECRET,
                        OAuthReader.CLIENT_SECRET + " of server '" + entry.spec().name() + "': " + e.getMessage()));
            }
        }
        if (oauth.clientKey().filter(SecretValue::isReference).isPresent()) {
            String at = OAuthReader.CLIENT_KEY + " of server '" + entry.spec().name() + "': ";
            try {
                String key = resolver.resolve(oauth.clientKey().get());
                OAuthReader.clientKeyProblem(key).ifPresentOrElse(
                        problem -> errors.add(entry.positions().errorAt(OAuthReader.CLIENT_KEY, at + "the resolved value " + problem)),
                        () -> builder.oauth(builder.build().oauth().withClientKey(Optional.of(key))));
            } catch (SecretException e) {
                errors.add(entry.positions().errorAt(OAuthReader.CLIENT_KEY, at + e.getMessage()));
            }
        }
        return builder.build();
    }
}

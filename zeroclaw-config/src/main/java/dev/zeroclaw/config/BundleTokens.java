package dev.zeroclaw.config;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.config.secret.SecretException;
import dev.zeroclaw.config.secret.SecretResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each bundle's bearer token from the variable its {@code auth_token_env} names, at load and
 * at every reload. An unset or empty variable is an error at the key; so is a token another bundle
 * has too (a request carrying it could not tell which bundle it opens). No message holds a token.
 */
final class BundleTokens {

    // Not an alias (the grammar has no brackets): marks the gateway's token among the bundles'.
    private static final String GATEWAY = "[mcp.gateway]";

    private BundleTokens() {}

    /** {@code bundles} with their tokens; what fails is added to {@code errors}. */
    static List<McpBundle> resolve(String file, List<McpBundle> bundles, Map<String, ConfigPosition> tokenEnvAt,
            Optional<String> gatewayTokenEnv, SecretResolver resolver, List<ConfigError> errors) {
        List<McpBundle> resolved = new ArrayList<>();
        Map<String, String> aliasByToken = new HashMap<>();
        if (bundles.stream().anyMatch(bundle -> bundle.authTokenEnv().isPresent()) && gatewayTokenEnv.isPresent()) {
            // The gateway's token opens every view: a bundle with the same one would open more than itself.
            try {
                String gateway = resolver.resolve("${env:" + gatewayTokenEnv.get() + "}").strip();
                if (!gateway.isEmpty()) {
                    aliasByToken.put(gateway, GATEWAY);
                }
            } catch (SecretException e) {
                // The daemon refuses to start the gateway without it, saying so.
            }
        }
        for (McpBundle bundle : bundles) {
            if (bundle.authTokenEnv().isEmpty()) {
                resolved.add(bundle);
                continue;
            }
            String variable = bundle.authTokenEnv().get();
            ConfigPosition at = tokenEnvAt.getOrDefault(bundle.alias(), new ConfigPosition(1, 1));
            String token;
            try {
                token = resolver.resolve("${env:" + variable + "}").strip();
            } catch (SecretException e) {
                token = "";
            }
            if (token.isEmpty()) {
                errors.add(at.error(file, "auth_token_env of bundle '" + bundle.alias() + "' names " + variable
                        + ", which is not set (or empty) in the daemon's environment; set it to the bearer token the"
                        + " bundle's clients send"));
                resolved.add(bundle);
                continue;
            }
            String other = aliasByToken.putIfAbsent(token, bundle.alias());
            if (GATEWAY.equals(other)) {
                errors.add(at.error(file, "bundle '" + bundle.alias() + "' has the gateway's token (" + variable + " holds what"
                        + " [mcp.gateway] auth_token_env does): it would open every view; give the bundle its own token"));
            } else if (other != null) {
                errors.add(at.error(file, "bundle '" + bundle.alias() + "' has the same token as bundle '" + other
                        + "' (" + variable + "): a request carrying it could not tell which bundle it opens; give each"
                        + " bundle its own token"));
            }
            resolved.add(bundle.withAuthToken(token));
        }
        return resolved;
    }
}

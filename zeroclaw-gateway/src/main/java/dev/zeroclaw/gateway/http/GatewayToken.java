package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bearer token every gateway request must carry: the value of the variable
 * {@code mcp.gateway.auth_token_env} names, or, without one, a token the daemon generates at
 * start (and writes into its runtime directory for local clients).
 *
 * @param value the token; never printed ({@link #toString()} hides it)
 * @param generated whether the daemon generated it (and must publish it) rather than read it
 */
public record GatewayToken(String value, boolean generated) {

    /** 32 random bytes: 256 bits, far beyond guessing. */
    static final int GENERATED_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public GatewayToken {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a gateway token must not be blank");
        }
    }

    /**
     * The token {@code settings} ask for: none for {@code auth = "none"}, the variable's value with
     * {@code auth_token_env}, else a new random one.
     *
     * @param environment the daemon's environment, where {@code auth_token_env} is looked up
     * @throws GatewayRefusedException when {@code auth_token_env} names a variable that is unset or empty
     */
    public static Optional<GatewayToken> forSettings(DaemonSettings settings, Function<String, String> environment)
            throws GatewayRefusedException {
        requireNonNull(settings, "settings is null");
        requireNonNull(environment, "environment is null");
        if (settings.gatewayAuth() == GatewayAuth.NONE) {
            return Optional.empty();
        }
        Optional<String> variable = settings.gatewayAuthTokenEnv();
        if (variable.isEmpty()) {
            return Optional.of(generate());
        }
        String value = environment.apply(variable.get());
        if (value == null || value.isBlank()) {
            throw new GatewayRefusedException("mcp.gateway.auth_token_env names " + variable.get()
                    + ", which is not set (or empty) in the daemon's environment; set it to the bearer token clients send");
        }
        return Optional.of(new GatewayToken(value.strip(), false));
    }

    /** A new token: {@value #GENERATED_BYTES} bytes of {@link SecureRandom}, base64url without padding. */
    public static GatewayToken generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new GatewayToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    @Override
    public String toString() {
        return "GatewayToken[" + (generated ? "generated" : "from auth_token_env") + "]";
    }
}

package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device authorization grant (RFC 8628), for a person who approves on another device: ask the
 * {@code device_authorization_endpoint} for a user code, then poll the token endpoint at the interval it names
 * until the person approved, refused, or the code expired.
 */
public final class DeviceFlow {

    /** RFC 8628 section 3.5: {@code slow_down} adds five seconds to the interval, for this and every later poll. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** RFC 8628 section 3.2: the interval when the server names none. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** Waits between two polls; a test passes one that only records the wait. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TokenEndpoint tokens;
    private final Clock clock;
    private final Pause pause;

    public DeviceFlow(Clock clock, Pause pause) {
        this.clock = requireNonNull(clock, "clock is null");
        this.pause = requireNonNull(pause, "pause is null");
        this.tokens = new TokenEndpoint(clock);
    }

    /** Asks for a user code; refused with a clear message when the server offers no device authorization. */
    public DeviceAuthorization start(AuthorizationTarget target, ClientIdentity client) throws OAuthException {
        URI endpoint = endpoint(target);
        Scope scope = target.scope().map(Scope::parse).orElse(null);
        DeviceAuthorizationRequest request = client.authentication(target)
                .map(auth -> new DeviceAuthorizationRequest(endpoint, auth, scope, Map.<String, List<String>>of()))
                .orElseGet(() -> new DeviceAuthorizationRequest(endpoint, new ClientID(client.clientId()), scope));
        DeviceAuthorizationResponse response;
        try {
            response = DeviceAuthorizationResponse.parse(Endpoints.send(request.toHTTPRequest(), "device authorization endpoint"));
        } catch (ParseException e) {
            throw new OAuthException("device authorization endpoint " + endpoint + " answered something unreadable: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OAuthException("device authorization at " + endpoint + " was refused: "
                    + ClientRegistration.describe(error.getCode(), error.getDescription(), error.getHTTPStatusCode()), error.getCode(), null);
        }
        DeviceAuthorizationSuccessResponse success = response.toSuccessResponse();
        Duration interval = success.getInterval() > 0 ? Duration.ofSeconds(success.getInterval()) : DEFAULT_INTERVAL;
        return new DeviceAuthorization(success.getVerificationURI(), Optional.ofNullable(success.getVerificationURIComplete()),
                success.getUserCode().getValue(), success.getDeviceCode().getValue(), interval,
                clock.instant().plusSeconds(success.getLifetime()), target, client);
    }

    /** The server's {@code device_authorization_endpoint}; refused with a clear message when it offers none. */
    static URI endpoint(AuthorizationTarget target) throws OAuthException {
        URI endpoint = target.metadata().getDeviceAuthorizationEndpointURI();
        if (endpoint == null) {
            throw new OAuthException("authorization server " + target.issuer() + " offers no device authorization"
                    + " (no device_authorization_endpoint in its metadata); log in without --device");
        }
        return Endpoints.requireSecure(endpoint, "device authorization endpoint");
    }

    /**
     * Polls until the person approved (the tokens), or refused ({@code access_denied}), or the code expired
     * ({@code expired_token}, or its lifetime passed): both an {@link OAuthException} that says so.
     */
    public TokenSet poll(DeviceAuthorization authorization) throws OAuthException, InterruptedException {
        Duration interval = authorization.interval();
        while (true) {
            if (!clock.instant().isBefore(authorization.expiresAt())) {
                throw expired(authorization);
            }
            pause.sleep(interval);
            try {
                return tokens.device(authorization.target(), authorization.client(), authorization.deviceCode());
            } catch (OAuthException e) {
                String code = e.errorCode().orElse("");
                switch (code) {
                    case "authorization_pending" -> { }
                    case "slow_down" -> interval = interval.plus(SLOW_DOWN_STEP);
                    case "expired_token" -> throw expired(authorization);
                    case "access_denied" -> throw new OAuthException("the login was refused at " + authorization.target().issuer()
                            + " (access_denied); run the login again to retry", code, null);
                    default -> throw e;
                }
            }
        }
    }

    private static OAuthException expired(DeviceAuthorization authorization) {
        return new OAuthException("the user code " + authorization.userCode() + " expired before it was approved;"
                + " run the login again for a new one", "expired_token", null);
    }
}

package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A device authorization in progress (RFC 8628): what the person is shown (the verification URI, the user code)
 * and what zeroclaw polls with (the device code, a secret: never in {@link #toString()}).
 *
 * @param interval how long to wait between polls; a {@code slow_down} answer makes it longer
 */
public record DeviceAuthorization(URI verificationUri, Optional<URI> verificationUriComplete, String userCode,
        String deviceCode, Duration interval, Instant expiresAt, AuthorizationTarget target, ClientIdentity client) {

    public DeviceAuthorization {
        requireNonNull(verificationUri, "verificationUri is null");
        requireNonNull(verificationUriComplete, "verificationUriComplete is null");
        requireNonNull(userCode, "userCode is null");
        requireNonNull(deviceCode, "deviceCode is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(target, "target is null");
        requireNonNull(client, "client is null");
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[issuer=" + target.issuer() + ", verificationUri=" + verificationUri + ", userCode="
                + userCode + ", expiresAt=" + expiresAt + ", client=" + client + "]";
    }
}

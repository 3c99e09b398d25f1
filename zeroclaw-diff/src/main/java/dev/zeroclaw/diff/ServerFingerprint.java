package dev.zeroclaw.diff;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;

/**
 * A server entry with its launch hash computed once, so that diffing two large configurations
 * compares strings instead of hashing every entry again.
 *
 * @param spec the entry
 * @param launchSha256 {@link LaunchHash#of(ServerSpec)} of the entry
 */
public record ServerFingerprint(ServerSpec spec, String launchSha256) {

    public ServerFingerprint {
        requireNonNull(spec, "spec is null");
        requireNonNull(launchSha256, "launchSha256 is null");
    }

    public static ServerFingerprint of(ServerSpec spec) {
        return new ServerFingerprint(spec, LaunchHash.of(spec));
    }

    public String name() {
        return spec.name();
    }
}

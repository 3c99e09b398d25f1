package dev.zeroclaw.diff;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.PinMode;
import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A server entry with its launch hash computed once, so that diffing two large configurations
 * compares a few words per server instead of hashing every entry again.
 *
 * <p>The hash and the live settings are held inline, in this object: a diff of 10,000 unchanged
 * servers then reads one small object per server and side, rather than chasing the entry's
 * strings and lists through memory.
 */
public final class ServerFingerprint {

    private final ServerSpec spec;
    private final long hash0;
    private final long hash1;
    private final long hash2;
    private final long hash3;
    private final int toolTimeoutSecs;
    private final int startupTimeoutSecs;
    private final int stopTimeoutSecs;
    private final RestartPolicy restart;
    private final RestartStrategy restartStrategy;
    private final List<String> pinnedResources;
    private final ToolFilter toolFilter;
    private final int maxResultBytes;
    private final PinMode pinTools;
    private final Optional<String> toolPrefix;

    private ServerFingerprint(ServerSpec spec, byte[] launchDigest) {
        this.spec = requireNonNull(spec, "spec is null");
        ByteBuffer words = ByteBuffer.wrap(launchDigest);
        this.hash0 = words.getLong();
        this.hash1 = words.getLong();
        this.hash2 = words.getLong();
        this.hash3 = words.getLong();
        this.toolTimeoutSecs = spec.toolTimeoutSecs();
        this.startupTimeoutSecs = spec.startupTimeoutSecs();
        this.stopTimeoutSecs = spec.stopTimeoutSecs();
        this.restart = spec.restart();
        this.restartStrategy = spec.restartStrategy();
        this.pinnedResources = spec.pinnedResources();
        this.toolFilter = spec.toolFilter();
        this.maxResultBytes = spec.maxResultBytes();
        this.pinTools = spec.pinTools();
        this.toolPrefix = spec.toolPrefix();
    }

    public static ServerFingerprint of(ServerSpec spec) {
        return new ServerFingerprint(spec, LaunchHash.digest(spec));
    }

    public ServerSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** {@link LaunchHash#of(ServerSpec)} of the entry. */
    public String launchSha256() {
        ByteBuffer words = ByteBuffer.allocate(32).putLong(hash0).putLong(hash1).putLong(hash2).putLong(hash3);
        return HexFormat.of().formatHex(words.array());
    }

    /** Launched or reached the same way: no restart needed. */
    public boolean sameLaunch(ServerFingerprint other) {
        return hash0 == other.hash0 && hash1 == other.hash1 && hash2 == other.hash2 && hash3 == other.hash3;
    }

    /** The settings applied live are equal too. */
    public boolean sameLive(ServerFingerprint other) {
        return toolTimeoutSecs == other.toolTimeoutSecs
                && startupTimeoutSecs == other.startupTimeoutSecs
                && stopTimeoutSecs == other.stopTimeoutSecs
                && restart == other.restart
                && restartStrategy == other.restartStrategy
                && pinnedResources.equals(other.pinnedResources)
                && toolFilter.equals(other.toolFilter)
                && maxResultBytes == other.maxResultBytes
                && pinTools == other.pinTools
                && toolPrefix.equals(other.toolPrefix);
    }

    @Override
    public String toString() {
        return "ServerFingerprint[name=" + name() + ", launchSha256=" + launchSha256() + "]";
    }
}

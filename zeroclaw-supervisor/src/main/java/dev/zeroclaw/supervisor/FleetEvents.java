package dev.zeroclaw.supervisor;

/**
 * What the parts above the supervisor (the gateway's metrics) hear of reloads, without knowing
 * the reload coordinator that applies them. Server state changes go to {@link SupervisorContext.StateListener}.
 */
public interface FleetEvents {

    /** How a reload ended. */
    enum ReloadResult {
        /** Every planned action succeeded, or there was nothing to do. */
        APPLIED,
        /** Applied, but some servers did not reach their planned state. */
        PARTIAL,
        /** The file was invalid; nothing was touched. */
        INVALID
    }

    /** One reload ended after {@code durationMs}; called on the reload thread, so it must not block. */
    void reloaded(ReloadResult result, double durationMs);
}

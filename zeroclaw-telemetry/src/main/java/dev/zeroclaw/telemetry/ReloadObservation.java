package dev.zeroclaw.telemetry;

/** One reload, from its decision to its report. */
public interface ReloadObservation {

    ReloadObservation NONE = new ReloadObservation() {
        @Override
        public void applying() {
            // Nothing observed.
        }

        @Override
        public void end(ReloadOutcome outcome) {
            // Nothing observed.
        }
    };

    /** The plan is decided and its server actions begin (not called when there is nothing to apply). */
    void applying();

    /** The reload has its report. */
    void end(ReloadOutcome outcome);
}

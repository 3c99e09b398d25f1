package dev.zeroclaw.telemetry.audit;

/** Where the audit log counts its lines (the gateway's {@code /metrics}). Called from any thread; must not block. */
public interface AuditCounters {

    AuditCounters NONE = new AuditCounters() {
        @Override
        public void written() {
            // Not counted.
        }

        @Override
        public void dropped() {
            // Not counted.
        }
    };

    /** A line reached the file. */
    void written();

    /** A line was lost: the queue was full, or the file could not be written. */
    void dropped();
}

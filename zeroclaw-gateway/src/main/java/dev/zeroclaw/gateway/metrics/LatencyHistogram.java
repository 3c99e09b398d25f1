package dev.zeroclaw.gateway.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram of durations in seconds, with fixed buckets; lock-free. */
final class LatencyHistogram {

    /** From a fast local call (1 ms) to the largest tool_timeout_secs (600 s). */
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    long count() {
        return count.sum();
    }

    /**
     * The {@code q} quantile in seconds, estimated as Prometheus' {@code histogram_quantile} does:
     * linearly within the bucket that holds it; the largest bound when it is past them; NaN before
     * the first sample.
     */
    double quantile(double q) {
        long total = count.sum();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            long inBucket = buckets[i].sum();
            if (cumulative + inBucket >= rank && inBucket > 0) {
                double lower = i == 0 ? 0 : BOUNDS[i - 1];
                return lower + (BOUNDS[i] - lower) * (rank - cumulative) / inBucket;
            }
            cumulative += inBucket;
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    /** Writes {@code name_bucket}, {@code name_sum} and {@code name_count} lines with {@code labels}. */
    void write(PrometheusText out, String name, String labels) {
        long cumulative = 0;
        String prefix = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += buckets[i].sum();
            out.sample(name + "_bucket", prefix + "le=\"" + BOUNDS[i] + "\"", cumulative);
        }
        out.sample(name + "_bucket", prefix + "le=\"+Inf\"", count.sum());
        out.sample(name + "_sum", labels, sum.sum());
        out.sample(name + "_count", labels, count.sum());
    }
}

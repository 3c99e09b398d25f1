package dev.zeroclaw.gateway.metrics;

import static java.util.Objects.requireNonNull;

/**
 * One tool's figures at the gateway, for {@code zeroclaw status <server>}.
 *
 * @param tool the tool's own name (cut to {@link GatewayMetrics#MAX_TOOL_LABEL} characters), or
 *     {@link GatewayMetrics#OTHER_TOOL} for the calls folded past the bound on series
 * @param errors calls answered with an MCP error or with a result flagged {@code isError}
 * @param p50Seconds the median latency estimated from the histogram's buckets (as Prometheus'
 *     {@code histogram_quantile} does); NaN before the first call
 * @param p99Seconds the 99th percentile, likewise
 */
public record ToolFigures(String tool, long calls, long errors, double p50Seconds, double p99Seconds) {

    public ToolFigures {
        requireNonNull(tool, "tool is null");
    }
}

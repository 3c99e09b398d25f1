package dev.zeroclaw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.mcp.McpError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-30T23:00:00Z");
    private static final long MS = 1_000_000;

    private final GatewayMetrics metrics = new GatewayMetrics(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aToolCallCountsForItsServerAndItsToolWithAHistogram() {
        metrics.called("fs", "tools/call", call("read"), 3 * MS, ok(), null);
        metrics.called("fs", "tools/call", call("read"), 3 * MS, null, new McpError(McpError.INTERNAL_ERROR, "server 'fs': boom"));
        metrics.called("fs", "resources/read", JSON.createObjectNode().put("uri", "file:///x"), MS, ok(), null);

        String text = metrics.render(List.of(), 0);
        assertThat(text)
                .contains("zeroclaw_gateway_calls_total{server=\"fs\"} 3")
                .contains("zeroclaw_gateway_call_errors_total{server=\"fs\"} 1")
                .contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"read\"} 2")
                .contains("zeroclaw_gateway_tool_call_errors_total{server=\"fs\",tool=\"read\"} 1")
                .contains("zeroclaw_gateway_tool_call_duration_seconds_bucket{server=\"fs\",tool=\"read\",le=\"0.005\"} 2")
                .contains("zeroclaw_gateway_tool_call_duration_seconds_count{server=\"fs\",tool=\"read\"} 2")
                .contains("# TYPE zeroclaw_gateway_tool_call_duration_seconds histogram")
                .contains("or with a result flagged isError");
        assertThat(text).doesNotContain("tool=\"file:///x\"");
    }

    @Test
    void aResultFlaggedIsErrorIsAToolErrorButNotAServerError() {
        ObjectNode failed = ok();
        failed.put("isError", true);
        failed.withArray("content").removeAll().addObject().put("type", "text").put("text", "no such file");
        metrics.called("fs", "tools/call", call("read"), MS, failed, null);

        assertThat(metrics.render(List.of(), 0))
                .contains("zeroclaw_gateway_call_errors_total{server=\"fs\"} 0")
                .contains("zeroclaw_gateway_tool_call_errors_total{server=\"fs\",tool=\"read\"} 1");
        assertThat(metrics.lastErrors("fs")).containsExactly(new CallError(NOW, "tools/call", "read", null, "no such file"));
    }

    @Test
    void the33rdToolOfAServerIsFoldedIntoOther() {
        for (int i = 0; i < GatewayMetrics.MAX_TOOLS_PER_SERVER; i++) {
            metrics.called("fs", "tools/call", call("tool_" + i), MS, ok(), null);
        }
        metrics.called("fs", "tools/call", call("tool_32"), MS, ok(), null);
        metrics.called("fs", "tools/call", call("tool_33"), MS, ok(), null);
        metrics.called("fs", "tools/call", call("tool_0"), MS, ok(), null);

        String text = metrics.render(List.of(), 0);
        assertThat(text).contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"other\"} 2")
                .contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"tool_31\"} 1")
                .contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"tool_0\"} 2")
                .doesNotContain("tool=\"tool_32\"").doesNotContain("tool=\"tool_33\"");
        assertThat(metrics.toolFigures("fs")).hasSize(GatewayMetrics.MAX_TOOLS_PER_SERVER + 1);
        // Another server has places of its own.
        metrics.called("git", "tools/call", call("tool_32"), MS, ok(), null);
        assertThat(metrics.render(List.of(), 0)).contains("zeroclaw_gateway_tool_calls_total{server=\"git\",tool=\"tool_32\"} 1");
    }

    @Test
    void the513thToolSeriesIsFoldedIntoItsServersOther() {
        int servers = GatewayMetrics.MAX_TOOL_SERIES / GatewayMetrics.MAX_TOOLS_PER_SERVER;
        for (int s = 0; s < servers; s++) {
            for (int i = 0; i < GatewayMetrics.MAX_TOOLS_PER_SERVER; i++) {
                metrics.called("s" + s, "tools/call", call("tool_" + i), MS, ok(), null);
            }
        }
        metrics.called("last", "tools/call", call("tool_0"), MS, ok(), null);

        String text = metrics.render(List.of(), 0);
        assertThat(text).contains("zeroclaw_gateway_tool_calls_total{server=\"last\",tool=\"other\"} 1")
                .doesNotContain("server=\"last\",tool=\"tool_0\"")
                .contains("zeroclaw_gateway_tool_calls_total{server=\"s15\",tool=\"tool_31\"} 1")
                .doesNotContain("zeroclaw_gateway_tool_calls_total{server=\"s0\",tool=\"other\"}");
        assertThat(text.lines().filter(line -> line.startsWith("zeroclaw_gateway_tool_calls_total{"))).hasSize(
                GatewayMetrics.MAX_TOOL_SERIES + 1);
    }

    @Test
    void aToolsLabelIsItsNameCutTo64CharactersAndEscaped() {
        String name = "q\"uote\\d\n" + "x".repeat(100);
        metrics.called("fs", "tools/call", call(name), MS, ok(), null);

        String label = name.substring(0, GatewayMetrics.MAX_TOOL_LABEL).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        assertThat(metrics.render(List.of(), 0)).contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"" + label + "\"} 1");
        assertThat(metrics.toolFigures("fs")).extracting(ToolFigures::tool).containsExactly(name.substring(0, 64));
    }

    @Test
    void theErrorRingKeepsEachServersLast10FailedCallsOldestFirst() {
        for (int i = 0; i < 15; i++) {
            metrics.called("fs", "tools/call", call("t" + i), MS, null, new McpError(McpError.REQUEST_TIMEOUT, "timeout " + i));
        }
        metrics.called("fs", "tools/call", call("fine"), MS, ok(), null);
        metrics.called("fs", "prompts/get", JSON.createObjectNode().put("name", "p"), MS, null,
                new McpError(McpError.INVALID_PARAMS, "x".repeat(600)));

        List<CallError> errors = metrics.lastErrors("fs");
        assertThat(errors).hasSize(GatewayMetrics.LAST_ERRORS);
        assertThat(errors.subList(0, 9)).extracting(CallError::message)
                .containsExactly("timeout 6", "timeout 7", "timeout 8", "timeout 9", "timeout 10", "timeout 11", "timeout 12",
                        "timeout 13", "timeout 14");
        assertThat(errors.get(0)).isEqualTo(new CallError(NOW, "tools/call", "t6", McpError.REQUEST_TIMEOUT, "timeout 6"));
        CallError last = errors.get(9);
        assertThat(last.method()).isEqualTo("prompts/get");
        assertThat(last.tool()).isNull();
        assertThat(last.message()).hasSize(GatewayMetrics.MAX_ERROR_MESSAGE);
        assertThat(metrics.lastErrors("git")).isEmpty();
    }

    @Test
    void toolFiguresGiveCallsErrorsAndPercentilesFromTheBuckets() {
        for (int i = 0; i < 99; i++) {
            metrics.called("fs", "tools/call", call("read"), 20 * MS, ok(), null);
        }
        metrics.called("fs", "tools/call", call("read"), 2_000 * MS, null, new McpError(McpError.INTERNAL_ERROR, "slow"));

        ToolFigures read = metrics.toolFigures("fs").get(0);
        assertThat(read.calls()).isEqualTo(100);
        assertThat(read.errors()).isEqualTo(1);
        // 99 calls in the bucket (0.01, 0.025]: the median lies halfway in it, the 99th at its top.
        assertThat(read.p50Seconds()).isBetween(0.01, 0.025);
        assertThat(read.p99Seconds()).isEqualTo(0.025);
        assertThat(metrics.toolFigures("git")).isEmpty();
    }

    private static ObjectNode call(String tool) {
        return JSON.createObjectNode().put("name", tool);
    }

    private static ObjectNode ok() {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", "done");
        return result;
    }

}

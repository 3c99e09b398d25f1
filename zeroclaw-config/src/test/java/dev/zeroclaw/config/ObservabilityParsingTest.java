package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.AuditSettings;
import dev.zeroclaw.api.McpConfig;
import org.junit.jupiter.api.Test;

class ObservabilityParsingTest {

    @Test
    void telemetryIsOffAndThereIsNoAuditLogByDefault() {
        McpConfig config = ConfigFixture.parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(config.settings().telemetryEnabled()).isFalse();
        assertThat(config.settings().audit()).isEmpty();
    }

    @Test
    void theTablesAreReadWithTheirDefaults() {
        McpConfig config = ConfigFixture.parse("""
                [mcp.telemetry]
                enabled = true
                [mcp.audit]
                path = "/var/log/zeroclaw/audit.jsonl"
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(config.settings().telemetryEnabled()).isTrue();
        assertThat(config.settings().audit()).contains(new AuditSettings("/var/log/zeroclaw/audit.jsonl",
                false, AuditSettings.DEFAULT_MAX_FILE_BYTES, AuditSettings.DEFAULT_MAX_FILES));
    }

    @Test
    void everyAuditKeyIsRead() {
        McpConfig config = ConfigFixture.parse("""
                [mcp.audit]
                path = "/tmp/audit.jsonl"
                log_arguments = true
                max_file_bytes = 65536
                max_files = 3
                """);

        assertThat(config.settings().audit()).contains(new AuditSettings("/tmp/audit.jsonl", true, 65536, 3));
    }

    @Test
    void aMissingOrRelativePathAndBadBoundsAreErrorsAtTheirPlace() {
        assertThat(errors("""
                [mcp.audit]
                log_arguments = true
                """)).containsExactly("config.toml:1:1: [mcp.audit] needs 'path', the audit log's file (an absolute path)");
        assertThat(errors("""
                [mcp.audit]
                path = "audit.jsonl"
                max_files = 0
                max_file_bytes = 10
                """)).containsExactly(
                "config.toml:2:8: 'path' must be an absolute path, got 'audit.jsonl'",
                "config.toml:3:13: 'max_files' must be between 1 and 1000, got 0",
                "config.toml:4:18: 'max_file_bytes' must be between 4096 and 1099511627776, got 10");
        assertThat(errors("""
                [mcp.telemetry]
                enabeld = true
                """)).containsExactly("config.toml:2:1: unknown key 'enabeld' — did you mean 'enabled'?");
    }
}

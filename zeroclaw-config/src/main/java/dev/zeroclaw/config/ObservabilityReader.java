package dev.zeroclaw.config;

import dev.zeroclaw.api.AuditSettings;
import dev.zeroclaw.api.DaemonSettings;
import java.util.List;
import java.util.Optional;
import org.tomlj.TomlTable;

/** {@code [mcp.telemetry]} and {@code [mcp.audit]}: what the daemon tells an operator beyond its log. */
final class ObservabilityReader {

    static final List<String> TELEMETRY_KEYS = List.of("enabled");
    static final List<String> AUDIT_KEYS = List.of("path", "log_arguments", "max_file_bytes", "max_files");
    static final long MAX_FILE_BYTES = 1L << 40;

    private ObservabilityReader() {}

    static boolean telemetryEnabled(TableReader mcp, ErrorCollector errors) {
        Optional<TomlTable> table = mcp.table("telemetry");
        if (table.isEmpty()) {
            return DaemonSettings.DEFAULT_TELEMETRY_ENABLED;
        }
        TableReader reader = new TableReader(table.get(), mcp.keyPosition("telemetry"), errors);
        reader.checkUnknownKeys(TELEMETRY_KEYS, "[mcp.telemetry]");
        return reader.bool("enabled").orElse(DaemonSettings.DEFAULT_TELEMETRY_ENABLED);
    }

    static Optional<AuditSettings> audit(TableReader mcp, ErrorCollector errors) {
        Optional<TomlTable> table = mcp.table("audit");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableReader reader = new TableReader(table.get(), mcp.keyPosition("audit"), errors);
        reader.checkUnknownKeys(AUDIT_KEYS, "[mcp.audit]");
        Optional<String> path = reader.string("path");
        boolean logArguments = reader.bool("log_arguments").orElse(AuditSettings.DEFAULT_LOG_ARGUMENTS);
        long maxFileBytes = reader.integer("max_file_bytes", AuditSettings.MIN_MAX_FILE_BYTES, MAX_FILE_BYTES)
                .orElse(AuditSettings.DEFAULT_MAX_FILE_BYTES);
        long maxFiles = reader.integer("max_files", 1, AuditSettings.MAX_MAX_FILES).orElse((long) AuditSettings.DEFAULT_MAX_FILES);
        if (path.isEmpty()) {
            if (!reader.has("path")) {
                errors.add(mcp.keyPosition("audit"), "[mcp.audit] needs 'path', the audit log's file (an absolute path)");
            }
            return Optional.empty();
        }
        if (!AbsolutePath.isValid(path.get())) {
            errors.add(reader.valuePosition("path"), "'path' must be an absolute path, got '" + path.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new AuditSettings(path.get(), logArguments, maxFileBytes, Math.toIntExact(maxFiles)));
    }
}

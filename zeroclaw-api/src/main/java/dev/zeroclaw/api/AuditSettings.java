package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

/**
 * The {@code [mcp.audit]} table: where the audit log goes and how much of it is kept.
 *
 * @param path the log file (absolute); rotated files are {@code path.1} (the newest) to {@code path.N}
 * @param logArguments {@code log_arguments}: also write each call's arguments (never a server's
 *     {@code env} or {@code headers} value); off, only their SHA-256 is written
 * @param maxFileBytes {@code max_file_bytes}: the file is rotated before a line would take it past this
 * @param maxFiles {@code max_files}: files kept, the current one included
 */
public record AuditSettings(String path, boolean logArguments, long maxFileBytes, int maxFiles) {

    public static final boolean DEFAULT_LOG_ARGUMENTS = false;
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 5;
    /** Smaller files would rotate at every few lines. */
    public static final long MIN_MAX_FILE_BYTES = 4096;
    public static final int MAX_MAX_FILES = 1000;

    public AuditSettings {
        requireNonNull(path, "path is null");
        if (maxFileBytes < MIN_MAX_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be at least " + MIN_MAX_FILE_BYTES);
        }
        if (maxFiles < 1 || maxFiles > MAX_MAX_FILES) {
            throw new IllegalArgumentException("maxFiles must be from 1 to " + MAX_MAX_FILES);
        }
    }
}

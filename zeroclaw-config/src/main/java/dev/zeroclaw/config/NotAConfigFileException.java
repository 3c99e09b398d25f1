package dev.zeroclaw.config;

import java.io.IOException;

/** A path that {@link ConfigFileReader} refuses to read: not a regular file, or over its size limit. */
public final class NotAConfigFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param reason what the file is, worded to follow its name: "is a named pipe (FIFO), not a regular file: ..." */
    public NotAConfigFileException(String reason) {
        super(reason);
    }
}

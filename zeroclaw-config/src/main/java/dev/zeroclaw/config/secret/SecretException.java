package dev.zeroclaw.config.secret;

/**
 * A secret value that cannot be resolved. The message says why and what to do; it never holds the
 * value, neither as written in the file nor as resolved.
 */
public final class SecretException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An operator's problem, not a program's: no stack trace is captured, none is ever printed. */
    public SecretException(String message) {
        super(message, null, false, false);
    }
}

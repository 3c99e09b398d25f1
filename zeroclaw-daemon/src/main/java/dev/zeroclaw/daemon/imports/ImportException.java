package dev.zeroclaw.daemon.imports;

/**
 * An import that cannot go on: a client file that cannot be read or is not JSON, a config file the
 * servers cannot be added to. The message is for the user as it stands (file, position, what to do)
 * and never holds an {@code env} or {@code headers} value.
 */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }
}

package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gateway.token} in the runtime directory: the bearer token the daemon generated for its
 * gateway, for local clients ({@code zeroclaw connect}, an MCP client's set-up) to read. Mode
 * {@code 0600} in a {@code 0700} directory, so only the daemon's user can read it. Written
 * atomically (a whole file or none) before the gateway listens, removed when the daemon stops.
 */
public final class GatewayTokenFile implements Closeable {

    public static final String FILE_NAME = "gateway.token";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private boolean closed;

    private GatewayTokenFile(Path file) {
        this.file = file;
    }

    /**
     * Creates the runtime directory if needed (see {@link RuntimeDirectory#create()}), then writes
     * {@code token} to a {@code 0600} file beside the final one and renames it into place, so that
     * a reader never sees a partial token and the token is never readable by anyone else, not even
     * for an instant.
     *
     * @throws IOException whose message says which file and why
     */
    public static GatewayTokenFile write(RuntimeDirectory directory, String token) throws IOException {
        requireNonNull(directory, "directory is null");
        requireNonNull(token, "token is null");
        directory.create();
        Path file = directory.path().resolve(FILE_NAME);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory.path(), "." + FILE_NAME + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
            Files.writeString(temporary, token + "\n", US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException unreachable) {
                // Same directory, so same file system: rename(2) is atomic there.
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new IOException("cannot write the gateway token file " + file + ": " + RuntimeDirectory.describe(e), e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
        return new GatewayTokenFile(file);
    }

    /**
     * The token a running daemon wrote into {@code directory}, or empty when there is none (no daemon runs there,
     * or its gateway needs no generated token).
     *
     * @throws IOException when the file is there but cannot be read (another user's daemon); the message says so
     */
    public static Optional<String> read(Path directory) throws IOException {
        requireNonNull(directory, "directory is null");
        Path file = directory.resolve(FILE_NAME);
        try {
            String token = Files.readString(file, US_ASCII).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("cannot read the gateway token file " + file + ": " + RuntimeDirectory.describe(e)
                    + "; run as the daemon's user, or give the client the token another way", e);
        }
    }

    /** Removes a token file a daemon that was killed left behind; nothing when there is none. */
    public static void removeStale(RuntimeDirectory directory) throws IOException {
        requireNonNull(directory, "directory is null");
        Path file = directory.path().resolve(FILE_NAME);
        if (Files.exists(file, NOFOLLOW_LINKS)) {
            Files.delete(file);
        }
    }

    public Path path() {
        return file;
    }

    /** Removes the file: once the daemon stops, its token opens nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Files.deleteIfExists(file);
    }
}

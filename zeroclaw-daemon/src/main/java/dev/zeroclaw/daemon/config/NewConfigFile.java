package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates a config file that did not exist: readable by its owner only (0600; {@code env} and
 * {@code headers} hold secrets), in directories created for it readable by the owner only (0700).
 * Directories that exist are left as they are.
 */
public final class NewConfigFile {

    private NewConfigFile() {}

    /**
     * Writes {@code content} to a new {@code file}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists (or a link of that name,
     *     even a dangling one): nothing is overwritten, ever
     * @throws IOException when a directory or the file cannot be created or written
     */
    public static void create(Path file, byte[] content) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Not the file: a directory of its path is something else, and the caller must not say "exists".
                throw new FileSystemException(e.getFile(), null, "is not a directory");
            }
        }
        // CREATE_NEW: the check that the file is absent and its creation are one step.
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** An I/O failure in a few words for a user: "permission denied", "Read-only file system", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getFile() + ": " + failure.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}

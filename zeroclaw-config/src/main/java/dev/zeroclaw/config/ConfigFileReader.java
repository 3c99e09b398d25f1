package dev.zeroclaw.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a configuration file's bytes, and refuses before reading what cannot be one: anything but a
 * regular file (reading a FIFO blocks until a writer comes, a device never ends) and a file over
 * {@link #MAX_BYTES} (a 3 GiB file would not fit in an array and end the reading thread with an
 * {@link OutOfMemoryError}). A directory is left to the read, whose error the callers word.
 */
public final class ConfigFileReader {

    /** The largest config file read: real ones are a few KiB, a thousand servers well under 1 MiB. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /** {@link #MAX_BYTES} as the messages and docs say it. */
    public static final String MAX_SIZE = "16 MiB";

    private ConfigFileReader() {}

    /**
     * The file's bytes.
     *
     * @throws NotAConfigFileException when it is not a regular file or larger than {@link #MAX_BYTES}
     * @throws IOException when it cannot be read (absent, permission denied, a directory, ...)
     */
    public static byte[] read(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isOther()) {
            throw new NotAConfigFileException(kindOf(file) + ", not a regular file: point the configuration at a regular"
                    + " file (see 'Limits' in docs/operations.md)");
        }
        if (attributes.isRegularFile() && attributes.size() > MAX_BYTES) {
            throw tooLarge(attributes.size());
        }
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the cap: the file may have grown since it was measured.
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw tooLarge(Math.max(content.length, Files.size(file)));
            }
            return content;
        }
    }

    private static NotAConfigFileException tooLarge(long size) {
        return new NotAConfigFileException("is " + humanSize(size) + ", over the " + MAX_SIZE + " limit for a config file:"
                + " is it the right file? (see 'Limits' in docs/operations.md)");
    }

    /** What kind of special file it is, as {@code ls -l} would tell (the JDK's attributes only say "other"). */
    private static String kindOf(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "is a named pipe (FIFO)";
                case 0140000 -> "is a socket";
                case 0020000 -> "is a character device";
                case 0060000 -> "is a block device";
                default -> "is a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "is a special file";
        }
    }

    static String humanSize(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}

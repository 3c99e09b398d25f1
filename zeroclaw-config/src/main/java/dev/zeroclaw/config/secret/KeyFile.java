package dev.zeroclaw.config.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;

/**
 * Reads upstream's key file, {@code .secret_key}: the 32-byte key as hex (surrounding whitespace
 * ignored), in a regular file that is no symbolic link (upstream opens it with {@code O_NOFOLLOW})
 * and that no other user can read.
 */
final class KeyFile {

    /** Far more than 64 hex digits and a line break: anything longer is not a key file. */
    private static final int MAX_BYTES = 1024;

    private KeyFile() {}

    static byte[] read(Path file) throws SecretException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new SecretException("there is no key file " + file + "; copy the .secret_key of the ZeroClaw that"
                    + " encrypted the value there (mode 0600)");
        } catch (IOException | UnsupportedOperationException e) {
            throw new SecretException("the key file " + file + " cannot be read: " + e.getMessage());
        }
        if (attributes.isSymbolicLink()) {
            throw new SecretException("the key file " + file + " is a symbolic link; the key is read from a regular"
                    + " file only, as upstream does");
        }
        if (!attributes.isRegularFile()) {
            throw new SecretException("the key file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new SecretException("the key file " + file + " can be read by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
        }
        String text = new String(content(file), StandardCharsets.US_ASCII).strip();
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new SecretException("the key file " + file + " does not hold a key as hex digits");
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new SecretException("the key file " + file + " must hold exactly " + SecretCipher.KEY_BYTES
                    + " bytes (64 hex digits), it holds " + key.length);
        }
        return key;
    }

    private static byte[] content(Path file) throws SecretException {
        // NOFOLLOW_LINKS again at open: a link swapped in after the check is refused too.
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new SecretException("the key file " + file + " is too large to be a key file");
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new SecretException("the key file " + file + " cannot be read: permission denied; the daemon's user"
                    + " must own it");
        } catch (IOException e) {
            throw new SecretException("the key file " + file + " cannot be read: " + e.getMessage());
        }
    }
}

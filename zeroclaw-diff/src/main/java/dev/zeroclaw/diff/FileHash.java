package dev.zeroclaw.diff;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a config file's exact bytes: equal hashes mean a reload has nothing to do. */
public final class FileHash {

    private FileHash() {}

    /** Lower-case hex SHA-256 of {@code content}. */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}

package dev.zeroclaw.config.secret;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Upstream ZeroClaw's value encryption, on the JDK's own {@code ChaCha20-Poly1305}:
 * {@code enc2:<hex(nonce ‖ ciphertext ‖ tag)>}, a 12-byte nonce first, the 16-byte tag last, no
 * associated data, a 32-byte key. And the legacy {@code enc:} form: the bytes XORed with the key,
 * repeated.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private static final String ALGORITHM = "ChaCha20-Poly1305";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretCipher() {}

    /** {@code plaintext} as upstream writes it: {@code enc2:…} under a fresh random nonce. */
    public static String encrypt(byte[] key, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return encrypt(key, plaintext, nonce);
    }

    /** {@code plaintext} as {@code enc2:…} under {@code nonce}; a nonce must never be used twice with one key. */
    public static String encrypt(byte[] key, String plaintext, byte[] nonce) {
        requireNonNull(plaintext, "plaintext is null");
        checkKey(key);
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce is " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] blob = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, blob, NONCE_BYTES, sealed.length);
            return SecretValue.ENC2 + HEX.formatHex(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + ALGORITHM + " cipher failed", e);
        }
    }

    /**
     * The plaintext bytes of {@code blob} (nonce ‖ ciphertext ‖ tag).
     *
     * @throws AEADBadTagException when {@code key} is not the key it was sealed with, or it was changed
     */
    static byte[] decrypt(byte[] key, byte[] blob) throws AEADBadTagException {
        checkKey(key);
        if (blob.length < NONCE_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("a sealed value holds at least a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                    new IvParameterSpec(blob, 0, NONCE_BYTES));
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + ALGORITHM + " cipher failed", e);
        }
    }

    /** Upstream's legacy cipher: each byte XORed with the key's, the key repeated; its own inverse. */
    static byte[] xor(byte[] data, byte[] key) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ^ key[i % key.length]);
        }
        return out;
    }

    private static void checkKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key is " + KEY_BYTES + " bytes, got " + key.length);
        }
    }
}

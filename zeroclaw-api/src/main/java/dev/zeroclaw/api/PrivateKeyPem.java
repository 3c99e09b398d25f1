package dev.zeroclaw.api;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code oauth_client_key}: one PEM private key, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), EC or RSA.
 * The JDK alone reads it, so the configuration can refuse a bad key at its value and the OAuth client can sign
 * with it. Messages never quote the value: it is a secret.
 */
public final class PrivateKeyPem {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PrivateKeyPem() {}

    /**
     * The key.
     *
     * @throws IllegalArgumentException saying what is wrong, without the value
     */
    public static PrivateKey parse(String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("is not a PEM private key (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)");
        }
        String type = matcher.group(1);
        if (type.equals("EC PRIVATE KEY") || type.equals("RSA PRIVATE KEY")) {
            // SEC1 and PKCS#1 need a parser the JDK lacks; openssl converts them losslessly.
            throw new IllegalArgumentException("is a PEM '" + type + "'; give it as PKCS#8 ('PRIVATE KEY'):"
                    + " openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        if (!type.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("is a PEM '" + type + "', not a private key ('PRIVATE KEY', PKCS#8, unencrypted)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is a PEM private key whose base64 body is damaged");
        }
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("is a PEM private key that is neither an EC nor an RSA key, or is damaged");
    }
}

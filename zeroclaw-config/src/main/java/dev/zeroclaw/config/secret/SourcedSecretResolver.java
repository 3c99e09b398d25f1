package dev.zeroclaw.config.secret;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;

/**
 * {@link SecretResolver#of}: resolves values from {@link SecretSources}. One instance serves one
 * pass over a file, on one thread.
 */
final class SourcedSecretResolver implements SecretResolver {

    /** A secret file larger than this is a mistake (a directory of certificates, a log). */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final SecretSources sources;
    // One pass, one thread: the key as first read (or why it could not be), and each op reference's value.
    private byte[] key;
    private SecretException keyProblem;
    private final Map<String, String> onePassword = new HashMap<>();

    SourcedSecretResolver(SecretSources sources) {
        this.sources = requireNonNull(sources, "sources is null");
    }

    @Override
    public String resolve(String value) throws SecretException {
        return resolve(SecretValue.parse(value));
    }

    private String resolve(SecretValue value) throws SecretException {
        if (value instanceof SecretValue.Literal literal) {
            return literal.text();
        } else if (value instanceof SecretValue.Encrypted encrypted) {
            return decrypt(encrypted.hex());
        } else if (value instanceof SecretValue.LegacyEncrypted legacy) {
            return utf8(SecretCipher.xor(hex(legacy.hex(), "enc:"), key()), "enc:");
        } else if (value instanceof SecretValue.OnePassword op) {
            String known = onePassword.get(op.reference());
            if (known == null) {
                known = OnePasswordCli.read(op.reference(), sources);
                onePassword.put(op.reference(), known);
            }
            return known;
        } else if (value instanceof SecretValue.EnvironmentVariable variable) {
            return sources.variable(variable.name()).orElseThrow(() -> new SecretException("the environment variable "
                    + variable.name() + " is not set in the daemon's environment"));
        } else if (value instanceof SecretValue.SecretFile file) {
            return fileContent(Path.of(file.path()), "the file " + file.path());
        } else if (value instanceof SecretValue.Credential credential) {
            return credential(credential.name());
        }
        StringBuilder joined = new StringBuilder();
        for (SecretValue part : ((SecretValue.Template) value).parts()) {
            joined.append(resolve(part));
        }
        return joined.toString();
    }

    private String decrypt(String hex) throws SecretException {
        byte[] blob = hex(hex, "enc2:");
        if (blob.length < SecretCipher.NONCE_BYTES + SecretCipher.TAG_BYTES) {
            throw new SecretException("the enc2: value is too short to hold a nonce and a tag (cut off?); encrypt"
                    + " the secret again");
        }
        byte[] keyBytes = key();
        try {
            return utf8(SecretCipher.decrypt(keyBytes, blob), "enc2:");
        } catch (AEADBadTagException e) {
            throw new SecretException("the key in " + sources.keyFile() + " does not decrypt it (another key, or a"
                    + " changed value); restore the key that encrypted it, or encrypt the secret again");
        }
    }

    private byte[] key() throws SecretException {
        if (key == null && keyProblem == null) {
            try {
                key = KeyFile.read(sources.keyFile());
            } catch (SecretException e) {
                keyProblem = e;
            }
        }
        if (keyProblem != null) {
            throw keyProblem;
        }
        return key;
    }

    private static byte[] hex(String hex, String form) throws SecretException {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new SecretException("the " + form + " value is not hex (corrupt or cut off); encrypt the secret again");
        }
    }

    private String utf8(byte[] plaintext, String form) throws SecretException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (CharacterCodingException e) {
            // A wrong key XORs into garbage rather than failing: for enc: this is the only sign of it.
            throw new SecretException("the key in " + sources.keyFile() + " does not decrypt it: the " + form
                    + " value decrypts to bytes that are not UTF-8");
        }
    }

    private String credential(String name) throws SecretException {
        String directory = sources.variable(SecretSources.CREDENTIALS_DIRECTORY).filter(d -> !d.isEmpty())
                .orElseThrow(() -> new SecretException("$" + SecretSources.CREDENTIALS_DIRECTORY + " is not set:"
                        + " credentials are read from the directory systemd's LoadCredential= gives the service; add LoadCredential=" + name + ":/path/to/secret to the unit, or use ${file:PATH}"));
        return fileContent(Path.of(directory, name), "the credential '" + name + "' ($"
                + SecretSources.CREDENTIALS_DIRECTORY + "/" + name + ")");
    }

    private static String fileContent(Path path, String what) throws SecretException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new SecretException(what + " does not exist");
        } catch (AccessDeniedException e) {
            throw new SecretException(what + " cannot be read: permission denied for the daemon's user");
        } catch (IOException e) {
            String reason = Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new SecretException(what + " cannot be read: " + reason);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new SecretException(what + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not a secret");
        }
        try {
            return LineBreaks.stripTrailing(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new SecretException(what + " is not UTF-8 text");
        }
    }
}

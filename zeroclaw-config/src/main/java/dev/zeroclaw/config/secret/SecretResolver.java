package dev.zeroclaw.config.secret;

/**
 * Turns a secret value as written into the secret it stands for ({@link SecretValue}). A function
 * over one value: what the value belongs to (a server's {@code env.API_KEY}, its position in the
 * file) is the caller's to add to an error.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * The secret {@code value} stands for; a literal as it is.
     *
     * @throws SecretException when it cannot be had; the message never holds the value
     */
    String resolve(String value) throws SecretException;

    /**
     * A resolver for one pass over a file: the key file is read (and checked) once, at the first
     * encrypted value, and each {@code op://} reference is read once. A new pass (a reload) makes a
     * new resolver, so a rotated key or secret is seen.
     */
    static SecretResolver of(SecretSources sources) {
        return new SourcedSecretResolver(sources);
    }
}

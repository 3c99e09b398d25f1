package dev.zeroclaw.config.secret;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What a secret value ({@code env} and {@code headers} values) says as written: a literal, or where
 * its secret comes from. Upstream ZeroClaw's forms take the whole value: {@code enc2:<hex>}
 * (ChaCha20-Poly1305), {@code enc:<hex>} (legacy XOR) and {@code op://vault/item/field}. zeroclaw's
 * deployment references, {@code ${env:NAME}}, {@code ${file:/abs/path}} and
 * {@code ${credential:name}}, may also sit inside a literal ({@code "Bearer ${credential:token}"}).
 * Any other {@code $} text is literal.
 *
 * <p>{@code toString} never shows a literal's text.
 */
public sealed interface SecretValue {

    /** Text used as it is. */
    record Literal(String text) implements SecretValue {
        public Literal {
            requireNonNull(text, "text is null");
        }

        @Override
        public String toString() {
            return "Literal[***]";
        }
    }

    /** {@code enc2:<hex(nonce ‖ ciphertext ‖ tag)>}, upstream's current encryption. */
    record Encrypted(String hex) implements SecretValue {
        public Encrypted {
            requireNonNull(hex, "hex is null");
        }
    }

    /** {@code enc:<hex>}, upstream's legacy XOR with the key, repeated. */
    record LegacyEncrypted(String hex) implements SecretValue {
        public LegacyEncrypted {
            requireNonNull(hex, "hex is null");
        }
    }

    /** {@code op://vault/item/field}, read with {@code op read}. */
    record OnePassword(String reference) implements SecretValue {
        public OnePassword {
            requireNonNull(reference, "reference is null");
        }
    }

    /** {@code ${env:NAME}}: a variable of the daemon's environment. */
    record EnvironmentVariable(String name) implements SecretValue {
        public EnvironmentVariable {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code ${file:/abs/path}}: a file's content, without its trailing line break. */
    record SecretFile(String path) implements SecretValue {
        public SecretFile {
            requireNonNull(path, "path is null");
        }
    }

    /** {@code ${credential:name}}: a systemd credential ({@code $CREDENTIALS_DIRECTORY/name}). */
    record Credential(String name) implements SecretValue {
        public Credential {
            requireNonNull(name, "name is null");
        }
    }

    /** Literal text with references inside, joined in order. */
    record Template(List<SecretValue> parts) implements SecretValue {
        public Template {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return "Template" + parts;
        }
    }

    /** The prefixes of upstream's whole-value forms. */
    String ENC2 = "enc2:";
    String ENC = "enc:";
    String OP = "op://";

    /** The reference kinds of {@code ${kind:argument}}. */
    List<String> KINDS = List.of("env", "file", "credential");

    /** True when resolving {@code value} reads something outside the file (even a malformed reference). */
    static boolean isReference(String value) {
        requireNonNull(value, "value is null");
        if (value.startsWith(ENC2) || value.startsWith(ENC) || value.startsWith(OP)) {
            return true;
        }
        for (String kind : KINDS) {
            if (value.contains("${" + kind + ":")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code value} says.
     *
     * @throws SecretException when a reference is malformed; the message does not repeat the value
     */
    static SecretValue parse(String value) throws SecretException {
        requireNonNull(value, "value is null");
        if (value.startsWith(ENC2)) {
            return new Encrypted(value.substring(ENC2.length()));
        }
        if (value.startsWith(ENC)) {
            return new LegacyEncrypted(value.substring(ENC.length()));
        }
        if (value.startsWith(OP)) {
            return onePassword(value);
        }
        List<SecretValue> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < value.length()) {
            String kind = kindAt(value, at);
            if (kind == null) {
                literal.append(value.charAt(at++));
                continue;
            }
            int start = at + 2 + kind.length() + 1;
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new SecretException("a '${" + kind + ":' reference is not closed with '}'");
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(reference(kind, value.substring(start, end)));
            at = end + 1;
        }
        if (parts.isEmpty()) {
            return new Literal(value);
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return parts.size() == 1 ? parts.get(0) : new Template(parts);
    }

    private static String kindAt(String value, int at) {
        if (!value.startsWith("${", at)) {
            return null;
        }
        for (String kind : KINDS) {
            if (value.startsWith(kind + ":", at + 2)) {
                return kind;
            }
        }
        return null;
    }

    private static SecretValue reference(String kind, String argument) throws SecretException {
        switch (kind) {
            case "env":
                if (!argument.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new SecretException("'${env:…}' needs the name of an environment variable (letters, digits, _)");
                }
                return new EnvironmentVariable(argument);
            case "file":
                if (!argument.startsWith("/")) {
                    throw new SecretException("'${file:…}' needs an absolute path (/run/secrets/name)");
                }
                return new SecretFile(argument);
            default:
                if (argument.isEmpty() || argument.contains("/") || argument.equals(".") || argument.equals("..")) {
                    throw new SecretException("'${credential:…}' needs a credential's name as LoadCredential= gives it"
                            + " (a file name, no '/')");
                }
                return new Credential(argument);
        }
    }

    // Upstream's rule: op://vault/item/field, three or more segments, none empty.
    private static SecretValue onePassword(String value) throws SecretException {
        String[] segments = value.substring(OP.length()).split("/", -1);
        boolean valid = segments.length >= 3;
        for (String segment : segments) {
            valid &= !segment.isEmpty();
        }
        if (!valid) {
            throw new SecretException("not a valid 1Password reference; write op://vault-name/item-name/field-name");
        }
        return new OnePassword(value);
    }
}

package dev.zeroclaw.diff;

import dev.zeroclaw.api.ServerSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical SHA-256 of everything that decides how a server is launched or reached.
 *
 * <p>Each field is written with a tag and every string with its length, so no two different
 * entries share an encoding ({@code args = ["a b"]} vs {@code ["a", "b"]}). Maps are written in
 * key order (a {@link ServerSpec} keeps them sorted), so the order in the file does not matter;
 * {@code args} keep their order, because it does. Transport {@code options} are written with a tag
 * per value type ({@code 1} and {@code "1"} differ), and only when there are some, so the hash of an
 * entry without options is what it was before options existed.
 */
public final class LaunchHash {

    private LaunchHash() {}

    /** Lower-case hex SHA-256 over the launch fields of {@code spec}. */
    public static String of(ServerSpec spec) {
        return HexFormat.of().formatHex(digest(spec));
    }

    /** The SHA-256 over the launch fields of {@code spec}, 32 bytes. */
    static byte[] digest(ServerSpec spec) {
        Encoder out = new Encoder();
        out.field("transport").string(spec.transport());
        out.field("command").string(spec.command());
        out.field("args").list(spec.args());
        out.field("env").map(spec.env());
        out.field("url").optional(spec.url());
        out.field("headers").map(spec.headers());
        out.field("cwd").optional(spec.cwd());
        out.field("tls_ca_cert_path").optional(spec.tlsCaCertPath());
        if (!spec.options().isEmpty()) {
            out.field("options").options(spec.options().values());
        }
        // Only when set, so an entry without oauth_* keys keeps the hash it had before they existed. The resolved
        // secret is covered like headers; tokens are not configuration and never enter the hash.
        if (!spec.oauth().isNone()) {
            out.field("oauth_client_id").optional(spec.oauth().clientId());
            out.field("oauth_client_secret").optional(spec.oauth().clientSecret());
            out.field("oauth_grant").string(spec.oauth().grant().configValue());
            out.field("oauth_scopes").list(spec.oauth().scopes());
        }
        // Only when set, like the keys above: the resolved key is covered like the secret.
        if (spec.oauth().clientKey().isPresent() || spec.oauth().clientKeyId().isPresent()) {
            out.field("oauth_client_key").optional(spec.oauth().clientKey());
            out.field("oauth_client_key_id").optional(spec.oauth().clientKeyId());
        }
        // The client id at a server that supports metadata documents: another URL is another client, so a new login.
        if (spec.oauth().clientMetadataUrl().isPresent()) {
            out.field("oauth_client_metadata_url").optional(spec.oauth().clientMetadataUrl());
        }
        return out.digest();
    }

    private static final class Encoder {
        private final MessageDigest digest = FileHash.sha256();
        private final ByteBuffer number = ByteBuffer.allocate(Integer.BYTES);

        Encoder field(String name) {
            return string(name);
        }

        Encoder string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            integer(bytes.length);
            digest.update(bytes);
            return this;
        }

        Encoder optional(Optional<String> value) {
            digest.update((byte) (value.isPresent() ? 1 : 0));
            value.ifPresent(this::string);
            return this;
        }

        Encoder list(List<String> values) {
            integer(values.size());
            values.forEach(this::string);
            return this;
        }

        Encoder map(Map<String, String> sortedValues) {
            integer(sortedValues.size());
            sortedValues.forEach((key, value) -> string(key).string(value));
            return this;
        }

        Encoder options(Map<String, Object> sortedValues) {
            integer(sortedValues.size());
            sortedValues.forEach((key, value) -> string(key).value(value));
            return this;
        }

        // The value types TransportOptions holds; each with its own tag.
        private void value(Object value) {
            if (value instanceof String string) {
                digest.update((byte) 's');
                string(string);
            } else if (value instanceof Long number) {
                digest.update((byte) 'i');
                string(Long.toString(number));
            } else if (value instanceof Double number) {
                digest.update((byte) 'f');
                string(Long.toHexString(Double.doubleToLongBits(number)));
            } else if (value instanceof Boolean bool) {
                digest.update((byte) (bool ? 'T' : 'F'));
            } else if (value instanceof List<?> list) {
                digest.update((byte) 'l');
                integer(list.size());
                list.forEach(this::value);
            } else {
                throw new IllegalArgumentException("not an option value: " + value.getClass().getName());
            }
        }

        byte[] digest() {
            return digest.digest();
        }

        private void integer(int value) {
            number.clear();
            number.putInt(value);
            digest.update(number.array());
        }
    }
}

package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

/**
 * One problem with a remote server's settings.
 *
 * @param key the config key at fault ({@code url}, {@code headers.Host}, {@code tls_ca_cert_path})
 * @param message what is wrong and what to do; never a header's value
 */
record SettingProblem(String key, String message) {

    SettingProblem {
        requireNonNull(key, "key is null");
        requireNonNull(message, "message is null");
    }
}

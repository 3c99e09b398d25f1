package dev.zeroclaw.config.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** A config directory with a key file, a fake {@code op} and an environment, all built by the test. */
final class SecretFixture {

    static final byte[] KEY = HexFormat.of().parseHex("8f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0");

    final Path dir;
    final Path bin;
    final Map<String, String> environment = new HashMap<>();
    Duration opTimeout = SecretSources.DEFAULT_OP_TIMEOUT;

    SecretFixture(Path dir) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        environment.put("PATH", bin + ":/usr/bin:/bin");
    }

    /** Writes {@code key} as upstream does: hex, mode 0600. */
    SecretFixture key(byte[] key) throws IOException {
        return keyFile(HexFormat.of().formatHex(key) + "\n", "rw-------");
    }

    SecretFixture keyFile(String content, String mode) throws IOException {
        Path file = dir.resolve(SecretSources.KEY_FILE_NAME);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return this;
    }

    /** A fake {@code op} in {@link #bin}: a shell script. */
    SecretFixture op(String script) throws IOException {
        Path op = Files.writeString(bin.resolve("op"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    SecretSources sources() {
        return new SecretSources(environment, dir, opTimeout);
    }

    String resolve(String value) throws SecretException {
        return SecretResolver.of(sources()).resolve(value);
    }
}

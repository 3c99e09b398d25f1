package dev.zeroclaw.signal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The directory that holds the daemon's pid file and control socket: {@code $XDG_RUNTIME_DIR/zeroclaw}, else
 * {@code ~/.zeroclaw/run}, unless the operator names one.
 *
 * <p>It must be {@code 0700} and ours: whoever can enter it can replace the pid file or talk to the control socket.
 */
public record RuntimeDirectory(Path path) {

    public RuntimeDirectory {
        requireNonNull(path, "path is null");
    }

    /**
     * Where the runtime directory is, from nothing but the arguments.
     *
     * @param override the directory the operator named, which wins
     * @param environment the process environment; only {@code XDG_RUNTIME_DIR} is read
     * @param home the user's home directory, for the fallback {@code ~/.zeroclaw/run}
     */
    public static RuntimeDirectory resolve(Optional<Path> override, Map<String, String> environment, Path home) {
        return new RuntimeDirectory(OwnerOnlyDirectory.resolve(override, environment, "XDG_RUNTIME_DIR", home, "run"));
    }

    /** {@link #resolve} with this process's environment and {@code user.home}. */
    public static RuntimeDirectory forThisProcess(Optional<Path> override) {
        return resolve(override, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Creates the directory, mode {@code 0700}, with any missing parents (also {@code 0700}: {@code ~/.zeroclaw}
     * holds the configuration and its secrets); or checks that the one already there is a directory, ours and
     * {@code 0700}.
     *
     * @throws IOException whose message says what is wrong and what to do, ready for the operator
     */
    public void create() throws IOException {
        OwnerOnlyDirectory.create(path, "runtime directory", "the pid file and the control socket");
    }

    /** What went wrong, in words (see {@link OwnerOnlyDirectory#describe}). */
    static String describe(IOException e) {
        return OwnerOnlyDirectory.describe(e);
    }
}

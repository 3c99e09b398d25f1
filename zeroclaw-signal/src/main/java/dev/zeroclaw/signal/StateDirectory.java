package dev.zeroclaw.signal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The directory of what must outlive a restart (pinned tool definitions): {@code $XDG_STATE_HOME/zeroclaw},
 * else {@code ~/.zeroclaw/state}, unless the operator names one ({@code --state-dir}, {@code [mcp] state_dir}).
 * The runtime directory keeps what dies with the daemon.
 *
 * <p>Mode {@code 0700}, its files {@code 0600}; a file is replaced whole (written beside, then renamed), so a
 * crash leaves the old content or the new, never half of one.
 */
public record StateDirectory(Path path) {

    private static final String WHAT = "state directory";

    public StateDirectory {
        requireNonNull(path, "path is null");
    }

    /**
     * Where the state directory is, from nothing but the arguments.
     *
     * @param override the directory the operator named, which wins
     * @param environment the process environment; only {@code XDG_STATE_HOME} is read
     * @param home the user's home directory, for the fallback {@code ~/.zeroclaw/state}
     */
    public static StateDirectory resolve(Optional<Path> override, Map<String, String> environment, Path home) {
        return new StateDirectory(OwnerOnlyDirectory.resolve(override, environment, "XDG_STATE_HOME", home, "state"));
    }

    /** {@link #resolve} with this process's environment and {@code user.home}. */
    public static StateDirectory forThisProcess(Optional<Path> override) {
        return resolve(override, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Creates the directory ({@code 0700}, parents too), or checks the one there: a directory, ours, {@code 0700}.
     *
     * @throws IOException whose message says what is wrong and what to do
     */
    public void create() throws IOException {
        OwnerOnlyDirectory.create(path, WHAT, "the pinned tool definitions");
    }

    /** The content of file {@code name}, empty when there is none. */
    public Optional<String> read(String name) throws IOException {
        Path file = file(name);
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + OwnerOnlyDirectory.describe(e), e);
        }
    }

    /** Replaces file {@code name} with {@code content} (UTF-8), mode {@code 0600}; creates the directory first. */
    public void write(String name, String content) throws IOException {
        requireNonNull(content, "content is null");
        Path file = file(name);
        create();
        Path temporary = path.resolve("." + name + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + file + ": " + temporary + " appeared while it was written", e);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot write " + file + ": " + OwnerOnlyDirectory.describe(e), e);
        }
    }

    // Names come from the daemon (a server's name, checked by the config), never from a path.
    private Path file(String name) {
        requireNonNull(name, "name is null");
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a file name: '" + name + "'");
        }
        return path.resolve(name);
    }
}

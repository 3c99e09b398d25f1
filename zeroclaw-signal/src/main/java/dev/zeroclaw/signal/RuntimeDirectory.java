package dev.zeroclaw.signal;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds the daemon's pid file and control socket: {@code $XDG_RUNTIME_DIR/zeroclaw}, else
 * {@code ~/.zeroclaw/run}, unless the operator names one.
 *
 * <p>It must be {@code 0700} and ours: whoever can enter it can replace the pid file or talk to the control socket.
 */
public record RuntimeDirectory(Path path) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

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
        requireNonNull(override, "override is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(home, "home is null");
        if (override.isPresent()) {
            return new RuntimeDirectory(override.get());
        }
        // The XDG base directory spec: an empty value counts as unset, and a relative one is invalid and ignored.
        String xdgRuntimeDir = environment.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!xdgRuntimeDir.isEmpty() && Path.of(xdgRuntimeDir).isAbsolute()) {
            return new RuntimeDirectory(Path.of(xdgRuntimeDir, "zeroclaw"));
        }
        return new RuntimeDirectory(home.resolve(".zeroclaw").resolve("run"));
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
        boolean createdHere = false;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent, OWNER_ONLY_ATTRIBUTE);
            }
            try {
                Files.createDirectory(path, OWNER_ONLY_ATTRIBUTE);
                createdHere = true;
            } catch (FileAlreadyExistsException alreadyThere) {
                // Checked below, like any directory we did not make.
            }
        } catch (IOException e) {
            throw new IOException("cannot create runtime directory " + path + ": " + describe(e), e);
        }
        if (createdHere) {
            // The umask may have taken bits from the 0700 asked for; a directory we just made is ours to set.
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
        check();
    }

    private void check() throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("cannot read runtime directory " + path + ": " + describe(e), e);
        }
        if (attributes.isSymbolicLink()) {
            throw new IOException("runtime directory " + path + " is a symbolic link; zeroclaw does not follow it:"
                    + " name the real directory");
        }
        if (!attributes.isDirectory()) {
            throw new IOException("runtime directory " + path + " exists but is not a directory: remove it, or name"
                    + " another runtime directory");
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS);
        long us = new UnixSystem().getUid();
        if (owner != us) {
            throw new IOException("runtime directory " + path + " belongs to uid " + owner + ", not to this user (uid "
                    + us + "): another user's daemon may be using it; name a directory of your own");
        }
        if (!attributes.permissions().equals(OWNER_ONLY)) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW_LINKS) & 07777;
            throw new IOException(String.format("runtime directory %s has mode %04o; it must be 0700, so that only its"
                    + " owner can reach the pid file and the control socket: run chmod 700 %s", path, mode, path));
        }
    }

    /**
     * What went wrong, in words: the JDK's file exceptions often carry nothing but the path, which the caller's
     * message already names.
     */
    static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException inTheWay) {
            return inTheWay.getFile() + " is in the way: it exists and is not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileSystemException fileSystemException && fileSystemException.getReason() != null) {
            return fileSystemException.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}

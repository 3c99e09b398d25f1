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

/** A directory only its owner may enter (mode {@code 0700}): the runtime and the state directory. */
final class OwnerOnlyDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    private OwnerOnlyDirectory() {}

    /**
     * {@code override} if present, else {@code $<variable>/zeroclaw}, else {@code ~/.zeroclaw/<fallback>}.
     *
     * @param environment the process environment; only {@code variable} is read
     */
    static Path resolve(Optional<Path> override, Map<String, String> environment, String variable, Path home,
            String fallback) {
        requireNonNull(override, "override is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(home, "home is null");
        if (override.isPresent()) {
            return override.get();
        }
        // The XDG base directory spec: an empty value counts as unset, and a relative one is invalid and ignored.
        String xdg = environment.getOrDefault(variable, "");
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "zeroclaw");
        }
        return home.resolve(".zeroclaw").resolve(fallback);
    }

    /**
     * Creates {@code path}, mode {@code 0700}, with any missing parents (also {@code 0700}:
     * {@code ~/.zeroclaw} holds the configuration and its secrets); or checks that the one already
     * there is a directory, ours and {@code 0700}.
     *
     * @param what the directory's name in messages ({@code runtime directory})
     * @param holds what it protects, for the message about its mode ({@code the pid file and the control socket})
     * @throws IOException whose message says what is wrong and what to do, ready for the operator
     */
    static void create(Path path, String what, String holds) throws IOException {
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
            throw new IOException("cannot create " + what + " " + path + ": " + describe(e), e);
        }
        if (createdHere) {
            // The umask may have taken bits from the 0700 asked for; a directory we just made is ours to set.
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
        check(path, what, holds);
    }

    private static void check(Path path, String what, String holds) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("cannot read " + what + " " + path + ": " + describe(e), e);
        }
        if (attributes.isSymbolicLink()) {
            throw new IOException(what + " " + path + " is a symbolic link; zeroclaw does not follow it:"
                    + " name the real directory");
        }
        if (!attributes.isDirectory()) {
            throw new IOException(what + " " + path + " exists but is not a directory: remove it, or name"
                    + " another " + what);
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS);
        long us = new UnixSystem().getUid();
        if (owner != us) {
            throw new IOException(what + " " + path + " belongs to uid " + owner + ", not to this user (uid "
                    + us + "): another user's daemon may be using it; name a directory of your own");
        }
        if (!attributes.permissions().equals(OWNER_ONLY)) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW_LINKS) & 07777;
            throw new IOException(String.format("%s %s has mode %04o; it must be 0700, so that only its"
                    + " owner can reach %s: run chmod 700 %s", what, path, mode, holds, path));
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

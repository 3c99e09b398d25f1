package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the program a command names the way {@code execvp(3)} will in the child, so that a
 * missing program is reported at once, in words, instead of as an early exit of the child.
 *
 * @param searchPath the child's {@code PATH}, or empty when it has none
 * @param workingDirectory the child's working directory, against which relative names resolve
 */
record ExecutableSearch(Optional<String> searchPath, Path workingDirectory) {

    /** What glibc's execvp searches when PATH is unset. */
    private static final String DEFAULT_SEARCH_PATH = "/bin:/usr/bin";

    ExecutableSearch {
        requireNonNull(searchPath, "searchPath is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
    }

    /**
     * The file that would be executed for {@code command}; empty when there is none that this user
     * may execute. A command with a {@code /} is a path (relative to the working directory); any
     * other is looked up in each PATH entry in turn, an empty entry meaning the working directory.
     */
    Optional<Path> find(String command) {
        requireNonNull(command, "command is null");
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.indexOf('/') >= 0) {
            return executable(workingDirectory, command);
        }
        for (String entry : searchPath.orElse(DEFAULT_SEARCH_PATH).split(":", -1)) {
            Optional<Path> found = executable(entry.isEmpty() ? workingDirectory : workingDirectory.resolve(entry), command);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path directory, String name) {
        Path candidate;
        try {
            candidate = directory.resolve(name);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}

package dev.zeroclaw.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The rule for path settings ({@code cwd}, {@code plugin_dir}): a non-empty absolute path. */
final class AbsolutePath {

    private AbsolutePath() {}

    static boolean isValid(String path) {
        try {
            return !path.isEmpty() && Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}

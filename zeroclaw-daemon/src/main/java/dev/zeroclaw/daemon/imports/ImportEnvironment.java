package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the default locations of the clients' files depend on: the environment ({@code XDG_CONFIG_HOME}),
 * the home directory and the working directory (a workspace's {@code .vscode/} or {@code .cursor/}).
 * A value, so that tests give their own.
 *
 * @param variables the environment variables
 * @param home the user's home directory, absolute
 * @param workDir the working directory, absolute
 */
public record ImportEnvironment(Map<String, String> variables, Path home, Path workDir) {

    public ImportEnvironment {
        variables = Map.copyOf(variables);
        requireNonNull(home, "home is null");
        requireNonNull(workDir, "workDir is null");
    }

    /**
     * This process's environment, home and working directory. The home is {@code $HOME} as the clients
     * (Electron, Node) take it, and the JVM's {@code user.home} (the password database's) without it.
     */
    public static ImportEnvironment current() {
        Map<String, String> variables = System.getenv();
        String home = variables.get("HOME");
        Path homeDir = home != null && !home.isEmpty() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return new ImportEnvironment(variables, homeDir.toAbsolutePath(), Path.of("").toAbsolutePath());
    }

    /** {@code $XDG_CONFIG_HOME} when it is an absolute path, else {@code ~/.config}: where Electron apps keep their settings. */
    Path configHome() {
        String xdg = variables.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return home.resolve(".config");
    }
}

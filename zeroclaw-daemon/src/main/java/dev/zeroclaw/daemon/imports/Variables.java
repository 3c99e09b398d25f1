package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} variables VS Code and Cursor replace in an entry's values. Those that mean the
 * same wherever the daemon runs ({@code ${userHome}}, {@code ${workspaceFolder}} of a workspace's file,
 * {@code ${pathSeparator}}) are replaced at import; the others ({@code ${env:NAME}}, {@code ${input:ID}},
 * {@code ${config:...}}) are the editor's to fill in, and are reported. Claude Desktop has none: its
 * values are taken as written.
 */
final class Variables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");

    private final boolean expands;
    private final Path home;
    private final Optional<Path> workspaceFolder;

    Variables(boolean expands, Path home, Optional<Path> workspaceFolder) {
        this.expands = expands;
        this.home = requireNonNull(home, "home is null");
        this.workspaceFolder = requireNonNull(workspaceFolder, "workspaceFolder is null");
    }

    /**
     * A value with the variables known at import replaced.
     *
     * @param text the value as zeroclaw would take it
     * @param unresolved the variables left in it, as written ({@code ${input:api-key}})
     */
    record Substitution(String text, List<String> unresolved) {

        Substitution {
            requireNonNull(text, "text is null");
            unresolved = List.copyOf(unresolved);
        }
    }

    Substitution substitute(String text) {
        if (!expands) {
            return new Substitution(text, List.of());
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> unresolved = new ArrayList<>();
        while (matcher.find()) {
            Optional<String> value = known(matcher.group(1));
            if (value.isEmpty()) {
                unresolved.add(matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.orElse(matcher.group())));
        }
        matcher.appendTail(out);
        return new Substitution(out.toString(), unresolved);
    }

    /**
     * True when the whole value is one {@code ${env:NAME}}: the reference zeroclaw resolves itself, from
     * the daemon's environment, so it is kept as written.
     */
    boolean isEnvReference(String text) {
        return expands && ENV_REFERENCE.matcher(text).matches();
    }

    private Optional<String> known(String variable) {
        return switch (variable) {
            case "userHome" -> Optional.of(home.toString());
            case "workspaceFolder" -> workspaceFolder.map(Path::toString);
            case "workspaceFolderBasename" -> workspaceFolder.map(Path::getFileName).map(Path::toString);
            case "pathSeparator", "/" -> Optional.of("/");
            default -> Optional.empty();
        };
    }
}

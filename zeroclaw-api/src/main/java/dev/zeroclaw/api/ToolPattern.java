package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A tool name pattern: a name, or a name with one {@code *} standing for any run of characters
 * (none included). Upstream ZeroClaw's {@code tool_filter_groups} patterns ({@code server__tool}
 * globs) allow a single {@code *} as well; so does zeroclaw, so a pattern means the same in both.
 *
 * <p>The one matcher of per-server filters ({@code allowed_tools}, {@code excluded_tools}, against
 * a server's own tool names) and of a bundle's {@code tools} (against exposed names).
 *
 * @param glob the pattern as written; valid ({@link #problem})
 */
public record ToolPattern(String glob) {

    public static final char WILDCARD = '*';

    public ToolPattern {
        requireNonNull(glob, "glob is null");
        Optional<String> problem = problem(glob);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * Why {@code glob} is no pattern, for a config error; empty when it is one. A pattern is not
     * empty, has at most one {@code *}, and otherwise only the characters the MCP specification
     * gives tool names ({@code A-Z a-z 0-9 _ - .}): one with any other could never match.
     */
    public static Optional<String> problem(String glob) {
        if (glob.isEmpty()) {
            return Optional.of("a tool pattern is empty; write a tool name, or a name with one '*'");
        }
        int stars = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == WILDCARD) {
                stars++;
            } else if (!isNameCharacter(c)) {
                return Optional.of("tool pattern '" + glob + "' has " + describe(c) + ", which no tool name has (names use"
                        + " A-Z a-z 0-9 _ - . and a pattern one '*')");
            }
        }
        if (stars > 1) {
            return Optional.of("tool pattern '" + glob + "' has " + stars + " '*'; a pattern has at most one (as upstream"
                    + " ZeroClaw's tool_filter_groups)");
        }
        return Optional.empty();
    }

    /** Whether {@code name} matches: equal, or starting and ending with what surrounds the {@code *}. */
    public boolean matches(String name) {
        int star = glob.indexOf(WILDCARD);
        if (star < 0) {
            return glob.equals(name);
        }
        String head = glob.substring(0, star);
        String tail = glob.substring(star + 1);
        return name.length() >= head.length() + tail.length() && name.startsWith(head) && name.endsWith(tail);
    }

    @Override
    public String toString() {
        return glob;
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    }

    private static String describe(char c) {
        if (Character.isWhitespace(c)) {
            return "a space";
        }
        if (Character.isISOControl(c)) {
            return String.format("a control character (U+%04X)", (int) c);
        }
        return "'" + c + "'";
    }
}

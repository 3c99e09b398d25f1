package dev.zeroclaw.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A server's {@code allowed_tools} and {@code excluded_tools}, matched against the server's own
 * tool names. Exclusion wins; no allowed pattern allows every tool. Immutable.
 *
 * @param allowed patterns of the tools clients see; empty for all
 * @param excluded patterns of the tools clients never see, whatever {@code allowed} says
 */
public record ToolFilter(List<ToolPattern> allowed, List<ToolPattern> excluded) {

    /** Every tool allowed. */
    public static final ToolFilter NONE = new ToolFilter(List.of(), List.of());

    public ToolFilter {
        allowed = List.copyOf(allowed);
        excluded = List.copyOf(excluded);
    }

    /** The filter of these patterns as written; each one valid ({@link ToolPattern#problem}). */
    public static ToolFilter of(List<String> allowed, List<String> excluded) {
        return new ToolFilter(allowed.stream().map(ToolPattern::new).toList(), excluded.stream().map(ToolPattern::new).toList());
    }

    public boolean allows(String tool) {
        return hiddenBy(tool).isEmpty();
    }

    /**
     * The rule that hides {@code tool} from clients, as a user reads it ({@code excluded by
     * excluded_tools pattern 'wr*'}); empty when the tool is allowed.
     */
    public Optional<String> hiddenBy(String tool) {
        for (ToolPattern pattern : excluded) {
            if (pattern.matches(tool)) {
                return Optional.of("excluded by excluded_tools pattern '" + pattern + "'");
            }
        }
        if (allowed.isEmpty() || allowed.stream().anyMatch(pattern -> pattern.matches(tool))) {
            return Optional.empty();
        }
        return Optional.of("not matched by any allowed_tools pattern ("
                + allowed.stream().map(pattern -> "'" + pattern + "'").collect(Collectors.joining(", ")) + ")");
    }

    /** The patterns as written, for {@code toString} and reports. */
    @Override
    public String toString() {
        return "allowed_tools=" + allowed + ", excluded_tools=" + excluded;
    }
}

package dev.zeroclaw.config;

import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.api.ToolPattern;
import java.util.List;
import java.util.Optional;
import org.tomlj.TomlArray;

/**
 * Reads a server's {@code allowed_tools} and {@code excluded_tools} into a {@link ToolFilter}; a
 * pattern that can match no tool name is an error at the pattern itself.
 */
final class ToolFilterReader {

    static final String ALLOWED = "allowed_tools";
    static final String EXCLUDED = "excluded_tools";

    private ToolFilterReader() {}

    /** The filter, or empty when the entry has neither key or one of them is wrong (reported). */
    static Optional<ToolFilter> read(TableReader entry) {
        // Both read before either is judged, so each one's problems are reported.
        Optional<List<String>> allowed = patterns(entry, ALLOWED);
        Optional<List<String>> excluded = patterns(entry, EXCLUDED);
        boolean allowedRead = !entry.has(ALLOWED) || allowed.isPresent();
        boolean excludedRead = !entry.has(EXCLUDED) || excluded.isPresent();
        if (allowed.isEmpty() && excluded.isEmpty() || !allowedRead || !excludedRead) {
            return Optional.empty();
        }
        return Optional.of(ToolFilter.of(allowed.orElse(List.of()), excluded.orElse(List.of())));
    }

    private static Optional<List<String>> patterns(TableReader entry, String key) {
        Optional<List<String>> globs = entry.strings(key);
        if (globs.isEmpty()) {
            return globs;
        }
        TomlArray array = (TomlArray) entry.table().get(List.of(key));
        boolean valid = true;
        for (int i = 0; i < globs.get().size(); i++) {
            Optional<String> problem = ToolPattern.problem(globs.get().get(i));
            if (problem.isPresent()) {
                valid = false;
                entry.report(ValuePosition.of(array, i, entry.valuePosition(key)), "'" + key + "[" + i + "]': " + problem.get());
            }
        }
        return valid ? globs : Optional.empty();
    }
}

package dev.zeroclaw.gateway.deferred;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.ToolPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of the tools a session may see answer a {@code tool_search} query, best first.
 *
 * <p>A query with a {@code *} is a glob over the exposed names ({@link ToolPattern}: one {@code *},
 * case-sensitive, {@code github__get_*}); its matches come in list order (config order). Any other
 * query is split into lower-case terms at everything but letters and digits, and each tool is
 * scored per term:
 * <ul>
 *   <li>8 when the term is a word of the exposed name (words split at {@code _ - .} and at a
 *       lower-to-upper case change: {@code getTinyImage} is get, tiny, image), else 4 when the name
 *       holds it;
 *   <li>plus 2 when the term is a word of the description, else 1 when the description holds it;
 *   <li>plus 16 once when the whole query is the tool's own name or its exposed name.
 * </ul>
 * A tool that scores 0 is no match. Ties keep list order, so equal matches come by server.
 */
public final class ToolSearch {

    static final int NAME_WORD = 8;
    static final int IN_NAME = 4;
    static final int DESCRIPTION_WORD = 2;
    static final int IN_DESCRIPTION = 1;
    static final int WHOLE_NAME = 16;

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern CASE_CHANGE = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");
    private static final String SEPARATOR = "__";

    private ToolSearch() {}

    /** One match: the tool's entry as the session's list holds it, and its score (0 for a glob). */
    public record Match(JsonNode tool, int score) {
        public Match {
            requireNonNull(tool, "tool is null");
        }
    }

    /**
     * The tools of {@code tools} (entries of the gateway's {@code tools/list}) that {@code query}
     * finds, best first.
     *
     * @throws IllegalArgumentException for an empty query or a glob that is no {@link ToolPattern},
     *     with a message for the model that asked
     */
    public static List<Match> search(String query, List<JsonNode> tools) {
        requireNonNull(query, "query is null");
        String trimmed = query.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("query is empty; give words to look for (\"read file\") or a name"
                    + " pattern with one '*' (\"filesystem__*\")");
        }
        if (trimmed.indexOf(ToolPattern.WILDCARD) >= 0) {
            Optional<String> problem = ToolPattern.problem(trimmed);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
            ToolPattern pattern = new ToolPattern(trimmed);
            return tools.stream().filter(tool -> pattern.matches(name(tool))).map(tool -> new Match(tool, 0)).toList();
        }
        List<String> terms = words(trimmed);
        List<Match> matches = new ArrayList<>();
        for (JsonNode tool : tools) {
            int score = score(trimmed.toLowerCase(Locale.ROOT), terms, tool);
            if (score > 0) {
                matches.add(new Match(tool, score));
            }
        }
        // A stable sort: ties keep list order.
        matches.sort(Comparator.comparingInt(Match::score).reversed());
        return matches;
    }

    static int score(String query, List<String> terms, JsonNode tool) {
        String name = name(tool);
        String lowerName = name.toLowerCase(Locale.ROOT);
        Set<String> nameWords = Set.copyOf(words(name));
        String description = tool.path("description").asText("").toLowerCase(Locale.ROOT);
        Set<String> descriptionWords = Set.copyOf(words(description));
        int score = 0;
        for (String term : terms) {
            if (nameWords.contains(term)) {
                score += NAME_WORD;
            } else if (lowerName.contains(term)) {
                score += IN_NAME;
            }
            if (descriptionWords.contains(term)) {
                score += DESCRIPTION_WORD;
            } else if (description.contains(term)) {
                score += IN_DESCRIPTION;
            }
        }
        int separator = lowerName.indexOf(SEPARATOR);
        String own = separator < 0 ? lowerName : lowerName.substring(separator + SEPARATOR.length());
        if (score > 0 && (query.equals(lowerName) || query.equals(own))) {
            score += WHOLE_NAME;
        }
        return score;
    }

    /** The lower-case words of {@code text}: split at non-alphanumerics and at a lower-to-upper case change. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String part : NOT_ALPHANUMERIC.split(text)) {
            for (String word : CASE_CHANGE.split(part)) {
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        return words;
    }

    private static String name(JsonNode tool) {
        return tool.path("name").asText("");
    }
}

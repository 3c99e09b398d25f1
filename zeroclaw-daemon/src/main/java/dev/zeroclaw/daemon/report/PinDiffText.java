package dev.zeroclaw.daemon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code zeroclaw tools diff} as text: per tool, a unified diff (with full context: a definition is
 * a screenful) of the pinned definition against the listed one, both as indented JSON with sorted keys.
 */
public final class PinDiffText {

    private PinDiffText() {}

    /** @param diff the control socket's {@code tools-diff} reply */
    public static String render(JsonNode diff, ObjectMapper json) {
        String server = diff.path("server").asText();
        StringBuilder out = new StringBuilder();
        if (diff.path("tools").isEmpty()) {
            return out.append("server ").append(server).append(": every tool matches its pin\n").toString();
        }
        for (JsonNode tool : diff.path("tools")) {
            String name = server + "/" + tool.path("tool").asText();
            out.append("--- pinned ").append(name).append('\n');
            out.append("+++ listed ").append(name).append(" (").append(tool.path("change").asText()).append(")\n");
            lines(out, lines(tool.get("pinned"), json), lines(tool.get("listed"), json));
        }
        return out.toString();
    }

    private static List<String> lines(JsonNode definition, ObjectMapper json) {
        if (definition == null || definition.isNull()) {
            return List.of();
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(definition).lines().toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    /** The lines of a longest-common-subsequence diff: kept ones with a space, removed with -, added with +. */
    static void lines(StringBuilder out, List<String> before, List<String> after) {
        int[][] common = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                diff.add(" " + before.get(i++));
                j++;
            } else if (i < before.size() && (j == after.size() || common[i + 1][j] >= common[i][j + 1])) {
                // On a tie the removed line first, as diff -u prints them.
                diff.add("-" + before.get(i++));
            } else {
                diff.add("+" + after.get(j++));
            }
        }
        diff.forEach(line -> out.append(line).append('\n'));
    }
}

package dev.zeroclaw.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A reload report document as a few lines for a terminal. */
public final class ReloadText {

    private ReloadText() {}

    public static String render(JsonNode report, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        if (!report.path("ok").asBoolean()) {
            for (JsonNode error : report.path("errors")) {
                out.append(location(error)).append(": ").append(error.path("message").asText()).append('\n');
            }
            out.append(dryRun ? "dry run: the config is invalid\n"
                    : "reload refused: the config is invalid; nothing was touched, the previous configuration keeps running\n");
            return out.toString();
        }
        String sha = report.path("config_sha256").asText("");
        if (dryRun) {
            out.append("dry run (nothing applied), config sha256 ").append(abbreviate(sha)).append('\n');
        } else {
            out.append("reload ").append(report.path("id").asLong()).append(" (").append(report.path("trigger").asText())
                    .append(") in ").append(report.path("duration_ms").asDouble()).append(" ms, config sha256 ")
                    .append(abbreviate(sha)).append('\n');
        }
        int added = report.path("added").size();
        int removed = report.path("removed").size();
        int restarted = report.path("restarted").size();
        int updated = report.path("updated").size();
        if (added + removed + restarted + updated == 0) {
            out.append("no change: ").append(report.path("unchanged").size()).append(" unchanged\n");
        } else {
            out.append(added).append(" added, ").append(removed).append(" removed, ").append(restarted)
                    .append(" restarted, ").append(updated).append(" updated, ")
                    .append(report.path("unchanged").size()).append(" unchanged\n");
            report.path("added").forEach(name -> out.append("  + ").append(name.asText()).append('\n'));
            report.path("removed").forEach(name -> out.append("  - ").append(name.asText()).append('\n'));
            changes(out, "~", "restart", report.path("restarted"));
            changes(out, "*", "update", report.path("updated"));
        }
        for (JsonNode failure : report.path("failed")) {
            out.append("  ! ").append(failure.path("name").asText()).append(" failed: ")
                    .append(failure.path("error").asText()).append('\n');
        }
        return out.toString();
    }

    private static void changes(StringBuilder out, String mark, String verb, JsonNode changes) {
        for (JsonNode change : changes) {
            List<String> fields = new ArrayList<>();
            change.path("fields").forEach(field -> fields.add(field.asText()));
            out.append("  ").append(mark).append(' ').append(change.path("name").asText()).append(" (").append(verb)
                    .append(": ").append(String.join(", ", fields)).append(")\n");
        }
    }

    private static String location(JsonNode error) {
        int line = error.path("line").asInt();
        return line == 0 ? error.path("file").asText()
                : error.path("file").asText() + ":" + line + ":" + error.path("column").asInt();
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}

package dev.zeroclaw.daemon.report;

/** One event of {@code zeroclaw events} as one line for a terminal. */
public final class EventText {

    private EventText() {}

    public static String line(JsonTree event) {
        StringBuilder out = new StringBuilder(event.path("time").asText()).append(' ');
        switch (event.path("type").asText()) {
            case "server_state" -> {
                out.append("server ").append(event.path("server").asText()).append(' ').append(event.path("state").asText())
                        .append(" (was ").append(event.path("previous").asText()).append(')');
                if (!event.path("pid").isNull() && !event.path("pid").isMissing()) {
                    out.append(" pid ").append(event.path("pid").asText());
                }
                if (event.has("error") && !event.path("error").isNull()) {
                    out.append(": ").append(event.path("error").asText());
                }
            }
            case "reload" -> reload(event.path("report"), out);
            case "list_changed" -> out.append("list changed: ").append(event.path("server").asText()).append(' ')
                    .append(event.path("list").asText());
            case "session_opened", "session_closed" -> out.append("session ").append(event.path("session").asText())
                    .append(event.path("type").asText().equals("session_opened") ? " opened" : " closed")
                    .append(" (client \"").append(event.path("client").asText()).append("\")");
            case "dropped" -> out.append("[zeroclaw: ").append(event.path("count").asText())
                    .append(" events dropped here: this command read them more slowly than they came]");
            default -> out.append(event.path("type").asText()).append(' ').append(event.toJson());
        }
        return out.toString();
    }

    private static void reload(JsonTree report, StringBuilder out) {
        out.append("reload ").append(report.path("id").asText()).append(" (").append(report.path("trigger").asText()).append(") ");
        if (!report.path("ok").asBoolean()) {
            out.append("refused: the config is invalid (").append(report.path("errors").size())
                    .append(" errors); nothing was touched");
            return;
        }
        out.append(report.path("failed").isEmpty() ? "applied" : "applied, some servers failed")
                .append(" in ").append(report.path("duration_ms").asText()).append(" ms:");
        for (String outcome : new String[] {"added", "removed", "restarted", "updated", "unchanged", "failed"}) {
            out.append(' ').append(outcome).append('=').append(report.path(outcome).size());
        }
        for (JsonTree failure : report.path("failed")) {
            out.append("; ").append(failure.path("name").asText()).append(": ").append(failure.path("error").asText());
        }
    }
}

package dev.zeroclaw.daemon.report;

/** One entry of {@code zeroclaw logs} as one line for a terminal. */
public final class LogText {

    private LogText() {}

    /**
     * {@code 2026-11-30T22:13:16.123Z fs[4242] the line}, {@code --- fs instance 3 pid 4242 started
     * 2026-...} before an instance's lines, or the count of lines dropped for a slow follower.
     */
    public static String line(JsonTree entry) {
        String time = entry.path("time").asText();
        String server = entry.path("server").asText();
        JsonTree pid = entry.path("pid");
        boolean hasPid = !pid.isNull() && !pid.isMissing();
        switch (entry.path("type").asText()) {
            case "stderr":
                return time + " " + server + (hasPid ? "[" + pid.asText() + "]" : "#" + entry.path("instance").asText()) + " "
                        + entry.path("line").asText();
            case "instance_started":
                return "--- " + server + " instance " + entry.path("instance").asText() + (hasPid ? " pid " + pid.asText() : "")
                        + " started " + time;
            case "dropped":
                return "--- [zeroclaw: " + entry.path("count").asText()
                        + " lines dropped here: this command read them more slowly than the server wrote them]";
            default:
                return entry.toJson();
        }
    }
}

package dev.zeroclaw.config.secret;

/** Secrets read from a program or a file end where their last line break starts, as upstream trims op's output. */
final class LineBreaks {

    private LineBreaks() {}

    /** {@code text} without its trailing {@code \r} and {@code \n} characters. */
    static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}

package dev.zeroclaw.daemon.report;

import dev.zeroclaw.api.ConfigError;
import java.util.List;

/** Config errors as terminal lines: {@code file:line:column: message}, then a count. */
public final class ErrorList {

    private ErrorList() {}

    public static String render(String file, List<ConfigError> errors) {
        StringBuilder out = new StringBuilder();
        errors.forEach(error -> out.append(error).append('\n'));
        out.append(file).append(": ")
                .append(errors.size() == 1 ? "1 error" : errors.size() + " errors")
                .append('\n');
        return out.toString();
    }
}

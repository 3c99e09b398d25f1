package dev.zeroclaw.daemon.report;

import dev.zeroclaw.api.ConfigError;
import java.util.List;

/**
 * Config warnings as terminal lines: {@code file:line:column: warning: message}, the form compilers
 * use, so an editor links them and a reader tells them from errors.
 */
public final class WarningList {

    private WarningList() {}

    public static String render(List<ConfigError> warnings) {
        StringBuilder out = new StringBuilder();
        warnings.forEach(warning -> out.append(line(warning)));
        return out.toString();
    }

    static String line(ConfigError warning) {
        // no string concatenation: zeroclaw reload prints this on its client path (see PlanSummary)
        return new StringBuilder().append(warning.location()).append(": warning: ").append(warning.message()).append('\n')
                .toString();
    }
}

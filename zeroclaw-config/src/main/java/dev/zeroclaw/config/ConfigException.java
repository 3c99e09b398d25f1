package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used, with every problem found in it.
 *
 * <p>The message is the errors one per line in {@code file:line:column: message} form, ready to
 * print. It never contains a secret value ({@code env}, {@code headers}).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /** A user's mistake, not a program's: no stack trace is captured, none is ever printed. */
    public ConfigException(List<ConfigError> errors) {
        super(render(errors), null, false, false);
        this.errors = List.copyOf(errors);
        if (this.errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
    }

    /** Every problem found, in file order as far as the checks allow. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors) {
        requireNonNull(errors, "errors is null");
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}

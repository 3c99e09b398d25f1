package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built-in {@code stdio} transport: each server is a child process; see {@link StdioTransport}. */
public final class StdioTransportProvider implements TransportProvider {

    public static final String NAME = "stdio";

    /** For {@link java.util.ServiceLoader}. */
    public StdioTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A {@code command} is required; a {@code cwd}, when given, must be an existing directory; stdio
     * takes no {@code options}. Whether the command exists is left to the start: the daemon's PATH
     * then may differ from the one {@code config check} runs with. The settings of remote servers
     * ({@code url}, {@code headers}, {@code tls_ca_cert_path}) never reach a stdio server's spec:
     * the config reader drops them with a warning, as upstream ZeroClaw ignores them.
     */
    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        requireNonNull(entry, "entry is null");
        ServerSpec spec = entry.spec();
        List<ConfigError> errors = new ArrayList<>();
        if (spec.command().isBlank()) {
            errors.add(entry.errorAt("command",
                    "a stdio server needs a command, the program to run, e.g. command = \"npx\""));
        }
        spec.options().keys().forEach(key -> errors.add(entry.errorAt("options." + key,
                "the stdio transport has no options; its settings are command, args, env and cwd")));
        spec.cwd().ifPresent(cwd -> {
            String problem = cwdProblem(cwd);
            if (problem != null) {
                errors.add(entry.errorAt("cwd", problem));
            }
        });
        return List.copyOf(errors);
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        return new StdioTransport(spec, context);
    }

    /** What is wrong with {@code cwd}, or null when it is an existing directory. */
    private static String cwdProblem(String cwd) {
        Path directory;
        try {
            directory = Path.of(cwd);
        } catch (InvalidPathException e) {
            return "cwd '" + cwd + "' is not a valid path";
        }
        if (Files.isDirectory(directory)) {
            return null;
        }
        return Files.exists(directory)
                ? "cwd '" + cwd + "' is not a directory"
                : "cwd '" + cwd + "' does not exist; create it or change cwd";
    }
}

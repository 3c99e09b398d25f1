package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.ServerPrefixes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a client's configuration files and turns their servers into zeroclaw's. */
public final class ClientImporter {

    private final ImportEnvironment environment;

    public ClientImporter(ImportEnvironment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /**
     * The servers of {@code file}, or of the client's default files when it is empty: every one of
     * them that exists, a later file's server replacing an earlier one of the same name (ignoring case).
     *
     * @throws ImportException when a file cannot be read or is not the client's JSON, or when no file is
     *     named and none of the defaults exists
     */
    public ImportReport read(ClientFormat format, Optional<Path> file) throws ImportException {
        requireNonNull(format, "format is null");
        requireNonNull(file, "file is null");
        List<Path> sources = file.isPresent() ? List.of(file.get()) : existingDefaults(format);
        ImportWarnings warnings = new ImportWarnings();
        // Lower-cased name -> the server; names are unique ignoring case in zeroclaw.
        Map<String, Source> servers = new LinkedHashMap<>();
        for (Path source : sources) {
            ClientConfigFile config = ClientConfigFile.read(format, source);
            config.notes().forEach(note -> warnings.add(source + ": " + note));
            if (config.servers().isEmpty()) {
                continue;
            }
            Variables variables = new Variables(format.expandsVariables(), environment.home(), config.workspaceFolder());
            ServerMapper mapper = new ServerMapper(format, variables, config.inputs(), warnings);
            Map<String, Source> fromThisFile = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = config.servers().get().fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String key = ServerPrefixes.asciiLowerCase(entry.getKey().strip());
                Source same = fromThisFile.get(key);
                if (same != null) {
                    warnings.add("server " + ServerMapper.quoted(entry.getKey()) + ": the name of server "
                            + ServerMapper.quoted(same.server().name()) + " ignoring case, which zeroclaw does not tell"
                            + " apart; left out");
                    continue;
                }
                mapper.map(entry.getKey(), entry.getValue()).ifPresent(server -> fromThisFile.put(key, new Source(server, source)));
            }
            fromThisFile.forEach((key, server) -> {
                Source replaced = servers.put(key, server);
                if (replaced != null) {
                    warnings.add("server " + ServerMapper.quoted(server.server().name()) + " of " + source + " replaces the one of "
                            + replaced.file());
                }
            });
        }
        return new ImportReport(format, sources, servers.values().stream().map(Source::server).toList(), warnings.lines(),
                warnings.literalSecrets());
    }

    private List<Path> existingDefaults(ClientFormat format) throws ImportException {
        List<Path> defaults = format.defaultFiles(environment);
        List<Path> existing = defaults.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            throw new ImportException("no " + format.displayName() + " configuration found (looked for "
                    + String.join(", ", defaults.stream().map(Path::toString).toList())
                    + "); name the file: zeroclaw import " + format.cliName() + " FILE");
        }
        return existing;
    }

    private record Source(ImportedServer server, Path file) {}
}

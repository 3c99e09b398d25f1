package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import found: the servers, in the clients' order, the files read, and the warnings (a
 * secret carried over, a field not mapped, a server left out), one line each, never with a value.
 *
 * @param format the client
 * @param sources the files read, the least specific first
 * @param servers the servers imported
 * @param warnings the warnings, in the order of the files and their servers
 * @param literalSecrets how many {@code env} and {@code headers} values were carried over as written
 */
public record ImportReport(ClientFormat format, List<Path> sources, List<ImportedServer> servers, List<String> warnings,
        int literalSecrets) {

    public ImportReport {
        requireNonNull(format, "format is null");
        if (literalSecrets < 0) {
            throw new IllegalArgumentException("literalSecrets is negative");
        }
        sources = List.copyOf(sources);
        servers = List.copyOf(servers);
        warnings = List.copyOf(warnings);
    }
}

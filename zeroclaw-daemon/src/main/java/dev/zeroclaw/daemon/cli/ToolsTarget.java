package dev.zeroclaw.daemon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code zeroclaw tools approve} and {@code tools diff} share (a picocli mixin): the server, its daemon, {@code --json}. */
final class ToolsTarget {

    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, as named in the config")
    String server;

    @Option(names = "--json", description = "print the daemon's reply as one JSON document")
    boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    Path runtimeDir;
}

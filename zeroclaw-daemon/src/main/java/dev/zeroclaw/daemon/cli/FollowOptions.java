package dev.zeroclaw.daemon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code zeroclaw logs} and {@code events} share (a picocli mixin): {@code -f}, {@code --json}, the daemon. */
final class FollowOptions {

    @Option(names = {"-f", "--follow"}, description = "then print new ones as they come, until interrupted or the daemon stops")
    boolean follow;

    @Option(names = "--json", description = "one JSON object per line, each with time and type")
    boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    Path runtimeDir;
}

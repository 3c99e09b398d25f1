package dev.zeroclaw.daemon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code zeroclaw auth login|status|logout} share (a picocli mixin): the config, the token store, the daemon. */
final class AuthOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "the daemon's state directory, where the tokens are kept (in oauth/), as 'zeroclaw daemon"
                    + " --state-dir' (default: [mcp] state_dir, else $XDG_STATE_HOME/zeroclaw, else ~/.zeroclaw/state)")
    Path stateDir;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the running daemon's runtime directory, to tell it (default: $XDG_RUNTIME_DIR/zeroclaw,"
                    + " else ~/.zeroclaw/run)")
    Path runtimeDir;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean asJson;
}

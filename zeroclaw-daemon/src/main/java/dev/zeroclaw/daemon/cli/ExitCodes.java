package dev.zeroclaw.daemon.cli;

import dev.zeroclaw.daemon.run.Daemon;

/**
 * Exit codes, named for what they mean to the command that returns them. They are part of the
 * contract (DESIGN.md, "What the user runs"; the README's table of commands): scripts and systemd
 * read them, so a value never changes.
 */
public final class ExitCodes {

    /** Every command: it did what was asked. */
    public static final int OK = 0;
    /** Every command: a usage mistake (an unknown option, a missing subcommand); picocli's own code. */
    public static final int USAGE = 2;
    /** Every command: a bug in zeroclaw, never a user's mistake (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;

    /** {@code reload}: applied, or nothing to do. */
    public static final int RELOAD_APPLIED = 0;
    /** {@code reload}: the configuration is invalid; nothing was touched. */
    public static final int RELOAD_INVALID = 1;
    /** {@code reload}: applied, but some servers failed to start. */
    public static final int RELOAD_SOME_SERVERS_FAILED = 2;
    /**
     * {@code reload}, {@code status}, {@code logs}, {@code events}: no daemon answers on the control
     * socket (or, following, it went away).
     */
    public static final int DAEMON_UNREACHABLE = 3;

    /**
     * {@code reload}, {@code status}: the daemon answered "busy" (every control connection was in
     * use) until the command gave up; nothing was done, try again.
     */
    public static final int DAEMON_BUSY = 4;

    /** {@code tools approve|diff}: the daemon refused (an unknown server or tool, nothing to approve). */
    public static final int TOOLS_REFUSED = 1;

    /**
     * {@code auth login|status|logout}: not done (an unknown or non-OAuth server, a refused or timed-out login, a
     * bad config, a token store that cannot be read or changed).
     */
    public static final int AUTH_FAILED = 1;

    /** {@code logs}, {@code events}: the daemon refused (an unknown server). */
    public static final int STREAM_REFUSED = 1;

    /** {@code status}: the daemon answered but refused the request. */
    public static final int STATUS_REFUSED = 1;

    /** {@code config check}: the file is valid. */
    public static final int CONFIG_VALID = 0;
    /** {@code config check}: the file is invalid. */
    public static final int CONFIG_INVALID = 1;

    /** {@code diff}: the two files plan no change. */
    public static final int DIFF_NO_CHANGE = 0;
    /** {@code diff}: the two files differ in a way that changes servers. */
    public static final int DIFF_CHANGES = 1;
    /** {@code diff}: a file could not be read or is invalid. */
    public static final int DIFF_BAD_INPUT = 2;

    /** {@code daemon}: it ran and stopped on SIGTERM or SIGINT. */
    public static final int DAEMON_STOPPED = Daemon.STOPPED;
    /** {@code daemon}: it could not start (a bad configuration, another daemon, the gateway's address). */
    public static final int DAEMON_NOT_STARTED = Daemon.NOT_STARTED;

    /** {@code transports}: a plugin folder has a problem (no provider, a broken jar). */
    public static final int TRANSPORTS_PLUGIN_PROBLEM = 1;

    /** {@code connect}: the configuration needed to find the gateway is invalid. */
    public static final int CONNECT_CONFIG_INVALID = 1;

    /** {@code init}: the config file exists (it is never overwritten), or it cannot be written. */
    public static final int INIT_NOT_WRITTEN = 1;

    /**
     * {@code import}: the client's file cannot be read or is not its JSON, the TOML would not pass the
     * parser, or {@code --write} refused (the config is invalid, already names a server, cannot be written).
     */
    public static final int IMPORT_FAILED = 1;

    /** {@code demo-server}: an unknown tool set or a bad page size. */
    public static final int DEMO_SERVER_BAD_OPTION = 2;

    private ExitCodes() {}
}

package dev.zeroclaw.daemon.cli;

/** Exit codes are part of the contract (DESIGN.md, "What the user runs"). */
public final class ExitCodes {

    public static final int OK = 0;
    /** {@code config check}: invalid. {@code diff}: changes found. */
    public static final int INVALID_OR_CHANGED = 1;
    /** {@code diff}: an input could not be used. Also every usage error. */
    public static final int BAD_INPUT = 2;
    /** A bug in zeroclaw, never a user's mistake (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}

package dev.zeroclaw.process;

import jnr.constants.platform.Signal;

/**
 * How a process ended, as {@link Process#exitValue()} reports it.
 *
 * <p>The JDK folds a death by signal into the value {@code 128 + signal}, like a shell does, so
 * a program that calls {@code exit(137)} reads the same as one killed by SIGKILL; the kernel's
 * distinction is not available without reaping the child ourselves, which the JDK already does.
 *
 * @param value the exit value
 */
record ExitStatus(int value) {

    private static final int SIGNAL_BASE = 128;
    private static final int LAST_SIGNAL = 64;

    /**
     * The status {@code waitpid(2)} reported, folded as the JDK folds it: a death by signal reads
     * {@code 128 + signal}.
     */
    static ExitStatus ofWaitStatus(int raw) {
        int signal = raw & 0x7f;
        return signal == 0 ? new ExitStatus((raw >> 8) & 0xff) : new ExitStatus(SIGNAL_BASE + signal);
    }

    /** Ended by itself with status 0. */
    boolean isSuccess() {
        return value == 0;
    }

    /** {@code exited with status 3}, or {@code killed by signal 9 (SIGKILL)}. */
    String describe() {
        int signal = value - SIGNAL_BASE;
        if (signal < 1 || signal > LAST_SIGNAL) {
            return "exited with status " + value;
        }
        Signal known = Signal.valueOf(signal);
        return known.defined()
                ? "killed by signal " + signal + " (" + known.name() + ")"
                : "killed by signal " + signal;
    }
}

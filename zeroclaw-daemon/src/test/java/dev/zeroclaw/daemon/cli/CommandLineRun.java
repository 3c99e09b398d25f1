package dev.zeroclaw.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the zeroclaw command: what a user would see on each stream. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}

package dev.zeroclaw.daemon.cli;

import com.google.inject.Injector;
import dev.zeroclaw.daemon.config.ConfigModule;
import dev.zeroclaw.daemon.run.TransportModule;
import dev.zeroclaw.daemon.wiring.Bootstrap;
import dev.zeroclaw.daemon.wiring.JsonModule;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The {@code zeroclaw} command. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** Runs one command line and returns its exit code; tests call this in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Injector injector = Bootstrap.of(new CliModule(), new JsonModule(), new TransportModule(), new ConfigModule()).initialize();
        CommandLine commandLine = new CommandLine(ZeroclawCommand.class, new GuiceFactory(injector));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            // A user's mistake never gets here; this is a bug, so keep the trace in the log.
            log.error("internal error in '{}'", failed.getCommandName(), exception);
            failed.getErr().println("zeroclaw: internal error: " + exception
                    + " (this is a bug in zeroclaw; the log has the stack trace)");
            return ExitCodes.INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }
}

package dev.zeroclaw.daemon.cli;

import com.google.inject.Injector;
import dev.zeroclaw.daemon.config.ConfigModule;
import dev.zeroclaw.daemon.run.TransportModule;
import dev.zeroclaw.daemon.wiring.Bootstrap;
import dev.zeroclaw.daemon.wiring.JsonModule;
import dev.zeroclaw.signal.SignalDispatcher;
import java.io.PrintWriter;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The {@code zeroclaw} command. */
public final class Main {

    private Main() {}

    /** The JDK's option naming the headers its HTTP client lets a caller set although it sets them itself. */
    static final String ALLOW_RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // status and reload first, before picocli, Guice and the rest are loaded: they live a fraction of a
        // second, most of it the JVM's start (docs/benchmarks.md, "Client commands").
        int exitCode = ClientCommands.run(args, out, err);
        if (exitCode == ClientCommands.NOT_HANDLED) {
            exitCode = fullCommandLine(args, out, err);
        }
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    private static int fullCommandLine(String[] args, PrintWriter out, PrintWriter err) {
        allowHostHeader();
        if (args.length > 0 && args[0].equals("daemon")) {
            // First, before the seconds of wiring, logging and starting: until a handler is installed SIGHUP ends the
            // JVM. Signals are held until the daemon takes them (a HUP then makes one reload once it is ready).
            // No static logger in this class for the same reason: Logback's start is slow.
            SignalDispatcher.holdUntilInstalled();
            tellJettyTheReferenceSize();
        }
        return execute(args, out, err);
    }

    /** Jetty's option for how many object references fill a cache line (a padding hint against false sharing). */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /**
     * Unless the option is set, Jetty asks the platform MBean server whether the JVM compresses object
     * references, and starting JMX for that question costs the daemon's start a tenth of a second or more
     * (docs/benchmarks.md, "Daemon start"). The answer follows from the heap's size: the JVM compresses
     * references for any heap under 32 GiB (the launchers give 256 MiB). A wrong guess only changes padding.
     */
    static void tellJettyTheReferenceSize() {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            int cacheLineBytes = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
            boolean compressed = Runtime.getRuntime().maxMemory() < (32L << 30);
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, Integer.toString(cacheLineBytes / (compressed ? 4 : 8)));
        }
    }

    /**
     * Lets the http and sse transports send {@code Host} themselves. They must for a server whose
     * host {@link java.net.URI} cannot hold ({@code mcp_server.local}: upstream ZeroClaw accepts an
     * underscore, docker-compose names services so), which they reach at its address. The JDK reads
     * the option once, when its HTTP client is first used: so here, before anything is.
     */
    static void allowHostHeader() {
        String allowed = System.getProperty(ALLOW_RESTRICTED_HEADERS, "").trim();
        boolean hasHost = Arrays.stream(allowed.split(",")).anyMatch(name -> name.trim().equalsIgnoreCase("host"));
        if (!hasHost) {
            System.setProperty(ALLOW_RESTRICTED_HEADERS, allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }

    /** Runs one command line and returns its exit code; tests call this in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Injector injector = Bootstrap.of(new CliModule(), new JsonModule(), new TransportModule(), new ConfigModule()).initialize();
        CommandLine commandLine = new CommandLine(ZeroclawCommand.class, GuiceFactory.of(injector));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            // A user's mistake never gets here; this is a bug, so keep the trace in the log.
            LoggerFactory.getLogger(Main.class).error("internal error in '{}'", failed.getCommandName(), exception);
            failed.getErr().println("zeroclaw: internal error: " + exception
                    + " (this is a bug in zeroclaw; the log has the stack trace)");
            return ExitCodes.INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }
}

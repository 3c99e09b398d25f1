package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.JsonTree;
import dev.zeroclaw.daemon.report.ReloadText;
import dev.zeroclaw.daemon.report.ServerStatusText;
import dev.zeroclaw.daemon.report.StatusTable;
import dev.zeroclaw.signal.RuntimeDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code zeroclaw status} and {@code zeroclaw reload}: one request to the daemon's control socket, its
 * reply printed. {@link Main} runs them before picocli and Guice when the arguments are exactly what
 * these commands take ({@link #run}), and {@link StatusCommand} and {@link ReloadCommand} run the same
 * code after picocli parsed them: one output, whichever path. On this path only the JDK, jackson-core
 * and the few classes of ours it names load (docs/benchmarks.md, "Client commands").
 */
final class ClientCommands {

    /** What {@link #run} returns for arguments it leaves to picocli. */
    static final int NOT_HANDLED = -1;

    private static final String STATUS_REQUEST = "{\"command\":\"status\"}";
    private static final String RELOAD_REQUEST = "{\"command\":\"reload\",\"dry_run\":false}";
    private static final String DRY_RUN_REQUEST = "{\"command\":\"reload\",\"dry_run\":true}";

    private ClientCommands() {}

    /**
     * Runs {@code status} or {@code reload} when {@code args} hold that command and nothing but its
     * options ({@code --json}, {@code --dry-run} for reload, {@code --runtime-dir DIR}), each at most
     * once; else returns {@link #NOT_HANDLED}, and picocli takes the arguments: its help, its version,
     * its messages for a mistake and its {@code @file} expansion stay as they are.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !(args[0].equals("status") || args[0].equals("reload"))) {
            return NOT_HANDLED;
        }
        boolean reload = args[0].equals("reload");
        boolean asJson = false;
        boolean dryRun = false;
        Path runtimeDir = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json") && !asJson) {
                asJson = true;
            } else if (reload && arg.equals("--dry-run") && !dryRun) {
                dryRun = true;
            } else if (runtimeDir == null && (arg.equals("--runtime-dir") || arg.startsWith("--runtime-dir="))) {
                String value;
                if (arg.equals("--runtime-dir")) {
                    if (i + 1 == args.length) {
                        return NOT_HANDLED;
                    }
                    value = args[++i];
                } else {
                    value = arg.substring("--runtime-dir=".length());
                }
                // An empty value, one that reads as an option or an @file: picocli decides what it means.
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return NOT_HANDLED;
                }
                runtimeDir = Path.of(value);
            } else {
                return NOT_HANDLED;
            }
        }
        return reload ? reload(runtimeDir, dryRun, asJson, out, err) : status(runtimeDir, asJson, out, err);
    }

    /** {@code zeroclaw status}; {@code runtimeDir} null for the default one. Returns the exit code. */
    static int status(Path runtimeDir, boolean asJson, PrintWriter out, PrintWriter err) {
        return status(runtimeDir, STATUS_REQUEST, false, asJson, out, err);
    }

    /**
     * What a client prints when the daemon did not answer: not reachable (exit code 3), or busy
     * (exit code 4, with {@code busyAdvice}). Returns the exit code.
     */
    static int noAnswer(Exception e, String busyAdvice, PrintWriter err) {
        if (e instanceof DaemonBusyException) {
            err.println("zeroclaw: " + e.getMessage() + "; " + busyAdvice);
            return ExitCodes.DAEMON_BUSY;
        }
        err.println("zeroclaw: " + e.getMessage());
        return ExitCodes.DAEMON_UNREACHABLE;
    }

    /**
     * {@code zeroclaw status} or, {@code forServer}, {@code zeroclaw status <server>} ({@code request}
     * names the server; an unknown one is refused, exit code 1). Returns the exit code.
     */
    static int status(Path runtimeDir, String request, boolean forServer, boolean asJson, PrintWriter out, PrintWriter err) {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        JsonTree reply;
        try {
            reply = new ControlClient().send(socket(runtimeDir), request, ControlClient.BUSY_PATIENCE);
        } catch (DaemonUnreachableException | DaemonBusyException e) {
            return noAnswer(e, "try again", err);
        }
        if (!reply.path("ok").asBoolean(false)) {
            err.println("zeroclaw: the daemon refused: " + reply.path("error").asText());
            return ExitCodes.STATUS_REFUSED;
        }
        if (asJson) {
            out.println(reply.toJson());
        } else {
            out.print(forServer ? ServerStatusText.render(reply) : StatusTable.render(reply));
        }
        return ExitCodes.OK;
    }

    /** {@code zeroclaw reload [--dry-run]}; {@code runtimeDir} null for the default one. Returns the exit code. */
    static int reload(Path runtimeDir, boolean dryRun, boolean asJson, PrintWriter out, PrintWriter err) {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        JsonTree report;
        try {
            report = new ControlClient().send(socket(runtimeDir), dryRun ? DRY_RUN_REQUEST : RELOAD_REQUEST,
                    ControlClient.BUSY_PATIENCE);
        } catch (DaemonUnreachableException | DaemonBusyException e) {
            return noAnswer(e, "nothing was reloaded, try again", err);
        }
        if (report.has("error")) {
            err.println("zeroclaw: " + report.path("error").asText());
            return ExitCodes.RELOAD_INVALID;
        }
        boolean ok = report.path("ok").asBoolean();
        if (asJson) {
            out.println(report.toJson());
        } else if (ok) {
            out.print(ReloadText.render(report, dryRun));
        } else {
            err.print(ReloadText.render(report, dryRun));
        }
        if (!ok) {
            return ExitCodes.RELOAD_INVALID;
        }
        return report.path("failed").isEmpty() ? ExitCodes.RELOAD_APPLIED : ExitCodes.RELOAD_SOME_SERVERS_FAILED;
    }

    /** The control socket in {@code runtimeDir}, or in the default runtime directory for null. */
    static Path socket(Path runtimeDir) {
        return RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
    }
}

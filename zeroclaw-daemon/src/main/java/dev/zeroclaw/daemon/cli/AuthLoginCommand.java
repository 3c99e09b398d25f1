package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.oauth.DeviceAuthorization;
import dev.zeroclaw.oauth.DeviceFlow;
import dev.zeroclaw.oauth.LoopbackRedirect;
import dev.zeroclaw.oauth.OAuthException;
import dev.zeroclaw.oauth.PendingAuthorization;
import dev.zeroclaw.oauth.ServerAuthorization;
import dev.zeroclaw.oauth.StoredAuthorization;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Log in to a remote server's OAuth authorization server and keep the tokens for the daemon.",
            "",
            "Prints a URL (its own line on stdout) and waits for the browser to come back to a listener on 127.0.0.1"
                    + " (a free port) on THIS machine. No browser is opened: open the URL yourself.",
            "",
            "On a headless machine, forward the printed port first from the machine with the browser, then open the"
                    + " URL there:",
            "  ssh -L PORT:127.0.0.1:PORT this-host",
            "Or use --device where the server offers it: you open a page anywhere and type a code.",
            "",
            "The running daemon is told at once: a server waiting for a login (NEEDS_AUTH) starts again, a running one"
                    + " uses the new tokens at its next request. No reload."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:logged in (also when no daemon runs: it uses the login when it starts)",
            "1:not logged in (unknown or non-OAuth server, refused, timed out, a bad config)", "2:usage error"})
public final class AuthLoginCommand implements Callable<Integer> {

    /** How long the login waits for the browser unless {@code --timeout} says otherwise. */
    static final int DEFAULT_TIMEOUT_SECS = 300;

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuthOptions options;

    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, as named in the config")
    private String server;

    @Option(names = "--device", description = "use the device authorization grant (RFC 8628): a code to type on any"
            + " device, no redirect to this machine")
    private boolean device;

    @Option(names = "--timeout", paramLabel = "SECS", defaultValue = "" + DEFAULT_TIMEOUT_SECS,
            description = "how long to wait for the browser (default: ${DEFAULT-VALUE}); with --device the code's own"
                    + " lifetime applies")
    private int timeoutSecs;

    @Inject
    public AuthLoginCommand(ConfigLoader loader, ObjectMapper json) {
        this.loader = requireNonNull(loader, "loader is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutSecs < 1) {
            err.println("zeroclaw: --timeout must be at least 1 second, not " + timeoutSecs);
            return ExitCodes.USAGE;
        }
        Optional<OAuthServers> loaded = OAuthServers.load(loader, options, err);
        if (loaded.isEmpty()) {
            return ExitCodes.AUTH_FAILED;
        }
        OAuthServers servers = loaded.get();
        Optional<String> refusal = servers.whyNoLogin(server);
        if (refusal.isPresent()) {
            err.println("zeroclaw: " + refusal.get());
            return ExitCodes.AUTH_FAILED;
        }
        ServerSpec target = servers.find(server).orElseThrow();
        StoredAuthorization stored;
        try {
            ServerAuthorization authorization = new ServerAuthorization(target.name(), URI.create(target.url().orElseThrow()),
                    target.oauth(), servers.openStore(), Clock.systemUTC());
            stored = device ? deviceLogin(authorization, out, err) : browserLogin(authorization, target.name(), out, err);
        } catch (OAuthException | IOException | IllegalArgumentException e) {
            err.println("zeroclaw: login to " + target.name() + " failed: " + e.getMessage());
            return ExitCodes.AUTH_FAILED;
        }
        ObjectNode daemon = servers.tellDaemon(target.name(), true, json);
        if (options.asJson) {
            ObjectNode document = json.createObjectNode().put("ok", true).put("server", target.name());
            document.setAll(AuthText.document(stored, target, Clock.systemUTC().instant(), json));
            document.set("daemon", daemon);
            out.println(document);
        } else {
            out.println("logged in: " + target.name());
            out.print(AuthText.lines(stored, target, Clock.systemUTC().instant()));
            out.println("  daemon        " + daemon.path("message").asText());
        }
        return ExitCodes.OK;
    }

    /** Authorization code with PKCE, the redirect coming back to a listener on 127.0.0.1. */
    private StoredAuthorization browserLogin(ServerAuthorization authorization, String name, PrintWriter out, PrintWriter err)
            throws OAuthException, IOException, InterruptedException {
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            PendingAuthorization pending = authorization.startLogin(redirect.redirectUri());
            redirect.expect(pending.state());
            int port = redirect.port();
            err.println("Open this URL in a browser to log in to " + name + ":");
            show(pending.authorizationUrl().toString(), out, err);
            err.println("The browser is sent back to 127.0.0.1:" + port + " on THIS machine. On a headless machine, open"
                    + " it on another one after forwarding the port from there: ssh -L " + port + ":127.0.0.1:" + port
                    + " <this-host>");
            err.println("Waiting up to " + timeoutSecs + " s for the browser...");
            err.flush();
            URI callback = redirect.await(Duration.ofSeconds(timeoutSecs));
            try {
                StoredAuthorization stored = authorization.completeLogin(pending, callback);
                redirect.answer(true, "zeroclaw is logged in to " + name + ". You can close this tab.");
                return stored;
            } catch (OAuthException | IOException e) {
                redirect.answer(false, "The login to " + name + " failed: " + e.getMessage());
                throw e;
            }
        }
    }

    /** The device authorization grant: a code to type on any device; polls until it is approved. */
    private StoredAuthorization deviceLogin(ServerAuthorization authorization, PrintWriter out, PrintWriter err)
            throws OAuthException, IOException, InterruptedException {
        DeviceFlow flow = new DeviceFlow(Clock.systemUTC(), pause -> Thread.sleep(pause.toMillis()));
        DeviceAuthorization started = authorization.startDeviceLogin(flow);
        err.println("Open this URL on any device and enter the code " + started.userCode() + ":");
        show(started.verificationUriComplete().orElse(started.verificationUri()).toString(), out, err);
        if (!options.asJson) {
            out.println("code: " + started.userCode());
        }
        err.println("Waiting for the approval (the code expires at " + started.expiresAt() + ")...");
        err.flush();
        return authorization.completeDeviceLogin(flow, started);
    }

    /** The URL on its own line: on stdout, unless stdout is kept for the one JSON document. */
    private void show(String url, PrintWriter out, PrintWriter err) {
        PrintWriter to = options.asJson ? err : out;
        to.println(url);
        to.flush();
    }
}

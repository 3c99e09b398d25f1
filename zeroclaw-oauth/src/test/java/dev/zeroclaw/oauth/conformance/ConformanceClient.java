package dev.zeroclaw.oauth.conformance;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.oauth.OAuthRequestAuthorization;
import dev.zeroclaw.oauth.PendingAuthorization;
import dev.zeroclaw.oauth.ServerAuthorization;
import dev.zeroclaw.oauth.TokenStore;
import dev.zeroclaw.transport.http.HttpTransportProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.minidev.json.JSONObject;

/**
 * The client the MCP conformance suite ({@code conformance client --command ...}) runs for its authorization
 * scenarios: zeroclaw's own {@code http} transport with {@link OAuthRequestAuthorization} over a
 * {@link ServerAuthorization} and a {@link TokenStore} in a temporary directory, configured the way
 * {@code config.toml} would be from {@code MCP_CONFORMANCE_CONTEXT}. It does what the daemon does (initialize,
 * tools/list, tools/call) and, when the authorization says a person is needed, plays that person the way
 * {@code zeroclaw auth login} and a browser do: start the login, open the authorization URL (the suite's server
 * approves at once), hand the redirect to {@code completeLogin}. Every OAuth decision is zeroclaw-oauth's; this
 * class only drives it.
 *
 * <p>Usage: {@code ConformanceClient <server url>}; exit 0 when the three requests were answered.
 */
public final class ConformanceClient {

    /**
     * What an operator would put in {@code [mcp] oauth_client_metadata_url}: the suite's CIMD scenario expects this
     * URL as the client id (its authorization server does not fetch it).
     */
    static final String CLIENT_METADATA_URL = "https://conformance-test.local/client-metadata.json";

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    // Logins one run may need: the first, and one step-up. zeroclaw itself refuses to loop (see ServerAuthorization).
    private static final int MAX_LOGINS = 3;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final ServerAuthorization authorization;
    private final OAuthRequestAuthorization requestAuthorization;
    private final Transport transport;
    private int nextId = 1;
    private int logins;

    private ConformanceClient(URI serverUrl, OAuthSettings settings, TokenStore store) throws IOException {
        authorization = new ServerAuthorization("conformance", serverUrl, settings, store, Clock.systemUTC());
        requestAuthorization = new OAuthRequestAuthorization(authorization, !settings.isNone());
        ServerSpec spec = ServerSpec.builder("conformance").transport("http").url(serverUrl.toString()).oauth(settings).build();
        transport = new HttpTransportProvider().open(spec, new TransportContext("conformance", 1, Set.of(), requestAuthorization));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ConformanceClient <server url>");
            System.exit(2);
        }
        Path state = Files.createTempDirectory("zeroclaw-conformance", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try {
            ConformanceClient client = new ConformanceClient(URI.create(args[args.length - 1]), settings(), TokenStore.open(state));
            System.exit(client.run() ? 0 : 1);
        } catch (Exception e) {
            // The message only: zeroclaw's messages never hold a token, and a stack trace tells the suite nothing.
            System.err.println("conformance client: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The {@code oauth_*} keys an operator would write for the scenario, from {@code MCP_CONFORMANCE_CONTEXT}. */
    static OAuthSettings settings() throws IOException {
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        String raw = System.getenv("MCP_CONFORMANCE_CONTEXT");
        Optional<String> clientId = Optional.empty();
        Optional<String> secret = Optional.empty();
        Optional<String> key = Optional.empty();
        if (raw != null && !raw.isBlank()) {
            try {
                JSONObject context = JSONObjectUtils.parse(raw);
                clientId = Optional.ofNullable(JSONObjectUtils.getString(context, "client_id", null));
                secret = Optional.ofNullable(JSONObjectUtils.getString(context, "client_secret", null));
                key = Optional.ofNullable(JSONObjectUtils.getString(context, "private_key_pem", null));
            } catch (ParseException e) {
                throw new IOException("MCP_CONFORMANCE_CONTEXT is not JSON: " + e.getMessage());
            }
        }
        OAuthGrant grant = scenario.startsWith("auth/client-credentials") ? OAuthGrant.CLIENT_CREDENTIALS : OAuthGrant.AUTHORIZATION_CODE;
        return new OAuthSettings(clientId, secret, grant, List.of(), Optional.of(CLIENT_METADATA_URL), key, Optional.empty());
    }

    private boolean run() throws Exception {
        transport.start(new TransportListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }

            @Override
            public void onClosed(TransportEnd end) {
                messages.add("{\"closed\":true}");
            }
        });
        try {
            request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"zeroclaw-conformance\",\"version\":\"1\"}}");
            transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            request("tools/list", "{}");
            request("tools/call", "{\"name\":\"test-tool\",\"arguments\":{}}");
            return true;
        } catch (RequestFailed e) {
            System.err.println("conformance client: " + e.getMessage());
            return false;
        } finally {
            transport.close(Duration.ofSeconds(2));
        }
    }

    /** Sends a request until it is answered; a person-needed answer gets a login and the request once more. */
    private JSONObject request(String method, String params) throws Exception {
        while (true) {
            int id = nextId++;
            String error;
            try {
                // A configured server without tokens is refused before anything is sent (the daemon: NEEDS_AUTH).
                transport.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
                JSONObject answer = answer(id);
                if (!answer.containsKey("error")) {
                    return answer;
                }
                error = String.valueOf(answer.get("error"));
            } catch (AuthorizationRequiredException e) {
                error = e.getMessage();
            }
            if (requestAuthorization.personNeeded().isEmpty() || logins >= MAX_LOGINS) {
                throw new RequestFailed(method + " failed: " + error);
            }
            System.err.println("conformance client: " + method + ": " + requestAuthorization.personNeeded().get() + "; logging in");
            login();
        }
    }

    private JSONObject answer(int id) throws Exception {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            String message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new RequestFailed("no answer to request " + id + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
            }
            JSONObject object = JSONObjectUtils.parse(message);
            if (object.containsKey("closed")) {
                throw new RequestFailed("the transport ended before request " + id + " was answered");
            }
            Object answered = object.get("id");
            if (answered instanceof Number number && number.intValue() == id) {
                return object;
            }
        }
    }

    /** What {@code zeroclaw auth login} and a browser do: the loopback redirect is read from the Location header. */
    private void login() throws Exception {
        logins++;
        try (ServerSocket callback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI redirect = URI.create("http://127.0.0.1:" + callback.getLocalPort() + "/callback");
            PendingAuthorization pending = authorization.startLogin(redirect);
            HttpResponse<Void> approved = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(pending.authorizationUrl()).build(), HttpResponse.BodyHandlers.discarding());
            Optional<String> location = approved.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new RequestFailed("the authorization endpoint answered HTTP " + approved.statusCode() + " without a redirect");
            }
            authorization.completeLogin(pending, URI.create(location.get()));
        }
    }

    private static final class RequestFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message) {
            super(message);
        }
    }
}

package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of a login from the command line: a listener on {@code 127.0.0.1}, an ephemeral port, one
 * path ({@value #PATH}). The browser lands here with the code; the person sees a short page once the login is
 * finished ({@link #answer}). A callback whose {@code state} is not this login's, or that carries {@code error=},
 * ends the wait with an {@link OAuthException} that says so. Only this JDK's HTTP server: the command line never
 * starts Jetty.
 */
public final class LoopbackRedirect implements AutoCloseable {

    public static final String PATH = "/callback";
    /** How long the browser's request waits for {@link #answer} before it gets a page that says to look at the terminal. */
    static final Duration ANSWER_PATIENCE = Duration.ofSeconds(60);
    /** How long {@link #close} waits for the browser's page to be written. */
    static final Duration SEND_PATIENCE = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI redirectUri;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();
    private final CompletableFuture<Page> page = new CompletableFuture<>();
    // Completed once the browser has its page: close() waits for it, so the page is not cut off.
    private final CompletableFuture<Void> pageSent = new CompletableFuture<>();
    // Set once, before the URL is shown; read by the server's thread.
    private volatile String expectedState;

    private record Page(int status, String title, String text) {}

    private LoopbackRedirect(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Listens on {@code 127.0.0.1} at a port the system picks. */
    public static LoopbackRedirect open() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zeroclaw-login-callback");
            thread.setDaemon(true);
            return thread;
        });
        LoopbackRedirect redirect = new LoopbackRedirect(server, executor);
        server.createContext("/", redirect::handle);
        server.setExecutor(executor);
        server.start();
        return redirect;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The {@code state} of the login this listener belongs to ({@link PendingAuthorization#state()}). */
    public void expect(String state) {
        this.expectedState = requireNonNull(state, "state is null");
    }

    /**
     * Waits for the browser's callback; returns its full URI (code and state) for
     * {@link ServerAuthorization#completeLogin}.
     *
     * @throws OAuthException on a state that is not this login's, an {@code error=} callback, or no callback in time
     */
    public URI await(Duration timeout) throws OAuthException, InterruptedException {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException("no browser came back to " + redirectUri + " within " + timeout.toSeconds()
                    + " s; run the login again (--timeout SECS waits longer)");
        } catch (ExecutionException e) {
            throw (OAuthException) e.getCause();
        }
    }

    /** What the browser shows after the callback: the login's outcome, in a sentence. */
    public void answer(boolean success, String text) {
        page.complete(new Page(success ? 200 : 400, success ? "zeroclaw: logged in" : "zeroclaw: login failed", text));
    }

    @Override
    public void close() {
        answer(false, "the login was abandoned; see the terminal");
        if (callback.isDone() && !callback.isCompletedExceptionally()) {
            try {
                pageSent.get(SEND_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // The browser went away; the terminal has the outcome.
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, new Page(404, "not found", "This is zeroclaw's login callback; nothing else is here."));
                return;
            }
            if (callback.isDone()) {
                send(exchange, new Page(409, "zeroclaw: login already answered", "This login has had its callback; see the terminal."));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String state = query.get("state");
            if (state == null || !state.equals(expectedState)) {
                fail(exchange, "the callback's state does not match this login (a stale or forged redirect); start the login again");
                return;
            }
            if (query.containsKey("error")) {
                String description = query.get("error_description");
                fail(exchange, "the authorization server refused the login: " + query.get("error")
                        + (description == null || description.isBlank() ? "" : " (" + description + ")"));
                return;
            }
            URI full = URI.create(redirectUri + "?" + exchange.getRequestURI().getRawQuery());
            callback.complete(full);
            Page answer;
            try {
                answer = page.get(ANSWER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = new Page(500, "zeroclaw: stopped", "zeroclaw stopped while finishing the login; see the terminal.");
            } catch (ExecutionException | TimeoutException e) {
                answer = new Page(500, "zeroclaw: still working", "zeroclaw has not finished the login yet; see the terminal.");
            }
            try {
                send(exchange, answer);
            } finally {
                pageSent.complete(null);
            }
        }
    }

    private void fail(HttpExchange exchange, String message) throws IOException {
        callback.completeExceptionally(new OAuthException(message));
        send(exchange, new Page(400, "zeroclaw: login failed", message + "."));
    }

    private static void send(HttpExchange exchange, Page page) throws IOException {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(page.title()) + "</title></head>"
                + "<body><h1>" + escape(page.title()) + "</h1><p>" + escape(page.text()) + "</p></body></html>\n";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(page.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A query or form, decoded; the first of a repeated key wins. */
    static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}

package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.mcp.McpSession;
import dev.zeroclaw.plugins.TransportCatalog;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every {@link ServerSupervisor} shares.
 *
 * @param transports the installed transport providers
 * @param json JSON for MCP messages
 * @param clientVersion zeroclaw's version, sent as {@code clientInfo.version}
 * @param blocking runs the parts of a start or stop that block (launching, the stop sequence)
 * @param timers backoff delays and pings; its tasks never block
 * @param backoff delays between crash restarts
 * @param pingInterval time between two pings of a READY server, read at each READY (a reload may change it)
 * @param listener hears every state change
 * @param requests answers what a server asks its client (sampling, elicitation, roots)
 * @param children records the server processes running, for a successor daemon after a SIGKILL
 * @param withheldEnvironment names of the daemon's environment variables no launched server may
 *     inherit (the gateway's token variable), read at each launch
 * @param authorizations the {@code Authorization} header each remote server's transport sends when the daemon
 *     manages it (MCP authorization), asked at each launch; {@link RequestAuthorization#NONE} for the others
 */
public record SupervisorContext(
        TransportCatalog transports,
        ObjectMapper json,
        String clientVersion,
        ExecutorService blocking,
        ScheduledExecutorService timers,
        Backoff backoff,
        Supplier<Duration> pingInterval,
        StateListener listener,
        ServerRequests requests,
        ChildLedger children,
        Supplier<Set<String>> withheldEnvironment,
        Function<ServerSpec, RequestAuthorization> authorizations) {

    public SupervisorContext {
        requireNonNull(transports, "transports is null");
        requireNonNull(json, "json is null");
        requireNonNull(clientVersion, "clientVersion is null");
        requireNonNull(blocking, "blocking is null");
        requireNonNull(timers, "timers is null");
        requireNonNull(backoff, "backoff is null");
        requireNonNull(pingInterval, "pingInterval is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(requests, "requests is null");
        requireNonNull(children, "children is null");
        requireNonNull(withheldEnvironment, "withheldEnvironment is null");
        requireNonNull(authorizations, "authorizations is null");
    }

    /** Without managed authorization: every transport sends its configured headers only. */
    public SupervisorContext(TransportCatalog transports, ObjectMapper json, String clientVersion, ExecutorService blocking,
            ScheduledExecutorService timers, Backoff backoff, Supplier<Duration> pingInterval, StateListener listener,
            ServerRequests requests, ChildLedger children, Supplier<Set<String>> withheldEnvironment) {
        this(transports, json, clientVersion, blocking, timers, backoff, pingInterval, listener, requests, children,
                withheldEnvironment, spec -> RequestAuthorization.NONE);
    }

    /** Withholding no variable of the daemon's environment beyond what each transport withholds. */
    public SupervisorContext(TransportCatalog transports, ObjectMapper json, String clientVersion, ExecutorService blocking,
            ScheduledExecutorService timers, Backoff backoff, Supplier<Duration> pingInterval, StateListener listener,
            ServerRequests requests, ChildLedger children) {
        this(transports, json, clientVersion, blocking, timers, backoff, pingInterval, listener, requests, children, Set::of);
    }

    /** Without a record of the server processes (an embedded daemon that owns no runtime directory). */
    public SupervisorContext(TransportCatalog transports, ObjectMapper json, String clientVersion, ExecutorService blocking,
            ScheduledExecutorService timers, Backoff backoff, Supplier<Duration> pingInterval, StateListener listener,
            ServerRequests requests) {
        this(transports, json, clientVersion, blocking, timers, backoff, pingInterval, listener, requests, new ChildLedger());
    }

    /** Hears state changes, on the thread that made them; must not block. */
    public interface StateListener {
        void changed(ServerStatus status, ServerState previous);

        /**
         * A notification one of the server's instances sent (such as
         * {@code notifications/tools/list_changed}), on its transport's reader thread.
         */
        default void notified(String server, String method, JsonNode params) {}

        /**
         * A reload changed a server's live settings ({@link ServerSupervisor#update}), on the
         * reload's thread, under the supervisor's lock: must not block.
         */
        default void updated(ServerSpec before, ServerSpec after) {}

        /**
         * A new instance of the server has started its transport ({@code pid} empty when it runs no
         * process), on the thread that started it. Its first lines may come a moment before this.
         */
        default void launched(String server, long instance, OptionalLong pid) {}

        /**
         * One line one of the server's instances said (its stderr, or zeroclaw's note about its output),
         * every line, before the log's rate limit; on the transport's reader thread: must not block.
         */
        default void said(String server, long instance, OptionalLong pid, String line) {}
    }

    /** Answers a request one of a server's instances sent its client (all but {@code ping}, which the session answers). */
    @FunctionalInterface
    public interface ServerRequests {

        /** Refuses every request, where no client is ever asked (an embedded daemon without a gateway). */
        ServerRequests REFUSE = (server, instance, method, params) -> McpSession.refuse(method, params);

        /**
         * Runs on the instance's transport reader thread; must not block. The future completes with
         * the result, or fails with the {@link dev.zeroclaw.mcp.McpError} the server is
         * answered with; it is cancelled when the server cancels its request.
         *
         * @param instance the instance's number ({@link ServingLease#instance()})
         */
        CompletableFuture<JsonNode> requested(String server, long instance, String method, JsonNode params);
    }
}

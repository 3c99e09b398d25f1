package dev.zeroclaw.process;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays the daemon in a JVM of its own, so that a test can SIGKILL it: starts one fixture server,
 * waits for its first message, prints {@code <pid> <start time>} of the server, then idles until
 * it is killed.
 *
 * <p>Arguments: the fixture script, then {@code KEY=VALUE} entries for the server's env.
 */
public final class DaemonStandIn {

    private DaemonStandIn() {}

    public static void main(String[] args) throws Exception {
        ServerSpec.Builder spec = ServerSpec.builder("stand-in").command("bash").args(java.util.List.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] entry = args[i].split("=", 2);
            spec.putEnv(entry[0], entry[1]);
        }
        CompletableFuture<String> firstMessage = new CompletableFuture<>();
        StdioTransport transport = new StdioTransport(spec.build(), new TransportContext("stand-in", 1));
        transport.start(new TransportListener() {
            @Override
            public void onMessage(String message) {
                firstMessage.complete(message);
            }

            @Override
            public void onClosed(TransportEnd end) {
                firstMessage.completeExceptionally(new IllegalStateException("server ended: " + end.reason()));
            }
        });
        transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}");
        firstMessage.get(20, TimeUnit.SECONDS);
        ProcessIdentity server = ProcessIdentity.of(transport.pid().orElseThrow()).orElseThrow();
        System.out.println(server.pid() + " " + server.startTime());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

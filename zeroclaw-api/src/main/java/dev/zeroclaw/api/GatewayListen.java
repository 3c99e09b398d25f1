package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code mcp.gateway.listen} as the daemon binds it, and the one rule of where it may listen: a
 * non-loopback address only with {@code auth_token_env}, since any host could otherwise call every
 * server (a generated token protects local users only). The daemon refuses to start the gateway,
 * {@code config check} refuses the file and a reload keeps the old address, all with the same words.
 *
 * @param listen the setting as written, {@code host:port} ({@code [::1]:8765} for IPv6)
 * @param address the host, resolved
 * @param port the port, 0 for any free one
 */
public record GatewayListen(String listen, InetAddress address, int port) {

    public GatewayListen {
        requireNonNull(listen, "listen is null");
        requireNonNull(address, "address is null");
    }

    /**
     * The address of valid settings ({@code listen} is well-formed once the config parsed); its
     * refusal when the rule forbids it or the host is unknown. A token of one's own is one that
     * {@code auth_token_env} names.
     */
    public static Result of(DaemonSettings settings) {
        requireNonNull(settings, "settings is null");
        return of(settings.gatewayListen(),
                settings.gatewayAuth() == GatewayAuth.TOKEN && settings.gatewayAuthTokenEnv().isPresent());
    }

    /**
     * As {@link #of(DaemonSettings)}, for the token the gateway holds.
     *
     * @param ownToken whether requests must carry a token from {@code auth_token_env} (not a
     *     generated one, which lives in the runtime directory, out of a remote client's reach)
     */
    public static Result of(String listen, boolean ownToken) {
        requireNonNull(listen, "listen is null");
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(listen.substring(colon + 1));
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new Result(Optional.empty(), Optional.of("mcp.gateway.listen: unknown host '" + host + "'"));
        }
        if (!address.isLoopbackAddress() && !ownToken) {
            return new Result(Optional.empty(), Optional.of("mcp.gateway.listen = \"" + listen + "\" is not a loopback"
                    + " address: any host could call every server. Set mcp.gateway.auth_token_env to the name of an"
                    + " environment variable holding a bearer token, or listen on 127.0.0.1"));
        }
        return new Result(Optional.of(new GatewayListen(listen, address, port)), Optional.empty());
    }

    /** Whether only this machine can reach the address. */
    public boolean loopback() {
        return address.isLoopbackAddress();
    }

    /**
     * Either the address or why the daemon does not listen there.
     *
     * @param listen the address, when allowed
     * @param refusal why not, otherwise
     */
    public record Result(Optional<GatewayListen> listen, Optional<String> refusal) {
        public Result {
            requireNonNull(listen, "listen is null");
            requireNonNull(refusal, "refusal is null");
        }
    }
}

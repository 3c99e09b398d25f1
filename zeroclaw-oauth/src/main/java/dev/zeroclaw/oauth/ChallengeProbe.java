package dev.zeroclaw.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.URI;
import java.util.Optional;

/**
 * What a server says to a client without a token: a login started from the command line has seen no request of
 * the daemon's, yet the server's {@code 401} may name its resource metadata somewhere other than the well-known
 * paths, and the scope it wants (MCP 2025-11-25, "Protected Resource Metadata Discovery"). One {@code initialize}
 * without credentials asks it, as every MCP client's first request does.
 */
final class ChallengeProbe {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"zeroclaw\",\"version\":\"auth\"}}}";

    private ChallengeProbe() {
    }

    /** The challenge of the server's {@code 401} (or {@code 403}); empty when it answers otherwise or not at all. */
    static Optional<BearerChallenge> probe(URI serverUrl) {
        try {
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, Endpoints.requireSecure(serverUrl, "server"));
            request.setHeader("Content-Type", "application/json");
            request.setAccept("application/json, text/event-stream");
            request.setHeader("MCP-Protocol-Version", "2025-11-25");
            request.setBody(INITIALIZE);
            HTTPResponse response = Endpoints.send(request, "server");
            if (response.getStatusCode() != 401 && response.getStatusCode() != 403) {
                return Optional.empty();
            }
            return Optional.ofNullable(response.getHeaderValue("WWW-Authenticate")).flatMap(BearerChallenge::parse);
        } catch (OAuthException e) {
            // Discovery then tries the well-known paths and reports what it could not reach.
            return Optional.empty();
        }
    }
}

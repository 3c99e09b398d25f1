package dev.zeroclaw.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that picks the client a server's request is for. */
class ServerRequestRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsFromOneSessionMeanThatSessionIsAsked() {
        GatewaySession client = session("a", "{\"sampling\":{},\"elicitation\":{}}");

        assertThat(ServerRequestRelay.clientFor("everything", "sampling/createMessage", List.of(client, client, client)))
                .isSameAs(client);
        assertThat(ServerRequestRelay.clientFor("everything", "elicitation/create", List.of(client))).isSameAs(client);
    }

    @Test
    void callsFromSeveralSessionsAreRefusedBecauseTheClientIsUnknown() {
        GatewaySession one = session("a", "{\"sampling\":{}}");
        GatewaySession two = session("b", "{\"sampling\":{}}");

        assertThatThrownBy(() -> ServerRequestRelay.clientFor("everything", "sampling/createMessage", List.of(one, two, one)))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.code()).isEqualTo(McpError.INTERNAL_ERROR))
                .hasMessageContaining("server 'everything'")
                .hasMessageContaining("calls from 2 clients")
                .hasMessageContaining("cannot tell which client");
    }

    @Test
    void noCallInFlightIsRefusedBecauseNoClientCanBeAsked() {
        assertThatThrownBy(() -> ServerRequestRelay.clientFor("fs", "roots/list", List.of()))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("roots/list from server 'fs'")
                .hasMessageContaining("no client call to this server is in flight");
    }

    @Test
    void aClientThatDidNotDeclareTheCapabilityIsNotAsked() {
        GatewaySession client = session("a", "{\"sampling\":{}}");

        assertThatThrownBy(() -> ServerRequestRelay.clientFor("everything", "elicitation/create", List.of(client)))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.code()).isEqualTo(McpError.METHOD_NOT_FOUND))
                .hasMessageContaining("the client did not declare the 'elicitation' capability");
        assertThatThrownBy(() -> ServerRequestRelay.clientFor("everything", "roots/list", List.of(session("b", "{}"))))
                .hasMessageContaining("'roots' capability");
    }

    @Test
    void eachRelayedMethodNeedsItsOwnCapability() {
        assertThat(ServerRequestRelay.CAPABILITIES).containsOnly(
                entry("sampling/createMessage", "sampling"),
                entry("elicitation/create", "elicitation"),
                entry("roots/list", "roots"));
    }

    static GatewaySession session(String id, String capabilities) {
        try {
            return new GatewaySession(id, "2025-11-25", "client-" + id, JSON.readTree(capabilities), System.nanoTime());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

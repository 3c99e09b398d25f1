package dev.zeroclaw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

    @Test
    void loopbackGatewayAnswersLoopbackHosts() {
        assertThat(RequestOrigin.refusal(true, "127.0.0.1:8765", null)).isNull();
        assertThat(RequestOrigin.refusal(true, "localhost:8765", "http://localhost:3000")).isNull();
        assertThat(RequestOrigin.refusal(true, "LOCALHOST", null)).isNull();
        assertThat(RequestOrigin.refusal(true, "[::1]:8765", "http://[::1]:8765")).isNull();
    }

    @Test
    void loopbackGatewayRefusesARebindingHost() {
        assertThat(RequestOrigin.refusal(true, "evil.example.com", "http://evil.example.com")).contains("Host header");
        assertThat(RequestOrigin.refusal(true, "evil.example.com:8765", null)).contains("Host header");
        assertThat(RequestOrigin.refusal(true, "localhost.evil.example.com", null)).contains("Host header");
        assertThat(RequestOrigin.refusal(true, null, null)).contains("Host header");
    }

    @Test
    void foreignOriginIsRefusedEvenWithALoopbackHost() {
        assertThat(RequestOrigin.refusal(true, "127.0.0.1:8765", "https://evil.example.com")).contains("Origin header");
        assertThat(RequestOrigin.refusal(true, "127.0.0.1:8765", "null")).contains("Origin header");
        assertThat(RequestOrigin.refusal(true, "127.0.0.1:8765", "not a uri")).contains("Origin header");
    }

    @Test
    void publicGatewayNeedsOnlyAMatchingOrigin() {
        assertThat(RequestOrigin.refusal(false, "gw.internal:8765", null)).isNull();
        assertThat(RequestOrigin.refusal(false, "gw.internal:8765", "https://gw.internal")).isNull();
        assertThat(RequestOrigin.refusal(false, "gw.internal:8765", "https://evil.example.com")).contains("Origin header");
    }
}

package dev.zeroclaw.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayListenTest {

    @Test
    void aLoopbackAddressNeedsNoTokenOfItsOwn() {
        GatewayListen.Result ipv4 = GatewayListen.of("127.0.0.1:8765", false);
        GatewayListen.Result ipv6 = GatewayListen.of("[::1]:8765", false);

        assertThat(ipv4.refusal()).isEmpty();
        assertThat(ipv4.listen().orElseThrow().port()).isEqualTo(8765);
        assertThat(ipv4.listen().orElseThrow().loopback()).isTrue();
        assertThat(ipv6.listen().orElseThrow().loopback()).isTrue();
    }

    @Test
    void anyOtherAddressNeedsAuthTokenEnv() {
        assertThat(GatewayListen.of("0.0.0.0:8765", false).refusal()).contains("mcp.gateway.listen = \"0.0.0.0:8765\" is not a"
                + " loopback address: any host could call every server. Set mcp.gateway.auth_token_env to the name of an"
                + " environment variable holding a bearer token, or listen on 127.0.0.1");
        assertThat(GatewayListen.of("0.0.0.0:8765", true).listen()).isPresent();
    }
}

package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void readsTheMcpChallenge() {
        BearerChallenge challenge = BearerChallenge.parse(
                "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", scope=\"files:read files:write\"")
                .orElseThrow();

        assertThat(challenge.resourceMetadata()).contains(URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
        assertThat(challenge.scope()).contains("files:read files:write");
        assertThat(challenge.error()).isEmpty();
    }

    @Test
    void readsTokensAndQuotedStringsWithEscapes() {
        BearerChallenge challenge = BearerChallenge.parse("bearer error=insufficient_scope, scope=\"a \\\"b\\\"\"").orElseThrow();

        assertThat(challenge.insufficientScope()).isTrue();
        assertThat(challenge.scope()).contains("a \"b\"");
    }

    @Test
    void picksTheBearerChallengeAmongOthers() {
        BearerChallenge challenge = BearerChallenge.parse(
                "Basic realm=\"x\", scope=\"not-this\", Bearer scope=\"mcp\", DPoP algs=\"ES256\"").orElseThrow();

        assertThat(challenge.scope()).contains("mcp");
    }

    @Test
    void aBareBearerHasNoParameters() {
        assertThat(BearerChallenge.parse("Bearer")).contains(new BearerChallenge(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void noBearerChallengeIsEmpty() {
        assertThat(BearerChallenge.parse(null)).isEmpty();
        assertThat(BearerChallenge.parse("")).isEmpty();
        assertThat(BearerChallenge.parse("Basic realm=\"x\"")).isEmpty();
    }

    @Test
    void anUnusableMetadataUrlIsDroppedNotFatal() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer resource_metadata=\"/relative\", scope=\"s\"").orElseThrow();

        assertThat(challenge.resourceMetadata()).isEmpty();
        assertThat(challenge.scope()).contains("s");
    }
}

package dev.zeroclaw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerCheckTest {

    private final BearerCheck check = new BearerCheck("s3cr3t-Token");

    @Test
    void theSchemeIsMatchedWithoutRegardToCase() {
        // RFC 7235 section 2.1: the auth-scheme is case-insensitive.
        assertThat(check.accepts("Bearer s3cr3t-Token")).isTrue();
        assertThat(check.accepts("bearer s3cr3t-Token")).isTrue();
        assertThat(check.accepts("BEARER s3cr3t-Token")).isTrue();
        assertThat(check.accepts("Bearer   s3cr3t-Token")).isTrue();
    }

    @Test
    void theTokenIsMatchedExactly() {
        assertThat(check.accepts("Bearer s3cr3t-token")).isFalse();
        assertThat(check.accepts("Bearer s3cr3t-Token2")).isFalse();
        assertThat(check.accepts("Bearer s3cr3t")).isFalse();
        assertThat(check.accepts("Bearer ")).isFalse();
    }

    @Test
    void anotherSchemeOrNoHeaderIsRefused() {
        assertThat(check.accepts(null)).isFalse();
        assertThat(check.accepts("")).isFalse();
        assertThat(check.accepts("Basic s3cr3t-Token")).isFalse();
        assertThat(check.accepts("Bearers3cr3t-Token")).isFalse();
        assertThat(check.accepts("s3cr3t-Token")).isFalse();
    }
}

package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code main} sets up before anything else runs. */
class MainTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(Main.ALLOW_RESTRICTED_HEADERS);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Main.ALLOW_RESTRICTED_HEADERS);
        } else {
            System.setProperty(Main.ALLOW_RESTRICTED_HEADERS, before);
        }
    }

    @Test
    void theHostHeaderIsAllowedAndWhatAnOperatorAllowedStays() {
        System.clearProperty(Main.ALLOW_RESTRICTED_HEADERS);
        Main.allowHostHeader();
        assertThat(System.getProperty(Main.ALLOW_RESTRICTED_HEADERS)).isEqualTo("host");

        System.setProperty(Main.ALLOW_RESTRICTED_HEADERS, "connection");
        Main.allowHostHeader();
        assertThat(System.getProperty(Main.ALLOW_RESTRICTED_HEADERS)).isEqualTo("connection,host");

        System.setProperty(Main.ALLOW_RESTRICTED_HEADERS, "Connection, Host");
        Main.allowHostHeader();
        assertThat(System.getProperty(Main.ALLOW_RESTRICTED_HEADERS)).isEqualTo("Connection, Host");
    }

    @Test
    void jettyIsToldTheReferenceSizeUnlessAnOperatorSetIt() {
        String operators = System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);
        try {
            System.clearProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);
            Main.tellJettyTheReferenceSize();
            // 64-byte lines of 4-byte (compressed) references: this test's heap is far under 32 GiB
            assertThat(Runtime.getRuntime().maxMemory()).isLessThan(32L << 30);
            assertThat(System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("16");

            System.setProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE, "8");
            Main.tellJettyTheReferenceSize();
            assertThat(System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("8");
        } finally {
            if (operators == null) {
                System.clearProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);
            } else {
                System.setProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE, operators);
            }
        }
    }
}

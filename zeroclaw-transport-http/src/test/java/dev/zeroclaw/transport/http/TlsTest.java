package dev.zeroclaw.transport.http;

import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.INITIALIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls_ca_cert_path}: a server whose certificate the JVM does not trust is reached once its CA is named. */
class TlsTest {

    @TempDir
    static Path dir;

    private static SelfSignedCertificate certificate;

    private final Heard heard = new Heard();
    private McpHttpFixture fixture;
    private StreamableHttpTransport transport;

    @BeforeAll
    static void makeACertificate() throws Exception {
        certificate = SelfSignedCertificate.create(dir); // keytool takes seconds: once for the class
    }

    @BeforeEach
    void startAnHttpsServer() throws Exception {
        fixture = McpHttpFixture.startTls(McpHttpFixture.Mode.STREAMABLE_JSON, 1, certificate.serverContext());
    }

    @AfterEach
    void closeEverything() {
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
        fixture.close();
    }

    @Test
    void theCertificateOfTlsCaCertPathIsTrusted() throws Exception {
        transport = open(spec().tlsCaCertPath(certificate.pem().toString()).build());

        transport.send(INITIALIZE);

        assertThat(heard.next()).contains("mcp-http-fixture");
    }

    @Test
    void withoutItTheServerIsRefusedForItsCertificate() throws Exception {
        transport = open(spec().build());

        transport.send(INITIALIZE);

        TransportEnd end = heard.end();
        assertThat(end.kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(end.reason()).startsWith("cannot reach " + fixture.url() + ": TLS failed:");
    }

    @Test
    void aCaFileThatIsMissingFailsTheStartOfEitherTransportNamingItAndNothingIsSent() {
        Path missing = dir.resolve("gone.pem");
        ServerSpec spec = spec().tlsCaCertPath(missing.toString()).putHeader("Authorization", "Bearer t0k3n").build();

        for (TransportProvider provider : List.of(new HttpTransportProvider(), new SseTransportProvider())) {
            Transport opened = provider.open(spec, new TransportContext("tls", 1));
            assertThatThrownBy(() -> opened.start(heard)).as(provider.name()).isInstanceOf(IOException.class)
                    .hasMessage("tls_ca_cert_path " + missing + " does not exist");
        }
        assertThat(fixture.requests()).isEmpty();
        assertThat(heard.ended()).as("a start that failed tells the listener nothing").isFalse();
    }

    private ServerSpec.Builder spec() {
        return ServerSpec.builder("tls").transport("http").url(fixture.url().toString()).startupTimeoutSecs(5);
    }

    private StreamableHttpTransport open(ServerSpec spec) throws Exception {
        StreamableHttpTransport opened = new StreamableHttpTransport(spec, new TransportContext("tls", 1));
        opened.start(heard);
        return opened;
    }
}

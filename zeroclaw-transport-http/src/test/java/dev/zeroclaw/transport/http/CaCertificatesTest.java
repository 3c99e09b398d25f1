package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code tls_ca_cert_path} file must be, as upstream ZeroClaw reads it when it connects: a
 * regular, readable file of at most 1 MiB holding PEM certificates. Each refusal names the path.
 */
class CaCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void aBundleOfPemCertificatesWithTextAroundThemIsRead() throws Exception {
        List<X509Certificate> two = jvmCertificates().subList(0, 2);
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "# our CAs\nsubject=CN=first\n" + pem(two.get(0))
                + "\nsubject=CN=second\r\n" + pem(two.get(1)).replace("\n", "\r\n"), StandardCharsets.US_ASCII);

        assertThat(CaCertificates.read(bundle)).containsExactlyElementsOf(two);
    }

    @Test
    void aMissingFileADirectoryAndAnEmptyFileAreRefusedNamingThePath() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pem"));

        assertRefused(dir.resolve("gone.pem"), "does not exist");
        assertRefused(dir, "is not a regular file");
        assertRefused(empty, "is empty");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("ca.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");

        assertRefused(fifo, "is not a regular file"); // opening it would wait for a writer
    }

    @Test
    void aFileOverOneMebibyteIsRefusedAndOneOfExactlyThatSizeIsRead() throws Exception {
        String certificate = pem(jvmCertificates().get(0));
        StringBuilder padded = new StringBuilder(certificate);
        while (padded.length() < CaCertificates.MAX_SIZE) {
            padded.append('#');
        }
        padded.setLength((int) CaCertificates.MAX_SIZE);
        Path exactly = Files.writeString(dir.resolve("exactly.pem"), padded, StandardCharsets.US_ASCII);
        Path over = Files.writeString(dir.resolve("over.pem"), padded.append('#'), StandardCharsets.US_ASCII);

        assertThat(CaCertificates.read(exactly)).hasSize(1);
        assertRefused(over, "is larger than 1 MiB; is it a file of CA certificates?");
    }

    @Test
    void aFileWithoutPemCertificatesOrWithABrokenOneIsRefused() throws Exception {
        X509Certificate certificate = jvmCertificates().get(0);
        Path der = Files.write(dir.resolve("ca.der"), certificate.getEncoded());
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path broken = Files.writeString(dir.resolve("broken.pem"), pem(certificate)
                + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path cut = Files.writeString(dir.resolve("cut.pem"), pem(certificate).substring(0, 200));

        assertRefused(der, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertRefused(key, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> CaCertificates.read(broken)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("tls_ca_cert_path " + broken + " holds certificate 2 that cannot be read (");
        assertRefused(cut, "has a certificate without its END CERTIFICATE line");
    }

    @Test
    void aFileTheDaemonMayNotReadIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("ca.pem"), pem(jvmCertificates().get(0)));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "not running as root, who reads any file");

        assertRefused(secret, "cannot be read: permission denied");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> CaCertificates.read(file)).isInstanceOf(IOException.class)
                .hasMessage("tls_ca_cert_path " + file + " " + reason);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Real CA certificates, at hand without a keytool run: the JVM's own. */
    private static List<X509Certificate> jvmCertificates() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509Certificate[] issuers = ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers();
        assertThat(issuers).as("the JVM's CA certificates").hasSizeGreaterThanOrEqualTo(2);
        return List.of(issuers);
    }
}

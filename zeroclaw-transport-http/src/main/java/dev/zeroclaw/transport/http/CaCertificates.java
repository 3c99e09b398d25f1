package dev.zeroclaw.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A server's {@code tls_ca_cert_path}: CA certificates (PEM, or DER) trusted in addition to the
 * JVM's default ones, as upstream ZeroClaw adds them to its HTTP client's roots.
 */
final class CaCertificates {

    private CaCertificates() {}

    /** The certificates of the file; an {@link IOException} with a one-line reason when there are none. */
    static List<X509Certificate> read(Path file) throws IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("tls_ca_cert_path " + file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("tls_ca_cert_path " + file + " cannot be read: permission denied");
        } catch (GeneralSecurityException e) {
            throw new IOException("tls_ca_cert_path " + file + " holds no readable certificate (PEM expected)");
        }
        List<X509Certificate> found = new ArrayList<>();
        for (Certificate certificate : certificates) {
            if (certificate instanceof X509Certificate x509) {
                found.add(x509);
            }
        }
        if (found.isEmpty()) {
            throw new IOException("tls_ca_cert_path " + file + " holds no certificate (PEM expected)");
        }
        return found;
    }

    /** A TLS context that trusts the JVM's default CAs and those of {@code file}. */
    static SSLContext context(Path file) throws IOException {
        List<X509Certificate> extra = read(file);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int alias = 0;
            for (X509Certificate certificate : defaultTrust().getAcceptedIssuers()) {
                trusted.setCertificateEntry("default-" + alias++, certificate);
            }
            for (X509Certificate certificate : extra) {
                trusted.setCertificateEntry("tls-ca-cert-path-" + alias++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with tls_ca_cert_path " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}

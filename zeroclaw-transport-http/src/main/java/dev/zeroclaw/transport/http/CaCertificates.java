package dev.zeroclaw.transport.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A server's {@code tls_ca_cert_path}: PEM-encoded CA certificates trusted in addition to the JVM's
 * default ones, as upstream ZeroClaw adds them to its HTTP client's roots. Read when the server is
 * connected, never when the configuration is: a file that is missing or wrong fails that server
 * (and each later attempt reads it again), not the whole configuration.
 */
final class CaCertificates {

    /** A bundle of every public CA is about 200 KB; more than this is not a CA file. */
    static final long MAX_SIZE = 1024 * 1024;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private CaCertificates() {}

    /**
     * The certificates of the file.
     *
     * @throws IOException with a one-line reason naming the file: it is missing, no regular file,
     *     unreadable, empty, larger than {@link #MAX_SIZE}, holds no PEM certificate or a broken one
     */
    static List<X509Certificate> read(Path file) throws IOException {
        String text = new String(content(file), StandardCharsets.ISO_8859_1);
        List<X509Certificate> found = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IOException("cannot read tls_ca_cert_path " + file + ": the JVM has no X.509 support", e);
        }
        // Each BEGIN/END CERTIFICATE block; text between them (openssl's subject= lines) and other
        // blocks are skipped, as upstream's PEM reader skips them.
        for (int begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, begin + BEGIN.length())) {
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new IOException(problem(file, "has a certificate without its END CERTIFICATE line"));
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
                found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException e) {
                throw new IOException(problem(file, "holds certificate " + (found.size() + 1)
                        + " that cannot be read (" + firstLine(e) + ")"));
            }
        }
        if (found.isEmpty()) {
            throw new IOException(problem(file, "holds no PEM certificate (" + BEGIN + ")"));
        }
        return found;
    }

    private static byte[] content(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                throw new IOException(problem(file, "does not exist"));
            }
            // Before opening it: a FIFO would block the open, a directory cannot be read.
            if (!Files.isRegularFile(file)) {
                throw new IOException(problem(file, "is not a regular file"));
            }
            if (Files.size(file) > MAX_SIZE) {
                throw new IOException(problem(file, "is larger than 1 MiB; is it a file of CA certificates?"));
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes((int) MAX_SIZE + 1); // it may have grown since
            }
            if (content.length > MAX_SIZE) {
                throw new IOException(problem(file, "is larger than 1 MiB; is it a file of CA certificates?"));
            }
            if (content.length == 0) {
                throw new IOException(problem(file, "is empty"));
            }
            return content;
        } catch (AccessDeniedException e) {
            throw new IOException(problem(file, "cannot be read: permission denied"));
        } catch (NoSuchFileException e) {
            throw new IOException(problem(file, "does not exist"));
        } catch (FileSystemException e) {
            throw new IOException(problem(file, "cannot be read: " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())));
        }
    }

    private static String problem(Path file, String what) {
        return "tls_ca_cert_path " + file + " " + what;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run by check-release.sh on the release's own runtime: a TLS 1.3 handshake with an EC key over loopback, and the
 * default trust store's CA certificates. This is what the http and sse transports need for an https server, and
 * what jdeps cannot see: the EC algorithms are a provider module (jdk.crypto.ec) found at run time.
 *
 * <p>Arguments: a PKCS12 key store holding one EC key pair, and its password.
 */
public final class TlsProbe {

    private TlsProbe() {}

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustOwnKey = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustOwnKey.init(keys);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustOwnKey.getTrustManagers(), null);

        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            Thread serverSide = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.getOutputStream().write(socket.getInputStream().read());
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    System.err.println("TlsProbe: server side: " + e);
                }
            });
            serverSide.start();
            try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(loopback, server.getLocalPort())) {
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                int echoed = client.getInputStream().read();
                SSLSession session = client.getSession();
                System.out.println("handshake " + session.getProtocol() + " " + session.getCipherSuite() + " key "
                        + session.getPeerCertificates()[0].getPublicKey().getAlgorithm() + ", echoed " + echoed);
                if (echoed != 42) {
                    System.exit(1);
                }
            }
            serverSide.join();
        }

        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        int authorities = 0;
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                authorities += ((X509TrustManager) manager).getAcceptedIssuers().length;
            }
        }
        System.out.println("default trust store: " + authorities + " certificate authorities");
        if (authorities == 0) {
            System.exit(1);
        }
    }
}

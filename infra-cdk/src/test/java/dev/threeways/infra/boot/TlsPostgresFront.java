package dev.threeways.infra.boot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of a local PostgreSQL that has none, so the templates' {@code sslmode=require} URL is
 * used as it is: RDS and RDS Proxy require TLS, and the app's driver must negotiate it. Speaks the
 * protocol's opening: answers the client's SSLRequest with 'S', does the TLS handshake with a
 * throwaway self-signed key (what {@code require} accepts: encrypted, not verified), then relays the
 * decrypted stream to the server. A client that does not ask for TLS is refused, as RDS would.
 */
final class TlsPostgresFront implements AutoCloseable {
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int GSS_ENCRYPTION_REQUEST_CODE = 80877104;

    private final ServerSocket listener;
    private final String serverHost;
    private final int serverPort;
    private final SSLContext tls;

    private TlsPostgresFront(ServerSocket listener, String serverHost, int serverPort, SSLContext tls) {
        this.listener = listener;
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.tls = tls;
    }

    static TlsPostgresFront start(String serverHost, int serverPort) throws Exception {
        var front = new TlsPostgresFront(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverHost, serverPort,
                selfSigned());
        Thread.ofVirtual().name("tls-postgres-accept").start(front::accept);
        return front;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** A key pair and certificate for localhost, made by the JDK's keytool, valid for a day. */
    private static SSLContext selfSigned() throws Exception {
        Path dir = Files.createTempDirectory("tls-postgres");
        Path store = dir.resolve("front.p12");
        char[] password = "local-only".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("tls-postgres-conn").start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            var in = new DataInputStream(client.getInputStream());
            int length = in.readInt();
            int code = in.readInt();
            if (length == 8 && code == GSS_ENCRYPTION_REQUEST_CODE) {
                // no GSS encryption here, as at RDS: the client goes on to ask for TLS
                client.getOutputStream().write('N');
                client.getOutputStream().flush();
                length = in.readInt();
                code = in.readInt();
            }
            if (length != 8 || code != SSL_REQUEST_CODE) {
                return; // no TLS asked for: refused
            }
            client.getOutputStream().write('S');
            client.getOutputStream().flush();
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
                 Socket server = new Socket(serverHost, serverPort)) {
                secure.setUseClientMode(false);
                secure.startHandshake();
                Thread upstream = Thread.ofVirtual().start(() -> relay(secure, server));
                relay(server, secure);
                upstream.join();
            }
        } catch (IOException | InterruptedException ignored) {
            // the client or the server went away: the connection ends, as it would at RDS
        }
    }

    private static void relay(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException ignored) {
                // already closed; SSLSocket does not support half-close
                try {
                    to.close();
                } catch (IOException alsoIgnored) {
                    // nothing left to close
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

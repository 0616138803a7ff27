package dev.threeways.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection that sends prepared request bytes and reads the status and the
 * whole body (Content-Length or chunked). Raw bytes rather than a client library: the load generator
 * shares two cores with the server it measures, and every microsecond it spends is one the server
 * does not get.
 */
public final class HttpConnection implements Closeable {
    /** A response larger than this is not what any measured path returns; refuse rather than buffer it. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final int MAX_LINE_BYTES = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean open = true;
    private byte[] lineBuffer = new byte[256];

    public HttpConnection(String host, int port, boolean tls, Duration timeout) throws IOException {
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        this.out = s.getOutputStream();
    }

    /** The answer to one request: its status and body. */
    public record Response(int status, byte[] body) {
        public String bodyUtf8() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            open = false;
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        String header;
        while ((header = line()) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            if (length > MAX_BODY_BYTES) {
                throw new IOException("response body of " + length + " bytes is over " + MAX_BODY_BYTES);
            }
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("connection closed inside the body");
            }
        } else {
            body = in.readNBytes(MAX_BODY_BYTES);
            close = true;
        }
        if (close) {
            open = false;
        }
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = line()) != null && !trailer.isEmpty()) {
                    // trailers carry nothing the harness needs
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    /** One line without its CRLF, in a buffer kept for the connection: the generator reads several per response. */
    private String line() throws IOException {
        int n = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return new String(lineBuffer, 0, n > 0 && lineBuffer[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
            }
            if (n == MAX_LINE_BYTES) {
                throw new IOException("header line over " + MAX_LINE_BYTES + " bytes");
            }
            if (n == lineBuffer.length) {
                lineBuffer = java.util.Arrays.copyOf(lineBuffer, Math.min(2 * n, MAX_LINE_BYTES));
            }
            lineBuffer[n++] = (byte) b;
        }
        return n == 0 ? null : new String(lineBuffer, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** False once the server said it closes, or the connection failed. */
    public boolean isOpen() {
        return open && !socket.isClosed();
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection that already failed has nothing left to report
        }
    }
}

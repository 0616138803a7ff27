package dev.threeways.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** HTTP/1.1 request bytes, built once per request shape so sending costs the generator nothing more. */
public final class Requests {
    private Requests() {}

    public static byte[] get(String host, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: three-ways-bench\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] post(String host, String path, Map<String, String> headers, byte[] body) {
        var head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nUser-Agent: three-ways-bench\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}

package dev.threeways.parity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a client writes it: the target exactly as sent (path and raw query), headers in order
 * with repeats and their spelling kept, the body's bytes.
 */
record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

    static Request get(String target, String... headerNamesAndValues) {
        return of("GET", target, new byte[0], headerNamesAndValues);
    }

    static Request of(String method, String target, byte[] body, String... headerNamesAndValues) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.add(Map.entry(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
        }
        return new Request(method, target, List.copyOf(headers), body);
    }

    static Request json(String method, String target, String body, String... headerNamesAndValues) {
        var headers = new ArrayList<>(List.of(headerNamesAndValues));
        headers.addAll(0, List.of("Content-Type", "application/json"));
        return of(method, target, body.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
    }

    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String rawQuery() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    /** The request on the wire, HTTP/1.1, one request per connection. */
    byte[] wire() {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        if (body.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        var out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** For the table and failure messages: a 7 MB body is not printed. */
    @Override
    public String toString() {
        return method + " " + (target.length() > 80 ? target.substring(0, 77) + "..." : target)
                + (body.length > 0 ? " (" + body.length + " bytes)" : "");
    }
}

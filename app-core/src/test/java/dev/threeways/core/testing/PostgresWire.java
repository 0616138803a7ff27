package dev.threeways.core.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a PostgreSQL client sent, read from the bytes of one connection (a {@link TcpProxy#recording}):
 * the simple-protocol queries and the extended protocol's Parse messages with their statement names.
 * A named statement or a {@code SET} is what makes RDS Proxy pin a client to one database connection.
 */
public record PostgresWire(List<String> simpleQueries, List<String> parsedStatements, List<String> statementNames) {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    /** Frontend messages of one unencrypted connection, from its first byte. */
    public static PostgresWire read(byte[] sent) {
        ByteBuffer in = ByteBuffer.wrap(sent);
        var queries = new ArrayList<String>();
        var parsed = new ArrayList<String>();
        var names = new ArrayList<String>();
        // untyped messages first: an SSL or GSS request the server may refuse, then the startup message
        while (in.remaining() >= 8) {
            int length = in.getInt(in.position());
            int code = in.getInt(in.position() + 4);
            in.position(in.position() + length);
            if (code != SSL_REQUEST && code != GSS_REQUEST) {
                break;
            }
        }
        while (in.remaining() >= 5) {
            byte type = in.get();
            int length = in.getInt();
            if (in.remaining() < length - 4) {
                break; // the connection's last message was cut off
            }
            byte[] body = new byte[length - 4];
            in.get(body);
            switch (type) {
                case 'Q' -> queries.add(cString(body, 0));
                case 'P' -> {
                    String name = cString(body, 0);
                    names.add(name);
                    parsed.add(cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
                }
                default -> { }
            }
        }
        return new PostgresWire(queries, parsed, names);
    }

    /** Every statement sent as text, simple or parsed. */
    public List<String> statements() {
        var all = new ArrayList<>(simpleQueries);
        all.addAll(parsedStatements);
        return all;
    }

    /** The names of server-side prepared statements (an unnamed statement has the empty name). */
    public List<String> namedStatements() {
        return statementNames.stream().filter(n -> !n.isEmpty()).toList();
    }

    private static String cString(byte[] body, int from) {
        int end = from;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }
}

package dev.threeways.server.testing;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.server.ResidentServer;
import dev.threeways.server.ServerConfig;
import java.net.URI;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The app on a real server, on an ephemeral loopback port, over a fresh embedded database. */
public record TestServer(App app, ResidentServer server) {
    /** {@code appEnv} and {@code serverEnv} add to the shipped defaults. */
    public static TestServer start(Map<String, String> appEnv, Map<String, String> serverEnv) {
        return start(appEnv, serverEnv, H2Database.fresh());
    }

    /** Over {@code database} instead of a fresh H2. */
    public static TestServer start(Map<String, String> appEnv, Map<String, String> serverEnv, DataSource database) {
        AppConfig config = AppConfig.fromEnv(appEnv);
        App app = new App(config, database, new InMemoryWebhookQueue(config.queueMaxMessageBytes()),
                InstantSource.system());
        var env = new HashMap<>(Map.of("PORT", "0", "SERVER_HOST", "127.0.0.1"));
        env.putAll(serverEnv);
        return new TestServer(app, ResidentServer.start(ServerConfig.fromEnv(env), app));
    }

    public int port() {
        return server.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }
}

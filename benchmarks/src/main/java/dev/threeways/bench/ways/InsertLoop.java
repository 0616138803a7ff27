package dev.threeways.bench.ways;

import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.bench.Budget;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ServerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling for webhook apply: what the database alone takes — one single-row INSERT per statement,
 * autocommit, over a HikariCP pool built exactly as the servers build theirs (same size, same
 * settings), from one client per pooled connection: more clients would only queue for a connection
 * (and, past the pool's connection timeout, fail), which adds nothing to what the database takes. A
 * webhook does more than this (verify, parse, check the order, insert the event and the payment),
 * so it can only come below.
 */
public final class InsertLoop {
    private InsertLoop() {}

    /**
     * @param appEnv  the app's settings (the same URL, TLS included, the ways get)
     * @param threads where the clients run: a slot's threads, so the ceiling gets the CPU of the way it stands beside
     */
    public static double perSecond(Map<String, String> appEnv, Duration duration, Budget budget,
                                   java.util.concurrent.ThreadFactory threads) throws SQLException, InterruptedException {
        AppConfig config = AppConfig.fromEnv(appEnv);
        String table = "bench_insert_" + Long.toHexString(System.nanoTime());
        try (HikariDataSource pool = ResidentApp.pool(config, AppSecrets.from(config), ServerConfig.fromEnv(appEnv))) {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id VARCHAR(255) PRIMARY KEY, body TEXT NOT NULL)");
            }
            int clients = pool.getMaximumPoolSize();
            var rows = new AtomicLong();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try (ExecutorService loops = Executors.newFixedThreadPool(clients, threads)) {
                for (int i = 0; i < clients; i++) {
                    loops.execute(() -> {
                        while (System.nanoTime() < end && budget.tryTake()) {
                            try (Connection c = pool.getConnection();
                                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, body) VALUES (?, ?)")) {
                                long n = rows.incrementAndGet();
                                ps.setString(1, "evt_insert_" + n);
                                ps.setString(2, "{\"id\":\"evt_insert_" + n + "\"}");
                                ps.executeUpdate();
                            } catch (SQLException e) {
                                throw new IllegalStateException("the INSERT ceiling failed: " + e.getMessage(), e);
                            }
                        }
                    });
                }
                loops.shutdown();
                loops.awaitTermination(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + table);
            }
            return rows.get() / seconds;
        }
    }
}

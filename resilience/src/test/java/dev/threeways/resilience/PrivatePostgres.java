package dev.threeways.resilience;

import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A PostgreSQL cluster of the suite's own, made with the installed server's {@code initdb}, so it can be
 * killed the way a crashed or failed-over database dies ({@code kill -9} of the postmaster and every
 * backend: clients see their sockets reset mid-statement) and started again, without touching the server
 * the other tests share. As root (CI) the server runs as the {@code postgres} user, which it insists on.
 */
final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** A new cluster, started, with the app's schema migrated (the deploy migrates before any runtime starts). */
    static PrivatePostgres startMigrated() throws Exception {
        Path bin = serverBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dataDir = Files.createTempDirectory("tw-pg-");
        if (root) {
            run(List.of("chown", "postgres", dataDir.toString()));
        }
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var pg = new PrivatePostgres(bin, dataDir, port, root);
        pg.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(),
                "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"));
        pg.start();
        Migrations.migrate(pg.dataSource());
        return pg;
    }

    private static Path serverBinaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin: "
                            + "install the PostgreSQL server (apt-get install postgresql)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("the PostgreSQL server is not installed (/usr/lib/postgresql is missing): "
                    + "apt-get install postgresql", e);
        }
    }

    void start() throws Exception {
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60",
                "-D", dataDir.resolve("data").toString(), "-l", dataDir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200"));
    }

    /** kill -9 of every backend and then the postmaster, as a crash: no shutdown, sockets reset. */
    void kill() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("data/postmaster.pid")).getFirst().strip());
        var children = new ArrayList<ProcessHandle>();
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(children::add));
        children.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    DataSource dataSource() {
        return new SimpleDataSource(url(), "postgres", "");
    }

    boolean answers() {
        try (Connection c = DriverManager.getConnection(url() + "?connectTimeout=1", "postgres", "")) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void asServerUser(List<String> command) throws Exception {
        var full = new ArrayList<String>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-m", "immediate", "-w",
                    "-D", dataDir.resolve("data").toString()));
        } catch (IllegalStateException alreadyStopped) {
            // killed by the test and not restarted
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}

package dev.threeways.bench.ways;

import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.bench.Budget;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ServerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The SQL the app's ledger runs to apply one new webhook event, recorded once from the ledger itself
 * and replayed without the app: the same-work ceiling of every way that applies webhooks. The app's
 * {@link JdbcPaymentStore} applies one real event (a {@link Webhooks} {@code payment_intent.succeeded})
 * through a recording JDBC proxy that passes every call on to a real connection and notes the
 * statements (SQL, parameters as set, what each returned) and the transaction calls (auto-commit,
 * commit, rollback) in order. A replay runs that sequence on a connection with the event id and the
 * payment intent id swapped for fresh ones, so each replay is a new event: the SQL lives once, in the
 * app, and the ceiling follows it when the app changes.
 *
 * <p>What a replay leaves out is exactly the app: parsing and verifying the webhook, deciding between
 * statements (for a new event the results are the recorded ones, and a replay whose update counts or
 * row counts differ from the recording fails rather than measure other work), logging. Each statement is
 * prepared, run and closed as the ledger does it; a result set is read to its end.
 */
public final class LedgerReplay {
    /** Transaction calls on the connection that a replay repeats. */
    private static final Set<String> TRANSACTION_CALLS = Set.of("setAutoCommit", "commit", "rollback",
            "setTransactionIsolation", "setReadOnly");

    /** One step of the recorded apply, in the order the ledger took it. */
    public sealed interface Step permits ConnectionCall, Execution {}

    /** A transaction call on the connection: {@code setAutoCommit(false)}, {@code commit()}, {@code rollback()}. */
    public record ConnectionCall(Method method, List<Object> args) implements Step {
        public ConnectionCall {
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }

        public String name() {
            return method.getName();
        }

        @Override
        public String toString() {
            return name() + args;
        }
    }

    /** A call made on a statement before it ran: a parameter ({@code setString(1, …)}) or an option. */
    public record Call(Method method, List<Object> args) {
        public Call {
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }
    }

    /**
     * One statement run: prepared with {@code sql} ({@code null} for a plain {@link Statement}, whose SQL is the
     * execute call's argument), the calls in effect when it ran, the execute call, and what it returned (the
     * update count, or the rows read).
     */
    public record Execution(String sql, List<Call> calls, Method execute, List<Object> executeArgs, long result)
            implements Step {
        public Execution {
            calls = List.copyOf(calls);
            executeArgs = Collections.unmodifiableList(new ArrayList<>(executeArgs));
        }

        /** The SQL as the database received it. */
        public String text() {
            return sql != null ? sql : String.valueOf(executeArgs.getFirst());
        }

        /** The parameters' values in parameter order. */
        public List<Object> parameters() {
            return calls.stream().filter(c -> isParameter(c.method())).map(c -> c.args().get(1)).toList();
        }

        @Override
        public String toString() {
            return text().replaceAll("\\s+", " ").trim() + " " + parameters() + " -> " + result;
        }
    }

    private final List<Step> steps;
    private final String eventId;
    private final String intentId;
    private final Pattern ids;

    private LedgerReplay(List<Step> steps, String eventId, String intentId) {
        this.steps = List.copyOf(steps);
        this.eventId = eventId;
        this.intentId = intentId;
        // longest first, so neither id can match inside the other
        this.ids = Pattern.compile(Pattern.quote(eventId.length() >= intentId.length() ? eventId : intentId) + "|"
                + Pattern.quote(eventId.length() >= intentId.length() ? intentId : eventId));
    }

    /**
     * Records the ledger applying one new event on {@code database} (the event is really applied: a
     * statement's results are the database's). The recording must be a single clean apply: the app's
     * outcome {@code applied}, no rollback (a retried transaction would have recorded twice).
     */
    public static LedgerReplay record(DataSource database) {
        Webhooks.Event event = new Webhooks("replay").next();
        LedgerEvent parsed = StripeEventParser.parse(Json.readBody(event.body().getBytes(StandardCharsets.UTF_8)));
        String intent = parsed.paymentIntentId().orElseThrow(() ->
                new IllegalStateException("the recorded event has no payment intent: " + event.id()));
        var recorder = new Recorder(database);
        ApplyOutcome outcome = new JdbcPaymentStore(recorder.dataSource()).apply(parsed);
        if (outcome != ApplyOutcome.APPLIED) {
            throw new IllegalStateException("the ledger did not apply the recorded event " + event.id() + ": " + outcome);
        }
        List<Step> steps = recorder.steps();
        if (steps.stream().noneMatch(s -> s instanceof Execution)) {
            throw new IllegalStateException("the ledger ran no SQL through the data source it was given");
        }
        if (steps.stream().anyMatch(s -> s instanceof ConnectionCall c && c.name().equals("rollback"))) {
            throw new IllegalStateException("the recorded apply rolled back (a retried transaction?): " + steps);
        }
        return new LedgerReplay(steps, parsed.eventId(), intent);
    }

    public List<Step> steps() {
        return steps;
    }

    /** The statements' SQL, in order. */
    public List<String> statements() {
        return steps.stream().filter(s -> s instanceof Execution).map(s -> ((Execution) s).text()).toList();
    }

    /** The event id the recording applied: what a replay replaces. */
    public String recordedEventId() {
        return eventId;
    }

    /** The payment intent id the recording applied: what a replay replaces. */
    public String recordedIntentId() {
        return intentId;
    }

    /** In words, for the report: "6 statements, 1 commit". */
    public String describe() {
        long statements = steps.stream().filter(s -> s instanceof Execution).count();
        long commits = steps.stream().filter(s -> s instanceof ConnectionCall c && c.name().equals("commit")).count();
        return statements + " statements, " + commits + (commits == 1 ? " commit" : " commits");
    }

    /**
     * Applies the recorded event again on {@code connection} as a new one: every string argument that holds
     * the recorded event id or payment intent id gets {@code newEventId} / {@code newIntentId} instead. The
     * connection is left as the ledger leaves it (after its commit); on a failure the transaction is rolled back.
     *
     * @throws IllegalStateException a statement returned another update count or row count than recorded: the
     *                               replay would not be doing the ledger's work (an id already used, say)
     */
    public void replay(Connection connection, String newEventId, String newIntentId) throws SQLException {
        Map<String, String> swap = Map.of(eventId, newEventId, intentId, newIntentId);
        try {
            for (Step step : steps) {
                switch (step) {
                    case ConnectionCall call -> invoke(call.method(), connection, call.args(), swap);
                    case Execution execution -> run(connection, execution, swap);
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Webhooks applied per second by the ledger's SQL alone: the recorded apply replayed as new events by
     * {@code clients} loops, each taking a connection for each event from a HikariCP pool of {@code clients}
     * connections built as the servers build theirs ({@link ResidentApp#pool}) — what a server with that pool
     * size could apply if the app cost nothing. The same-work ceiling beside {@link InsertLoop}'s physical floor
     * of a commit.
     */
    public static double perSecond(TestDatabase database, int clients, Duration duration, Budget budget)
            throws SQLException, InterruptedException {
        return perSecond(Map.of("DATABASE_URL", database.url(), "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password()), clients, duration, budget, Thread.ofPlatform().factory());
    }

    /**
     * As {@link #perSecond(TestDatabase, int, Duration, Budget)}, connecting with the app's own settings
     * ({@code Lab.wiring(null)}: the same URL, TLS included, and credentials the ways get), its client threads
     * from {@code threads} (a slot's, so the ceiling gets the CPU of the way it stands beside).
     */
    public static double perSecond(Map<String, String> appEnv, int clients, Duration duration, Budget budget,
                                   java.util.concurrent.ThreadFactory threads) throws SQLException, InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be positive: " + clients);
        }
        AppConfig config = AppConfig.fromEnv(appEnv);
        var serverEnv = new LinkedHashMap<>(appEnv);
        serverEnv.put("DATABASE_POOL_SIZE", String.valueOf(clients));
        try (AppSecrets secrets = AppSecrets.from(config);
             HikariDataSource pool = ResidentApp.pool(config, secrets, ServerConfig.fromEnv(serverEnv))) {
            LedgerReplay replay = record(pool);
            var ids = new FreshIds("rp");
            var applied = new AtomicLong();
            var failure = new AtomicReference<Throwable>();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try (ExecutorService loops = Executors.newFixedThreadPool(clients, threads)) {
                for (int i = 0; i < clients; i++) {
                    loops.execute(() -> {
                        while (failure.get() == null && System.nanoTime() < end && budget.tryTake()) {
                            long n = ids.next();
                            try (Connection c = pool.getConnection()) {
                                replay.replay(c, ids.eventId(n), ids.intentId(n));
                                applied.incrementAndGet();
                            } catch (SQLException | RuntimeException e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    });
                }
                loops.shutdown();
                loops.awaitTermination(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("the ledger replay failed: " + failure.get().getMessage(), failure.get());
            }
            return applied.get() / seconds;
        }
    }

    /** Fresh event and payment intent ids, as {@link Webhooks} makes them: {@code evt_<prefix>_<n>}, {@code pi_<prefix>_<n>}. */
    static final class FreshIds {
        private final String prefix;
        private final AtomicLong next = new AtomicLong();

        FreshIds(String tag) {
            this.prefix = tag + "_" + Long.toHexString(System.nanoTime());
        }

        long next() {
            return next.incrementAndGet();
        }

        String eventId(long n) {
            return "evt_" + prefix + "_" + n;
        }

        String intentId(long n) {
            return "pi_" + prefix + "_" + n;
        }

        /** What every event id of these starts with. */
        String eventPrefix() {
            return "evt_" + prefix + "_";
        }
    }

    private void run(Connection connection, Execution execution, Map<String, String> swap) throws SQLException {
        try (Statement statement = execution.sql() != null ? connection.prepareStatement(execution.sql())
                : connection.createStatement()) {
            for (Call call : execution.calls()) {
                invoke(call.method(), statement, call.args(), swap);
            }
            Object result = invoke(execution.execute(), statement, execution.executeArgs(), swap);
            long got = outcome(statement, result);
            if (got != execution.result()) {
                throw new IllegalStateException("the replay diverged from the recording: " + execution.text().strip()
                        + " returned " + got + ", recorded " + execution.result());
            }
        }
    }

    private Object invoke(Method method, Object target, List<Object> args, Map<String, String> swap) throws SQLException {
        Object[] swapped = new Object[args.size()];
        for (int i = 0; i < swapped.length; i++) {
            swapped[i] = args.get(i) instanceof String s ? swap(s, swap) : args.get(i);
        }
        try {
            return method.invoke(target, swapped);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replay " + method, e);
        }
    }

    private String swap(String value, Map<String, String> swap) {
        Matcher m = ids.matcher(value);
        return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(swap.get(r.group()))) : value;
    }

    /** What an execute call returned, as the recording compares it: the update count, or the rows of its result. */
    private static long outcome(Statement statement, Object result) throws SQLException {
        return switch (result) {
            case ResultSet rs -> drain(rs);
            case Integer count -> count;
            case Long count -> count;
            case Boolean hasResultSet -> hasResultSet ? drain(statement.getResultSet()) : statement.getLargeUpdateCount();
            case int[] counts -> Arrays.stream(counts).asLongStream().sum();
            case long[] counts -> Arrays.stream(counts).sum();
            case null, default -> -1;
        };
    }

    private static long drain(ResultSet rs) throws SQLException {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            long rows = 0;
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                rows++;
            }
            return rows;
        }
    }

    private static boolean isParameter(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return method.getDeclaringClass() == PreparedStatement.class && method.getName().startsWith("set")
                && types.length >= 2 && types[0] == int.class;
    }

    private static boolean isExecute(Method method) {
        return method.getName().startsWith("execute") && !method.getName().equals("executeBatch");
    }

    /** The recording side: proxies that pass every call on and note the ones a replay repeats. */
    private static final class Recorder {
        private final DataSource real;
        /** Steps, and queries whose row count is known once the ledger has read them. */
        private final List<Object> recorded = Collections.synchronizedList(new ArrayList<>());

        Recorder(DataSource real) {
            this.real = real;
        }

        List<Step> steps() {
            synchronized (recorded) {
                return recorded.stream().map(r -> r instanceof Query q ? q.execution() : (Step) r).toList();
            }
        }

        DataSource dataSource() {
            return proxy(DataSource.class, real, (method, args, result) -> method.getName().equals("getConnection")
                    ? connection((Connection) result) : result);
        }

        private Connection connection(Connection c) {
            return proxy(Connection.class, c, new Interceptor() {
                @Override
                public void before(Method method, Object[] args) {
                    String name = method.getName();
                    if (name.equals("prepareStatement") && args.length != 1) {
                        throw new UnsupportedOperationException("LedgerReplay records prepareStatement(String) only: " + method);
                    }
                    if (name.equals("createStatement") && args != null && args.length > 0) {
                        throw new UnsupportedOperationException("LedgerReplay records createStatement() only: " + method);
                    }
                    if (Set.of("prepareCall", "setSavepoint", "releaseSavepoint").contains(name)
                            || (name.equals("rollback") && args != null && args.length > 0)) {
                        throw new UnsupportedOperationException("LedgerReplay cannot replay " + method);
                    }
                }

                @Override
                public Object after(Method method, Object[] args, Object result) {
                    return switch (method.getName()) {
                        case "prepareStatement" -> statement(PreparedStatement.class, (PreparedStatement) result, (String) args[0]);
                        case "createStatement" -> statement(Statement.class, (Statement) result, null);
                        default -> {
                            if (TRANSACTION_CALLS.contains(method.getName())) {
                                recorded.add(new ConnectionCall(method, args == null ? List.of() : Arrays.asList(args)));
                            }
                            yield result;
                        }
                    };
                }
            });
        }

        private <S extends Statement> S statement(Class<S> type, S real, String sql) {
            // what is in effect when it runs: parameters by index (kept across runs, as JDBC keeps them), options in order
            var parameters = new LinkedHashMap<Integer, Call>();
            var options = new ArrayList<Call>();
            return proxy(type, real, new Interceptor() {
                @Override
                public void before(Method method, Object[] args) {
                    if (method.getName().equals("addBatch") || method.getName().equals("executeBatch")) {
                        throw new UnsupportedOperationException("LedgerReplay does not replay JDBC batches: " + method);
                    }
                }

                @Override
                public Object after(Method method, Object[] args, Object result) throws SQLException {
                    String name = method.getName();
                    List<Object> arguments = args == null ? List.of() : Arrays.asList(args);
                    if (isParameter(method)) {
                        parameters.put((Integer) args[0], new Call(method, arguments));
                    } else if (name.equals("clearParameters")) {
                        parameters.clear();
                    } else if (name.startsWith("set")) {
                        options.add(new Call(method, arguments));
                    } else if (isExecute(method)) {
                        var calls = new ArrayList<>(options);
                        calls.addAll(parameters.values());
                        switch (result) {
                            case ResultSet rs -> {
                                var query = new Query(sql, calls, method, arguments, rs);
                                recorded.add(query);
                                return query.proxy();
                            }
                            case Integer count -> recorded.add(new Execution(sql, calls, method, arguments, count));
                            case Long count -> recorded.add(new Execution(sql, calls, method, arguments, count));
                            case Boolean hasResultSet when !hasResultSet ->
                                    recorded.add(new Execution(sql, calls, method, arguments, real.getLargeUpdateCount()));
                            default -> throw new UnsupportedOperationException(
                                    "LedgerReplay replays executeQuery and executeUpdate, not " + method + " returning " + result);
                        }
                    }
                    return result;
                }
            });
        }

        /** A query the ledger reads: its rows are counted as read, and the rest when it is closed early. */
        private static final class Query {
            private final String sql;
            private final List<Call> calls;
            private final Method execute;
            private final List<Object> args;
            private final ResultSet real;
            private long rows;
            private boolean exhausted;

            Query(String sql, List<Call> calls, Method execute, List<Object> args, ResultSet real) {
                this.sql = sql;
                this.calls = calls;
                this.execute = execute;
                this.args = args;
                this.real = real;
            }

            synchronized Execution execution() {
                return new Execution(sql, calls, execute, args, rows);
            }

            ResultSet proxy() {
                return Recorder.proxy(ResultSet.class, real, new Interceptor() {
                    @Override
                    public void before(Method method, Object[] a) throws SQLException {
                        if (method.getName().equals("close")) {
                            synchronized (Query.this) {
                                // the ledger stopped reading early (a one-row lookup): a replay reads every row
                                while (!exhausted && !real.isClosed() && real.next()) {
                                    rows++;
                                }
                                exhausted = true;
                            }
                        }
                    }

                    @Override
                    public Object after(Method method, Object[] a, Object result) {
                        if (method.getName().equals("next")) {
                            synchronized (Query.this) {
                                if ((Boolean) result) {
                                    rows++;
                                } else {
                                    exhausted = true;
                                }
                            }
                        }
                        return result;
                    }
                });
            }
        }

        /** What a proxy does around the real call: check before it, note (and maybe wrap) its result after it. */
        @FunctionalInterface
        private interface Interceptor {
            Object after(Method method, Object[] args, Object result) throws SQLException;

            default void before(Method method, Object[] args) throws SQLException {}
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T real, Interceptor interceptor) {
            return (T) Proxy.newProxyInstance(LedgerReplay.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "recording " + real;
                            };
                        }
                        interceptor.before(method, args);
                        Object result;
                        try {
                            result = method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        return interceptor.after(method, args, result);
                    });
        }
    }
}

package dev.threeways.core.ledger;

import dev.threeways.core.ledger.LedgerEvent.ChargeRefunded;
import dev.threeways.core.ledger.LedgerEvent.Ignored;
import dev.threeways.core.ledger.LedgerEvent.PaymentIntentEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The ledger over JDBC. The SQL is accepted by PostgreSQL and by H2 in PostgreSQL mode, which is why
 * it uses {@code ON CONFLICT DO NOTHING} with the update count and no {@code RETURNING}.
 *
 * <p>Each apply takes its locks in one order (the event id, then the payment row), so concurrent
 * deliveries of the same or related events wait for each other instead of deadlocking; a second
 * delivery of an event id blocks on the first one's uncommitted claim and then finds it taken.
 */
public final class JdbcPaymentStore implements PaymentStore {
    /** serialization_failure, deadlock_detected: safe to retry the whole transaction. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    public JdbcPaymentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ApplyOutcome apply(LedgerEvent event) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    ApplyOutcome outcome = applyIn(c, event);
                    if (outcome == ApplyOutcome.DUPLICATE) {
                        c.rollback();
                    } else {
                        c.commit();
                    }
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && RETRYABLE.contains(e.getSQLState())) {
                    continue;
                }
                throw new StoreException("could not apply event " + event.eventId(), e);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private ApplyOutcome applyIn(Connection c, LedgerEvent event) throws SQLException {
        String intentId = switch (event) {
            case PaymentIntentEvent e -> e.paymentIntentId();
            case ChargeRefunded e -> e.paymentIntentId();
            case Ignored e -> null;
        };
        if (!claim(c, event, intentId)) {
            return ApplyOutcome.DUPLICATE;
        }
        ApplyOutcome outcome = switch (event) {
            case PaymentIntentEvent e -> applyIntent(c, e);
            case ChargeRefunded e -> applyRefund(c, e);
            case Ignored e -> ApplyOutcome.IGNORED;
        };
        try (var ps = c.prepareStatement("UPDATE webhook_events SET outcome = ? WHERE event_id = ?")) {
            ps.setString(1, outcome.wireName());
            ps.setString(2, event.eventId());
            ps.executeUpdate();
        }
        return outcome;
    }

    private static boolean claim(Connection c, LedgerEvent event, String intentId) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO webhook_events (event_id, event_type, payment_intent_id, event_created, outcome)
                VALUES (?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING""")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.type());
            ps.setString(3, intentId);
            ps.setLong(4, event.created());
            return ps.executeUpdate() == 1;
        }
    }

    private ApplyOutcome applyIntent(Connection c, PaymentIntentEvent e) throws SQLException {
        Row row = lockPayment(c, e.paymentIntentId(), e.amount(), e.currency());
        boolean moved = false;
        if (row.isBefore(e.stage().rank(), e.created(), e.eventId())) {
            try (var ps = c.prepareStatement("""
                    UPDATE payments SET status = ?, status_rank = ?, status_event_created = ?, status_event_id = ?,
                           amount = ?, amount_received = ?, currency = ?, updated_at = CURRENT_TIMESTAMP
                    WHERE payment_intent_id = ?""")) {
                ps.setString(1, e.stage().status());
                ps.setInt(2, e.stage().rank());
                ps.setLong(3, e.created());
                ps.setString(4, e.eventId());
                ps.setLong(5, e.amount());
                ps.setLong(6, e.amountReceived());
                ps.setString(7, e.currency());
                ps.setString(8, e.paymentIntentId());
                ps.executeUpdate();
            }
            moved = true;
        }
        boolean wrote = false;
        if (e.stage() == PaymentStage.SUCCEEDED) {
            wrote = insertEntry(c, e.paymentIntentId(), LedgerEntry.Kind.CAPTURE, e.paymentIntentId(),
                    e.amountReceived(), e.currency(), e.eventId());
        }
        return moved || wrote ? ApplyOutcome.APPLIED : ApplyOutcome.STALE;
    }

    private ApplyOutcome applyRefund(Connection c, ChargeRefunded e) throws SQLException {
        Row row = lockPayment(c, e.paymentIntentId(), e.amount(), e.currency());
        boolean wrote = false;
        for (LedgerEvent.Refund refund : e.refunds()) {
            wrote |= insertEntry(c, e.paymentIntentId(), LedgerEntry.Kind.REFUND, refund.refundId(),
                    refund.amount(), e.currency(), e.eventId());
        }
        long entries;
        try (var ps = c.prepareStatement(
                "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE payment_intent_id = ? AND kind = 'refund'")) {
            ps.setString(1, e.paymentIntentId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                entries = rs.getLong(1);
            }
        }
        // refunds only accumulate, so the largest total seen is the truth whatever the order
        long refunded = Math.max(row.amountRefunded(), Math.max(e.amountRefunded(), entries));
        boolean moved = refunded > row.amountRefunded();
        if (moved) {
            try (var ps = c.prepareStatement(
                    "UPDATE payments SET amount_refunded = ?, updated_at = CURRENT_TIMESTAMP WHERE payment_intent_id = ?")) {
                ps.setLong(1, refunded);
                ps.setString(2, e.paymentIntentId());
                ps.executeUpdate();
            }
        }
        return moved || wrote ? ApplyOutcome.APPLIED : ApplyOutcome.STALE;
    }

    /** Makes sure the payment row exists, then locks it for the rest of the transaction. */
    private static Row lockPayment(Connection c, String intentId, long amount, String currency) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO payments (payment_intent_id, status, status_rank, status_event_created, status_event_id,
                                      amount, amount_received, amount_refunded, currency)
                VALUES (?, ?, ?, 0, '', ?, 0, 0, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, intentId);
            ps.setString(2, PaymentStage.UNKNOWN.status());
            ps.setInt(3, PaymentStage.UNKNOWN.rank());
            ps.setLong(4, amount);
            ps.setString(5, currency);
            ps.executeUpdate();
        }
        try (var ps = c.prepareStatement("""
                SELECT status_rank, status_event_created, status_event_id, amount_refunded
                FROM payments WHERE payment_intent_id = ? FOR UPDATE""")) {
            ps.setString(1, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("payment " + intentId + " vanished inside its transaction");
                }
                return new Row(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4));
            }
        }
    }

    private static boolean insertEntry(Connection c, String intentId, LedgerEntry.Kind kind, String key, long amount,
                                       String currency, String eventId) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO ledger_entries (payment_intent_id, kind, entry_key, amount, currency, event_id)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, intentId);
            ps.setString(2, kind.dbName());
            ps.setString(3, key);
            ps.setLong(4, amount);
            ps.setString(5, currency);
            ps.setString(6, eventId);
            return ps.executeUpdate() == 1;
        }
    }

    private record Row(int rank, long created, String eventId, long amountRefunded) {
        private static final Comparator<Row> ORDER = Comparator.comparingInt(Row::rank)
                .thenComparingLong(Row::created)
                .thenComparing(Row::eventId);

        boolean isBefore(int otherRank, long otherCreated, String otherEventId) {
            return ORDER.compare(this, new Row(otherRank, otherCreated, otherEventId, 0)) < 0;
        }
    }

    @Override
    public Optional<Payment> find(String paymentIntentId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String status;
            long amount;
            long amountReceived;
            long amountRefunded;
            String currency;
            Timestamp updatedAt;
            try (var ps = c.prepareStatement("""
                    SELECT status, amount, amount_received, amount_refunded, currency, updated_at
                    FROM payments WHERE payment_intent_id = ?""")) {
                ps.setString(1, paymentIntentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    status = rs.getString(1);
                    amount = rs.getLong(2);
                    amountReceived = rs.getLong(3);
                    amountRefunded = rs.getLong(4);
                    currency = rs.getString(5);
                    updatedAt = rs.getTimestamp(6);
                }
            }
            var entries = new ArrayList<LedgerEntry>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT kind, entry_key, amount, currency, event_id FROM ledger_entries
                    WHERE payment_intent_id = ? ORDER BY kind, entry_key""")) {
                ps.setString(1, paymentIntentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new LedgerEntry(LedgerEntry.Kind.fromDb(rs.getString(1)), rs.getString(2),
                                rs.getLong(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return Optional.of(new Payment(paymentIntentId, status, amount, amountReceived, amountRefunded, currency,
                    entries, updatedAt.toInstant()));
        } catch (SQLException e) {
            throw new StoreException("could not read payment " + paymentIntentId, e);
        }
    }

    @Override
    public List<StalledPayment> stalled(String status, Instant before, int limit) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("""
                SELECT payment_intent_id, status, amount, currency, updated_at FROM payments
                WHERE status = ? AND updated_at < ? ORDER BY updated_at, payment_intent_id LIMIT ?""")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(before));
            ps.setInt(3, limit);
            var out = new ArrayList<StalledPayment>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StalledPayment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not list stalled payments", e);
        }
    }

    @Override
    public LedgerTotals totals(Instant from, Instant to) {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        try (Connection c = dataSource.getConnection()) {
            long events = longQuery(c, "SELECT COUNT(*) FROM webhook_events WHERE received_at >= ? AND received_at < ?", f, t);
            long captured = longQuery(c, """
                    SELECT COALESCE(SUM(amount), 0) FROM ledger_entries
                    WHERE kind = 'capture' AND created_at >= ? AND created_at < ?""", f, t);
            long refunded = longQuery(c, """
                    SELECT COALESCE(SUM(amount), 0) FROM ledger_entries
                    WHERE kind = 'refund' AND created_at >= ? AND created_at < ?""", f, t);
            var byStatus = new java.util.TreeMap<String, Long>();
            try (var ps = c.prepareStatement("""
                    SELECT status, COUNT(*) FROM payments WHERE updated_at >= ? AND updated_at < ? GROUP BY status""")) {
                ps.setTimestamp(1, f);
                ps.setTimestamp(2, t);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new LedgerTotals(events, byStatus, captured, refunded);
        } catch (SQLException e) {
            throw new StoreException("could not total the ledger", e);
        }
    }

    private static long longQuery(Connection c, String sql, Timestamp from, Timestamp to) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void ping(Duration timeout) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(Math.max(1, (int) timeout.toSeconds()))) {
                throw new StoreException("database did not answer within " + timeout, null);
            }
        } catch (SQLException e) {
            throw new StoreException("database unreachable", e);
        }
    }

}

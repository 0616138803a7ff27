package dev.threeways.core.ledger;

import dev.threeways.core.ledger.LedgerEvent.ChargeSnapshot;
import dev.threeways.core.ledger.LedgerEvent.Ignored;
import dev.threeways.core.ledger.LedgerEvent.PaymentIntentSnapshot;
import dev.threeways.core.ledger.LedgerEvent.RefundSnapshot;
import dev.threeways.core.log.JsonLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The ledger over JDBC: per payment intent, the intent snapshot and the charge snapshot that win by
 * {@link Precedence}; per refund, its winning snapshot as a ledger entry; one capture per intent.
 * The SQL is accepted by PostgreSQL and by H2 in PostgreSQL mode, which is why it uses {@code ON CONFLICT DO NOTHING} with the update count and no {@code RETURNING}.
 *
 * <p>Each apply takes its locks in one order (the event id, then the payment row), so concurrent
 * deliveries of the same or related events wait for each other instead of deadlocking; a second
 * delivery of an event id blocks on the first one's uncommitted claim and then finds it taken.
 */
public final class JdbcPaymentStore implements PaymentStore {
    private static final JsonLog LOG = JsonLog.of(JdbcPaymentStore.class);
    /** serialization_failure, deadlock_detected: safe to retry the whole transaction. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;
    /** {@link Statuses#COUNTED_REFUND} as an SQL list: constants of this class, never input. */
    private static final String COUNTED_REFUND_STATUSES = Statuses.COUNTED_REFUND.stream().sorted()
            .map(status -> "'" + status + "'").collect(Collectors.joining(", "));

    private final DataSource dataSource;

    public JdbcPaymentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ApplyOutcome apply(LedgerEvent event) {
        if (event instanceof Ignored) {
            // acknowledged, not stored: see the README ("Webhooks and the ledger")
            return ApplyOutcome.IGNORED;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                // PostgreSQL's default isolation, READ COMMITTED, is the one this relies on; setting it per
                // transaction would send SET SESSION CHARACTERISTICS, which pins the client in RDS Proxy
                c.setAutoCommit(false);
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
                if (attempt < ATTEMPTS && isRetryable(e.getSQLState())) {
                    continue;
                }
                if (RejectedEventException.isDataFault(e.getSQLState())) {
                    throw new RejectedEventException("the database refused event " + event.eventId() + ": "
                            + e.getMessage(), e);
                }
                throw new StoreException("could not apply event " + event.eventId() + " (SQLSTATE "
                        + e.getSQLState() + ")", e);
            }
        }
    }

    /**
     * A serialization failure or deadlock, which another try may pass. The state may be null: a pool's
     * "no connection available" timeout carries none when no connection attempt failed.
     */
    static boolean isRetryable(String sqlState) {
        return sqlState != null && RETRYABLE.contains(sqlState);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private ApplyOutcome applyIn(Connection c, LedgerEvent event) throws SQLException {
        if (!claim(c, event)) {
            return ApplyOutcome.DUPLICATE;
        }
        boolean changed = switch (event) {
            case PaymentIntentSnapshot e -> applyIntent(c, e);
            case ChargeSnapshot e -> applyCharge(c, e);
            case RefundSnapshot e -> {
                lockPayment(c, e.intentId(), e.envelope().livemode(), e.refund().currency());
                yield upsertRefund(c, e.intentId(), e.refund(), e.envelope());
            }
            case Ignored e -> throw new IllegalArgumentException("ignored events are not stored: " + e.eventId());
        };
        ApplyOutcome outcome = changed ? ApplyOutcome.APPLIED : ApplyOutcome.STALE;
        try (var ps = c.prepareStatement("UPDATE webhook_events SET outcome = ? WHERE event_id = ?")) {
            ps.setString(1, outcome.wireName());
            ps.setString(2, event.eventId());
            ps.executeUpdate();
        }
        return outcome;
    }

    private static boolean claim(Connection c, LedgerEvent event) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO webhook_events (event_id, event_type, payment_intent_id, event_created, outcome,
                                            livemode, api_version)
                VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.type());
            ps.setString(3, event.paymentIntentId().orElse(null));
            ps.setLong(4, event.created());
            ps.setBoolean(5, event.envelope().livemode());
            ps.setString(6, event.envelope().apiVersion().orElse(null));
            return ps.executeUpdate() == 1;
        }
    }

    private static Precedence precedenceOf(LedgerEvent event, boolean terminal) {
        return new Precedence(terminal, event.created(), event.eventId());
    }

    /** The intent's snapshot replaces the kept one if it wins; a succeeded intent writes its one capture. */
    private static boolean applyIntent(Connection c, PaymentIntentSnapshot e) throws SQLException {
        Row row = lockPayment(c, e.intentId(), e.envelope().livemode(), e.currency());
        Precedence incoming = precedenceOf(e, Statuses.FINAL_INTENT.contains(e.status()));
        boolean moved = false;
        if (incoming.beats(row.status())) {
            try (var ps = c.prepareStatement("""
                    UPDATE payments SET status = ?, status_final = ?, status_event_created = ?, status_event_id = ?,
                           amount = ?, amount_received = ?, currency = ?, livemode = ?, updated_at = CURRENT_TIMESTAMP
                    WHERE payment_intent_id = ?""")) {
                ps.setString(1, e.status());
                ps.setInt(2, incoming.terminal() ? 1 : 0);
                ps.setLong(3, incoming.created());
                ps.setString(4, incoming.eventId());
                ps.setLong(5, e.amount());
                ps.setLong(6, e.amountReceived());
                ps.setString(7, e.currency());
                ps.setBoolean(8, e.envelope().livemode());
                ps.setString(9, e.intentId());
                ps.executeUpdate();
            }
            moved = true;
        }
        boolean wrote = false;
        if (e.status().equals(Statuses.SUCCEEDED)) {
            wrote = insertCapture(c, e);
        }
        return moved || wrote;
    }

    /** Stripe's amount_refunded from the newest charge event, and the refunds an older API version embeds. */
    private static boolean applyCharge(Connection c, ChargeSnapshot e) throws SQLException {
        Row row = lockPayment(c, e.intentId(), e.envelope().livemode(), e.currency());
        Precedence incoming = precedenceOf(e, false);
        boolean changed = false;
        if (incoming.beats(row.charge())) {
            try (var ps = c.prepareStatement("""
                    UPDATE payments SET amount_refunded = ?, charge_event_created = ?, charge_event_id = ?,
                           updated_at = CURRENT_TIMESTAMP
                    WHERE payment_intent_id = ?""")) {
                ps.setLong(1, e.amountRefunded());
                ps.setLong(2, incoming.created());
                ps.setString(3, incoming.eventId());
                ps.setString(4, e.intentId());
                ps.executeUpdate();
            }
            changed = true;
        }
        for (LedgerEvent.Refund refund : e.embeddedRefunds()) {
            changed |= upsertRefund(c, e.intentId(), refund, e.envelope());
        }
        return changed;
    }

    /** Writes the refund's entry, or replaces its snapshot if this one wins; true if anything changed. */
    private static boolean upsertRefund(Connection c, String intentId, LedgerEvent.Refund refund,
                                        LedgerEvent.Envelope envelope) throws SQLException {
        Precedence incoming = new Precedence(Statuses.FINAL_REFUND.contains(refund.status()), envelope.created(),
                envelope.eventId());
        try (var ps = c.prepareStatement("""
                INSERT INTO ledger_entries (payment_intent_id, kind, entry_key, amount, currency, event_id,
                                            status, status_final, status_event_created)
                VALUES (?, 'refund', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, intentId);
            ps.setString(2, refund.refundId());
            ps.setLong(3, refund.amount());
            ps.setString(4, refund.currency());
            ps.setString(5, envelope.eventId());
            ps.setString(6, refund.status());
            ps.setInt(7, incoming.terminal() ? 1 : 0);
            ps.setLong(8, incoming.created());
            if (ps.executeUpdate() == 1) {
                touch(c, intentId);
                return true;
            }
        }
        Precedence kept;
        try (var ps = c.prepareStatement("""
                SELECT status_final, status_event_created, event_id FROM ledger_entries
                WHERE kind = 'refund' AND entry_key = ? AND payment_intent_id = ?""")) {
            ps.setString(1, refund.refundId());
            ps.setString(2, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Stripe never moves a refund between intents; a conflict of data is not an outage to retry
                    LOG.warn("refund recorded under another payment intent: snapshot not applied", Map.of(
                            "refundId", refund.refundId(), "paymentIntentId", intentId, "eventId", envelope.eventId()));
                    return false;
                }
                kept = new Precedence(rs.getInt(1) == 1, rs.getLong(2), rs.getString(3));
            }
        }
        if (!incoming.beats(kept)) {
            return false;
        }
        try (var ps = c.prepareStatement("""
                UPDATE ledger_entries SET amount = ?, currency = ?, event_id = ?, status = ?, status_final = ?,
                       status_event_created = ?
                WHERE kind = 'refund' AND entry_key = ? AND payment_intent_id = ?""")) {
            ps.setLong(1, refund.amount());
            ps.setString(2, refund.currency());
            ps.setString(3, envelope.eventId());
            ps.setString(4, refund.status());
            ps.setInt(5, incoming.terminal() ? 1 : 0);
            ps.setLong(6, incoming.created());
            ps.setString(7, refund.refundId());
            ps.setString(8, intentId);
            ps.executeUpdate();
        }
        touch(c, intentId);
        return true;
    }

    private static void touch(Connection c, String intentId) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE payments SET updated_at = CURRENT_TIMESTAMP WHERE payment_intent_id = ?")) {
            ps.setString(1, intentId);
            ps.executeUpdate();
        }
    }

    /**
     * Makes sure the payment row exists, then locks it for the rest of the transaction. A row made for a
     * refund or charge event holds no intent snapshot yet ({@link Precedence#NONE}, amount 0), so the
     * first intent snapshot replaces it whatever its age.
     */
    private static Row lockPayment(Connection c, String intentId, boolean livemode, String currency) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO payments (payment_intent_id, status, status_final, status_event_created, status_event_id,
                                      amount, amount_received, amount_refunded, currency, livemode)
                VALUES (?, ?, 0, ?, ?, 0, 0, 0, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, intentId);
            ps.setString(2, Statuses.UNKNOWN);
            ps.setLong(3, Precedence.NONE.created());
            ps.setString(4, Precedence.NONE.eventId());
            ps.setString(5, currency);
            ps.setBoolean(6, livemode);
            ps.executeUpdate();
        }
        try (var ps = c.prepareStatement("""
                SELECT status_final, status_event_created, status_event_id, charge_event_created, charge_event_id
                FROM payments WHERE payment_intent_id = ? FOR UPDATE""")) {
            ps.setString(1, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("payment " + intentId + " vanished inside its transaction");
                }
                return new Row(new Precedence(rs.getInt(1) == 1, rs.getLong(2), rs.getString(3)),
                        new Precedence(false, rs.getLong(4), rs.getString(5)));
            }
        }
    }

    private static boolean insertCapture(Connection c, PaymentIntentSnapshot e) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO ledger_entries (payment_intent_id, kind, entry_key, amount, currency, event_id, status)
                VALUES (?, 'capture', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, e.intentId());
            ps.setString(2, e.intentId());
            ps.setLong(3, e.amountReceived());
            ps.setString(4, e.currency());
            ps.setString(5, e.eventId());
            ps.setString(6, Statuses.SUCCEEDED);
            return ps.executeUpdate() == 1;
        }
    }

    /** The kept intent snapshot and the kept charge snapshot of one payment. */
    private record Row(Precedence status, Precedence charge) {}

    /**
     * One statement, so the payment and its entries come from one snapshot of the database (two
     * autocommit statements could see a refund committed between them).
     */
    @Override
    public Optional<Payment> find(String paymentIntentId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("""
                SELECT p.status, p.amount, p.amount_received, p.currency, p.livemode, p.amount_refunded,
                       p.charge_event_id, p.updated_at, e.kind, e.entry_key, e.amount, e.currency, e.status, e.event_id
                FROM payments p LEFT JOIN ledger_entries e ON e.payment_intent_id = p.payment_intent_id
                WHERE p.payment_intent_id = ? ORDER BY e.kind, e.entry_key""")) {
            c.setAutoCommit(true);
            ps.setString(1, paymentIntentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String status = rs.getString(1);
                long amount = rs.getLong(2);
                long amountReceived = rs.getLong(3);
                String currency = rs.getString(4);
                boolean livemode = rs.getBoolean(5);
                Optional<Long> stripeRefunded = rs.getString(7).isEmpty() ? Optional.empty() : Optional.of(rs.getLong(6));
                Timestamp updatedAt = rs.getTimestamp(8);
                var entries = new ArrayList<LedgerEntry>();
                do {
                    String kind = rs.getString(9);
                    if (kind != null) {
                        entries.add(new LedgerEntry(LedgerEntry.Kind.fromDb(kind), rs.getString(10), rs.getLong(11),
                                rs.getString(12), rs.getString(13), rs.getString(14)));
                    }
                } while (rs.next());
                return Optional.of(new Payment(paymentIntentId, status, amount, amountReceived, currency, livemode,
                        stripeRefunded, entries, updatedAt.toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("could not read payment " + paymentIntentId, e);
        }
    }

    @Override
    public List<StalledPayment> stalled(String status, Instant before, int limit) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("""
                SELECT payment_intent_id, status, amount, currency, status_event_created FROM payments
                WHERE status = ? AND status_event_created < ?
                ORDER BY status_event_created, payment_intent_id LIMIT ?""")) {
            ps.setString(1, status);
            ps.setLong(2, before.getEpochSecond());
            ps.setInt(3, limit);
            var out = new ArrayList<StalledPayment>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StalledPayment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            Instant.ofEpochSecond(rs.getLong(5))));
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
                    WHERE kind = 'refund' AND status IN (%s) AND created_at >= ? AND created_at < ?"""
                    .formatted(COUNTED_REFUND_STATUSES), f, t);
            var byStatus = new TreeMap<String, Long>();
            try (var ps = c.prepareStatement("""
                    SELECT status, COUNT(*) FROM payments
                    WHERE status_event_created >= ? AND status_event_created < ? GROUP BY status""")) {
                ps.setLong(1, from.getEpochSecond());
                ps.setLong(2, to.getEpochSecond());
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

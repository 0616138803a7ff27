-- The ledger keeps, per object, the snapshot that wins by precedence (final status, then event time,
-- then event id) instead of ranking statuses; refunds carry their own status; events record their
-- mode and API version. Written for both PostgreSQL and H2 in PostgreSQL mode.

ALTER TABLE webhook_events ADD COLUMN livemode BOOLEAN;
ALTER TABLE webhook_events ADD COLUMN api_version VARCHAR(64);

-- status is now the intent's own status field; status_final is 1 for succeeded and canceled.
ALTER TABLE payments RENAME COLUMN status_rank TO status_final;
UPDATE payments SET status = 'requires_payment_method' WHERE status IN ('created', 'payment_failed');
UPDATE payments SET status_final = CASE WHEN status IN ('succeeded', 'canceled') THEN 1 ELSE 0 END;
ALTER TABLE payments ADD COLUMN livemode BOOLEAN NOT NULL DEFAULT FALSE;
-- Stripe's own amount_refunded, from the newest charge event (charge_event_id '' = none seen yet).
ALTER TABLE payments ADD COLUMN charge_event_created BIGINT NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN charge_event_id VARCHAR(255) NOT NULL DEFAULT '';
UPDATE payments SET charge_event_id = 'v1' WHERE amount_refunded > 0;

-- A refund entry holds the newest snapshot of its refund; a capture is written once, as succeeded.
ALTER TABLE ledger_entries ADD COLUMN status VARCHAR(32) NOT NULL DEFAULT 'succeeded';
ALTER TABLE ledger_entries ADD COLUMN status_final INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_entries ADD COLUMN status_event_created BIGINT NOT NULL DEFAULT 0;

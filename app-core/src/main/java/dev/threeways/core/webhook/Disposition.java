package dev.threeways.core.webhook;

import dev.threeways.core.ledger.ApplyOutcome;
import java.time.Duration;

/**
 * What becomes of one queued webhook, decided once here for every consumer. A consumer only
 * translates it into its platform's terms:
 * <ul>
 *   <li>{@link Applied}: delete the message;</li>
 *   <li>{@link RetryLater}: the store did not answer; the event is good and must not reach the DLQ however
 *       long the outage lasts, so try it again after {@code delay} without spending its receive count
 *       where the platform allows (the Lambda handler re-sends a delayed copy; the Fargate worker hides
 *       the message for the delay and stops receiving until the store answers);</li>
 *   <li>{@link Poison}: waiting will not help (a payload that does not parse, an event of the other mode,
 *       an unexpected failure); leave it to the queue's redrive policy, which moves it to the DLQ after
 *       its receive count, where it is alarmed on and can be redriven once fixed.</li>
 * </ul>
 */
public sealed interface Disposition {
    record Applied(ApplyOutcome outcome) implements Disposition {}

    record RetryLater(Duration delay, String reason) implements Disposition {}

    record Poison(String reason) implements Disposition {}
}

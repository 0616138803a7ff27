package dev.threeways.resilience;

import dev.threeways.core.testing.StripeEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhooks sent as Stripe sends them: each event signed at each attempt and sent again until a 2xx
 * answers it (Stripe's retries are hours apart; here half a second, so an outage is crossed in a test),
 * several in flight at once. Records every answer.
 */
final class Storm {
    /** One payment's success event. */
    record Event(String eventId, String intentId, long amount, String body) {}

    /** What the senders saw: every status with its count, and which events were acknowledged. */
    record Outcome(Map<Integer, Integer> statuses, Set<String> acknowledged, Set<String> unacknowledged,
                   long lastRefusalNanos, long slowestAnswerNanos, List<Long> sentAtNanos) {
        /** How many attempts were sent between two {@link System#nanoTime()} readings. */
        long sentBetween(long fromNanos, long toNanos) {
            return sentAtNanos.stream().filter(t -> t - fromNanos >= 0 && toNanos - t >= 0).count();
        }

        /** Statuses other than 2xx and the documented 503 of an outage. */
        Map<Integer, Integer> unexpected() {
            var out = new TreeMap<Integer, Integer>();
            statuses.forEach((status, count) -> {
                if (!(status >= 200 && status < 300) && status != 503) {
                    out.put(status, count);
                }
            });
            return out;
        }

        String summary() {
            return statuses.toString().replace("=", "×").replace("{", "").replace("}", "");
        }
    }

    private Storm() {}

    static List<Event> events(String prefix, int count) {
        var events = new ArrayList<Event>(count);
        for (int i = 0; i < count; i++) {
            String eventId = "evt_" + prefix + "_" + i;
            String intentId = "pi_" + prefix + "_" + i;
            long amount = 1000 + i;
            events.add(new Event(eventId, intentId, amount, StripeEvents.paymentIntent(eventId,
                    "payment_intent.succeeded", 1_795_000_000L + i, intentId, amount, amount, "succeeded")));
        }
        return events;
    }

    /** Sends every event until acknowledged or {@code giveUpAfter}; {@code senders} at once. */
    static Outcome send(Way way, List<Event> events, int senders, Duration giveUpAfter) throws Exception {
        return send(way, events, senders, Duration.ZERO, giveUpAfter);
    }

    /**
     * As {@link #send(Way, List, int, Duration)}, with the first attempts spread evenly over {@code spread}
     * (event i not before i/n of it), as webhooks arrive over time: a fault then meets the storm however
     * quickly the way answers.
     */
    static Outcome send(Way way, List<Event> events, int senders, Duration spread, Duration giveUpAfter) throws Exception {
        var statuses = new ConcurrentHashMap<Integer, Integer>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        var lastRefusal = new AtomicLong();
        var slowest = new AtomicLong();
        var sentAt = new java.util.concurrent.ConcurrentLinkedQueue<Long>();
        long start = System.nanoTime();
        long deadline = start + giveUpAfter.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                long due = start + spread.toNanos() * i / events.size();
                futures.add(pool.submit(() -> {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    while (System.nanoTime() < deadline) {
                        var signed = StripeEvents.signed(event.body());
                        long sent = System.nanoTime();
                        sentAt.add(sent);
                        Way.Answer answer = way.send("POST", "/webhooks/stripe", Map.of(
                                "content-type", "application/json; charset=utf-8",
                                "stripe-signature", signed.first("Stripe-Signature").orElseThrow()),
                                StripeEvents.bytes(event.body()));
                        slowest.accumulateAndGet(System.nanoTime() - sent, Math::max);
                        statuses.merge(answer.status(), 1, Integer::sum);
                        if (answer.ok()) {
                            acknowledged.add(event.eventId());
                            return null;
                        }
                        lastRefusal.set(System.nanoTime());
                        Thread.sleep(500);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        Set<String> missing = ConcurrentHashMap.newKeySet();
        events.stream().map(Event::eventId).filter(id -> !acknowledged.contains(id)).forEach(missing::add);
        return new Outcome(new TreeMap<>(statuses), acknowledged, missing, lastRefusal.get(), slowest.get(),
                List.copyOf(sentAt));
    }
}

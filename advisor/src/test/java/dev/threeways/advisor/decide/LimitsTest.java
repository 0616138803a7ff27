package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void everyLimitHasAnHttpsSourceAndAnIsoDate() {
        assertFalse(Limits.all().isEmpty());
        for (Limit l : Limits.all()) {
            URI source = URI.create(l.source());
            assertEquals("https", source.getScheme(), l::toString);
            assertTrue(source.getHost().endsWith("amazon.com"), l::toString);
            LocalDate asOf = LocalDate.parse(l.asOf());
            assertEquals(l.asOf(), asOf.toString(), l::toString);
            assertFalse(asOf.isAfter(LocalDate.parse(Limits.COMPILED)), () -> "dated after the table was compiled: " + l);
        }
    }

    @Test
    void everyLimitIsListedOnce() {
        var names = new HashSet<String>();
        for (Limit l : Limits.all()) {
            assertTrue(names.add(l.service() + "/" + l.name()), () -> "listed twice: " + l);
        }
        assertTrue(Limits.all().contains(Limits.LAMBDA_MAX_TIMEOUT));
        assertTrue(Limits.all().contains(Limits.LAMBDA_MANAGED_INSTANCES_CONCURRENCY));
        assertTrue(Limits.all().contains(Limits.FARGATE_GPU));
    }

    @Test
    void valuesAreTheDocumentedOnes() {
        assertEquals("900 s", Limits.LAMBDA_MAX_TIMEOUT.display());
        assertEquals("6 MB", Limits.LAMBDA_SYNC_REQUEST.display());
        assertEquals("6 MB", Limits.LAMBDA_SYNC_RESPONSE.display());
        assertEquals("1 MB", Limits.LAMBDA_ASYNC_PAYLOAD.display());
        assertEquals("2025-10-24", Limits.LAMBDA_ASYNC_PAYLOAD.asOf());
        assertEquals("10,240 MB", Limits.LAMBDA_MAX_MEMORY.display());
        assertEquals("30 s", Limits.API_GATEWAY_HTTP_API_TIMEOUT.display());
        assertEquals("120 s", Limits.APP_RUNNER_REQUEST_TIMEOUT.display());
        assertEquals("200 requests", Limits.APP_RUNNER_MAX_CONCURRENCY.display());
        assertEquals("no", Limits.APP_RUNNER_NEW_CUSTOMERS.display());
        assertEquals("2026-04-30", Limits.APP_RUNNER_NEW_CUSTOMERS.asOf());
        assertEquals("2025-11-21", Limits.ECS_EXPRESS_MODE_CHARGE.asOf());
        assertEquals("no limit", Limits.FARGATE_MAX_DURATION.display());
        assertEquals("120 GB", Limits.FARGATE_MAX_TASK_MEMORY.display());
        assertEquals("2025-11-30", Limits.LAMBDA_MANAGED_INSTANCES_CONCURRENCY.asOf());
        assertEquals(11, Limits.APP_RUNNER_SIZES.size());
        assertEquals(new ComputeSize(4, 12), Limits.APP_RUNNER_SIZES.getLast());
    }

    @Test
    void aLimitRefusesAMissingSourceOrABadDate() {
        var http = assertThrows(IllegalArgumentException.class,
                () -> new Limit("Lambda", "timeout", 900, "s", "http://example.com", "2018-10-10", ""));
        assertTrue(http.getMessage().contains("http://example.com"), http.getMessage());
        var date = assertThrows(IllegalArgumentException.class,
                () -> new Limit("Lambda", "timeout", 900, "s", "https://example.com", "10/10/2018", ""));
        assertTrue(date.getMessage().contains("10/10/2018"), date.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Limit("Lambda", "timeout", 900, "s", "https://example.com", "2018-02-30", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Limit("Lambda", "timeout", Double.NaN, "s", "https://example.com", "2018-10-10", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Limit("App Runner", "open", 2, Limit.YES_NO, "https://example.com", "2018-10-10", ""));
    }
}

package dev.threeways.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RouterTest {
    private final Router router = Router.builder()
            .get("/things/{id}", Router.Work.CPU, r -> HttpResponse.json(200, Map.of("id", r.pathParam("id"))))
            .post("/things/{id}", Router.Work.CPU, r -> HttpResponse.json(201, Map.of("created", r.pathParam("id"))))
            .get("/things/{id}/parts/{part}", Router.Work.CPU, r -> HttpResponse.json(200, r.pathParams()))
            .get("/query", Router.Work.CPU, r -> HttpResponse.json(200, r.query().params()))
            .get("/boom", Router.Work.CPU, r -> {
                throw new IllegalStateException("secret internal detail");
            })
            .get("/problem", Router.Work.CPU, r -> {
                throw new ProblemException(Problem.of(409, "conflict", "Conflict", "it clashes"));
            })
            .build();

    private static JsonNode json(HttpResponse r) {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void matchesMethodAndPathParameters() {
        assertEquals("42", json(router.handle(HttpRequest.get("/things/42"))).get("id").stringValue());
        HttpResponse post = router.handle(HttpRequest.of("POST", "/things/7", Headers.empty(), new byte[0], ""));
        assertEquals(201, post.status());
        JsonNode parts = json(router.handle(HttpRequest.get("/things/a/parts/b")));
        assertEquals("a", parts.get("id").stringValue());
        assertEquals("b", parts.get("part").stringValue());
    }

    @Test
    void trailingSlashMatchesTheSameRoute() {
        assertEquals(200, router.handle(HttpRequest.get("/things/42/")).status());
    }

    @Test
    void unknownPathIsA404Problem() {
        HttpResponse r = router.handle(HttpRequest.get("/nope"));
        assertEquals(404, r.status());
        assertEquals(HttpResponse.PROBLEM_JSON, r.headers().first("content-type").orElseThrow());
        assertEquals("urn:three-ways:problem:not-found", json(r).get("type").stringValue());
        assertEquals(404, json(r).get("status").intValue());
        assertEquals(404, router.handle(HttpRequest.get("/things")).status());
        assertEquals(404, router.handle(HttpRequest.get("/things//parts/x")).status());
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() {
        HttpResponse r = router.handle(HttpRequest.of("DELETE", "/things/1", Headers.empty(), new byte[0], ""));
        assertEquals(405, r.status());
        assertEquals("GET, POST", r.headers().first("Allow").orElseThrow());
        assertEquals("urn:three-ways:problem:method-not-allowed", json(r).get("type").stringValue());
    }

    @Test
    void queryIsDecodedAndKeepsRepeatedKeys() {
        JsonNode q = json(router.handle(HttpRequest.get("/query?a=1&a=2&b=x%20y&c&d=%C3%A9+z")));
        assertEquals(List.of("1", "2"), List.of(q.get("a").get(0).stringValue(), q.get("a").get(1).stringValue()));
        assertEquals("x y", q.get("b").get(0).stringValue());
        assertEquals("", q.get("c").get(0).stringValue());
        assertEquals("é z", q.get("d").get(0).stringValue());
    }

    @Test
    void malformedQueryIsA400() {
        assertEquals(400, router.handle(HttpRequest.get("/query?a=%zz")).status());
    }

    @Test
    void unexpectedErrorsBecomeA500ProblemWithoutInternals() {
        HttpResponse r = router.handle(HttpRequest.of("GET", "/boom", Headers.empty(), new byte[0], "req-9"));
        assertEquals(500, r.status());
        assertFalse(r.bodyAsString().contains("secret internal detail"));
        assertFalse(r.bodyAsString().contains("IllegalStateException"));
        assertTrue(r.bodyAsString().contains("req-9"));
    }

    @Test
    void problemsThrownByHandlersAreAnswered() {
        HttpResponse r = router.handle(HttpRequest.get("/problem"));
        assertEquals(409, r.status());
        assertEquals("it clashes", json(r).get("detail").stringValue());
    }

    @Test
    void headersAreCaseInsensitiveAndKeepEveryValue() {
        Headers h = Headers.builder().add("X-Thing", "a").add("x-thing", "b").add("Content-Type", "text/plain").build();
        assertEquals(List.of("a", "b"), h.all("X-THING"));
        assertEquals("text/plain", h.first("content-type").orElseThrow());
        assertEquals(List.of("X-Thing", "Content-Type"), h.names());
        assertEquals("c", h.with("X-THING", "c").all("x-thing").getFirst());
        assertEquals(1, h.with("X-THING", "c").all("x-thing").size());
    }

    @Test
    void eachRouteSaysWhatItNeedsOfTheCallingThreadAndAPathNoRouteTakesNeedsTheCpuOnly() {
        var mixed = Router.builder()
                .get("/items/{id}", Router.Work.BLOCKING, r -> HttpResponse.json(200, Map.of()))
                .get("/items/new", Router.Work.CPU, r -> HttpResponse.json(200, Map.of()))
                .get("/plain", Router.Work.CPU, r -> HttpResponse.json(200, Map.of()))
                .post("/plain", Router.Work.BLOCKING, r -> HttpResponse.json(200, Map.of()))
                .build();
        assertEquals(Router.Work.BLOCKING, mixed.work("GET", "/items/7"));
        assertEquals(Router.Work.BLOCKING, mixed.work("GET", "/items/new"), "the earlier route takes it, as routing does");
        assertEquals(Router.Work.CPU, mixed.work("GET", "/plain"));
        assertEquals(Router.Work.CPU, mixed.work("GET", "/plain/"));
        assertEquals(Router.Work.BLOCKING, mixed.work("POST", "/plain"));
        assertEquals(Router.Work.CPU, mixed.work("GET", "/nowhere"));
        assertEquals(Router.Work.CPU, mixed.work("DELETE", "/plain"), "a 405 is a problem, answered on the CPU");
    }
}

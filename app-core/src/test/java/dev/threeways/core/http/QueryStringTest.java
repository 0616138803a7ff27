package dev.threeways.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringTest {
    @Test
    void plainAndEncodedNamesAndValuesAndRepeatedKeys() {
        QueryString q = QueryString.parse("name=bench&a=1&a=2&flag&sp=a+b&pct=%C3%A9%26&&e=");

        assertEquals("bench", q.first("name").orElseThrow());
        assertEquals(List.of("1", "2"), q.all("a"));
        assertEquals("", q.first("flag").orElseThrow());
        assertEquals("a b", q.first("sp").orElseThrow());
        assertEquals("é&", q.first("pct").orElseThrow());
        assertEquals("", q.first("e").orElseThrow());
        assertEquals(List.of("name", "a", "flag", "sp", "pct", "e"), List.copyOf(q.params().keySet()));
    }

    @Test
    void malformedPercentEncodingIsTheClientsProblem() {
        var e = assertThrows(ProblemException.class, () -> QueryString.parse("name=%zz"));
        assertEquals(400, e.problem().status());
    }
}

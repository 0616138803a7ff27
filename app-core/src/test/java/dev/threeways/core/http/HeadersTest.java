package dev.threeways.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void namesAreLookedUpInAnyCaseAndKeepTheirFirstSpellingAndOrder() {
        Headers h = Headers.builder().add("Content-Type", "a").add("x-one", "1").add("X-ONE", "2").add("Accept", "b").build();

        assertEquals(List.of("Content-Type", "x-one", "Accept"), h.names());
        assertEquals(List.of("1", "2"), h.all("X-One"));
        assertEquals("1", h.first("x-ONE").orElseThrow());
        assertTrue(h.contains("accept"));
        assertFalse(h.contains("missing"));
        assertEquals(List.of(), h.all("missing"));
        assertEquals(3, h.size());
        assertEquals(Map.of("Content-Type", List.of("a"), "x-one", List.of("1", "2"), "Accept", List.of("b")), h.asMap());
        var seen = new ArrayList<String>();
        h.forEach((name, values) -> seen.add(name + "=" + values));
        assertEquals(List.of("Content-Type=[a]", "x-one=[1, 2]", "Accept=[b]"), seen);
    }

    @Test
    void withReplacesEveryValueOfTheNameAndPutsItLastLeavingTheOriginalAsItWas() {
        Headers original = Headers.of("A", "1", "b", "2", "B", "3", "C", "4");

        Headers replaced = original.with("B", "new");
        Headers added = original.with("D", "5");

        assertEquals(List.of("A", "C", "B"), replaced.names());
        assertEquals(List.of("new"), replaced.all("b"));
        assertEquals(List.of("A", "b", "C", "D"), added.names());
        assertEquals(List.of("2", "3"), original.all("b"), "immutable");
        assertEquals(original.toBuilder().set("B", "new").build(), replaced);
        assertThrows(IllegalArgumentException.class, () -> original.with("", "x"));
        assertThrows(IllegalArgumentException.class, () -> original.with("X", null));
    }

    @Test
    void equalWhenTheSameNamesCarryTheSameValuesInAnyOrder() {
        assertEquals(Headers.of("A", "1", "B", "2"), Headers.of("B", "2", "A", "1"));
        assertEquals(Headers.of("A", "1", "B", "2").hashCode(), Headers.of("B", "2", "A", "1").hashCode());
        assertNotEquals(Headers.of("A", "1"), Headers.of("A", "2"));
        assertNotEquals(Headers.of("A", "1"), Headers.of("A", "1", "A", "1"));
        assertEquals(Headers.empty(), Headers.builder().build());
    }
}

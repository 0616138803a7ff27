package dev.threeways.advisor.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class CrossoversTest {
    /** "a" costs the volume, "b" a flat 1000: a crosses b at 1000. */
    private static final DoubleFunction<Map<String, Double>> TWO = v -> {
        var m = new LinkedHashMap<String, Double>();
        m.put("a", v);
        m.put("b", 1000.0);
        return m;
    };

    @Test
    void findsWhereTheCheapestChangesToTheTolerance() {
        var found = Crossovers.find(TWO, Crossovers.volumes(1, 1e6, 4));
        assertEquals(1, found.size(), found.toString());
        assertEquals("a", found.getFirst().cheaperBelow());
        assertEquals("b", found.getFirst().cheaperAbove());
        assertEquals(1000, found.getFirst().requestsPerMonth(), 1000 * 1e-8);
    }

    @Test
    void aThirdWayCheapestInsideABracketIsFound() {
        // a and c cross at 1050, where b (a narrow dip around 1050) is cheaper than both: a → b near 1045, b → c near 1055
        DoubleFunction<Map<String, Double>> costs = v -> {
            var m = new LinkedHashMap<String, Double>();
            m.put("a", v);
            m.put("b", 1000 + Math.abs(v - 1050) * 10);
            m.put("c", 1050.0);
            return m;
        };
        var found = Crossovers.find(costs, List.of(1.0, 1e6));
        assertEquals(List.of("a>b", "b>c"), found.stream().map(c -> c.cheaperBelow() + ">" + c.cheaperAbove()).toList());
        assertEquals(11500 / 11.0, found.get(0).requestsPerMonth(), 1e-4);
        assertEquals(1055, found.get(1).requestsPerMonth(), 1e-4);
    }

    @Test
    void volumesAreLogSpacedWithBothEnds() {
        List<Double> v = Crossovers.volumes(1e4, 1e10, 12);
        assertEquals(73, v.size());
        assertEquals(1e4, v.getFirst());
        assertEquals(1e10, v.getLast());
        assertEquals(Math.pow(10, 4 + 1.0 / 12), v.get(1), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Crossovers.volumes(10, 1, 4));
    }

    @Test
    void curvesKeepTheWaysOrder() {
        var curves = Crossovers.curves(TWO, List.of(10.0, 100.0));
        assertEquals(List.of("a", "b"), List.copyOf(curves.keySet()));
        assertEquals(100.0, curves.get("a").get(1).usd());
        assertEquals("a", Crossovers.cheapest(Map.of("a", 1.0)));
    }
}

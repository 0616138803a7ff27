package dev.threeways.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesEveryCommandAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String command : List.of("compare", "remote", "render", "jmh", "--budget-minutes", "--max-requests", "--json")) {
            assertTrue(r.out().contains(command), "--help mentions " + command);
        }
        assertEquals(0, run("compare", "--help").exit());
    }

    @Test
    void badInputIsAUsageErrorNotAStackTrace() {
        Run unknown = run("compare", "--roundz", "3");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown option: --roundz"), unknown.err());
        Run negative = run("compare", "--rounds", "-1");
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--rounds must be a positive whole number"), negative.err());
        Run part = run("compare", "--parts", "lambda,gpu");
        assertEquals(2, part.exit());
        assertTrue(part.err().contains("not: gpu"), part.err());
        Run remote = run("remote");
        assertEquals(2, remote.exit());
        assertTrue(remote.err().contains("--outputs"), remote.err());
        assertEquals(2, run("benchmark-everything").exit());
        assertEquals(2, run().exit(), "no command is a usage error");
    }

    @Test
    void partsAreParsedCaseInsensitively() {
        assertEquals(EnumSet.of(Compare.Part.LAMBDA, Compare.Part.COST),
                BenchMain.parts("Lambda, cost", EnumSet.allOf(Compare.Part.class)));
        assertEquals(EnumSet.allOf(Compare.Part.class), BenchMain.parts(null, EnumSet.allOf(Compare.Part.class)));
    }

    @Test
    void aValuedOptionWithoutItsValueIsRefused() {
        var e = assertThrows(Cli.UsageException.class, () -> Cli.parse(List.of("--rounds"), Set.of("--rounds"), Set.of()));
        assertEquals("--rounds needs a value", e.getMessage());
    }
}

package dev.threeways.parity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration guides point at what is there: every relative link names a file of this repository, and every
 * scenario a guide cites as proof ("What proves…" / "Proving…" sections, in double quotes) is one the parity
 * suite runs.
 */
class MigrationGuidesTest {
    static final Path GUIDES = Path.of("..", "docs", "migration");
    private static final Pattern LINK = Pattern.compile("\\]\\((?!https?:)([^)#]+)(#[^)]*)?\\)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    static Stream<Path> guides() throws IOException {
        try (Stream<Path> files = Files.list(GUIDES)) {
            List<Path> guides = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
            assertTrue(guides.size() >= 4, "the guides and their README are in " + GUIDES.toAbsolutePath());
            return guides.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void everyLinkNamesAFileHere(Path guide) throws IOException {
        var broken = new ArrayList<String>();
        Matcher link = LINK.matcher(Files.readString(guide));
        while (link.find()) {
            if (!Files.exists(guide.getParent().resolve(link.group(1)).normalize())) {
                broken.add(link.group(1));
            }
        }
        assertTrue(broken.isEmpty(), guide + " links to what is not there: " + broken);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void everyScenarioCitedAsProofIsOneTheSuiteRuns(Path guide) throws IOException {
        List<String> names = Scenarios.all().map(Scenario::name).toList();
        // code spans and blocks quote JSON, not scenarios
        String proof = proofSection(Files.readString(guide)).replaceAll("(?s)```.*?```", "").replaceAll("`[^`]*`", "");
        var unknown = new ArrayList<String>();
        Matcher quoted = QUOTED.matcher(proof);
        while (quoted.find()) {
            String cited = quoted.group(1);
            if (names.stream().noneMatch(name -> name.startsWith(cited))) {
                unknown.add(cited);
            }
        }
        assertTrue(unknown.isEmpty(), guide + " cites scenarios the suite does not run: " + unknown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void everyGuideSaysWhatProvesTheMove(Path guide) throws IOException {
        assertFalse(proofSection(Files.readString(guide)).isBlank(), guide + " has no section naming its proof");
    }

    /** From a "## What proves…" or "## Proving…" heading to the next heading, or the parity suite's own section. */
    private static String proofSection(String markdown) {
        Matcher section = Pattern.compile("(?ms)^## (What proves|Proving|The parity suite)[^\n]*\n(.*?)(?=^## |\\z)")
                .matcher(markdown);
        var out = new StringBuilder();
        while (section.find()) {
            out.append(section.group(2));
        }
        return out.toString();
    }
}

package dev.threeways.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.parity.Scenario.Expect;
import dev.threeways.parity.Scenario.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every parity scenario against every way, each way a real process (or, for Lambda, its functions under the real
 * runtime interface client): the answers must be what the scenario expects and alike across ways — the same
 * status, media type and body — except where a step names a way that differs by design. The table of scenario ×
 * way is printed and written to {@code target/parity-table.md}.
 */
class ParityIT {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final ElasticMq sqs = ElasticMq.shared();
    private static final SqsClient client = sqs.client();
    private static final Map<Way.Kind, Way> ways = new EnumMap<>(Way.Kind.class);
    private static final Map<String, Map<Way.Kind, String>> table = new LinkedHashMap<>();
    private static final List<String> differences = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
            var started = new EnumMap<Way.Kind, Future<Way>>(Way.Kind.class);
            for (Way.Kind kind : Way.Kind.values()) {
                started.put(kind, starting.submit(() -> Ways.start(kind, sqs, client)));
            }
            for (var way : started.entrySet()) {
                ways.put(way.getKey(), way.getValue().get());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ways.values().forEach(Way::close);
        String markdown = markdown();
        System.out.println(markdown);
        Path file = Path.of("target", "parity-table.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
        // the guides' README shows this table: it must be what the suite answers today
        List<String> documented = tableRows(Files.readString(MigrationGuidesTest.GUIDES.resolve("README.md")));
        assertEquals(tableRows(markdown), documented, "docs/migration/README.md's table is not this run's: "
                + "replace it with " + file.toAbsolutePath() + " (and its numbered reasons)");
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("| ")).toList();
    }

    static Stream<Scenario> scenarios() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void answersAlikeOnEveryWay(Scenario scenario) throws Exception {
        var cells = new EnumMap<Way.Kind, List<String>>(Way.Kind.class);
        var failures = new ArrayList<String>();
        for (Step step : scenario.steps()) {
            var answers = new EnumMap<Way.Kind, Answer>(Way.Kind.class);
            for (Way way : ways.values()) {
                Expect expect = step.expectFor(way.kind());
                Answer answer = ask(way, step, expect);
                answers.put(way.kind(), answer);
                String wrong = expect.mismatch(answer);
                if (wrong != null) {
                    failures.add(way.kind().label + ", " + step.request().get() + ": " + wrong + "\n  answer: " + answer);
                }
                String cell = String.valueOf(answer.status());
                String why = step.why().get(way.kind());
                if (why != null) {
                    if (!differences.contains(why)) {
                        differences.add(why);
                    }
                    cell += " ≠" + (differences.indexOf(why) + 1);
                }
                cells.computeIfAbsent(way.kind(), k -> new ArrayList<>()).add(cell);
            }
            failures.addAll(unlike(step, answers));
        }
        var row = new EnumMap<Way.Kind, String>(Way.Kind.class);
        cells.forEach((kind, statuses) -> row.put(kind, String.join(" → ", statuses)));
        table.put(scenario.name(), row);
        assertTrue(failures.isEmpty(), () -> scenario.name() + ":\n" + String.join("\n", failures));
    }

    /** The answer; for an {@code eventually} step, asked again until it holds or the catch-up time is over. */
    private static Answer ask(Way way, Step step, Expect expect) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Answer answer = way.send(step.request().get());
        while (step.untilCaughtUp() && expect.mismatch(answer) != null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = way.send(step.request().get());
        }
        return answer;
    }

    /** Ways held to the same expectation whose answers still differ: status, media type, body or a compared header. */
    private static List<String> unlike(Step step, Map<Way.Kind, Answer> answers) {
        var failures = new ArrayList<String>();
        var byExpectation = new LinkedHashMap<Expect, List<Way.Kind>>();
        answers.keySet().forEach(kind -> byExpectation.computeIfAbsent(step.expectFor(kind), e -> new ArrayList<>()).add(kind));
        for (var group : byExpectation.entrySet()) {
            Way.Kind first = group.getValue().getFirst();
            Answer reference = answers.get(first);
            for (Way.Kind other : group.getValue()) {
                Answer answer = answers.get(other);
                List<String> headers = group.getKey().compared();
                boolean alike = answer.status() == reference.status()
                        && answer.mediaType().equals(reference.mediaType())
                        && answer.comparable().equals(reference.comparable())
                        && headers.stream().allMatch(h -> Objects.equals(answer.header(h), reference.header(h)));
                if (!alike) {
                    failures.add(other.label + " and " + first.label + " answer " + step.request().get() + " differently:\n  "
                            + other.label + ": " + answer + "\n  " + first.label + ": " + reference);
                }
            }
        }
        return failures;
    }

    private static String markdown() {
        var out = new StringBuilder("| scenario |");
        for (Way.Kind kind : Way.Kind.values()) {
            out.append(' ').append(kind.label).append(" |");
        }
        out.append("\n|---|").append("---|".repeat(Way.Kind.values().length)).append('\n');
        table.forEach((scenario, row) -> {
            out.append("| ").append(scenario).append(" |");
            for (Way.Kind kind : Way.Kind.values()) {
                out.append(' ').append(row.getOrDefault(kind, "–")).append(" |");
            }
            out.append('\n');
        });
        out.append("\nStatuses in the order of the scenario's requests. ≠n: the answer differs by design, because\n");
        for (int i = 0; i < differences.size(); i++) {
            out.append(i + 1).append(". ").append(differences.get(i)).append('\n');
        }
        return out.toString();
    }
}

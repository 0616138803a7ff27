package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.Way;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The advisor's answer: the way, the questions asked on the way to it, every hard constraint the workload
 * hits (whether or not the tree reached the way it rules out), and the notes that qualify the answer.
 *
 * @param ruledOut the ways the constraints rule out; never the choice
 */
public record Recommendation(Way choice, List<Step> steps, List<Constraint> constraints, Set<Way> ruledOut,
                             List<String> notes) {
    public Recommendation {
        require(choice != null, "a recommendation needs a choice");
        require(steps != null && !steps.isEmpty(), "a recommendation asks at least the first question");
        require(constraints != null && ruledOut != null && notes != null, "steps, constraints, ruled-out ways and notes may be empty, not null");
        steps = List.copyOf(steps);
        constraints = List.copyOf(constraints);
        notes = List.copyOf(notes);
        var out = EnumSet.noneOf(Way.class);
        out.addAll(ruledOut);
        ruledOut = Collections.unmodifiableSet(out);
        for (int i = 0; i < steps.size(); i++) {
            require(steps.get(i).number() == i + 1, "the questions are asked in order, Q1 first: " + steps);
        }
        require(constraints.stream().map(Constraint::way).collect(Collectors.toSet()).equals(ruledOut),
                "the ruled-out ways are the ways the constraints name: " + ruledOut + " vs " + constraints);
        require(!ruledOut.contains(choice), "the choice " + choice.label() + " is ruled out: " + constraints);
    }

    /** The step whose answer decided the way. */
    public Step decidingStep() {
        return steps.getLast();
    }

    /** One line: the way, the question that decided it and why, and what the constraints ruled out. */
    public String summary() {
        Step last = decidingStep();
        String out = ruledOut.isEmpty() ? "" : " [ruled out: "
                + ruledOut.stream().map(Way::label).collect(Collectors.joining(", ")) + "]";
        return choice.label() + " — Q" + last.number() + " " + last.answer() + ": " + last.reason() + out;
    }
}

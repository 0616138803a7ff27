package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

/** One question of the article's decision tree as it was asked of a workload: Q{number}, "yes" or "no", and why. */
public record Step(int number, String question, String answer, String reason) {
    public Step {
        require(number >= 1 && number <= 5, "the decision tree has questions 1 to 5: " + number);
        require(question != null && !question.isBlank(), "Q" + number + " needs its question");
        require("yes".equals(answer) || "no".equals(answer), "Q" + number + " is answered yes or no: " + answer);
        require(reason != null && !reason.isBlank(), "Q" + number + " needs a reason");
    }

    @Override
    public String toString() {
        return "Q" + number + " " + question + " " + answer + ": " + reason;
    }
}

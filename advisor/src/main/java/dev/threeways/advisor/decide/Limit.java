package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One documented limit of one service, with where it is written down and since when it holds, so that a
 * reader can check it and a change shows as a diff of one line.
 *
 * @param value a number in {@code unit}; {@link Double#POSITIVE_INFINITY} for "no limit"; for a yes/no fact
 *              the unit is {@link #YES_NO} and the value 1 (yes) or 0 (no)
 * @param asOf  ISO date: the date the source states or the change took effect; for a quota a page gives
 *              without a date, the date {@link Limits#COMPILED} the table was compiled from the page
 */
public record Limit(String service, String name, double value, String unit, String source, String asOf, String note) {

    /** The unit of a limit that is a yes/no fact rather than a quantity. */
    public static final String YES_NO = "yes (1) / no (0)";

    public Limit {
        require(service != null && !service.isBlank(), "a limit needs a service");
        require(name != null && !name.isBlank(), "a limit of " + service + " needs a name");
        require(!Double.isNaN(value) && value != Double.NEGATIVE_INFINITY, "limit " + name + " needs a value: " + value);
        require(unit != null && !unit.isBlank(), "limit " + name + " needs a unit");
        require(!unit.equals(YES_NO) || value == 0 || value == 1, "limit " + name + " is yes/no, so 0 or 1: " + value);
        require(source != null && source.startsWith("https://") && !source.contains(" "),
                "limit " + name + " needs an https source: " + source);
        require(asOf != null, "limit " + name + " needs an asOf date");
        try {
            require(LocalDate.parse(asOf).toString().equals(asOf), "limit " + name + " needs an asOf date as YYYY-MM-DD: " + asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("limit " + name + " needs an asOf date as YYYY-MM-DD: " + asOf);
        }
        require(note != null, "limit " + name + " needs a note, empty if nothing to say");
    }

    public boolean unlimited() {
        return value == Double.POSITIVE_INFINITY;
    }

    /** "900 s", "10,240 MB", "no limit", "no". */
    public String display() {
        if (unlimited()) {
            return "no limit";
        }
        if (unit.equals(YES_NO)) {
            return value == 1 ? "yes" : "no";
        }
        return Units.number(value) + " " + unit;
    }

    @Override
    public String toString() {
        return service + " " + name + ": " + display() + " (as of " + asOf + ", " + source + ")";
    }
}

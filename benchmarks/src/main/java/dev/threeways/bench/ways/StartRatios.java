package dev.threeways.bench.ways;

import dev.threeways.bench.report.Report;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every measured start series beside its floor from the same run: the medians, and the spread of the
 * ratio round by round (a round starts every variant once, so a slow moment of the machine falls on a
 * variant and its floor alike). Other floors are references, not figures: they get no row.
 */
final class StartRatios {
    private StartRatios() {}

    /** Empty when no series is the floor (a run cut short before it started any). */
    static List<Report.Ratio> beside(List<Report.StartSeries> series, Predicate<Report.StartSeries> isFloor,
                                     Function<Report.StartSeries, String> figure) {
        var floor = series.stream().filter(isFloor).findFirst();
        if (floor.isEmpty()) {
            return List.of();
        }
        List<Double> floorMs = floor.get().totalMs();
        return series.stream().filter(s -> !s.floor())
                .map(s -> {
                    // a budget may cut a round short: pair only the rounds both have
                    int rounds = Math.min(s.totalMs().size(), floorMs.size());
                    return Report.Ratio.of(figure.apply(s), "ms", floor.get().variant(), "floor",
                            s.totalMs().subList(0, rounds), floorMs.subList(0, rounds));
                })
                .toList();
    }
}

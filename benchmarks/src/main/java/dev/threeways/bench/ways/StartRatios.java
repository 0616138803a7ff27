package dev.threeways.bench.ways;

import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Every start series' median beside its floor's median, from the same run. */
final class StartRatios {
    private StartRatios() {}

    /** Empty when no series is the floor (a run cut short before it started any). */
    static List<Report.Ratio> beside(List<Report.StartSeries> series, Predicate<Report.StartSeries> isFloor,
                                     Function<Report.StartSeries, String> figure) {
        var floor = series.stream().filter(isFloor).findFirst();
        if (floor.isEmpty()) {
            return List.of();
        }
        double floorMs = Distribution.of(floor.get().totalMs()).median();
        return series.stream().filter(s -> s != floor.get())
                .map(s -> new Report.Ratio(figure.apply(s), Distribution.of(s.totalMs()).median(), "ms",
                        floor.get().variant(), floorMs, "floor"))
                .toList();
    }
}

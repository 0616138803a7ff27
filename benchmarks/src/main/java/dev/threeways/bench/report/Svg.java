package dev.threeways.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Small inline SVG charts, written by hand so the report page needs no script, library or network: a
 * strip plot of raw samples, a line chart on linear, log or "nines" axes, and a horizontal bar chart.
 * Every chart carries a {@code <title>} and a {@code viewBox}, so it is named for a screen reader and
 * scales with the page. All text passes through {@link #escape}.
 */
public final class Svg {
    /** Floors and ceilings are references, not contestants: always the same neutral grey. */
    public static final String REFERENCE_COLOUR = "#8b929a";
    static final String INK = "#1f2328";
    static final String MUTED = "#656d76";
    static final String GRID = "#e6e8eb";
    static final String AXIS = "#a0a7b0";
    static final String BAND = "#f6f8fa";
    static final String FONT = "system-ui, 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
    static final int WIDTH = 960;
    /** Rough advance of one character at 12 px, to keep labels inside their column. */
    private static final double CHAR_WIDTH = 6.6;

    private Svg() {}

    public enum Scale { LINEAR, LOG, NINES }

    /** @param label how a tick value is written on this axis */
    public record Axis(String title, Scale scale, DoubleFunction<String> label) {}

    public record XY(double x, double y) {}

    public record Line(String label, List<XY> points, String colour, boolean dashed) {
        public Line {
            points = List.copyOf(points);
        }
    }

    /** A labelled vertical rule at {@code x}, in the x axis's data units. */
    public record Marker(double x, String label) {}

    /** @param detail a second, smaller line under the label; may be empty */
    public record StripRow(String label, String detail, List<Double> values, String colour, boolean floor) {
        public StripRow {
            values = List.copyOf(values);
        }
    }

    /** A bar over its limit is filled this red, whatever colour is asked: the one thing to see. */
    public static final String BREACH_COLOUR = "#c5221f";

    /**
     * @param detail a second, smaller line under the label; may be empty
     * @param limit  what the value must stay under (a deployed memory size), drawn as a dark rule across the
     *               bar; NaN for none. A value over it fills the bar {@link #BREACH_COLOUR}
     */
    public record Bar(String label, String detail, double value, String colour, boolean reference, double limit) {
        /** A bar without a limit. */
        public Bar(String label, String detail, double value, String colour, boolean reference) {
            this(label, detail, value, colour, reference, Double.NaN);
        }

        boolean hasLimit() {
            return Double.isFinite(limit) && limit > 0;
        }

        boolean breaches() {
            return hasLimit() && value > limit;
        }
    }

    /**
     * An axis range in data units with its ticks; {@link #fraction} places a value along it (0 at lo,
     * 1 at hi) in the scale's own geometry.
     */
    record Domain(Scale scale, double lo, double hi, List<Double> ticks) {
        double fraction(double v) {
            double a = transform(scale, lo);
            double b = transform(scale, hi);
            return b == a ? 0.5 : (transform(scale, v) - a) / (b - a);
        }
    }

    // ---------------------------------------------------------------- charts

    /** One row per series, each sample a dot, its median a dark tick; floors grey whatever colour is asked. */
    public static String strip(String title, String axisTitle, List<StripRow> rows) {
        int labelW = 300;
        int rightW = 150;
        int rowH = 44;
        int top = 12;
        int axisH = 62;
        int height = top + rowH * rows.size() + axisH;
        double x0 = labelW;
        double x1 = WIDTH - rightW;
        double max = rows.stream().flatMap(r -> r.values().stream()).mapToDouble(Double::doubleValue)
                .filter(Double::isFinite).max().orElse(1);
        Domain domain = domain(Scale.LINEAR, 0, max);
        StringBuilder svg = open(title, height);
        double plotBottom = top + rowH * rows.size();
        for (int i = 0; i < rows.size(); i++) {
            if (i % 2 == 0) {
                svg.append(rect(0, top + rowH * i, WIDTH, rowH, BAND, null));
            }
        }
        gridX(svg, domain, x0, x1, top, plotBottom, Format::tick);
        for (int i = 0; i < rows.size(); i++) {
            StripRow row = rows.get(i);
            String colour = row.floor() ? REFERENCE_COLOUR : row.colour();
            double mid = top + rowH * i + rowH / 2.0;
            String label = tagged(row.label(), row.floor(), "floor");
            svg.append(text(12, mid - (row.detail().isEmpty() ? -4 : 3), fit(label, labelW - 24, 13), 13,
                    "start", INK, "600", label));
            if (!row.detail().isEmpty()) {
                svg.append(text(12, mid + 13, fit(row.detail(), labelW - 24, 11), 11, "start", MUTED, null,
                        row.detail()));
            }
            List<Double> values = row.values().stream().filter(Double::isFinite).sorted().toList();
            for (int k = 0; k < row.values().size(); k++) {
                double v = row.values().get(k);
                if (!Double.isFinite(v)) {
                    continue;
                }
                // golden-ratio jitter: deterministic, so two renderings of one report are identical
                double jitter = ((k * 0.6180339887) % 1.0 - 0.5) * 20;
                svg.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\" fill=\"%s\" fill-opacity=\"0.55\" stroke=\"%s\" "
                                + "stroke-width=\"0.8\"/>",
                        x0 + domain.fraction(v) * (x1 - x0), mid + jitter, colour, colour));
            }
            if (!values.isEmpty()) {
                double median = values.get(Math.max((int) Math.ceil(values.size() / 2.0), 1) - 1);
                double mx = x0 + domain.fraction(median) * (x1 - x0);
                svg.append(String.format(Locale.ROOT,
                        "<line class=\"median\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                                + "stroke-width=\"3\" stroke-linecap=\"round\"/>",
                        mx, mid - 15, mx, mid + 15, INK));
                svg.append(text(x1 + 14, mid - 2, "p50 " + Format.ms(median) + " ms", 12, "start", INK, "600", null));
                svg.append(text(x1 + 14, mid + 13, "n " + values.size() + " · max " + Format.ms(values.getLast()),
                        11, "start", MUTED, null, null));
            }
        }
        axisLine(svg, x0, x1, plotBottom);
        svg.append(text((x0 + x1) / 2, plotBottom + 40, axisTitle, 12, "middle", INK, null, null));
        // legend: what a dot, the tick and grey mean
        double ly = height - 10;
        svg.append(String.format(Locale.ROOT,
                "<circle cx=\"18\" cy=\"%.1f\" r=\"3.6\" fill=\"%s\" fill-opacity=\"0.55\" stroke=\"%s\"/>",
                ly - 4, MUTED, MUTED));
        svg.append(text(27, ly, "one sample", 11, "start", MUTED, null, null));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"104\" y1=\"%.1f\" x2=\"104\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>",
                ly - 11, ly + 2, INK));
        svg.append(text(112, ly, "median", 11, "start", MUTED, null, null));
        svg.append(String.format(Locale.ROOT,
                "<circle cx=\"176\" cy=\"%.1f\" r=\"3.6\" fill=\"%s\" fill-opacity=\"0.55\" stroke=\"%s\"/>",
                ly - 4, REFERENCE_COLOUR, REFERENCE_COLOUR));
        svg.append(text(185, ly, "floor", 11, "start", MUTED, null, null));
        return close(svg);
    }

    /** Lines through points, a legend on the right, optional labelled vertical markers. */
    public static String lines(String title, Axis xAxis, Axis yAxis, List<Line> lines, List<Marker> markers) {
        int left = 76;
        int right = 210;
        int top = 20;
        int bottom = 58;
        int height = 420;
        double x0 = left;
        double x1 = WIDTH - right;
        double y0 = height - bottom;
        double y1 = top;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Line line : lines) {
            for (XY p : line.points()) {
                if (usable(xAxis.scale(), p.x()) && usable(yAxis.scale(), p.y())) {
                    xs.add(p.x());
                    ys.add(p.y());
                }
            }
        }
        for (Marker m : markers) {
            if (usable(xAxis.scale(), m.x())) {
                xs.add(m.x());
            }
        }
        Domain dx = domain(xAxis.scale(), min(xs), max(xs));
        Domain dy = domain(yAxis.scale(), min(ys), max(ys));
        StringBuilder svg = open(title, height);
        gridX(svg, dx, x0, x1, y1, y0, xAxis.label());
        for (double t : dy.ticks()) {
            double y = y0 + dy.fraction(t) * (y1 - y0);
            svg.append(line(x0, y, x1, y, GRID, 1, null));
            svg.append(text(x0 - 8, y + 4, yAxis.label().apply(t), 11, "end", MUTED, null, null));
        }
        axisLine(svg, x0, x1, y0);
        svg.append(line(x0, y0, x0, y1, AXIS, 1, null));
        svg.append(text((x0 + x1) / 2, height - 14, xAxis.title(), 12, "middle", INK, null, null));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" font-size=\"12\" text-anchor=\"middle\" "
                        + "fill=\"%s\">%s</text>",
                (y0 + y1) / 2, (y0 + y1) / 2, INK, escape(yAxis.title())));
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            if (!usable(xAxis.scale(), m.x())) {
                continue;
            }
            double x = x0 + dx.fraction(m.x()) * (x1 - x0);
            svg.append("<g class=\"marker\">");
            svg.append(line(x, y1, x, y0, INK, 1.2, "5 4"));
            // staggered, so crossovers close together do not print over each other
            boolean leftSide = x > x0 + (x1 - x0) * 0.7;
            svg.append(halo(text(leftSide ? x - 5 : x + 5, y1 + 14 + 15 * (i % 3), m.label(), 11,
                    leftSide ? "end" : "start", INK, "600", null)));
            svg.append("</g>");
        }
        for (Line line : lines) {
            StringBuilder pts = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (XY p : line.points()) {
                if (!usable(xAxis.scale(), p.x()) || !usable(yAxis.scale(), p.y())) {
                    continue;
                }
                double x = x0 + dx.fraction(p.x()) * (x1 - x0);
                double y = y0 + dy.fraction(p.y()) * (y1 - y0);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\"/>",
                        x, y, line.colour()));
            }
            svg.append("<g class=\"series\"><title>").append(escape(line.label())).append("</title>");
            svg.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" "
                            + "stroke-linejoin=\"round\"%s/>",
                    pts.toString().strip(), line.colour(),
                    line.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(dots).append("</g>");
        }
        double lx = x1 + 22;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            double ly = top + 10 + 22 * i;
            svg.append(line(lx, ly, lx + 24, ly, line.colour(), 2.6, line.dashed() ? "6 4" : null));
            svg.append(text(lx + 32, ly + 4, fit(line.label(), right - 60, 12), 12, "start", INK, null,
                    line.label()));
        }
        return close(svg);
    }

    /**
     * Horizontal bars from zero; a reference bar (a ceiling) grey, outlined, and ruled across the chart; a
     * bar's limit a dark rule across its row, the bar red when over it, with a legend saying so.
     */
    public static String bars(String title, String axisTitle, DoubleFunction<String> valueLabel, List<Bar> bars) {
        int labelW = 280;
        int right = 40;
        int rowH = 40;
        int top = 12;
        boolean limits = bars.stream().anyMatch(Bar::hasLimit);
        int axisH = limits ? 72 : 50;
        int height = top + rowH * bars.size() + axisH;
        double x0 = labelW;
        double x1 = WIDTH - right;
        double plotBottom = top + rowH * bars.size();
        // a limit beyond every bar still has to fit on the axis
        double max = bars.stream().flatMapToDouble(b -> b.hasLimit()
                        ? java.util.stream.DoubleStream.of(b.value(), b.limit()) : java.util.stream.DoubleStream.of(b.value()))
                .filter(Double::isFinite).max().orElse(1);
        Domain domain = domain(Scale.LINEAR, 0, max);
        StringBuilder svg = open(title, height);
        // ticks stay bare numbers: the axis title carries the unit, the bar ends carry the full label
        gridX(svg, domain, x0, x1, top, plotBottom, Format::tick);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double mid = top + rowH * i + rowH / 2.0;
            double w = Double.isFinite(bar.value()) ? domain.fraction(bar.value()) * (x1 - x0) : 0;
            String colour = bar.reference() ? REFERENCE_COLOUR : bar.breaches() ? BREACH_COLOUR : bar.colour();
            String label = tagged(bar.label(), bar.reference(), "ceiling");
            boolean twoLines = !bar.detail().isEmpty();
            svg.append(text(labelW - 12, mid + (twoLines ? -2 : 4), fit(label, labelW - 24, 13), 12, "end", INK,
                    "600", label));
            if (twoLines) {
                svg.append(text(labelW - 12, mid + 12, fit(bar.detail(), labelW - 24, 11), 11, "end", MUTED, null,
                        bar.detail()));
            }
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"20\" rx=\"2\" fill=\"%s\"%s/>",
                    bar.reference() ? "bar reference" : bar.breaches() ? "bar breach" : "bar", x0, mid - 10,
                    Math.max(w, 0.5), colour,
                    bar.reference() ? " fill-opacity=\"0.35\" stroke=\"" + INK + "\" stroke-width=\"1.2\" "
                            + "stroke-dasharray=\"4 3\"" : ""));
            String value = Double.isFinite(bar.value()) ? valueLabel.apply(bar.value()) : Format.NONE;
            if (bar.breaches()) {
                value += ", over " + valueLabel.apply(bar.limit());
            }
            if (bar.hasLimit()) {
                // under the value label, which is drawn next and haloed so a rule through it does not cut it
                double lx = x0 + domain.fraction(bar.limit()) * (x1 - x0);
                svg.append("<g class=\"limit\"><title>").append(escape("limit " + valueLabel.apply(bar.limit())))
                        .append("</title>").append(line(lx, mid - 15, lx, mid + 15, INK, 2.4, null)).append("</g>");
            }
            boolean inside = w > (x1 - x0) * 0.72;
            String valueText = text(inside ? x0 + w - 8 : x0 + w + 8, mid + 4, value, 12, inside ? "end" : "start",
                    inside && !bar.reference() ? "#ffffff" : INK, "600", null);
            svg.append(bar.hasLimit() ? halo(valueText, inside && !bar.reference() ? colour : "#ffffff") : valueText);
        }
        for (Bar bar : bars) {
            if (bar.reference() && Double.isFinite(bar.value())) {
                double x = x0 + domain.fraction(bar.value()) * (x1 - x0);
                svg.append(line(x, top, x, plotBottom, INK, 1.2, "5 4"));
            }
        }
        axisLine(svg, x0, x1, plotBottom);
        svg.append(text((x0 + x1) / 2, plotBottom + 40, axisTitle, 12, "middle", INK, null, null));
        if (limits) {
            double ly = height - 10;
            svg.append(line(18, ly - 11, 18, ly + 2, INK, 2.4, null));
            svg.append(text(26, ly, "deployed size (the limit)", 11, "start", MUTED, null, null));
            svg.append(rect(190, ly - 10, 16, 10, BREACH_COLOUR, null));
            svg.append(text(212, ly, "over it", 11, "start", MUTED, null, null));
        }
        return close(svg);
    }

    // ---------------------------------------------------------------- scales

    /** Where a percentile sits on the "nines" axis: 90 → 1, 99 → 2, 99.9 → 3. */
    public static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100);
    }

    /** About {@code target} round ticks (steps of 1, 2 or 5 times a power of ten) covering lo..hi. */
    public static List<Double> niceTicks(double lo, double hi, int target) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / Math.max(target, 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        double step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
        long first = (long) Math.floor(lo / step + 1e-9);
        long last = (long) Math.ceil(hi / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            // multiply, never accumulate: 0.1 + 0.1 + 0.1 is not 0.3
            ticks.add(clean(i * step));
        }
        return ticks;
    }

    /** Powers of ten covering lo..hi; with at most two decades also 2 and 5 of each, or the axis is bare. */
    public static List<Double> logTicks(double lo, double hi) {
        int a = (int) Math.floor(Math.log10(lo) + 1e-9);
        int b = (int) Math.ceil(Math.log10(hi) - 1e-9);
        if (b == a) {
            b++;
        }
        List<Double> ticks = new ArrayList<>();
        boolean fine = b - a <= 2;
        int every = b - a > 10 ? 2 : 1;
        for (int e = a; e <= b; e++) {
            double decade = clean(Math.pow(10, e));
            if ((e - a) % every == 0 || e == b) {
                ticks.add(decade);
            }
            if (fine && e < b) {
                ticks.add(clean(2 * decade));
                ticks.add(clean(5 * decade));
            }
        }
        return ticks;
    }

    /** The percentiles a nines axis is labelled with, from the one at or below lo to the one at or above hi. */
    public static List<Double> ninesTicks(double lo, double hi) {
        List<Double> all = new ArrayList<>(List.of(0.0, 50.0, 90.0));
        double p = 99;
        for (int i = 0; i < 6; i++) {
            all.add(p);
            p = clean(100 - (100 - p) / 10);
        }
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) <= lo + 1e-9) {
                from = i;
            }
        }
        int to = all.size() - 1;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) >= hi - 1e-9) {
                to = i;
            }
        }
        if (to <= from) {
            to = Math.min(from + 1, all.size() - 1);
        }
        return List.copyOf(all.subList(from, to + 1));
    }

    static Domain domain(Scale scale, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = scale == Scale.LINEAR ? 0 : scale == Scale.LOG ? 1 : 50;
            max = scale == Scale.LINEAR ? 1 : scale == Scale.LOG ? 10 : 99;
        }
        List<Double> ticks = switch (scale) {
            // a linear axis starts at zero: bars and times read against their true size
            case LINEAR -> niceTicks(Math.min(0, min), max, 5);
            case LOG -> logTicks(min, max);
            case NINES -> ninesTicks(min, max);
        };
        double lo = scale == Scale.LOG ? Math.min(ticks.getFirst(), min) : ticks.getFirst();
        double hi = scale == Scale.LOG ? Math.max(ticks.getLast(), max) : ticks.getLast();
        return new Domain(scale, lo, hi, ticks);
    }

    private static double transform(Scale scale, double v) {
        return switch (scale) {
            case LINEAR -> v;
            case LOG -> Math.log10(v);
            case NINES -> nines(v);
        };
    }

    private static boolean usable(Scale scale, double v) {
        return Double.isFinite(v) && switch (scale) {
            case LINEAR -> true;
            case LOG -> v > 0;
            case NINES -> v >= 0 && v < 100;
        };
    }

    /** Rounds away binary noise (0.30000000000000004) so ticks print and compare as written. */
    private static double clean(double v) {
        return v == 0 ? 0 : Double.parseDouble(String.format(Locale.ROOT, "%.12g", v));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- markup

    /** Text made safe for element content and attribute values alike. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters are not allowed in XML at all
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                        + "font-family=\"%s\" font-size=\"12\" aria-label=\"%s\">",
                WIDTH, height, FONT, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        return svg;
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>").toString();
    }

    private static void gridX(StringBuilder svg, Domain d, double x0, double x1, double top, double bottom,
                              DoubleFunction<String> label) {
        for (double t : d.ticks()) {
            double x = x0 + d.fraction(t) * (x1 - x0);
            svg.append(line(x, top, x, bottom, GRID, 1, null));
            svg.append(line(x, bottom, x, bottom + 5, AXIS, 1, null));
            svg.append(text(x, bottom + 19, label.apply(t), 11, "middle", MUTED, null, null));
        }
    }

    private static void axisLine(StringBuilder svg, double x0, double x1, double y) {
        svg.append(line(x0, y, x1, y, AXIS, 1, null));
    }

    private static String rect(double x, double y, double w, double h, String fill, String extra) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>",
                x, y, w, h, fill, extra == null ? "" : " " + extra);
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>",
                x1, y1, x2, y2, stroke, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    /**
     * @param full when the shown text was shortened, the whole of it, as a tooltip
     */
    static String text(double x, double y, String content, int size, String anchor, String fill, String weight,
                       String full) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" fill=\"%s\"",
                x, y, size, anchor, fill));
        if (weight != null) {
            t.append(" font-weight=\"").append(weight).append('"');
        }
        t.append('>');
        if (full != null && !full.equals(content)) {
            t.append("<title>").append(escape(full)).append("</title>");
        }
        return t.append(escape(content)).append("</text>").toString();
    }

    /** A white outline under a label that crosses lines, so it stays readable. */
    private static String halo(String textElement) {
        return halo(textElement, "#ffffff");
    }

    /** The same outline in {@code colour}: the bar's own, for a label drawn inside a bar. */
    private static String halo(String textElement, String colour) {
        return textElement.replaceFirst("<text ", "<text stroke=\"" + colour + "\" stroke-width=\"4\" paint-order=\"stroke\" ");
    }

    /** "Lambda (floor)"; but a row already called "floor" needs no second one. */
    private static String tagged(String label, boolean reference, String word) {
        return reference && !label.toLowerCase(Locale.ROOT).contains(word) ? label + " (" + word + ")" : label;
    }

    /** Shortens a label to about {@code width} pixels with an ellipsis. */
    static String fit(String text, double width, int size) {
        if (text == null) {
            return "";
        }
        int max = (int) (width / (CHAR_WIDTH * size / 12.0));
        return text.length() <= max ? text : text.substring(0, Math.max(max - 1, 1)).strip() + "…";
    }
}

package dev.threeways.bench.report;

import java.util.List;

/**
 * A report as GitHub Markdown: the figures as tables, for a README or a pull request, where the HTML
 * page's charts cannot go.
 */
public final class Markdown {
    static final String NOT_RUN = "_Not run._";
    static final String NOT_RECORDED = "_Not recorded in this report._";
    /** What the verdict table opens with, in both renderings. */
    static final String VERDICT_LEAD = "Each call comes from the figures named in it, all measured in this run; "
            + "\"no measurable difference\" means the repeated measurements overlap, so no way is named.";

    private Markdown() {}

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Three Ways — benchmark report\n\n");
        // what a reader came for first; the machine and every figure behind it follow
        md.append("## Verdict\n\n").append(VERDICT_LEAD).append("\n\n");
        table(md, Tables.verdicts(Verdicts.of(report)));

        md.append("## Machine\n\n");
        md.append(Tables.machineLine(report.machine())).append("\n\n");
        if (report.command() != null && !report.command().isBlank()) {
            md.append("Command: ").append(code(report.command())).append("\n\n");
        }

        md.append("## Processes as measured\n\n");
        if (report.processes().isEmpty()) {
            md.append(NOT_RECORDED).append("\n\n");
        } else {
            md.append("Read from each running process: the CPU it had, the processors the JVM saw, its collector "
                    + "and its JVM options.\n\n");
            table(md, Tables.processes(report));
        }

        md.append("## Every figure beside its floor or ceiling\n\n");
        if (report.ratios().isEmpty()) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            md.append("A floor is what nothing of its kind can beat (the ratio is the overhead); "
                    + "a ceiling is what nothing can exceed (the ratio is the share reached).\n\n");
            table(md, Tables.ratios(report));
        }

        md.append("## Cold starts\n\n");
        if (report.starts().isEmpty()) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            md.append("From spawning a fresh process (or the invoke that spawned it) to its first good "
                    + "response; nearest-rank percentiles, so every figure is an observed start.\n\n");
            table(md, Tables.starts(report));
        }

        md.append("## Latency under load\n\n");
        if (report.loads().isEmpty()) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            md.append("Open model at a constant arrival rate; percentiles count from when each request was "
                    + "due (corrected for coordinated omission). \"service p99\" counts from when it was sent, "
                    + "as a naive tool would.\n\n");
            table(md, Tables.loads(report));
        }

        md.append("## Throughput\n\n");
        if (report.throughputs().isEmpty()) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            table(md, Tables.throughputs(report));
        }

        md.append("## Memory\n\n");
        if (report.memory().isEmpty()) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            md.append("Resident memory of each process after its load, beside the memory its way is deployed "
                    + "with.\n\n");
            table(md, Tables.memory(report));
        }

        md.append("## Cost\n\n");
        Report.CostPart cost = report.cost();
        if (cost == null) {
            md.append(NOT_RUN).append("\n\n");
        } else {
            if (cost.source() != null && !cost.source().isBlank()) {
                md.append("Prices: ").append(inline(cost.source())).append("\n\n");
            }
            if (!cost.profiles().isEmpty()) {
                table(md, Tables.costProfiles(cost));
            }
            if (!cost.crossovers().isEmpty()) {
                md.append("Crossovers:\n\n");
                bullets(md, cost.crossovers().stream().map(Tables::crossover).toList());
            }
            if (!cost.assumptions().isEmpty()) {
                md.append("Assumptions:\n\n");
                bullets(md, cost.assumptions());
            }
        }

        if (!report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            bullets(md, report.notes());
        }
        return md.toString();
    }

    static void table(StringBuilder md, Tables.Table table) {
        md.append('|');
        for (String header : table.headers()) {
            md.append(' ').append(cell(header)).append(" |");
        }
        md.append("\n|");
        for (boolean numeric : table.numeric()) {
            md.append(numeric ? "---:|" : "---|");
        }
        md.append('\n');
        for (Tables.Row row : table.rows()) {
            md.append('|');
            for (String value : row.cells()) {
                md.append(' ').append(cell(value)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void bullets(StringBuilder md, List<String> items) {
        for (String item : items) {
            md.append("- ").append(inline(item)).append('\n');
        }
        md.append('\n');
    }

    /** A pipe would end the cell and a line break the row. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    private static String inline(String text) {
        return text == null ? "" : text.replace("\r", "").replace('\n', ' ');
    }

    /** Enough backticks that one inside the command cannot close the span. */
    static String code(String text) {
        String flat = inline(text);
        String fence = "`";
        while (flat.contains(fence)) {
            fence += "`";
        }
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }
}

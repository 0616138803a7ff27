package dev.threeways.bench.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report on disk: the JSON with every raw sample (the record of what was measured, from which the
 * other two can be made again) and its Markdown and HTML renderings beside it.
 */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportFiles() {}

    public record Written(Path json, Path markdown, Path html) {}

    /** Writes the three files into {@code dir}, creating it, replacing files of the same names. */
    public static Written write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(JSON);
            Path markdown = dir.resolve(MARKDOWN);
            Path html = dir.resolve(HTML);
            // JSON first: if a renderer throws, the measurements are already safe on disk
            Files.writeString(json, toJson(report) + "\n", StandardCharsets.UTF_8);
            Files.writeString(markdown, Markdown.render(report), StandardCharsets.UTF_8);
            Files.writeString(html, Html.render(report), StandardCharsets.UTF_8);
            return new Written(json, markdown, html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report into " + dir, e);
        }
    }

    /** Reads a {@code report.json} back, so a report can be rendered again without measuring again. */
    public static Report read(Path json) {
        try {
            return fromJson(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the report " + json, e);
        }
    }

    public static String toJson(Report report) {
        return MAPPER.writeValueAsString(report);
    }

    public static Report fromJson(String json) {
        return MAPPER.readValue(json, Report.class);
    }
}

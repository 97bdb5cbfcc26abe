package io.nifiecommerce.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A small SVG line chart: axes with ticks, the points joined by a line, each labelled with its value. */
final class SvgLinePlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<double[]> points;

    SvgLinePlot(final String title, final String xLabel, final String yLabel, final List<double[]> points) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.points = points;
    }

    void write(final Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    String render() {
        final double xMax = niceCeiling(points.stream().mapToDouble(p -> p[0]).max().orElse(1));
        final double yMax = niceCeiling(points.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).max().orElse(1) * 1.1);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n", WIDTH / 2, escape(title)));
        for (int t = 0; t <= 5; t++) {
            final double yValue = yMax * t / 5;
            final double y = TOP + plotHeight - plotHeight * t / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 8, y + 4, tick(yValue)));
            final double xValue = xMax * t / 5;
            final double x = LEFT + plotWidth * t / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>%n", x, TOP + plotHeight, x, TOP + plotHeight + 5));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotHeight + 20, tick(xValue)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n", LEFT, TOP, LEFT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n", LEFT, TOP + plotHeight, LEFT + plotWidth,
                TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth / 2, HEIGHT - 15, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">%s</text>%n",
                TOP + plotHeight / 2, TOP + plotHeight / 2, escape(yLabel)));
        final StringBuilder line = new StringBuilder();
        for (final double[] point : points) {
            if (Double.isNaN(point[1])) {
                continue;
            }
            final double x = LEFT + plotWidth * point[0] / xMax;
            final double y = TOP + plotHeight - plotHeight * point[1] / yMax;
            line.append(line.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"/>%n", x, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#1f77b4\">%s</text>%n", x, y - 10,
                    tick(point[1])));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>%n", line));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the value. */
    static double niceCeiling(final double value) {
        if (value <= 0 || Double.isNaN(value)) {
            return 1;
        }
        final double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String tick(final double value) {
        if (value == Math.rint(value) && Math.abs(value) >= 1) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.0f" : "%.2f", value);
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

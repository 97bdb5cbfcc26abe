package io.nifiecommerce.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table built row by row. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(final String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(final Object... cells) {
        final List<String> row = new ArrayList<>();
        for (final Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
        return this;
    }

    static String format(final Object cell) {
        if (cell instanceof Double d) {
            if (d.isNaN()) {
                return "n/a";
            }
            final double abs = Math.abs(d);
            if (abs >= 100) {
                return String.format(Locale.ROOT, "%,.0f", d);
            }
            if (abs >= 10) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) cell).longValue());
        }
        return String.valueOf(cell);
    }

    String render() {
        final StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (final List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}

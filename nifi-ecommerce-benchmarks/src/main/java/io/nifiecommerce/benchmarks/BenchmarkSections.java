package io.nifiecommerce.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sections of {@code docs/benchmarks.md}, each between markers naming its benchmark, so that a run of some
 * benchmarks replaces their sections and keeps the others as they were measured.
 */
final class BenchmarkSections {

    private static final Pattern SECTION = Pattern.compile("<!-- benchmark: ([a-z-]+) -->\n(.*?)<!-- end of benchmark: \\1 -->\n",
            Pattern.DOTALL);

    private BenchmarkSections() {
    }

    /** The marked sections of an existing file by benchmark name, or none. */
    static Map<String, String> read(final Path file) throws IOException {
        final Map<String, String> blocks = new LinkedHashMap<>();
        if (Files.exists(file)) {
            final Matcher matcher = SECTION.matcher(Files.readString(file));
            while (matcher.find()) {
                blocks.put(matcher.group(1), matcher.group());
            }
        }
        return blocks;
    }

    /** A section with its markers, the line saying when it ran placed under its heading. */
    static String block(final String name, final String section, final String run) {
        final int headingEnd = section.indexOf("\n\n");
        final String body = headingEnd < 0 ? section + "\n\n" + run : section.substring(0, headingEnd + 2) + run + section.substring(headingEnd + 2);
        return "<!-- benchmark: " + name + " -->\n" + body.stripTrailing() + "\n<!-- end of benchmark: " + name + " -->\n";
    }

    /** The known sections in the suite's order, then any other marked section kept from the file. */
    static String inOrder(final Map<String, String> blocks, final List<String> order) {
        final List<String> sections = new ArrayList<>();
        order.stream().filter(blocks::containsKey).forEach(name -> sections.add(blocks.get(name)));
        blocks.keySet().stream().filter(name -> !order.contains(name)).forEach(name -> sections.add(blocks.get(name)));
        return String.join("\n", sections);
    }
}

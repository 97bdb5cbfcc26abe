package io.nifiecommerce.fuzz;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites an interchange the way other partners' tools write the same content: other delimiters (announced in UNA
 * or ISA), with or without UNA, line breaks or none between segments, a byte order mark, another character set. The
 * content (tags, elements, components, values) stays the same, so every variant must read to the same result.
 */
public final class EdiText {

    /** EDIFACT service characters, in UNA order; {@code repetition} is the reserved position under syntax 3. */
    public record Delimiters(char component, char element, char decimal, char release, char repetition, char segment) {

        public static final Delimiters DEFAULT = new Delimiters(':', '+', '.', '?', ' ', '\'');

        public String una() {
            return "UNA" + component + element + decimal + release + repetition + segment;
        }

        public boolean special(final char c) {
            return c == component || c == element || c == release || c == segment || (repetition != ' ' && c == repetition);
        }
    }

    /** One segment: elements of components, values unescaped. */
    public record Segment(String tag, List<List<String>> elements) {

        public Segment withElements(final List<List<String>> changed) {
            return new Segment(tag, changed);
        }
    }

    private EdiText() {
    }

    /** Reads an EDIFACT text written with the default delimiters (a leading UNA is dropped; line breaks between segments ignored). */
    public static List<Segment> parseEdifact(final String text) {
        String body = text.startsWith("UNA") ? text.substring(9) : text;
        final List<Segment> segments = new ArrayList<>();
        List<List<String>> elements = new ArrayList<>();
        List<String> components = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        String tag = null;
        boolean segmentStart = true;
        for (int i = 0; i < body.length(); i++) {
            final char c = body.charAt(i);
            if (segmentStart && (c == '\r' || c == '\n')) {
                continue;
            }
            segmentStart = false;
            if (c == '?' && i + 1 < body.length()) {
                value.append(body.charAt(++i));
            } else if (c == ':' || c == '+' || c == '\'') {
                components.add(value.toString());
                value = new StringBuilder();
                if (c != ':') {
                    if (tag == null) {
                        tag = components.getFirst();
                    } else {
                        elements.add(components);
                    }
                    components = new ArrayList<>();
                }
                if (c == '\'') {
                    segments.add(new Segment(tag, elements));
                    elements = new ArrayList<>();
                    tag = null;
                    segmentStart = true;
                }
            } else {
                value.append(c);
            }
        }
        return segments;
    }

    /** Writes segments with the delimiters given, after a UNA when asked, each segment followed by {@code lineBreak}. */
    public static String writeEdifact(final List<Segment> segments, final Delimiters d, final boolean una, final String lineBreak) {
        final StringBuilder out = new StringBuilder();
        if (una) {
            out.append(d.una()).append(lineBreak);
        }
        for (final Segment segment : segments) {
            out.append(segment.tag());
            for (final List<String> element : segment.elements()) {
                out.append(d.element());
                for (int c = 0; c < element.size(); c++) {
                    if (c > 0) {
                        out.append(d.component());
                    }
                    for (final char ch : element.get(c).toCharArray()) {
                        if (d.special(ch)) {
                            out.append(d.release());
                        }
                        out.append(ch);
                    }
                }
            }
            out.append(d.segment()).append(lineBreak);
        }
        return out.toString();
    }

    /** The same segments with one segment's element changed: {@code change} gets and returns the element's components. */
    public static List<Segment> mapSegments(final List<Segment> segments, final UnaryOperator<Segment> change) {
        return segments.stream().map(change).toList();
    }

    /** A copy with element {@code index} (1-based) of the segment replaced. */
    public static Segment setElement(final Segment segment, final int index, final String... components) {
        final List<List<String>> elements = new ArrayList<>(segment.elements());
        while (elements.size() < index) {
            elements.add(List.of(""));
        }
        elements.set(index - 1, List.of(components));
        return segment.withElements(elements);
    }

    /**
     * Rewrites an X12 interchange written with {@code *}, {@code >}, {@code ~} (and line breaks after segments) with
     * other separators. The ISA keeps its fixed width; ISA16 becomes the component separator; when {@code repetition}
     * is not 0, ISA11 becomes it (versions 00402 and later).
     */
    public static String rewriteX12(final String text, final char element, final char component, final char repetition,
                                    final String segmentEnd) {
        final StringBuilder out = new StringBuilder();
        final String[] segments = text.replace("\r", "").replace("\n", "").split("~");
        for (final String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            String[] values = segment.split("\\*", -1);
            if (values[0].equals("ISA")) {
                values[16] = String.valueOf(component);
                if (repetition != 0) {
                    values[11] = String.valueOf(repetition);
                }
            } else {
                for (int i = 1; i < values.length; i++) {
                    values[i] = values[i].replace('>', component);
                }
            }
            out.append(String.join(String.valueOf(element), values)).append(segmentEnd);
        }
        return out.toString();
    }

    /** The text's bytes in a charset, after a UTF-8 byte order mark when asked. */
    public static byte[] bytes(final String text, final Charset charset, final boolean bom) {
        final byte[] body = text.getBytes(charset);
        if (!bom) {
            return body;
        }
        final byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    public static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.nifiecommerce.it.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The EDIFACT the demo's trading partners write and read, as a partner's own small software would: UNOC syntax 3 with
 * the default separators ({@code + : ' ?}), values escaped with the release character, UNT and UNZ counts computed.
 * The flow reads what they write with StAEDI and its envelope validation on, so a slip here shows as a file in review.
 */
final class EdifactText {

    private final StringBuilder text = new StringBuilder();
    private final String reference;
    private int segmentsInMessage;
    private int messages;

    /** Starts an interchange (UNB) from {@code sender} to {@code recipient}: GLNs (qualifier 14), or mutually defined ids (ZZZ). */
    EdifactText(final String sender, final String recipient, final String date, final String time, final String reference) {
        this.reference = reference;
        raw("UNB", "UNOC:3", id(sender), id(recipient), date + ":" + time, escape(reference));
    }

    EdifactText message(final String type, final String directory, final String association) {
        segmentsInMessage = 0;
        segment("UNH", "1", new String[] {type, "D", directory, "UN", association});
        return this;
    }

    /** A segment: each element is one value (escaped) or components joined by ':' (each escaped) when given as a String[]. */
    EdifactText segment(final String tag, final Object... elements) {
        final String[] rendered = new String[elements.length];
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] instanceof String[] components) {
                final List<String> escaped = new ArrayList<>();
                for (final String component : components) {
                    escaped.add(component == null ? "" : escape(component));
                }
                rendered[i] = String.join(":", escaped);
            } else {
                rendered[i] = elements[i] == null ? "" : escape(elements[i].toString());
            }
        }
        raw(tag, rendered);
        segmentsInMessage++;
        return this;
    }

    EdifactText endMessage() {
        raw("UNT", Integer.toString(segmentsInMessage + 1), "1");
        messages++;
        return this;
    }

    String end() {
        raw("UNZ", Integer.toString(messages), escape(reference));
        return text.toString();
    }

    private void raw(final String tag, final String... elements) {
        text.append(tag);
        for (final String element : elements) {
            text.append('+').append(element);
        }
        text.append("'\n");
    }

    private static String id(final String party) {
        return party + (party.chars().allMatch(Character::isDigit) ? ":14" : ":ZZZ");
    }

    static String escape(final String value) {
        return value.replace("?", "??").replace("+", "?+").replace(":", "?:").replace("'", "?'");
    }

    /** The segments of an interchange: each a list of elements, each a list of components, release characters resolved. */
    static List<List<List<String>>> parse(final String interchange) {
        final List<List<List<String>>> segments = new ArrayList<>();
        List<List<String>> segment = new ArrayList<>();
        List<String> element = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < interchange.length(); i++) {
            final char c = interchange.charAt(i);
            if (c == '?' && i + 1 < interchange.length()) {
                value.append(interchange.charAt(++i));
            } else if (c == ':' || c == '+' || c == '\'') {
                element.add(value.toString());
                value = new StringBuilder();
                if (c != ':') {
                    segment.add(element);
                    element = new ArrayList<>();
                }
                if (c == '\'') {
                    segments.add(segment);
                    segment = new ArrayList<>();
                }
            } else if (c != '\n' && c != '\r') {
                value.append(c);
            }
        }
        return segments;
    }

    /** A component of a parsed segment (1-based element and component, the tag being element 0), or null. */
    static String get(final List<List<String>> segment, final int element, final int component) {
        if (element >= segment.size() || component > segment.get(element).size()) {
            return null;
        }
        final String value = segment.get(element).get(component - 1);
        return value.isEmpty() ? null : value;
    }

    static String tag(final List<List<String>> segment) {
        return segment.get(0).get(0);
    }
}

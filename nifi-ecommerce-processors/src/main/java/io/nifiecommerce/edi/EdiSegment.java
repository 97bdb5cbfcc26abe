package io.nifiecommerce.edi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One segment as read: its tag, its 1-based position in the interchange and its elements, each a list of
 * components (a simple element has one). Only the first repetition of a repeated element is kept.
 */
public record EdiSegment(String tag, int position, List<String[]> elements) {

    public EdiSegment {
        // absent elements are null entries: List.copyOf refuses them
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }

    /** A simple element, or the first component of a composite (1-based); null when absent or empty. */
    public String element(final int element) {
        return component(element, 1);
    }

    /** A component of a composite (both 1-based); null when absent or empty. */
    public String component(final int element, final int component) {
        if (element < 1 || element > elements.size()) {
            return null;
        }
        final String[] components = elements.get(element - 1);
        if (components == null || component < 1 || component > components.length) {
            return null;
        }
        final String value = components[component - 1];
        return value == null || value.isEmpty() ? null : value;
    }

    /** A syntax error naming this segment and its position. */
    public EdiSyntaxException error(final String message) {
        return new EdiSyntaxException(tag, position, tag + " segment at position " + position + ": " + message);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder(tag);
        for (final String[] element : elements) {
            text.append('+').append(element == null ? "" : String.join(":", Arrays.stream(element).map(c -> c == null ? "" : c).toList()));
        }
        return text.toString();
    }
}

package io.nifiecommerce.processors;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one naming scheme of the error attributes every processor writes on FlowFiles routed to
 * failure or retry: {@code error.code}, a stable upper-case code (the vendor's when it gave one, e.g.
 * THROTTLED or Application_DialogException, else ours, e.g. MALFORMED_INPUT), and
 * {@code error.message}, the explanation, never with credentials. Details go under the same prefix
 * ({@code error.segment}, {@code error.position}).
 */
public final class ErrorAttributes {

    public static final String CODE = "error.code";
    public static final String MESSAGE = "error.message";

    private ErrorAttributes() {
    }

    /** The two attributes; a null message becomes the code so that the attribute is never missing. */
    public static Map<String, String> of(final String code, final String message) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(CODE, Objects.requireNonNullElse(code, "UNKNOWN"));
        attributes.put(MESSAGE, Objects.requireNonNullElse(message, attributes.get(CODE)));
        return attributes;
    }
}

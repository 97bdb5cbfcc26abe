package io.nifiecommerce.edi;

/** Value rules of EDIFACT data elements used by the writers. */
final class Edifact {

    private Edifact() {
    }

    /** A mandatory value that must fit: too long is an error (a reference must never be cut). */
    static String text(final String value, final int max, final String element) {
        if (value == null || value.isBlank()) {
            throw new EdiWriteException(element + " is required");
        }
        final String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new EdiWriteException(element + " '" + trimmed + "' is longer than " + max + " characters");
        }
        return trimmed;
    }

    /** An informative value (a name, an address line): cut to the element's length; null when blank. */
    static String cut(final String value, final int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String trimmed = value.trim();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }
}

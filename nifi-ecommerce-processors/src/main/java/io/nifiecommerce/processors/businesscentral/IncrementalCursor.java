package io.nifiecommerce.processors.businesscentral;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where an incremental read stopped: the highest value of the incremental field seen, and the ids of
 * the records that carry exactly that value. The next read asks for {@code field ge value} and skips
 * those ids, so records sharing the boundary timestamp are neither lost (as with {@code gt}) nor
 * emitted twice (as with a bare {@code ge}).
 */
record IncrementalCursor(String value, Set<String> boundaryIds) {

    /** Compares timestamps as instants (BC varies the fraction digits), numbers as numbers, else as text. */
    static final Comparator<String> VALUE_ORDER = IncrementalCursor::compareValues;

    IncrementalCursor {
        boundaryIds = boundaryIds == null ? Set.of() : Set.copyOf(boundaryIds);
    }

    static IncrementalCursor parse(final String value, final String ids) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final Set<String> set = new LinkedHashSet<>();
        if (ids != null && !ids.isBlank()) {
            for (final String id : ids.split(",")) {
                set.add(id.trim());
            }
        }
        return new IncrementalCursor(value, set);
    }

    String idsText() {
        return String.join(",", boundaryIds);
    }

    boolean alreadyEmitted(final String recordValue, final String id) {
        return recordValue != null && compareValues(recordValue, value) == 0 && boundaryIds.contains(id);
    }

    /** The literal for a $filter: timestamps and numbers bare, anything else quoted. */
    static String literal(final String value) {
        if (instant(value) != null || number(value) != null) {
            return value;
        }
        return io.nifiecommerce.businesscentral.ODataFilter.literal(value);
    }

    static int compareValues(final String a, final String b) {
        final Instant ia = instant(a);
        final Instant ib = instant(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        final BigDecimal na = number(a);
        final BigDecimal nb = number(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        return a.compareTo(b);
    }

    private static Instant instant(final String value) {
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal number(final String value) {
        try {
            return new BigDecimal(value);
        } catch (final NumberFormatException e) {
            return null;
        }
    }
}

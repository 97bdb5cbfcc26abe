package io.nifiecommerce.stock;

import io.nifiecommerce.order.Amount;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One stock record as read from the input: the line for the publisher, or why it cannot be one (a
 * quantity that is missing or not a number), so that every record comes out with an outcome.
 */
public record StockInputLine(String sku, String gtin, String locationCode, long quantity, Long committed, String failure) {

    static final String INVALID_QUANTITY = "INVALID_QUANTITY";

    /** The line of a record's values; blank texts count as absent, decimals are rounded down. */
    public static StockInputLine of(final String sku, final String gtin, final String locationCode, final Object quantity,
                                    final Object committed, final String quantityField) {
        final Long units = wholeUnits(quantity);
        if (units == null) {
            return new StockInputLine(trimmed(sku), trimmed(gtin), trimmed(locationCode), 0, null,
                    "Field " + quantityField + " is missing or not a number: " + quantity);
        }
        return new StockInputLine(trimmed(sku), trimmed(gtin), trimmed(locationCode), units, wholeUnits(committed), null);
    }

    public boolean valid() {
        return failure == null;
    }

    public StockPublisher.Line toLine(final String locationId) {
        return new StockPublisher.Line(sku, gtin, locationCode, locationId, quantity, committed);
    }

    /** The outcome of every input line, in input order: the publisher's for valid lines, INVALID_QUANTITY for the others. */
    public static List<PublishOutcome> outcomes(final List<StockInputLine> lines, final List<PublishOutcome> published) {
        final List<PublishOutcome> outcomes = new ArrayList<>(lines.size());
        final Iterator<PublishOutcome> next = published.iterator();
        for (final StockInputLine line : lines) {
            outcomes.add(line.valid() ? next.next()
                    : new PublishOutcome(PublishOutcome.Status.FAILED, INVALID_QUANTITY, line.failure(), null, null, null));
        }
        return outcomes;
    }

    /** A quantity as whole units, rounded down; null when absent or not a number. */
    static Long wholeUnits(final Object value) {
        if (value == null) {
            return null;
        }
        try {
            // bounded first: flooring 1E99999999 would take minutes
            return Amount.parse(value.toString()).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (final NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String trimmed(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

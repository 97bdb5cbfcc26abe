package io.nifiecommerce.order;

import java.math.BigDecimal;

/**
 * Reads the decimals of an order (amounts, tax rates, quantities) or of a stock report from the text a source sent,
 * within bounds no real order or stock level comes near. The bounds matter: {@code "1e99999999"} is a valid BigDecimal
 * of one digit, but adding it to zero, rounding it to the cent or printing it keeps a thread busy for minutes, so an
 * unbounded value from a webhook, a file or an EDI quantity would stall the processor that reads it.
 */
public final class Amount {

    static final int MAX_LENGTH = 64;
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_SCALE = 20;

    private Amount() {
    }

    /** @throws NumberFormatException with a message quoting the value, when it is not a decimal or is out of bounds */
    public static BigDecimal parse(final String text) {
        final String trimmed = text.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new NumberFormatException("a value of " + trimmed.length() + " characters is not an amount");
        }
        final BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (final NumberFormatException e) {
            throw new NumberFormatException("'" + trimmed + "' is not a decimal number");
        }
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_SCALE) {
            throw new NumberFormatException("'" + trimmed + "' is out of range (at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point and " + MAX_SCALE + " after)");
        }
        return value;
    }
}

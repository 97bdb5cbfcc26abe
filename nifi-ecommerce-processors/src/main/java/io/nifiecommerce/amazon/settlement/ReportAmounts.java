package io.nifiecommerce.amazon.settlement;

import io.nifiecommerce.order.Amount;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts as settlement reports write them: {@code -3.22} in most marketplaces, {@code -3,22} in some European ones,
 * sometimes with a thousands separator ({@code 1.234,56}, {@code 1,234.56}). The last separator is the decimal one,
 * when two or fewer digits follow it; a lone separator followed by three digits is ambiguous and refused.
 */
final class ReportAmounts {

    private ReportAmounts() {
    }

    /** @throws NumberFormatException naming the value when it is not an amount */
    static BigDecimal parse(final String text) {
        final String value = text.trim().replace("\u00a0", "").replace(" ", "");
        final int comma = value.lastIndexOf(',');
        final int dot = value.lastIndexOf('.');
        final int decimal = Math.max(comma, dot);
        if (decimal < 0) {
            return Amount.parse(value);
        }
        final char separator = value.charAt(decimal);
        final char other = separator == ',' ? '.' : ',';
        final int decimals = value.length() - decimal - 1;
        final boolean both = value.indexOf(other) >= 0;
        if (!both && decimals == 3 && value.indexOf(separator) == decimal) {
            throw new NumberFormatException("'" + text.trim() + "' is ambiguous: '" + separator + "' could be a decimal or a thousands separator");
        }
        if (!both && value.indexOf(separator) != decimal) {
            // 1.234.567 or 1,234,567: thousands separators only
            if (!value.matches("[+-]?\\d{1,3}(" + Pattern.quote(String.valueOf(separator)) + "\\d{3})+")) {
                throw new NumberFormatException("'" + text.trim() + "' is not an amount");
            }
            return Amount.parse(value.replace(String.valueOf(separator), ""));
        }
        if (both && !value.substring(0, decimal).matches("[+-]?\\d{1,3}(" + Pattern.quote(String.valueOf(other)) + "\\d{3})+")) {
            throw new NumberFormatException("'" + text.trim() + "' is not an amount");
        }
        final String integer = value.substring(0, decimal).replace(String.valueOf(other), "");
        return Amount.parse(integer + "." + value.substring(decimal + 1));
    }
}

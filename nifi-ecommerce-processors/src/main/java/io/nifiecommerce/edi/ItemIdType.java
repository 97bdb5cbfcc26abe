package io.nifiecommerce.edi;

import java.util.Locale;

/**
 * The code (EDIFACT 7143) under which an item id of LIN C212 or PIA is read. Partners' tools write it in lower case
 * now and then ("en"), and some write none at all: a book distributor's DESADV carries ISBN-13s as {@code PIA+5+9780738507330}.
 * An id without a code is a GTIN when it has a GTIN's length and a valid GS1 check digit (ISBN-13s and EANs are), else
 * it is read as {@code otherwise}.
 */
final class ItemIdType {

    private ItemIdType() {
    }

    /** The type code, upper case; for an id without one, EN when it is a GTIN, else {@code otherwise} (may be null). */
    static String of(final String id, final String type, final String otherwise) {
        if (type != null && !type.isBlank()) {
            return type.strip().toUpperCase(Locale.ROOT);
        }
        return isGtin(id) ? "EN" : otherwise;
    }

    /** 8, 12, 13 or 14 digits whose last is the GS1 mod-10 check digit of the others. */
    static boolean isGtin(final String id) {
        if (id == null) {
            return false;
        }
        final String digits = id.strip();
        final int length = digits.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < length; i++) {
            final char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < length - 1) {
                // weights 3 and 1 alternate from the digit next to the check digit
                sum += (c - '0') * ((length - 1 - i) % 2 == 1 ? 3 : 1);
            }
        }
        return (10 - sum % 10) % 10 == digits.charAt(length - 1) - '0';
    }
}

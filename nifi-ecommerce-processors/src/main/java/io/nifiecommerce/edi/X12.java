package io.nifiecommerce.edi;

import java.util.Locale;

/** Value rules of X12 data elements used by the writers. */
final class X12 {

    private X12() {
    }

    static String text(final String value, final int max, final String element) {
        return Edifact.text(value, max, element);
    }

    static String cut(final String value, final int max) {
        return Edifact.cut(value, max);
    }

    /** X12 unit of measure (355, 2 characters): a 2-letter BC code is kept, anything else (PCS, STK, blank) is EA (each). */
    static String unit(final String bcCode) {
        if (bcCode != null && bcCode.trim().length() == 2) {
            return bcCode.trim().toUpperCase(Locale.ROOT);
        }
        return "EA";
    }
}

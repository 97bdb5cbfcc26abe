package io.nifiecommerce.businesscentral;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One way of finding the BC customer of an order; a segment's policy tries several in order. */
public enum CustomerMatch {
    /** B2B: the company's external id is the BC customer number. */
    EXTERNAL_ID,
    /** B2B: the company's tax registration (VAT) number. */
    TAX_REGISTRATION_NUMBER,
    /** The order's email address. */
    EMAIL,
    /** Create the customer from the template (after an email lookup found none). */
    CREATE,
    /** The segment's default customer number (e.g. a "Webshop consumers" account). */
    DEFAULT;

    /** A comma-separated list such as {@code EXTERNAL_ID, DEFAULT}, case-insensitive; throws IllegalArgumentException on an unknown name. */
    public static List<CustomerMatch> parseList(final String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> CustomerMatch.valueOf(s.toUpperCase(Locale.ROOT))).toList();
    }
}

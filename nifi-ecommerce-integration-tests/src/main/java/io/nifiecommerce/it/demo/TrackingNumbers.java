package io.nifiecommerce.it.demo;

import java.util.Locale;

/**
 * Colissimo international (UPU S10) tracking numbers for the demo's shipments: two letters, eight
 * serial digits, the S10 check digit, and the issuing country, so that the carrier detection of the
 * bundle recognises them as real ones.
 */
public final class TrackingNumbers {

    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private TrackingNumbers() {
    }

    public static String colissimo(final long serial) {
        final String digits = String.format(Locale.ROOT, "%08d", serial % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        final int check = 11 - sum % 11;
        final int digit = check == 10 ? 0 : check == 11 ? 5 : check;
        return "CB" + digits + digit + "FR";
    }
}

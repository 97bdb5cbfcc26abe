package io.nifiecommerce.sandbox.seed;

/** GTIN-13 (EAN-13) numbers with their modulo-10 check digit (weights 1 and 3 from the left). */
public final class Gtin13 {

    private Gtin13() {
    }

    /** The 13-digit GTIN for a 12-digit body. */
    public static String of(final String body12) {
        if (body12.length() != 12 || !body12.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("A GTIN-13 body has 12 digits: " + body12);
        }
        return body12 + checkDigit(body12);
    }

    public static int checkDigit(final String body12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            final int digit = body12.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit : digit * 3;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isValid(final String gtin) {
        return gtin != null && gtin.length() == 13 && gtin.chars().allMatch(Character::isDigit)
                && checkDigit(gtin.substring(0, 12)) == gtin.charAt(12) - '0';
    }
}

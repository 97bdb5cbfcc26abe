package io.nifiecommerce.tracking;

/** Luhn (mod 10 with doubled alternate digits from the right), used by Old Dominion and Purolator. */
public final class Luhn implements CheckDigit {

    public int compute(final String serial) {
        int sum = 0;
        boolean doubled = true;
        for (int i = serial.length() - 1; i >= 0; i--) {
            final char c = serial.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int value = c - '0';
            if (doubled) {
                value *= 2;
                if (value > 9) {
                    value -= 9;
                }
            }
            sum += value;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        final int expected = compute(serial);
        return expected >= 0 && expected == CheckDigit.digitValue(checkDigit);
    }
}

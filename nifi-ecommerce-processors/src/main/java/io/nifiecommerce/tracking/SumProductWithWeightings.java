package io.nifiecommerce.tracking;

/**
 * FedEx Express / Ground GSN check digit: sum of digit x weight (weights applied from the left), then
 * {@code sum mod modulo1 mod modulo2} (11 then 10 for FedEx).
 */
public final class SumProductWithWeightings implements CheckDigit {

    private final int[] weightings;
    private final int modulo1;
    private final int modulo2;

    public SumProductWithWeightings(final int[] weightings, final int modulo1, final int modulo2) {
        this.weightings = weightings.clone();
        this.modulo1 = modulo1;
        this.modulo2 = modulo2;
    }

    public int compute(final String serial) {
        int sum = 0;
        final int length = Math.min(serial.length(), weightings.length);
        for (int i = 0; i < length; i++) {
            final char c = serial.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            sum += (c - '0') * weightings[i];
        }
        return sum % modulo1 % modulo2;
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        final int expected = compute(serial);
        return expected >= 0 && expected == CheckDigit.digitValue(checkDigit);
    }
}

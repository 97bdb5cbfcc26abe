package io.nifiecommerce.tracking;

/**
 * UPU S10 check digit (La Poste, Colissimo and Chronopost international items, TNT consignments): weights
 * 8,6,4,2,3,5,9,7 over the eight serial digits, r = sum mod 11, check = 11 - r with r=0 giving 5 and r=1 giving 0.
 */
public final class S10CheckDigit implements CheckDigit {

    private static final int[] UPU_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private final int[] weights;

    public S10CheckDigit() {
        this(UPU_WEIGHTS);
    }

    public S10CheckDigit(final int[] weights) {
        this.weights = weights.clone();
    }

    public int compute(final String serial) {
        if (serial.length() != weights.length) {
            return -1;
        }
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            final char c = serial.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            sum += (c - '0') * weights[i];
        }
        final int remainder = sum % 11;
        return switch (remainder) {
            case 0 -> 5;
            case 1 -> 0;
            default -> 11 - remainder;
        };
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        final int expected = compute(serial);
        return expected >= 0 && expected == CheckDigit.digitValue(checkDigit);
    }
}

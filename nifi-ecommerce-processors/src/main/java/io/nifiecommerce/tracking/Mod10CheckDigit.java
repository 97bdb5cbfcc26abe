package io.nifiecommerce.tracking;

/**
 * Weighted modulo-10 check digit as used by UPS (1Z), USPS, FedEx Ground, Canada Post, OnTrac, Colissimo
 * domestic and GLS: characters at even indexes are multiplied by one weight and those at odd indexes by the other,
 * counting from the left, or from the right when {@code reverse}. Letters count as {@code (code - 3) mod 10}
 * (UPS's A=2, B=3...). The check is {@code (10 - (sum + offset) mod 10) mod 10}; GLS uses offset 1.
 */
public final class Mod10CheckDigit implements CheckDigit {

    private final int evensMultiplier;
    private final int oddsMultiplier;
    private final boolean reverse;
    private final int offset;

    public Mod10CheckDigit(final int evensMultiplier, final int oddsMultiplier, final boolean reverse, final int offset) {
        this.evensMultiplier = evensMultiplier;
        this.oddsMultiplier = oddsMultiplier;
        this.reverse = reverse;
        this.offset = offset;
    }

    public int compute(final String serial) {
        int sum = offset;
        final int length = serial.length();
        for (int i = 0; i < length; i++) {
            final char c = serial.charAt(reverse ? length - 1 - i : i);
            final int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                value = (c - 3) % 10;
            } else {
                return -1;
            }
            sum += value * ((i & 1) == 0 ? evensMultiplier : oddsMultiplier);
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        final int expected = compute(serial);
        return expected >= 0 && expected == CheckDigit.digitValue(checkDigit);
    }
}

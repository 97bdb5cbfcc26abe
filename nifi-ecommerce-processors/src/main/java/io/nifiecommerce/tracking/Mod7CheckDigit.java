package io.nifiecommerce.tracking;

/** DHL Express air waybill: the check digit is the numeric serial modulo 7. */
public final class Mod7CheckDigit implements CheckDigit {

    public int compute(final String serial) {
        int remainder = 0;
        for (int i = 0; i < serial.length(); i++) {
            final char c = serial.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            remainder = (remainder * 10 + (c - '0')) % 7;
        }
        return remainder;
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        final int expected = compute(serial);
        return expected >= 0 && expected == CheckDigit.digitValue(checkDigit);
    }
}

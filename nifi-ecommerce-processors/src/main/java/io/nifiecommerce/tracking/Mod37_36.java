package io.nifiecommerce.tracking;

/** ISO/IEC 7064 MOD 37,36 hybrid system (DPD parcel numbers): alphanumeric check character. */
public final class Mod37_36 implements CheckDigit {

    static final String DEFAULT_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int MODULUS = 36;

    private final String alphabet;

    public Mod37_36(final String alphabet) {
        if (alphabet.length() != MODULUS) {
            throw new IllegalArgumentException("MOD 37,36 needs a 36-character alphabet");
        }
        this.alphabet = alphabet;
    }

    /** @return the check character, or 0 when the serial holds a character outside the alphabet */
    public char compute(final String serial) {
        int product = MODULUS;
        for (int i = 0; i < serial.length(); i++) {
            final int value = alphabet.indexOf(serial.charAt(i));
            if (value < 0) {
                return 0;
            }
            int sum = (product + value) % MODULUS;
            if (sum == 0) {
                sum = MODULUS;
            }
            product = (sum * 2) % (MODULUS + 1);
        }
        return alphabet.charAt((MODULUS + 1 - product) % MODULUS);
    }

    @Override
    public boolean isValid(final String serial, final String checkDigit) {
        if (checkDigit == null || checkDigit.length() != 1) {
            return false;
        }
        final char expected = compute(serial);
        return expected != 0 && expected == Character.toUpperCase(checkDigit.charAt(0));
    }
}

package io.nifiecommerce.edi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Interchange and group control numbers derived from what the interchange carries (partner, document, version), not
 * from a counter: a replay of the same document version writes the same numbers, so the partner's duplicate check
 * (same sender, same control reference) refuses it, and nothing needs to be stored to stay consistent across a
 * cluster or a restore. Numbers are 1 to 999,999,999 (X12 ISA13 and GS06 are 9 digits; EDIFACT 0020 allows 14
 * characters). Two different documents share a number with a probability of about 1 in a billion per pair.
 */
public final class ControlNumber {

    private static final long MODULUS = 999_999_999L;

    private ControlNumber() {
    }

    /** The number for a key: stable across JVMs and releases (SHA-256 of the UTF-8 key). */
    public static long derive(final String key) {
        final byte[] digest = sha256(key);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return Math.floorMod(value, MODULUS) + 1;
    }

    /** The SHA-256 of a key's UTF-8 bytes, in lower-case hex. */
    static String sha256Hex(final String key) {
        return java.util.HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(final String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The 9-digit, zero-padded form X12 requires in ISA13 (and EDIFACT accepts in 0020). */
    public static String nineDigits(final long number) {
        return String.format("%09d", number);
    }
}

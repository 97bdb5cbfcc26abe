package io.nifiecommerce.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Damages a real sample a little, the way transmission or a careless export does: a byte changed, the tail cut, a few
 * bytes dropped, a separator inserted, a digit changed. The same seed always gives the same damage, so that jqwik can
 * shrink and replay it.
 */
public final class SampleMutator {

    private static final String SPECIALS = "'+:*~{}[]\",;\n?";

    private SampleMutator() {
    }

    public static byte[] mutate(final byte[] base, final long seed) {
        final Random random = new Random(seed);
        byte[] bytes = base.clone();
        final int operations = 1 + random.nextInt(4);
        for (int i = 0; i < operations && bytes.length > 0; i++) {
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = Arrays.copyOf(bytes, at);
                case 2 -> {
                    final int end = Math.min(bytes.length, at + 1 + random.nextInt(20));
                    final byte[] shorter = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, end, shorter, at, bytes.length - end);
                    bytes = shorter;
                }
                case 3 -> {
                    final byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default -> bytes[at] = (byte) ('0' + random.nextInt(10));
            }
        }
        return bytes;
    }
}

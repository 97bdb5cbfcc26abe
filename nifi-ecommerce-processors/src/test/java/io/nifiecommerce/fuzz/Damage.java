package io.nifiecommerce.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damage that real transfers and careless tools do to whole files, on top of {@link SampleMutator}'s byte edits: a file
 * cut at any point (a transfer interrupted), a segment or line written twice (a retried write), a run of bytes lost,
 * a byte flipped. Seeded, so that a failure replays.
 */
public final class Damage {

    private Damage() {
    }

    /** One damaged copy of {@code original}; {@code terminator} ends a segment or line (a duplicated unit ends with it). */
    public static byte[] apply(final byte[] original, final byte terminator, final long seed) {
        final Random random = new Random(seed);
        if (original.length == 0) {
            return original;
        }
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(original, random.nextInt(original.length));
            case 1 -> duplicateUnit(original, terminator, random);
            case 2 -> {
                final byte[] flipped = original.clone();
                final int at = random.nextInt(flipped.length);
                flipped[at] = (byte) (flipped[at] ^ (1 << random.nextInt(8)));
                yield flipped;
            }
            case 3 -> {
                final int from = random.nextInt(original.length);
                final int to = Math.min(original.length, from + 1 + random.nextInt(64));
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(original, 0, from);
                out.write(original, to, original.length - to);
                yield out.toByteArray();
            }
            default -> SampleMutator.mutate(original, random.nextLong());
        };
    }

    private static byte[] duplicateUnit(final byte[] original, final byte terminator, final Random random) {
        final List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < original.length; i++) {
            if (original[i] == terminator) {
                ends.add(i + 1);
            }
        }
        if (ends.size() < 2) {
            return Arrays.copyOf(original, original.length / 2);
        }
        final int which = 1 + random.nextInt(ends.size() - 1);
        final int from = ends.get(which - 1);
        final int to = ends.get(which);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(original, 0, to);
        out.write(original, from, original.length - from);
        return out.toByteArray();
    }
}

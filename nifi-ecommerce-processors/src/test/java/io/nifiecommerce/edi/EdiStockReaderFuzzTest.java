package io.nifiecommerce.edi;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Damaged interchanges give records or an {@link EdiSyntaxException}, never another exception or a hang. */
class EdiStockReaderFuzzTest {

    private static final byte[][] SAMPLES = samples();

    private static byte[][] samples() {
        try {
            return new byte[][] {StockSamples.sample("INVRPT-3pl-D96A.edi"), StockSamples.sample("X12-846-3pl-4010.edi")};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 1000)
    void truncatedInput(@ForAll @IntRange(min = 0, max = 1) int which, @ForAll @IntRange(min = 1, max = 1000) int cutPerMille) {
        final byte[] sample = SAMPLES[which];
        readExpectingOnlySyntaxErrors(Arrays.copyOf(sample, sample.length * cutPerMille / 1000));
    }

    @Property(tries = 1500)
    void mutatedByte(@ForAll @IntRange(min = 0, max = 1) int which, @ForAll @IntRange(min = 0, max = 10_000) int position,
                     @ForAll("ediBytes") byte replacement) {
        final byte[] mutated = SAMPLES[which].clone();
        mutated[position % mutated.length] = replacement;
        readExpectingOnlySyntaxErrors(mutated);
    }

    @Provide
    Arbitrary<Byte> ediBytes() {
        return Arbitraries.of((byte) '+', (byte) ':', (byte) '\'', (byte) '*', (byte) '~', (byte) '>', (byte) '?',
                (byte) 'A', (byte) '9', (byte) '-', (byte) '.', (byte) 0, (byte) 0xC3);
    }

    private static void readExpectingOnlySyntaxErrors(byte[] input) {
        try {
            StockSamples.read(input, StockReadOptions.defaults().withQuantityQualifiers(java.util.Set.of("145", "198", "33")));
        } catch (EdiSyntaxException expected) {
            if (expected.segment() == null || expected.getMessage() == null) {
                throw new AssertionError("syntax error without segment or message", expected);
            }
        }
    }
}

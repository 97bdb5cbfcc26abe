package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated interchanges (bytes replaced, inserted, removed, cut) never make the readers throw anything but an
 * {@link EdiSyntaxException} naming a segment: bad input is always a clear error, never a crash.
 */
class ExchangeReadersFuzzTest {

    private static final int MUTATIONS = 400;
    private static final byte[] ALPHABET = "+:'?*~^>UNHTSEQLINGW0123456789 \n".getBytes(StandardCharsets.US_ASCII);

    private static void fuzz(final String seed, final Consumer<byte[]> reader) {
        final Random random = new Random(seed.hashCode());
        final byte[] original = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < MUTATIONS; i++) {
            final byte[] mutated = mutate(original, random);
            try {
                reader.accept(mutated);
            } catch (final EdiSyntaxException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    fail("an EdiSyntaxException without message for input:\n" + new String(mutated, StandardCharsets.UTF_8));
                }
            } catch (final RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for input:\n" + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
    }

    private static byte[] mutate(final byte[] input, final Random random) {
        final byte[] copy = input.clone();
        final int position = random.nextInt(copy.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                copy[position] = ALPHABET[random.nextInt(ALPHABET.length)];
                yield copy;
            }
            case 1 -> {
                final byte[] longer = new byte[copy.length + 1];
                System.arraycopy(copy, 0, longer, 0, position);
                longer[position] = ALPHABET[random.nextInt(ALPHABET.length)];
                System.arraycopy(copy, position, longer, position + 1, copy.length - position);
                yield longer;
            }
            case 2 -> {
                final byte[] shorter = new byte[copy.length - 1];
                System.arraycopy(copy, 0, shorter, 0, position);
                System.arraycopy(copy, position + 1, shorter, position, copy.length - position - 1);
                yield shorter;
            }
            default -> java.util.Arrays.copyOf(copy, position);
        };
    }

    @Test
    void shipmentConfirmations() {
        for (final String seed : List.of(ShipmentConfirmationReaderTest.PARTIAL_DESADV, ShipmentConfirmationReaderTest.SHIPPING_ADVICE)) {
            fuzz(seed, bytes -> ShipmentConfirmationReader.read(new ByteArrayInputStream(bytes)));
        }
    }

    @Test
    void retailOrders() {
        fuzz(RetailOrderTest.ORDERS_D01B, bytes -> RetailOrderReader.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void receipts() {
        for (final String seed : List.of(ReceiptAdviceTest.RECADV, ReceiptAdviceTest.X12_944)) {
            fuzz(seed, bytes -> ReceiptAdviceReader.read(new ByteArrayInputStream(bytes), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT));
        }
    }
}

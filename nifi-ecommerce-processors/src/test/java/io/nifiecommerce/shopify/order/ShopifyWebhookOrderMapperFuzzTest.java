package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.fuzz.JsonMutator;
import io.nifiecommerce.fuzz.SampleMutator;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.processors.order.OrderRecords;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook bodies as the processor reads them (bytes, Jackson tree, mapper): any body is an order, an I/O error of the
 * JSON parser, or an {@link IllegalArgumentException}; nothing else, and no amount so large that writing it out hangs.
 */
class ShopifyWebhookOrderMapperFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode SAMPLE = sample();

    private static JsonNode sample() {
        try {
            return MAPPER.readTree(ShopifyWebhookOrderMapperFuzzTest.class.getResource("/shopify/webhook-orders-create.json"));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processor's reading, minus NiFi: parse then map; a mapped order must also turn into a record. */
    private static void mapOrRefuse(final byte[] body) {
        final JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (final IOException e) {
            assertNotNull(e.getMessage());
            return;
        }
        final Order order;
        try {
            // a runaway amount would keep the mapper busy for minutes: fail instead of waiting
            order = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ShopifyWebhookOrderMapper.fromWebhook(tree == null ? MAPPER.nullNode() : tree));
        } catch (final IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertNotNull(order.sourceId());
        assertNotNull(order.name());
        amounts(order).forEach(ShopifyWebhookOrderMapperFuzzTest::assertWritable);
        assertDoesNotThrow(() -> OrderRecords.toRecord(order));
    }

    private static List<BigDecimal> amounts(final Order order) {
        final List<BigDecimal> amounts = new ArrayList<>(List.of(Objects.requireNonNullElse(order.totalShipping(), BigDecimal.ZERO)));
        for (final OrderLine line : order.lines()) {
            amounts.add(line.unitPrice());
            amounts.add(line.discountAmount());
            amounts.add(line.taxAmount());
        }
        order.shippingLines().forEach(s -> amounts.add(s.price()));
        amounts.add(order.totalPrice());
        amounts.add(order.subtotalPrice());
        amounts.add(order.totalTax());
        amounts.removeIf(Objects::isNull);
        return amounts;
    }

    /** An amount of a hundred million digits (1e99999999) would take minutes and gigabytes to print. */
    private static void assertWritable(final BigDecimal amount) {
        assertTrue(Math.abs((long) amount.precision() - amount.scale()) < 1000 && Math.abs(amount.scale()) < 1000,
                () -> "unbounded amount: precision " + amount.precision() + ", scale " + amount.scale());
    }

    @Property(tries = 500)
    void randomBytesAreRefusedCleanly(@ForAll @Size(max = 400) final byte[] body) {
        mapOrRefuse(body);
    }

    @Property(tries = 1000)
    void damagedBytesOfARealWebhookAreRefusedCleanly(@ForAll final long seed) {
        mapOrRefuse(SampleMutator.mutate(SAMPLE.toString().getBytes(StandardCharsets.UTF_8), seed));
    }

    @Property(tries = 1000)
    void wrongTypesAndAbsurdValuesAreRefusedCleanly(@ForAll final long seed) {
        mapOrRefuse(JsonMutator.mutate(SAMPLE, seed));
    }

    @Property(tries = 200)
    void deepNestingIsRefusedCleanly(@ForAll @IntRange(min = 1, max = 5000) final int depth, @ForAll final boolean objects) {
        final String open = objects ? "{\"line_items\":" : "[";
        final String close = objects ? "}" : "]";
        mapOrRefuse((open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8));
    }
}

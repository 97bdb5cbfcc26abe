package io.nifiecommerce.benchmarks;

import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Retail orders of three lines over the sandbox catalogue (whose SKUs are the BC item numbers). */
final class CanonicalOrders {

    private CanonicalOrders() {
    }

    /** Orders named {@code <prefix>-<i>}: the external document number in BC. */
    static List<Order> retail(final String prefix, final int count, final List<Variant> catalogue) {
        final List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final List<OrderLine> lines = new ArrayList<>(3);
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 0; l < 3; l++) {
                final Variant variant = catalogue.get((i * 3 + l * 7) % catalogue.size());
                final long quantity = 1 + (i + l) % 3;
                final BigDecimal net = variant.price().multiply(BigDecimal.valueOf(quantity));
                total = total.add(net);
                lines.add(new OrderLine("gid://shopify/LineItem/" + (i * 3L + l), variant.sku(), variant.barcode(), "Article " + variant.sku(),
                        quantity, variant.price(), BigDecimal.ZERO, net.multiply(new BigDecimal("0.1667")).setScale(2, java.math.RoundingMode.HALF_UP),
                        new BigDecimal("0.2")));
            }
            final String email = String.format(Locale.ROOT, "client%05d@example.fr", i);
            final Address address = new Address("Camille Martin", null, (i % 90 + 1) + " rue de la République", null, "Lyon", null, "69002", "FR",
                    "+33 4 72 00 00 00");
            final String name = prefix + "-" + i;
            final String at = "2026-11-27T10:00:00+01:00";
            orders.add(new Order("shopify", "gid://shopify/Order/" + (900_000_000L + i), name, Segment.B2C, "web", at, at, at, null, "EUR", true,
                    "PAID", "UNFULFILLED", null, List.of(), email, null, new Customer("gid://shopify/Customer/" + i, email, "Camille", "Martin", null),
                    null, address, address, lines, List.of(), total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total));
        }
        return orders;
    }
}

package io.nifiecommerce.it.demo;

import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays the client's sales administration: B2B orders reach the ERP only once someone validated
 * them, by tagging them in Shopify. The demo validates a few waiting B2B orders at each step.
 */
final class SalesAdministration {

    static final String VALIDATION_TAG = "validated";

    private final Shop shop;

    SalesAdministration(final Shop shop) {
        this.shop = shop;
    }

    /** Tags up to {@code count} B2B orders still waiting; returns how many it validated. */
    int validate(final int count) {
        int validated = 0;
        for (final Order order : List.copyOf(shop.orders())) {
            if (validated == count) {
                break;
            }
            if (order.isB2b() && !order.tags().contains(VALIDATION_TAG)) {
                final List<String> tags = new ArrayList<>(order.tags());
                tags.add(VALIDATION_TAG);
                shop.touchOrder(order.id(), tags);
                validated++;
            }
        }
        return validated;
    }

    long waiting() {
        return shop.orders().stream().filter(o -> o.isB2b() && !o.tags().contains(VALIDATION_TAG)).count();
    }
}

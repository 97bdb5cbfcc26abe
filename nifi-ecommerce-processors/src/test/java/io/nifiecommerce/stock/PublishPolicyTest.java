package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublishPolicyTest {

    @Test
    void negativeSourceQuantityIsPublishedAsZero() {
        assertEquals(0, PublishPolicy.available().target(-7, null, "WH01", "gid://shopify/Location/1"));
    }

    @Test
    void safetyStockByLocationCodeThenShopifyLocationThenDefault() {
        final PublishPolicy policy = PublishPolicy.available()
                .withSafetyStock(2, Map.of("WH01", 5L, "gid://shopify/Location/9", 1L));

        assertEquals(15, policy.target(20, null, "WH01", "gid://shopify/Location/9"));
        assertEquals(19, policy.target(20, null, "WH02", "gid://shopify/Location/9"));
        assertEquals(18, policy.target(20, null, "WH02", "gid://shopify/Location/3"));
        assertEquals(0, policy.target(1, null, "WH01", "gid://shopify/Location/3"));
    }

    @Test
    void committedCompensationOnlyForAvailable() {
        final PublishPolicy available = PublishPolicy.available().withCommittedCompensation(true);

        assertEquals(7, available.target(10, 3L, null, "L"));
        assertEquals(10, available.target(10, null, null, "L"));
        assertEquals(10, available.withQuantityName(QuantityName.ON_HAND).target(10, 3L, null, "L"));
        assertEquals(10, PublishPolicy.available().target(10, 3L, null, "L"));
    }

    @Test
    void quantitiesAboveShopifyLimitAreCapped() {
        assertEquals(PublishPolicy.MAX_QUANTITY, PublishPolicy.available().target(5_000_000_000L, null, null, "L"));
    }

    @Test
    void negativeSafetyStockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PublishPolicy.available().withSafetyStock(-1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PublishPolicy.available().withSafetyStock(0, Map.of("WH01", -2L)));
    }
}

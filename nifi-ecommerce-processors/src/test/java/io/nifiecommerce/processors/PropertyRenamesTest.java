package io.nifiecommerce.processors;

import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.PropertyMigrationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertyRenamesTest {

    @Test
    void aValueSavedUnderAFormerNameMovesToTheCurrentName() {
        final MockPropertyConfiguration config = new MockPropertyConfiguration(Map.of(
                "Shopify Connection Service", "6f1c0c0e-0000-0000-0000-000000000001",
                "Notify Customer", "false"));

        PropertyRenames.of("Shopify Connection Service", "Shopify Connection").applyTo(config);

        assertEquals(Map.of("Shopify Connection", "6f1c0c0e-0000-0000-0000-000000000001", "Notify Customer", "false"), config.getProperties());
        final PropertyMigrationResult result = config.toPropertyMigrationResult();
        assertEquals(Map.of("Shopify Connection Service", "Shopify Connection"), result.getPropertiesRenamed());
        assertTrue(result.getPropertiesRemoved().isEmpty());
    }

    @Test
    void aFlowSavedWithTheCurrentNamesIsLeftAsItIs() {
        final MockPropertyConfiguration config = new MockPropertyConfiguration(Map.of("Shopify Connection", "id", "Notify Customer", "true"));

        PropertyRenames.of("Shopify Connection Service", "Shopify Connection").applyTo(config);
        PropertyRenames.none().applyTo(config);

        // (nifi-mock records every rename asked for, even of an absent property: the properties are what counts)
        assertEquals(Map.of("Shopify Connection", "id", "Notify Customer", "true"), config.getProperties());
    }

    @Test
    void chainedRenamesApplyInOrder() {
        final MockPropertyConfiguration config = new MockPropertyConfiguration(Map.of("A", "1"));

        PropertyRenames.of("A", "B", "B", "C").applyTo(config);

        assertEquals(Map.of("C", "1"), config.getProperties());
    }

    @Test
    void malformedRenamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PropertyRenames.of("Old Name"));
        assertThrows(IllegalArgumentException.class, () -> PropertyRenames.of("Same", "Same"));
        assertThrows(IllegalArgumentException.class, () -> PropertyRenames.of("Old", "New", "Old", "Newer"));
    }
}

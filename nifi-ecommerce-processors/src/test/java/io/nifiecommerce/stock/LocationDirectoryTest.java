package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocationDirectoryTest {

    @Test
    void resolvesGidNumericIdAndName() {
        final FakeShopifyInventory shop = new FakeShopifyInventory();
        final String lyon = shop.addLocation("Entrepôt Lyon");
        final String paris = shop.addLocation("Paris");

        final LocationDirectory directory = LocationDirectory.fetch(shop);

        assertEquals(2, directory.locations().size());
        assertEquals(Optional.of(lyon), directory.resolve(lyon));
        assertEquals(Optional.of(paris), directory.resolve(paris.substring(paris.lastIndexOf('/') + 1)));
        assertEquals(Optional.of(lyon), directory.resolve("Entrepôt Lyon"));
        assertEquals(Optional.of(paris), directory.resolve(" paris "));
        assertEquals(Optional.empty(), directory.resolve("gid://shopify/Location/1"));
        assertEquals(Optional.empty(), directory.resolve("Marseille"));
    }

    @Test
    void ambiguousCaseInsensitiveNameIsNotGuessed() {
        final LocationDirectory directory = new LocationDirectory(List.of(
                new LocationDirectory.ShopifyLocation("gid://shopify/Location/1", "Depot"),
                new LocationDirectory.ShopifyLocation("gid://shopify/Location/2", "DEPOT")));

        assertEquals(Optional.of("gid://shopify/Location/2"), directory.resolve("DEPOT"));
        assertEquals(Optional.empty(), directory.resolve("depot"));
    }
}

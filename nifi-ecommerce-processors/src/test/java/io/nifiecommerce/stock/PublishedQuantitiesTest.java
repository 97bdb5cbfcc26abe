package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedQuantitiesTest {

    private static final long KNOWN_KEY = 0x4cf46ae0bd8L;

    @Test
    void keyIsStableAcrossVersions() {
        // the first 44 bits of SHA-256("TSHIRT-BLU-M\0gid://shopify/Location/1"): changing the derivation would
        // make every remembered pair look new after an upgrade
        assertEquals(KNOWN_KEY, PublishedQuantities.key("TSHIRT-BLU-M", "gid://shopify/Location/1"));
        assertNotEquals(PublishedQuantities.key("A", "BC"), PublishedQuantities.key("AB", "C"));
        assertTrue(PublishedQuantities.key("x", "y") < 1L << 44);
    }

    @Test
    void remembersAndComparesQuantities() {
        final PublishedQuantities memory = new PublishedQuantities();
        final long key = PublishedQuantities.key("SKU-1", "gid://shopify/Location/1");

        assertFalse(memory.isUnchanged(key, 5));
        memory.remember(key, 5);
        assertTrue(memory.isUnchanged(key, 5));
        assertFalse(memory.isUnchanged(key, 6));
        assertEquals(OptionalLong.of(5), memory.lastPublished(key));
        memory.forget(key);
        assertEquals(OptionalLong.empty(), memory.lastPublished(key));
    }

    @Test
    void encodeDecodeRoundTrip() {
        final PublishedQuantities memory = new PublishedQuantities();
        final Random random = new Random(42);
        final long[] keys = new long[5000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = PublishedQuantities.key("SKU-" + i, "gid://shopify/Location/" + (i % 3));
            memory.remember(keys[i], i % 7 == 0 ? -random.nextInt(100) : random.nextInt(100_000));
        }

        final PublishedQuantities decoded = PublishedQuantities.decode(memory.encode());

        assertEquals(memory.size(), decoded.size());
        for (long key : keys) {
            assertEquals(memory.lastPublished(key), decoded.lastPublished(key));
        }
    }

    @Test
    void documentedBoundFitsInZooKeeperNode() {
        final PublishedQuantities memory = new PublishedQuantities();
        final Random random = new Random(7);
        for (int i = 0; i < PublishedQuantities.DEFAULT_MAX_PAIRS; i++) {
            // realistic stock: mostly small, some large quantities
            memory.remember(PublishedQuantities.key("SKU-" + i, "gid://shopify/Location/" + (i % 4)),
                    random.nextInt(10) == 0 ? random.nextInt(1_000_000) : random.nextInt(300));
        }

        final String encoded = memory.encode();

        assertEquals(PublishedQuantities.DEFAULT_MAX_PAIRS, memory.size());
        assertTrue(encoded.length() < 900_000, "encoded length " + encoded.length());
    }

    @Test
    void boundEvictsPairsConfirmedLongestAgo() {
        final PublishedQuantities memory = new PublishedQuantities(3);
        memory.remember(1, 10);
        memory.remember(2, 20);
        memory.remember(3, 30);
        assertTrue(memory.isUnchanged(1, 10)); // confirming pair 1 makes pair 2 the eldest

        memory.remember(4, 40);

        assertEquals(3, memory.size());
        assertEquals(OptionalLong.empty(), memory.lastPublished(2));
        assertEquals(OptionalLong.of(10), memory.lastPublished(1));
    }

    @Test
    void unreadableStateIsAnEmptyMemory() {
        assertEquals(0, PublishedQuantities.decode("not base64 !").size());
        assertEquals(0, PublishedQuantities.decode("AgAA").size());
        assertEquals(0, PublishedQuantities.decode("AQUB").size());
        assertEquals(0, PublishedQuantities.decode(null).size());
    }

    @Test
    void fileStoreSurvivesARestart(@TempDir Path dir) throws IOException {
        final Path file = dir.resolve("stock").resolve("published.state");
        final PublishedQuantities memory = new PublishedQuantities();
        memory.remember(PublishedQuantities.key("SKU-1", "L1"), 12);
        new FilePublishedStateStore(file, 1000).save(memory);

        final PublishedQuantities reloaded = new FilePublishedStateStore(file, 1000).load();

        assertTrue(reloaded.isUnchanged(PublishedQuantities.key("SKU-1", "L1"), 12));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void inMemoryStoreKeepsWhatWasSaved() throws IOException {
        final PublishedStateStore store = PublishedStateStore.inMemory();
        assertEquals(0, store.load().size());
        final PublishedQuantities memory = new PublishedQuantities();
        memory.remember(9, 1);
        store.save(memory);
        memory.remember(10, 1);

        assertEquals(1, store.load().size());
    }
}

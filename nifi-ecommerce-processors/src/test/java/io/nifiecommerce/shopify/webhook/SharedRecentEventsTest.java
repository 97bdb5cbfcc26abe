package io.nifiecommerce.shopify.webhook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRecentEventsTest {

    /** Cluster state as ZooKeeper keeps it: one map, replaced only when unchanged since it was read. */
    static final class CompareAndSetStore implements SharedRecentEvents.Store {
        final AtomicReference<Map<String, String>> map = new AtomicReference<>(Map.of());
        final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public SharedRecentEvents.Version read() {
            final Map<String, String> read = map.get();
            return new SharedRecentEvents.Version() {
                @Override
                public Map<String, String> entries() {
                    return read;
                }

                @Override
                public boolean replaceWith(final Map<String, String> next) {
                    final boolean replaced = map.compareAndSet(read, Map.copyOf(next));
                    if (!replaced) {
                        conflicts.incrementAndGet();
                    }
                    return replaced;
                }
            };
        }
    }

    @Test
    void aRedeliveryToAnotherNodeIsADuplicate() throws IOException {
        final CompareAndSetStore zooKeeper = new CompareAndSetStore();
        final SharedRecentEvents node1 = new SharedRecentEvents(zooKeeper, 100);
        final SharedRecentEvents node2 = new SharedRecentEvents(zooKeeper, 100);
        assertTrue(node1.firstSeen("event-1"));
        assertFalse(node2.firstSeen("event-1"), "the other node knows it");
        assertFalse(node1.firstSeen("event-1"));
        node2.forget("event-1");
        assertTrue(node1.firstSeen("event-1"), "forgotten after an abandoned delivery: accepted again");
    }

    @Test
    void theOldestIdsAreForgottenFirst() throws IOException {
        final CompareAndSetStore zooKeeper = new CompareAndSetStore();
        final SharedRecentEvents events = new SharedRecentEvents(zooKeeper, 3);
        for (final String id : List.of("a", "b", "c", "d")) {
            assertTrue(events.firstSeen(id));
        }
        assertEquals(3, zooKeeper.map.get().size());
        assertFalse(zooKeeper.map.get().containsKey("a"));
        assertFalse(events.firstSeen("b"));
        assertTrue(events.firstSeen("a"), "beyond the capacity an id is new again");
    }

    @Test
    void concurrentDeliveriesOnTwoNodesRecordEachIdOnce() throws Exception {
        final CompareAndSetStore zooKeeper = new CompareAndSetStore();
        final AtomicInteger accepted = new AtomicInteger();
        final List<Thread> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            final SharedRecentEvents events = new SharedRecentEvents(zooKeeper, 10_000);
            for (int thread = 0; thread < 2; thread++) {
                nodes.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 300; i++) {
                        try {
                            if (events.firstSeen("event-" + i)) {
                                accepted.incrementAndGet();
                            }
                        } catch (final IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }));
            }
        }
        for (final Thread node : nodes) {
            node.join();
        }
        assertEquals(300, accepted.get(), "every id accepted by exactly one of the four deliveries");
        assertEquals(300, zooKeeper.map.get().size());
    }
}

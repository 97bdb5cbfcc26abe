package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OnDemandReader over a stub BC counting requests: cache, expiry, bound, coalesced concurrent questions, key chunks. */
class OnDemandReaderTest {

    private StubBusinessCentral bc;
    private BusinessCentralClient client;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws Exception {
        bc = new StubBusinessCentral();
        for (int i = 0; i < 60; i++) {
            bc.item("SKU-" + i, "000000000" + i);
        }
        client = SalesOrderSubmitterTest.client(bc);
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    private static RecordQuery cart(final String... skus) {
        return new RecordQuery("items", "number", List.of(skus), null, "number,unitPrice,inventory", null, null, 100);
    }

    @Test
    void theSameQuestionWithinTheTtlCostsNoRequest() {
        final OnDemandReader reader = new OnDemandReader(client, new ReadCache<>(10, Duration.ofSeconds(30), clock));
        final OnDemandReader.Result first = reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1", "SKU-2"), 100);
        final long requests = bc.apiRequests();
        final OnDemandReader.Result second = reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1", "SKU-2"), 100);
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(2, second.values().size());
        assertEquals(requests, bc.apiRequests());

        now.set(now.get().plusSeconds(31));
        assertFalse(reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1", "SKU-2"), 100).fromCache());
        assertEquals(requests + 1, bc.apiRequests());
    }

    @Test
    void theCacheKeepsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
        final ReadCache<String, List<JsonNode>> cache = new ReadCache<>(2, Duration.ofMinutes(5), clock);
        final OnDemandReader reader = new OnDemandReader(client, cache);
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1"), 100);
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-2"), 100);
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1"), 100);
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-3"), 100);
        assertEquals(2, cache.size());
        assertTrue(reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-1"), 100).fromCache());
        assertFalse(reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-2"), 100).fromCache());
    }

    @Test
    void concurrentAskersOfOneQuestionShareOneRequest() throws Exception {
        bc.latency(300, 0);
        final OnDemandReader reader = new OnDemandReader(client, new ReadCache<>(10, Duration.ZERO, clock));
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-9"), 100); // the token, out of the count
        final long before = bc.apiRequests();
        final ExecutorService askers = Executors.newFixedThreadPool(6);
        final CountDownLatch go = new CountDownLatch(1);
        try {
            final List<Future<OnDemandReader.Result>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(askers.submit(() -> {
                    go.await();
                    return reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-4", "SKU-5"), 100);
                }));
            }
            go.countDown();
            for (final Future<OnDemandReader.Result> answer : answers) {
                assertEquals(2, answer.get().values().size());
            }
        } finally {
            askers.shutdown();
        }
        // six askers within the 300 ms of one request: one request (a TTL of zero keeps nothing afterwards)
        assertEquals(before + 1, bc.apiRequests());
    }

    @Test
    void aLongCartIsReadFortyKeysPerRequest() {
        final List<String> skus = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            skus.add("SKU-" + i);
        }
        final OnDemandReader reader = new OnDemandReader(client, new ReadCache<>(10, Duration.ZERO, clock));
        reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID, cart("SKU-0"), 100);
        final long before = bc.apiRequests();
        final OnDemandReader.Result result = reader.read(client.endpoint(), StubBusinessCentral.COMPANY_ID,
                new RecordQuery("items", "number", skus, null, null, null, null, 100), 100);
        assertEquals(50, result.values().size());
        assertEquals(before + 2, bc.apiRequests());
    }
}

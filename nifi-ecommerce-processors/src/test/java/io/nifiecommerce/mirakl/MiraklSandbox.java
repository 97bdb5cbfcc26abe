package io.nifiecommerce.mirakl;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.mirakl.ManualClock;
import io.nifiecommerce.sandbox.mirakl.MiraklShop;
import io.nifiecommerce.sandbox.mirakl.MiraklSimulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A simulated marketplace on a loopback port, a clock the test moves, and a client of the bundle pointed at it. */
final class MiraklSandbox implements AutoCloseable {

    static final String API_KEY = "sandbox-mirakl-key";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    final MiraklShop shop;
    final MiraklSimulator simulator;
    final HttpServer server;

    MiraklSandbox(final int callsPerSecond) throws IOException {
        this(callsPerSecond, Duration.ZERO);
    }

    /** @param debitDelay how long after acceptance the simulated operator debits the customer */
    MiraklSandbox(final int callsPerSecond, final Duration debitDelay) throws IOException {
        this(callsPerSecond, debitDelay, null);
    }

    /** @param faults the sandbox's injected failures, or null for none */
    MiraklSandbox(final int callsPerSecond, final Duration debitDelay, final FaultInjector faults) throws IOException {
        shop = new MiraklShop("2001", "Maison Dupont", clock, debitDelay);
        simulator = new MiraklSimulator(shop, API_KEY, callsPerSecond, faults);
        server = simulator.serve();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    MiraklSellerApi api(final String key) {
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)),
                new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(3)));
        return new MiraklSellerApi(new MiraklClient(URI.create(baseUrl()), key, null, transport, Duration.ofSeconds(10)));
    }

    MiraklSellerApi api() {
        return api(API_KEY);
    }

    String order(final String commercialId, final MiraklShop.NewLine... lines) {
        final String id = shop.placeOrder(commercialId, "WEB", new MiraklShop.NewCustomer("Camille", "Martin", "12 rue de la Paix",
                "75002", "Paris", "FRA"), List.of(lines));
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    static MiraklShop.NewLine line(final String sku, final int quantity, final String unitPrice) {
        return new MiraklShop.NewLine(sku, "Produit " + sku, quantity, new BigDecimal(unitPrice), new BigDecimal("4.90"), new BigDecimal("0.15"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

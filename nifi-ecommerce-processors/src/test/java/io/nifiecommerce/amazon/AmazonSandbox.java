package io.nifiecommerce.amazon;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.amazon.AmazonSeller;
import io.nifiecommerce.sandbox.amazon.AmazonSimulator;
import io.nifiecommerce.sandbox.mirakl.ManualClock;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A simulated Amazon seller account with Amazon's default usage plans on a loopback port, a clock the test moves, and
 * a client of the bundle pointed at it whose waits (usage plan, retries) move that clock instead of sleeping.
 */
public final class AmazonSandbox implements AutoCloseable {

    public static final String FR = AmazonSeller.MARKETPLACE_FR;

    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    public final AmazonSeller seller;
    public final AmazonSimulator simulator;
    public final HttpServer server;

    /** @param paymentDelay how long after the purchase Amazon authorises the payment */
    public AmazonSandbox(final Duration paymentDelay) throws IOException {
        this(paymentDelay, 1);
    }

    /** @param rateFactor Amazon's usage plans scaled (below 1: a partner with smaller plans than documented, to meet Amazon's 429) */
    public AmazonSandbox(final Duration paymentDelay, final double rateFactor) throws IOException {
        this(paymentDelay, rateFactor, null);
    }

    /** @param faults the sandbox's injected failures (e.g. a lost answer), or null */
    public AmazonSandbox(final Duration paymentDelay, final double rateFactor, final FaultInjector faults) throws IOException {
        seller = new AmazonSeller(clock, paymentDelay);
        simulator = new AmazonSimulator(seller, AmazonSeeding.login(clock), rateFactor, faults);
        server = simulator.serve();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Orders API as the bundle calls it, waiting inline for a usage plan at most {@code maxRateWait}. */
    public OrdersV0 orders(final Duration maxRateWait) {
        return new OrdersV0(client(maxRateWait), List.of(FR));
    }

    /** The bundle's client on the sandbox's clock: usage plan waits and retry back-offs move the clock. */
    public SellingPartnerClient client(final Duration maxRateWait) {
        final HttpClient http = HttpClientFactory.create(Duration.ofSeconds(5));
        final HttpTransport transport = new HttpTransport(request -> HttpTransport.sendBounded(http, request),
                new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30)), clock::advance);
        return new SellingPartnerClient(URI.create(baseUrl()), URI.create(baseUrl() + "/auth/o2/token"),
                new LwaCredentials(AmazonSeeding.CLIENT_ID, AmazonSeeding.CLIENT_SECRET, AmazonSeeding.REFRESH_TOKEN), transport,
                Duration.ofSeconds(10), maxRateWait, clock);
    }

    /** An order of {@code quantity} units of one SKU at 19.90 VAT included, 3.99 shipping; the clock moves a second. */
    public String order(final String sku, final int quantity) {
        final String id = seller.placeOrder(FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                new AmazonSeller.NewItem(sku, "Produit " + sku, quantity, new BigDecimal("19.90"), new BigDecimal("0.20"),
                        new BigDecimal("3.99"), BigDecimal.ZERO)));
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

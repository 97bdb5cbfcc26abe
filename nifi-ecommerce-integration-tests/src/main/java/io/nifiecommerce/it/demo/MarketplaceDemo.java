package io.nifiecommerce.it.demo;

import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.mirakl.MiraklSeeding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The marketplace flow's parameters in the demo: the sandbox's Mirakl marketplace and Amazon seller account and their BC accounts, a tracking
 * drop directory of its own, orders read from yesterday, and short settlement periods from the demo's start, so that
 * the operator's invoices are booked during the run (see {@link MiraklBilling}).
 */
final class MarketplaceDemo {

    static final String SETTLEMENT_PERIOD = "2 min";
    static final String SETTLEMENT_DELAY = "30 sec";

    private MarketplaceDemo() {
    }

    static Map<String, String> parameters(final Sandbox sandbox, final Path work) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("mirakl.instance.url", sandbox.miraklBaseUrl());
        values.put("mirakl.api.key", MiraklSeeding.API_KEY);
        values.put("mirakl.marketplace.code", MiraklSeeding.MARKETPLACE);
        values.put("mirakl.initial.start.date", Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).toString());
        // time as it passes, compressed: two-minute periods from the demo's start, summarised 30 s after their end, so that
        // the billing cycle the demo closes falls in a period that closes during the run (production: days and an hour)
        values.put("mirakl.settlement.start.date", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString());
        values.put("mirakl.settlement.period", SETTLEMENT_PERIOD);
        values.put("mirakl.settlement.delay", SETTLEMENT_DELAY);
        values.put("bc.marketplace.customer", MiraklSeeding.BC_PARTY);
        values.put("bc.marketplace.vendor", MiraklSeeding.BC_PARTY);
        values.put("bc.marketplace.journal", MiraklSeeding.BC_JOURNAL);
        values.put("bc.channel.dimension", MiraklSeeding.BC_CHANNEL_DIMENSION);
        values.put("amazon.endpoint", sandbox.amazonBaseUrl());
        values.put("amazon.lwa.endpoint", sandbox.amazonBaseUrl() + "/auth/o2/token");
        values.put("amazon.client.id", AmazonSeeding.CLIENT_ID);
        values.put("amazon.client.secret", AmazonSeeding.CLIENT_SECRET);
        values.put("amazon.refresh.token", AmazonSeeding.REFRESH_TOKEN);
        values.put("amazon.initial.start.date", Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).toString());
        values.put("bc.amazon.customer", AmazonSeeding.BC_CUSTOMER);
        values.put("marketplace.tracking.input.directory", directory(work.resolve("marketplace-tracking")));
        values.put("marketplace.tracking.archive.directory", directory(work.resolve("archive/marketplace-tracking")));
        return values;
    }

    private static String directory(final Path path) {
        try {
            return Files.createDirectories(path).toString();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.nifiecommerce.it.demo;

import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Order;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The night before the demo: the shop starts empty, and the flow erp-master-data-to-shopify fills it from Business Central
 * as its CRON would at 02:00, 02:30 and 03:00. Each nightly read is run once ("Run Once", whatever its CRON) in the flow's
 * order (items, then prices, whose SKUs must exist, then companies, whose catalogs must exist), and the next waits until
 * the shop holds what the read brought. A read whose records were lost on the way (a fault, no FlowFile left in the group)
 * is run once more, as an integrator would; records in a Review port stay there and the phase times out naming the step.
 * Then the day's buyers order: the seed's orders are placed on the synced variants and companies.
 */
final class MasterDataPhase {

    static final String ITEMS = "Read BC items (nightly)";
    static final String PRICES = "Read BC price lines (nightly)";
    static final String CUSTOMERS = "Read BC B2B customers (nightly)";
    private static final Duration POLL = Duration.ofMillis(500);

    private record Step(String reader, String what, Predicate<MasterDataReport> done) {
    }

    private static final List<Step> NIGHT = List.of(
            new Step(ITEMS, "products", MasterDataReport::productsSynced),
            new Step(PRICES, "B2B prices", MasterDataReport::pricesSynced),
            new Step(CUSTOMERS, "B2B companies in their catalogs", r -> r.companiesSynced() && r.locationsInTheirCatalogs()));

    /**
     * Per step, a minute: NiFi running the read once, the BC token and read (a failed request is retried 5 times within
     * seconds), and one 30-second penalty of the publisher's retry loop for a Shopify request that failed all its attempts.
     */
    static final Duration PER_STEP = Duration.ofMinutes(1);
    /**
     * Per record (item, price line, company), 3 s: a productSet or company mutation and its share of the batched
     * look-ups, well within Shopify's standard bucket (2,000 points, 100 restored a second), so never throttled; a company
     * with its contact, main contact and catalog location took 3.2 s on the shared 2-core machine at load 12 (a 3,000-order
     * scale run stopped at 135 of 153 companies with 1.5 s). A fault costs another attempt, hence the 1 / (1 - fault rate)
     * the order bound also uses.
     */
    static final Duration PER_RECORD = Duration.ofMillis(3000);

    private final NiFiClient client;
    private final String group;
    private final Sandbox sandbox;
    private final BcCompany bc;
    private final PrintStream out;
    private Set<String> customersOfTheNight;

    MasterDataPhase(final NiFiClient client, final String group, final Sandbox sandbox, final PrintStream out) {
        this.client = client;
        this.group = group;
        this.sandbox = sandbox;
        this.bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        this.out = out;
    }

    /** Plays the nightly run within {@code bound}, then places the orders; returns how long the night took. */
    Duration run(final Duration bound) throws InterruptedException {
        final Instant started = Instant.now();
        final Instant deadline = started.plus(bound);
        for (final Step step : NIGHT) {
            int runs = 0;
            int idlePolls = 0;
            while (!step.done().test(report())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The nightly run did not bring the " + step.what() + " into the shop within " + bound.toSeconds()
                            + " s (" + runs + " runs of '" + step.reader() + "'): " + report().progress());
                }
                // the reader back to stopped, nothing queued nor running twice in a row: the last run's records were published
                // or lost, none in flight (a run-once task that has not started yet shows the reader still running)
                idlePolls = readerStopped(step.reader()) && client.status(group).queuedCount() == 0 && client.activeThreads(group) == 0
                        ? idlePolls + 1 : 0;
                if (runs == 0 || idlePolls >= 2 && !step.done().test(report())) {
                    client.runOnce(group, step.reader());
                    runs++;
                    idlePolls = 0;
                }
                Thread.sleep(POLL);
            }
            out.println("Nightly run: " + step.what() + " in the shop (" + step.reader() + " run once" + (runs > 1 ? ", " + runs + " times" : "")
                    + ") | " + report().progress());
        }
        customersOfTheNight = MasterDataReport.flaggedCustomers(bc);
        // back to the delivered schedule: the next nights at 02:00, 02:30 and 03:00
        NIGHT.forEach(step -> client.startProcessor(group, step.reader()));
        final List<Order> placed = sandbox.placeOrdersOnSyncedCatalog();
        final Duration night = Duration.between(started, Instant.now());
        out.println("The shop was empty; after the nightly run (" + night.toSeconds() + " s) buyers placed " + placed.size()
                + " orders on its products and B2B companies");
        return night;
    }

    /** How long the nightly run may take in the demo: it depends on BC's records and the fault rate, not on the CRON. */
    Duration bound(final double faultRate) {
        final MasterDataReport bcSide = report();
        final int records = bcSide.itemsInBc() + bcSide.priceLines() + bcSide.b2bCustomers();
        return PER_STEP.multipliedBy(NIGHT.size()).plusMillis(Math.round(PER_RECORD.toMillis() * records / (1 - faultRate)));
    }

    private boolean readerStopped(final String reader) {
        return client.processors(group).stream().anyMatch(p -> p.name().equals(reader) && p.runStatus().equalsIgnoreCase("stopped"));
    }

    MasterDataReport report() {
        return MasterDataReport.of(sandbox.shopify().shop(), bc, customersOfTheNight);
    }
}

package io.nifiecommerce.it.demo;

import io.nifiecommerce.it.nifi.NiFiInstance;

import java.nio.file.Path;

/**
 * The README's main job ({@code ./demo.sh}): the five flow definitions running in a real NiFi 2.3.0
 * against the seeded sandbox, with progress and a summary. With {@code --exit-when-synced} it exits
 * 0 once every shop order is in Business Central exactly once (1 otherwise, with the reason), the
 * summary as its last line in JSON; without it, NiFi keeps running for the user until Ctrl-C.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(final String[] args) throws Exception {
        final DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        final Path repository = Path.of(System.getProperty("nifi-ecommerce.repository", ".")).toAbsolutePath().normalize();
        if (!NiFiInstance.isRepository(repository)) {
            throw new IllegalStateException(repository + " is not the nifi-ecommerce repository (no harness/nifi.sh)");
        }
        final DemoRun demo = new DemoRun(options, repository, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-stop"));
        final SyncReport report;
        try {
            report = demo.run();
        } catch (final RuntimeException e) {
            // the sandbox's server threads would keep the JVM, and so NiFi, running: exit, which stops both
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // crash runs as well as the demo judge every flow: orders exactly once, stock and tracking
        final boolean synced = report != null && report.complete() && demo.ediReport().complete() && demo.masterDataReport().complete();
        System.out.println();
        if (!options.exitWhenSynced()) {
            return;
        }
        final String reason = synced ? null : report == null ? "interrupted before the first check"
                : !report.complete() ? reasonOf(report) : !demo.ediReport().complete() ? demo.ediReport().reason()
                : "the shop differs from Business Central's master data: " + demo.masterDataReport().progress();
        System.out.println(synced ? "Synced: every shop order is in Business Central exactly once, stock and tracking in Shopify."
                : "NOT synced: " + reason);
        System.out.println(report == null ? "{\"synced\":false}" : demo.summaryJson(report, synced, reason));
        System.exit(synced ? 0 : 1);
    }

    private static String reasonOf(final SyncReport report) {
        if (report.duplicates() > 0) {
            return report.duplicates() + " duplicate documents in Business Central";
        }
        if (!report.amountMismatches().isEmpty()) {
            return "amounts differ: " + String.join("; ", report.amountMismatches().subList(0, Math.min(3, report.amountMismatches().size())));
        }
        if (report.ordersInBc() < report.shopOrders()) {
            return (report.shopOrders() - report.ordersInBc()) + " shop orders not in Business Central before the timeout";
        }
        if (report.stockMatching() < report.stockExpected()) {
            return (report.stockExpected() - report.stockMatching()) + " stock levels differ from their source";
        }
        if (report.fulfilledWithTracking() < report.shipped()) {
            return (report.shipped() - report.fulfilledWithTracking()) + " shipped orders without their tracking in Shopify";
        }
        final LifecycleReport lifecycle = report.lifecycle();
        return lifecycle.cancelledOpenInBc() + " cancelled orders still open in Business Central, " + lifecycle.credited() + "/"
                + lifecycle.refundsToCredit() + " refunds credited, " + lifecycle.creditMemoDuplicates() + " duplicate credit memos";
    }
}

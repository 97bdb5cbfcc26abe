package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.shopify.RateLimit;
import io.nifiecommerce.shopify.order.OrderPageReader;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fault soak: for the given time, with 20 % of all HTTP requests faulted (every kind, lost
 * acknowledgements included), read the shop's orders by cursor pages and write each page to BC
 * through the bundle's paths, over and over (every cycle after the first is a full replay). At the end,
 * faults off, each order must be in BC exactly once.
 */
final class FaultSoak {

    static final double FAULT_RATE = 0.2;

    private final Duration duration;
    private final int orders;
    private final Duration latency;

    FaultSoak(final Duration duration, final int orders, final Duration latency) {
        this.duration = duration;
        this.orders = orders;
        this.latency = latency;
    }

    String run() throws Exception {
        // Plus plan bucket: pacing on the Standard one would leave most of the soak waiting for points, not meeting faults
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(orders).withRateLimit(RateLimit.PLUS))) {
            Sandbox.warmUp();
            final BcConnection bc = new BcConnection(sandbox);
            final BundleOrderWriter writer = new BundleOrderWriter(bc, sandbox.bcWebCustomer());
            final ShopifyConnection shopify = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5);
            final OrderPageReader reader = new OrderPageReader(shopify.client, OrderPageReader.MAX_PAGE_SIZE);
            sandbox.faults().plan(FaultPlan.all(FAULT_RATE).withLatency(latency).withTimeoutHold(Duration.ofSeconds(1)));
            final long deadline = System.nanoTime() + duration.toNanos();
            final long start = System.nanoTime();
            int cycles = 0;
            int completeCycles = 0;
            long pageFailures = 0;
            long created = 0;
            long present = 0;
            long failed = 0;
            final Set<String> failedNames = new HashSet<>();
            final List<String> failureSamples = new ArrayList<>();
            final Set<String> names = new HashSet<>();
            do {
                cycles++;
                final Set<String> ids = new HashSet<>();
                String after = null;
                boolean more = true;
                while (more && System.nanoTime() < deadline) {
                    final OrderPageReader.OrderPage page;
                    try {
                        page = reader.read("", after);
                    } catch (final ApiException e) {
                        pageFailures++;
                        Thread.sleep(BundleOrderWriter.PENALTY);
                        continue;
                    }
                    final List<Order> batch = new ArrayList<>();
                    for (final ObjectNode node : page.orders()) {
                        final Order order = ShopifyOrderMapper.fromGraphQl(node);
                        ids.add(order.sourceId());
                        names.add(order.name().toUpperCase(Locale.ROOT));
                        batch.add(order);
                    }
                    final BundleOrderWriter.Delivery delivery = writer.deliver(batch);
                    created += delivery.created();
                    present += delivery.alreadyPresent();
                    failed += delivery.failed();
                    more = page.hasNextPage();
                    after = page.endCursor();
                }
                if (!more && ids.size() == sandbox.shopify().shop().orderCount()) {
                    completeCycles++;
                }
                System.out.printf(Locale.ROOT, "  soak cycle %d: %d orders read, created %d, already present %d, failed %d, %.0f s%n", cycles, ids.size(),
                        created, present, failed, (System.nanoTime() - start) / 1e9);
            } while (System.nanoTime() < deadline);
            final double seconds = (System.nanoTime() - start) / 1e9;
            sandbox.faults().plan(FaultPlan.NONE);
            final long injected = sandbox.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("faults.")).mapToLong(e -> e.getValue()).sum();
            final long afterCommit = sandbox.stats().get("bc.faults.afterCommit");
            final long duplicates = sandbox.stats().get("bc.duplicates");
            final Set<String> inBc = new HashSet<>();
            long bcOrders = 0;
            for (final JsonNode order : sandbox.businessCentral().company(sandbox.bcCompanyName()).salesOrders()) {
                inBc.add(order.path("externalDocumentNumber").asText());
                bcOrders++;
            }
            final Set<String> missing = new HashSet<>(names);
            missing.removeAll(inBc);
            final boolean pass = duplicates == 0 && missing.isEmpty() && completeCycles > 0 && bcOrders == names.size();
            return String.format(Locale.ROOT, "%s seconds with %.0f %% of HTTP requests faulted (429, 500/503, timeouts held 1 s, resets, truncated bodies,"
                            + " writes applied then the answer lost), latency median %d ms, %d orders in a shop on the Plus plan's bucket. The Shopify read path (cursor pages,"
                            + " OrderPageReader) feeds the BC write path (SalesOrderSubmitter, `$batch` of 100, RETRY resubmitted after 1 s) page by page;"
                            + " each cycle re-reads and re-sends every order, so every cycle after the first is a full replay.%n%n"
                            + "| Check | Result |%n|---|---|%n"
                            + "| Result | **%s** |%n"
                            + "| Duration | %.0f s, %d cycles (%d complete reads of the shop) |%n"
                            + "| Faults injected | %d (of which BC writes applied before the answer was lost: %d) |%n"
                            + "| Shopify pages that failed after the client's retries (read again) | %d |%n"
                            + "| Orders read (distinct) | %d of %d in the shop |%n"
                            + "| Sales orders in BC | %d |%n"
                            + "| `bc.duplicates` | %d |%n"
                            + "| Orders missing from BC | %d |%n"
                            + "| Outcomes over all cycles | created %d, already present %d, failed %d |%n%n",
                    duration.toSeconds(), FAULT_RATE * 100, latency.toMillis(), orders, pass ? "PASS: every order exactly once" : "FAIL", seconds, cycles,
                    completeCycles, injected, afterCommit, pageFailures, names.size(), sandbox.shopify().shop().orderCount(), bcOrders, duplicates,
                    missing.size(), created, present, failed);
        }
    }
}

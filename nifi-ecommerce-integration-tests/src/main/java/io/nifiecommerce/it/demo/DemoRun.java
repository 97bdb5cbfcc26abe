package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.Parameter;
import io.nifiecommerce.it.nifi.NiFiCluster;
import io.nifiecommerce.it.nifi.NiFiInstance;
import io.nifiecommerce.it.nifi.RunningNiFi;
import io.nifiecommerce.it.nifi.TlsKeystore;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.mirakl.MiraklSeeding;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcCustomPage;
import io.nifiecommerce.sandbox.bc.BcField;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.sandbox.shopify.RateLimit;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The demo: a seeded sandbox (Shopify + Business Central + feeds) whose shop starts empty until the nightly master-data
 * run fills it from Business Central ({@link MasterDataPhase}), a real NiFi with the bundle, the
 * flow definitions of {@code flow-templates/} imported with their parameters pointing at the
 * sandbox, and the people around them played by the demo (the sales administration validating B2B
 * orders, the 3PL shipping orders and reporting stock). It prints progress, then a summary whose last
 * line is JSON.
 */
public final class DemoRun implements AutoCloseable {

    static final String BC_STOCK_LOCATION = "Entrepôt Île-de-France";
    static final String WAREHOUSE_LOCATION = "Entrepôt Lyon";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MARKETPLACE_ORDERS = 5;
    private static final String WEBHOOK_SECRET = "whsec-demo-7c1f9e2a4b";

    private final DemoOptions options;
    private final Path repository;
    private final PrintStream out;
    private final List<String> groups = new ArrayList<>();
    private final boolean ownsNiFi;
    private int crashes;
    private Sandbox sandbox;
    private TlsKeystore webhookKeystore;
    private RunningNiFi nifi;
    private EdiPartners edi;
    private MasterDataPhase masterData;
    private SettlementDemo settlements;
    private AmazonShippingDemo amazonShipping;

    /** A demo that starts its own NiFi (and stops it when closed). */
    public DemoRun(final DemoOptions options, final Path repository, final PrintStream out) {
        this(options, repository, out, null);
    }

    /** A demo on a NiFi that is already running (the integration tests' one); left running when closed. */
    public DemoRun(final DemoOptions options, final Path repository, final PrintStream out, final NiFiInstance running) {
        this.options = options;
        this.repository = repository;
        this.out = out;
        this.nifi = running;
        this.ownsNiFi = running == null;
    }

    /** Runs until synced (true), timed out or failed (false); without exitWhenSynced, until interrupted. */
    public SyncReport run() throws IOException, InterruptedException {
        final Path work = Files.createDirectories(repository.resolve(".nifi/demo-data"));
        final FaultPlan faults = options.faultRate() > 0 ? FaultPlan.all(options.faultRate()) : FaultPlan.NONE;
        final Instant sandboxStarted = Instant.now();
        // the shop starts empty: the nightly master-data run fills it before the buyers order (MasterDataPhase)
        sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withOrders(options.orders()).withSeed(options.seed()).withFaults(faults)
                .withCatalogFromErp(true).withRateLimit(RateLimit.preset(options.shopifyPlan())));
        final BcCustomPage erpTracking = sandbox.businessCentral().registerCustomPage("contoso", "logistics", "v1.0", "shipmentTrackings",
                List.of(BcField.text("trackingNumber", 50), BcField.text("carrier", 50), BcField.code("orderNumber", 20),
                        BcField.code("externalDocumentNumber", 35)));
        out.println("Sandbox on " + sandbox.shopifyBaseUrl() + ": an empty shop, Business Central holding its catalog, " + options.orders()
                + " orders to come (seed " + options.seed() + ", fault rate " + options.faultRate() + ", Shopify plan " + options.shopifyPlan() + ")");

        if (ownsNiFi) {
            final String home = (options.cluster() ? "cluster-demo" : "demo") + (options.nifiPort() == 0 ? "-" + ProcessHandle.current().pid() : "");
            nifi = options.cluster()
                    ? NiFiCluster.start(repository, repository.resolve(".nifi/" + home), options.nifiPort(), true, List.of())
                    : NiFiInstance.start(repository, repository.resolve(".nifi/" + home), options.nifiPort(), true, List.of());
        }
        final NiFiClient client = nifi.client();
        client.maxTimerDrivenThreads(FlowTemplates.DEMO_TIMER_DRIVEN_THREADS);
        out.println("NiFi " + client.version() + " running with the bundle" + (options.cluster() ? " on a " + NiFiCluster.NODES + "-node cluster" : "")
                + ": " + nifi.uiUri());

        // GetBusinessCentralRecords leaves records changed in the last seconds (its Settle Time, 10 s) for
        // its next run, an hour later for the items: give the freshly seeded BC that much age first
        final Duration settle = Duration.ofSeconds(12).minus(Duration.between(sandboxStarted, Instant.now()));
        if (!settle.isNegative()) {
            Thread.sleep(settle);
        }
        final FeedFiles tracking = new FeedFiles(clean(work.resolve("tracking")));
        final FeedFiles stock = new FeedFiles(clean(work.resolve("stock")));
        final FeedFiles marketplace = new FeedFiles(clean(work.resolve("marketplace")));
        // the webhook branch ships disabled, but its SSL Context Service is enabled with the others: give it a keystore
        webhookKeystore = TlsKeystore.generate(work.resolve("webhook-keystore.p12"), "demo-keystore-" + UUID.randomUUID());
        final Map<String, String> values = parameterValues(tracking.directory(), stock.directory(), marketplace.directory());
        values.put("tracking.archive.directory", work.resolve("archive/tracking").toString());
        values.put("edi.archive.directory", work.resolve("archive/stock").toString());
        values.put("marketplace.archive.directory", work.resolve("archive/marketplace").toString());
        edi = ediPartners(work.resolve("edi"));
        values.putAll(edi.parameters());
        values.putAll(MarketplaceDemo.parameters(sandbox, work));
        amazonShipping = new AmazonShippingDemo(sandbox.amazon(), new FeedFiles(clean(work.resolve("marketplace-tracking"))));
        groups.add(importFlow(client, repository.resolve("flow-templates/" + FlowTemplates.MASTER_DATA + ".json"), FlowTemplates.MASTER_DATA, values));
        masterData = new MasterDataPhase(client, groups.getLast(), sandbox, out);
        masterData.run(masterData.bound(options.faultRate()));
        B2bReview.prepare(sandbox);
        settlements = SettlementDemo.prepare(sandbox, work);
        values.putAll(settlements.parameters());
        for (final String name : FlowTemplates.IN_DEMO) {
            if (!name.equals(FlowTemplates.MASTER_DATA)) {
                groups.add(importFlow(client, repository.resolve("flow-templates/" + name + ".json"), name, values));
            }
        }
        out.println("Imported and started " + groups.size() + " flows; watch them at " + nifi.uiUri());

        final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        final SalesAdministration salesAdministration = new SalesAdministration(sandbox.shopify().shop());
        final CustomerService customerService = new CustomerService(sandbox.shopify().shop(), bc);
        final ThirdPartyLogistics logistics = new ThirdPartyLogistics(bc, erpTracking, tracking, stock);
        final long warehouseId = locationId(WAREHOUSE_LOCATION);
        final long bcStockId = locationId(BC_STOCK_LOCATION);
        final Map<String, Integer> warehouseStock = logistics.reportStock(sandbox.seed(), warehouseId);
        final List<String> marketplaceNames = dropMarketplaceOrders(marketplace);

        final Instant flowsStarted = Instant.now();
        final Instant deadline = flowsStarted.plus(options.timeout());
        SyncReport report = null;
        int step = 0;
        int completeInARow = 0;
        int crashesLeft = options.crashes();
        final Random chance = new Random(options.seed());
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(Duration.ofSeconds(3));
            step++;
            if (step > 3) {
                salesAdministration.approveListed();
            }
            logistics.shipSome(Math.max(1, options.orders() / 20), shippable());
            edi.step(logistics.bcInventorySeen());
            settlements.step();
            amazonShipping.step(bc);
            playCustomerService(customerService, logistics, step);
            if (crashesLeft > 0 && step > 1 && chance.nextInt(3) == 0) {
                crashesLeft--;
                crashes++;
                out.println("Crash test: kill -9 " + (options.cluster() ? "the primary node" : "NiFi") + " (" + crashes + "/" + options.crashes()
                        + "), then restart it");
                nifi.crash();
                if (nifi instanceof NiFiCluster cluster) {
                    out.println("Failover: node " + cluster.primary() + " became primary " + cluster.failovers().getLast().toMillis()
                            + " ms after the kill");
                }
                nifi.restart();
                out.println("NiFi is back; the flows resume from their committed state");
            }
            report = SyncReport.of(sandbox, bc, salesAdministration.waiting(), marketplaceNames, warehouseStock, warehouseId,
                    logistics.bcInventorySeen(), bcStockId, logistics.trackingByOrder(), Duration.between(flowsStarted, Instant.now()),
                    customerService);
            final EdiReport ediReport = edi.report();
            out.println(report.progress() + " | " + ediReport.progress());
            // crash runs too: after kill -9 every flow must converge, orders exactly once, stock and tracking, EDI
            // and the 3PL has shipped every order it can: on a fast machine the flows may converge before the last ones ship
            completeInARow = report.complete() && ediReport.complete() && customerService.played() && settlements.complete(bc) && amazonShipping.complete()
                    && logistics.leftToShip(shippable()) == 0
                    ? completeInARow + 1 : 0;
            // twice in a row: a late duplicate from a retry still in flight would show in the second look
            if (options.exitWhenSynced() && completeInARow >= 2 && crashesLeft == 0) {
                return report;
            }
            if (options.exitWhenSynced() && Instant.now().isAfter(deadline)) {
                return report;
            }
        }
        return report;
    }

    /** The EDI partners with their drop directories emptied, the buyer and the purchase order in BC, their first files dropped. */
    private EdiPartners ediPartners(final Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            deleteQuietly(directory);
        }
        final EdiPartners partners = new EdiPartners(sandbox.businessCentral().company(sandbox.bcCompanyName()), sandbox.seed().variants(),
                options.seed(), directory);
        partners.prepare();
        return partners;
    }

    /** The EDI exchanges so far (after {@link #run}). */
    public EdiReport ediReport() {
        return edi.report();
    }

    /** The shop against BC, the master, after the nightly run (after {@link #run}). */
    public MasterDataReport masterDataReport() {
        return masterData.report();
    }

    /** The demo's last line: the flows' summary with the EDI and master-data figures. */
    public String summaryJson(final SyncReport report, final boolean synced, final String reason) {
        try {
            final ObjectNode json = (ObjectNode) MAPPER.readTree(report.toJson(synced, reason));
            edi.report().addTo(json);
            masterData.report().addTo(json);
            settlements.addTo(json, sandbox.businessCentral().company(sandbox.bcCompanyName()));
            amazonShipping.addTo(json);
            QuotaModel.of(sandbox.stats().snapshot(), sandbox.config().rateLimit(), sandbox.businessCentral().config()).writeTo(json, report.elapsed());
            return json.toString();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String importFlow(final NiFiClient client, final Path definition, final String name, final Map<String, String> values) {
        final String group = client.uploadFlow(definition, name);
        final String context = client.parameterContextOf(group).orElseThrow(() -> new IllegalStateException(name + " has no parameter context"));
        final List<Parameter> parameters = new ArrayList<>();
        for (final NiFiClient.Parameter declared : client.parameterContext(context).parameters()) {
            final String value = values.get(declared.name());
            if (value != null) {
                parameters.add(new Parameter(declared.name(), value, declared.sensitive()));
            }
        }
        client.setParameters(context, parameters);
        client.enableControllerServices(group);
        client.startProcessGroup(group);
        return group;
    }

    /** The flows' parameters, pointing at the sandbox and the demo's drop directories. */
    private Map<String, String> parameterValues(final Path trackingDir, final Path stockDir, final Path marketplaceDir) {
        final Map<String, String> values = sandboxConnection(sandbox);
        values.put("shopify.initial.start.date", "2000-01-01T00:00:00Z");
        values.put("shopify.b2b.approval.tag", SalesAdministration.APPROVAL_TAG);
        values.put("shopify.b2b.review.tag", SalesAdministration.REVIEW_TAG);
        values.put("shopify.webhook.secret", WEBHOOK_SECRET);
        values.put("webhook.keystore.file", webhookKeystore.file().toString());
        values.put("webhook.keystore.type", TlsKeystore.TYPE);
        values.put("webhook.keystore.password", webhookKeystore.password());
        values.put("shopify.location.default", BC_STOCK_LOCATION);
        values.put("edi.warehouse.location", WAREHOUSE_LOCATION);
        values.put("bc.marketplace.customer", sandbox.bcWebCustomer());
        values.put("tracking.input.directory", trackingDir.toString());
        values.put("edi.input.directory", stockDir.toString());
        values.put("marketplace.input.directory", marketplaceDir.toString());
        return values;
    }

    /** The parameters that point the flows' Shopify and Business Central connections at the sandbox. */
    public static Map<String, String> sandboxConnection(final Sandbox sandbox) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("shopify.store.domain", sandbox.shopDomain());
        values.put("shopify.api.version", "2026-07");
        values.put("shopify.access.token", sandbox.shopifyAccessToken());
        values.put("shopify.base.url.override", sandbox.shopifyBaseUrl());
        values.put("bc.tenant.id", sandbox.businessCentral().config().tenantId());
        values.put("bc.environment", sandbox.businessCentral().config().environment());
        values.put("bc.company", sandbox.bcCompanyName());
        values.put("bc.client.id", sandbox.businessCentral().config().clientId());
        values.put("bc.client.secret", sandbox.businessCentral().config().clientSecret());
        values.put("bc.api.url.override", "http://127.0.0.1:" + sandbox.port());
        values.put("bc.login.url.override", "http://127.0.0.1:" + sandbox.port() + "/login");
        values.put("bc.b2c.default.customer", sandbox.bcWebCustomer());
        return values;
    }

    /** A marketplace's export of a few orders, in the canonical order JSON; returns their names. */
    private List<String> dropMarketplaceOrders(final FeedFiles marketplace) throws IOException {
        final ArrayNode orders = MAPPER.createArrayNode();
        final List<String> names = new ArrayList<>();
        final List<Variant> variants = sandbox.seed().variants();
        for (int i = 0; i < MARKETPLACE_ORDERS; i++) {
            final Variant variant = variants.get(i % variants.size());
            final String name = "AMZ-" + (405_1000 + options.seed() * 10 + i);
            names.add(name);
            final ObjectNode order = orders.addObject();
            order.put("source", "amazon");
            order.put("name", name);
            order.put("segment", "B2C");
            order.put("channel", "amazon.fr");
            order.put("currency", "EUR");
            order.put("taxesIncluded", true);
            order.put("email", "client" + i + "@marketplace.amazon.fr");
            final ObjectNode address = order.putObject("shippingAddress");
            address.put("name", "Zoé Bérard").put("address1", "3 place Bellecour").put("city", "Lyon").put("postalCode", "69002")
                    .put("countryCode", "FR");
            // marketplaces export tax-included prices with the VAT of each line (20 % here)
            final BigDecimal gross = variant.price().multiply(BigDecimal.valueOf(2));
            final BigDecimal tax = gross.subtract(gross.divide(new BigDecimal("1.2"), 2, RoundingMode.HALF_UP));
            final ObjectNode line = order.putArray("lines").addObject();
            line.put("sku", variant.sku()).put("title", variant.title()).put("quantity", 2).put("unitPrice", variant.price().toPlainString())
                    .put("taxAmount", tax.toPlainString()).put("taxRate", "0.2");
            order.put("totalTax", tax.toPlainString());
            order.put("totalPrice", gross.toPlainString());
        }
        marketplace.drop("amazon-orders-" + options.seed() + ".json", MAPPER.writeValueAsString(orders));
        return names;
    }

    /**
     * A few cancellations (one at once, likely before the order reaches BC; two once BC holds them) and refunds of returns
     * (once the 3PL shipped and BC invoiced), a handful per run whatever its size. Counted, not tied to step numbers: a
     * quiet machine runs steps faster than orders reach BC and get invoiced.
     */
    private void playCustomerService(final CustomerService service, final ThirdPartyLogistics logistics, final int step) {
        final Predicate<String> shipped = logistics.trackingByOrder()::containsKey;
        if (step == 1) {
            service.cancel(1, false, shipped);
        }
        if (step >= 3 && service.cancelledAfterReachingBc() < 2) {
            service.cancel(1, true, shipped);
        }
        if (step >= 4 && step % 2 == 0 && service.refundsMade() < CustomerService.REFUNDS) {
            service.refundReturns(1);
        }
    }

    /**
     * An order the 3PL ships and tracks back to the shop: a shop order that was not cancelled, under the name BC holds (the
     * draft's, #D12, for a B2B order completed from a draft: the bundle resolves it to the order). Shipping those did not
     * lengthen the demo: in every run measured the EDI partners' chain converges last (docs/reliability.md).
     */
    private Predicate<String> shippable() {
        // one look at the shop per step, not one per BC order asked about: that was quadratic in the orders (10,000: 10^8 a step)
        final Shop shop = sandbox.shopify().shop();
        final Map<Long, String> bcReferences = B2bReview.bcReferences(shop);
        final Set<String> references = new HashSet<>();
        for (final io.nifiecommerce.sandbox.seed.Order order : shop.orders()) {
            if (order.cancelledAt() == null) {
                references.add(bcReferences.getOrDefault(order.id(), order.name()));
            }
        }
        return references::contains;
    }

    private long locationId(final String name) {
        return sandbox.seed().locations().stream().filter(l -> l.name().equals(name)).mapToLong(StockLocation::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("The sandbox has no location " + name));
    }

    private static Path clean(final Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (final Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return directory;
    }

    private static void deleteQuietly(final Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException | UncheckedIOException e) { // NiFi's own files may vanish during the walk
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }

    public RunningNiFi nifi() {
        return nifi;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The secrets the demo put into NiFi's sensitive parameters: none may leak. */
    public List<String> secrets() {
        return List.of(sandbox.shopifyAccessToken(), sandbox.businessCentral().config().clientSecret(), WEBHOOK_SECRET,
                webhookKeystore.password(), MiraklSeeding.API_KEY, AmazonSeeding.CLIENT_SECRET, AmazonSeeding.REFRESH_TOKEN);
    }

    /** How many times the crash test killed NiFi. */
    public int crashes() {
        return crashes;
    }

    /** The process groups the demo imported, for tests that look inside. */
    public List<String> groups() {
        return List.copyOf(groups);
    }

    @Override
    public void close() {
        if (nifi != null) {
            if (ownsNiFi) {
                nifi.close();
                if (options.nifiPort() == 0) {
                    deleteQuietly(nifi.home()); // a throw-away home (tests, crash runs): hundreds of MB of unpacked NARs
                }
            } else {
                groups.forEach(group -> nifi.client().stopProcessGroup(group));
            }
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}

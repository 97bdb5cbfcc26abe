package io.nifiecommerce.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.ShopSeed;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.shopify.AccessTokens;
import io.nifiecommerce.sandbox.shopify.HttpReplies;
import io.nifiecommerce.sandbox.shopify.Shop;
import io.nifiecommerce.sandbox.shopify.ShopOperations;
import io.nifiecommerce.sandbox.shopify.ShopifySchemas;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.amazon.AmazonSimulator;
import io.nifiecommerce.sandbox.mirakl.MiraklSeeding;
import io.nifiecommerce.sandbox.mirakl.MiraklSimulator;
import io.nifiecommerce.sandbox.shopify.ShopifySimulator;
import io.nifiecommerce.sandbox.shopify.SyncedCatalogOrders;
import io.nifiecommerce.sandbox.shopify.StagedUploads;
import io.nifiecommerce.sandbox.shopify.WebhookSender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox: simulators of the systems the bundle talks to, on 127.0.0.1, seeded with the same
 * deterministic data. Usable from JUnit ({@code try (Sandbox sandbox = Sandbox.start(config))}) and
 * from {@link SandboxMain}.
 *
 * <p>Routes: {@code /admin/...} is the first shop; {@code /shops/<name>/admin/...} any shop (path
 * prefix routing, so one port serves several shops); {@code /_sandbox/...} controls the sandbox.</p>
 */
public final class Sandbox implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SandboxConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxStats stats = new SandboxStats();
    private final FaultInjector faults;
    private final Map<String, ShopifySimulator> shops = new LinkedHashMap<>();
    private final BusinessCentralSimulator businessCentral;
    private final MiraklSimulator marketplace;
    private final AmazonSimulator amazon;
    private volatile ShopSeedData seed;

    private Sandbox(final SandboxConfig config) throws IOException {
        this.config = config;
        this.faults = new FaultInjector(config.faults(), config.seed(), stats);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 256);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        this.seed = ShopSeed.generate(config.orders(), config.seed());
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // every real shop issues its own credentials: two sandboxes that get the same port one after the other in one JVM
        // must not look like the same app on the same shop to the bundle's per-shop limiters
        final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        for (final String name : config.shops()) {
            final Shop shop = new Shop(name + ".myshopify.com", Clock.systemUTC());
            shop.load(seed, !config.catalogFromErp());
            final AccessTokens tokens = new AccessTokens("shpat_sandbox_" + name + "_" + instance, "sandbox-client-" + name + "-" + instance,
                    "sandbox-secret-" + name + "-" + instance,
                    "read_orders,read_all_orders,write_inventory,read_inventory,write_fulfillments,read_fulfillments,read_products,read_customers,"
                            + "write_products",
                    config.tokenLifetime(), Clock.systemUTC());
            shops.put(name, new ShopifySimulator(shop, new ShopOperations(base, config.bulkRunTime()), tokens, config.rateLimit(), stats, faults));
        }
        final ShopifySimulator main = shops.values().iterator().next();
        stats.gauge("shopify.orders", () -> main.shop().orderCount());
        stats.gauge("shopify.fulfillments", () -> main.shop().fulfillmentCount());
        server.createContext("/", this::route);
        this.businessCentral = new BusinessCentralSimulator(BcSimulatorConfig.defaults().withSeed(config.seed()), faults, stats);
        businessCentral.mount(server);
        BcSeeding.seed(businessCentral, seed);
        this.marketplace = MiraklSeeding.marketplace(seed, marketplaceOrders(config.orders()), config.seed(), MARKETPLACE_DEBIT_DELAY, faults);
        marketplace.mount(server, MiraklSeeding.PREFIX);
        MiraklSeeding.seedBusinessCentral(businessCentral.company(BcSeeding.COMPANY));
        stats.gauge("mirakl.ordersToFulfil", () -> marketplace.shop().orderIdsIn(MIRAKL_TO_FULFIL).size());
        stats.gauge("mirakl.ordersInBusinessCentral", this::miraklOrdersInBusinessCentral);
        this.amazon = AmazonSeeding.seller(seed, marketplaceOrders(config.orders()), config.seed(), AMAZON_PAYMENT_DELAY, faults);
        amazon.mount(server, AmazonSeeding.PREFIX);
        AmazonSeeding.seedBusinessCentral(businessCentral.company(BcSeeding.COMPANY));
        stats.gauge("amazon.ordersToFulfil", () -> amazon.seller().orderIdsIn(AMAZON_TO_FULFIL).size());
        stats.gauge("amazon.ordersInBusinessCentral", () -> inBusinessCentral(amazon.seller().orderIdsIn(AMAZON_TO_FULFIL)));
    }

    /** Amazon orders whose payment is authorised: the ones that must reach BC. */
    private static final Set<String> AMAZON_TO_FULFIL = Set.of("Unshipped", "PartiallyShipped", "Shipped");
    /** Amazon authorises a payment within minutes; the sandbox's within seconds. */
    private static final Duration AMAZON_PAYMENT_DELAY = Duration.ofSeconds(20);

    /** How many of the orders are in BC (an open sales order or a posted invoice whose external document number is the id). */
    private long inBusinessCentral(final List<String> orderIds) {
        final BcCompany company = businessCentral.company(BcSeeding.COMPANY);
        final Set<String> documents = new HashSet<>();
        for (final List<JsonNode> set : List.of(company.salesOrders(), company.salesInvoices())) {
            set.forEach(document -> documents.add(document.path("externalDocumentNumber").asText()));
        }
        return orderIds.stream().filter(documents::contains).count();
    }

    /** Marketplace orders debited to the customer: the ones that must reach BC. */
    private static final Set<String> MIRAKL_TO_FULFIL = Set.of("SHIPPING", "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED");

    /** Marketplace orders found in BC (an open sales order or a posted invoice naming them). */
    private long miraklOrdersInBusinessCentral() {
        return inBusinessCentral(marketplace.shop().orderIdsIn(MIRAKL_TO_FULFIL));
    }

    /** The marketplace's orders are PAY_ON_ACCEPTANCE: the operator debits the customer as the seller accepts. */
    private static final Duration MARKETPLACE_DEBIT_DELAY = Duration.ZERO;

    /** A quarter as many marketplace orders as shop orders, at least one. */
    private static int marketplaceOrders(final int shopOrders) {
        return Math.max(1, shopOrders / 4);
    }

    /** The simulated Mirakl marketplace (seller API under {@link #miraklBaseUrl()}). */
    public MiraklSimulator marketplace() {
        return marketplace;
    }

    /** The marketplace's instance URL, to which Mirakl's {@code /api/...} paths are appended. */
    public String miraklBaseUrl() {
        return "http://127.0.0.1:" + port() + MiraklSeeding.PREFIX;
    }

    /** The simulated Amazon seller account (LWA and SP-API under {@link #amazonBaseUrl()}). */
    public AmazonSimulator amazon() {
        return amazon;
    }

    /** Where the sandbox serves Amazon: SP-API paths ({@code /orders/v0/...}) and LWA's {@code /auth/o2/token} are appended. */
    public String amazonBaseUrl() {
        return "http://127.0.0.1:" + port() + AmazonSeeding.PREFIX;
    }

    /** Starts a sandbox; the first request for a Shopify version pays the parse of its SDL (seconds, once per JVM). */
    public static Sandbox start(final SandboxConfig config) {
        try {
            final Sandbox sandbox = new Sandbox(config);
            sandbox.server.start();
            return sandbox;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the SDL of every supported version now, so that the first requests are fast. */
    public static void warmUp() {
        ShopifySchemas.VERSIONS.forEach(ShopifySchemas::preload);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://127.0.0.1:P — the first shop's endpoint is {@code POST {base}/admin/api/{version}/graphql.json}. */
    public String shopifyBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL of a named shop: http://127.0.0.1:P/shops/{name}. */
    public String shopifyBaseUrl(final String shopName) {
        requireShop(shopName);
        return shopifyBaseUrl() + "/shops/" + shopName;
    }

    public String shopifyGraphqlUrl(final String version) {
        return shopifyBaseUrl() + "/admin/api/" + version + "/graphql.json";
    }

    public ShopifySimulator shopify() {
        return shops.values().iterator().next();
    }

    public ShopifySimulator shopify(final String shopName) {
        return requireShop(shopName);
    }

    /** The first shop's static Admin API token (never expires). */
    public String shopifyAccessToken() {
        return shopify().tokens().staticToken();
    }

    public String shopifyClientId() {
        return shopify().tokens().clientId();
    }

    public String shopifyClientSecret() {
        return shopify().tokens().clientSecret();
    }

    public String shopDomain() {
        return shopify().shop().domain();
    }

    /** The Business Central simulator (company {@value BcSeeding#COMPANY}, seeded from the same data). */
    public BusinessCentralSimulator businessCentral() {
        return businessCentral;
    }

    /** The BC API root, ending with '/': {@code http://127.0.0.1:P/v2.0/<tenant>/<environment>/api/v2.0/}. */
    public String bcApiUrl() {
        return businessCentral.apiUrl(shopifyBaseUrl());
    }

    /** The Entra token endpoint of the BC simulator (client credentials). */
    public String bcTokenUrl() {
        return businessCentral.tokenUrl(shopifyBaseUrl());
    }

    public String bcCompanyName() {
        return BcSeeding.COMPANY;
    }

    /** The BC number of the pooled customer of retail orders. */
    public String bcWebCustomer() {
        return BcSeeding.WEB_CUSTOMER;
    }

    public SandboxStats stats() {
        return stats;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** The data every simulator was seeded with. */
    public ShopSeedData seed() {
        return seed;
    }

    public SandboxConfig config() {
        return config;
    }

    /** Re-seeds every simulator with N orders from seed S; counters restart. */
    public synchronized void reseed(final int orders, final long newSeed) {
        this.seed = ShopSeed.generate(orders, newSeed);
        reset();
    }

    /** Back to the seeded state: records, operations, tokens issued, buckets and counters. */
    public synchronized void reset() {
        for (final ShopifySimulator simulator : shops.values()) {
            simulator.shop().load(seed, !config.catalogFromErp());
            simulator.operations().clear();
            simulator.tokens().revokeIssued();
            simulator.resetBuckets();
        }
        businessCentral.reset();
        BcSeeding.seed(businessCentral, seed);
        marketplace.shop().reset();
        MiraklSeeding.placeOrders(marketplace.shop(), seed, marketplaceOrders(seed.orders().size()), seed.seed());
        MiraklSeeding.seedBusinessCentral(businessCentral.company(BcSeeding.COMPANY));
        amazon.seller().reset();
        amazon.login().revokeIssued();
        amazon.reports().reset();
        AmazonSeeding.placeOrders(amazon.seller(), seed, marketplaceOrders(seed.orders().size()), seed.seed());
        AmazonSeeding.seedBusinessCentral(businessCentral.company(BcSeeding.COMPANY));
        stats.reset();
    }

    /**
     * With {@link SandboxConfig#catalogFromErp()}, once the ERP's sync made the products and B2B companies: the seed's
     * orders placed in the first shop on them (lines by SKU, buyers by externalId), the synced items stocked where the seed
     * stocks them. Returns the orders placed; fails naming the SKUs and companies the shop lacks.
     */
    public List<Order> placeOrdersOnSyncedCatalog() {
        if (!config.catalogFromErp()) {
            throw new IllegalStateException("The shop was seeded with its catalog and orders: nothing to place");
        }
        return SyncedCatalogOrders.place(shopify().shop(), seed);
    }

    /** A sender of the first shop's webhooks to a receiver, signed with {@code secret}. */
    public WebhookSender webhooks(final URI receiver, final String secret) {
        return new WebhookSender(receiver, secret, shopify().shop(), ShopifySchemas.VERSIONS.get(0), stats);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private ShopifySimulator requireShop(final String name) {
        final ShopifySimulator simulator = shops.get(name);
        if (simulator == null) {
            throw new IllegalArgumentException("No shop named " + name + "; shops: " + shops.keySet());
        }
        return simulator;
    }

    private void route(final HttpExchange exchange) throws IOException {
        try {
            final String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/_sandbox/")) {
                control(exchange, path);
            } else if (path.startsWith("/shops/")) {
                final int slash = path.indexOf('/', "/shops/".length());
                final ShopifySimulator simulator = slash < 0 ? null : shops.get(path.substring("/shops/".length(), slash));
                if (simulator == null) {
                    HttpReplies.json(exchange, 404, Map.of("errors", "Not Found"));
                } else {
                    simulator.handle(exchange, path.substring(slash));
                }
            } else if (path.startsWith("/admin/")) {
                shopify().handle(exchange, path);
            } else {
                HttpReplies.json(exchange, 404, Map.of("errors", "Not Found"));
            }
        } catch (final HttpReplies.ConnectionDrop drop) {
            throw drop;
        } catch (final RuntimeException e) {
            stats.increment("sandbox.internalErrors");
            HttpReplies.json(exchange, 500, Map.of("errors", "Sandbox failure: " + e));
        } finally {
            exchange.close();
        }
    }

    private void control(final HttpExchange exchange, final String path) throws IOException {
        final Map<String, String> query = query(exchange.getRequestURI());
        final String method = exchange.getRequestMethod();
        switch (path) {
            case "/_sandbox/stats" -> HttpReplies.json(exchange, 200, stats.snapshot());
            case "/_sandbox/mirakl/close-billing-cycle" -> {
                if (requirePost(exchange, method)) {
                    HttpReplies.json(exchange, 200, marketplace.shop().closeBillingCycle().map(Object.class::cast).orElse(Map.of()));
                }
            }
            case "/_sandbox/reset" -> {
                if (requirePost(exchange, method)) {
                    reset();
                    HttpReplies.json(exchange, 200, Map.of("reset", true));
                }
            }
            case "/_sandbox/seed" -> {
                if (requirePost(exchange, method)) {
                    final int orders = Integer.parseInt(query.getOrDefault("orders", Integer.toString(config.orders())));
                    final long newSeed = Long.parseLong(query.getOrDefault("seed", Long.toString(config.seed())));
                    reseed(orders, newSeed);
                    HttpReplies.json(exchange, 200, Map.of("orders", orders, "seed", newSeed));
                }
            }
            case "/_sandbox/place-orders" -> {
                if (requirePost(exchange, method)) {
                    try {
                        HttpReplies.json(exchange, 200, Map.of("orders", placeOrdersOnSyncedCatalog().size()));
                    } catch (final IllegalStateException e) {
                        HttpReplies.json(exchange, 409, Map.of("errors", e.getMessage()));
                    }
                }
            }
            case "/_sandbox/faults" -> {
                if (method.equals("GET")) {
                    HttpReplies.json(exchange, 200, FaultPlanJson.toJson(faults.plan()));
                } else if (requirePost(exchange, method)) {
                    @SuppressWarnings("unchecked")
                    final Map<String, Object> json = MAPPER.readValue(exchange.getRequestBody(), Map.class);
                    faults.plan(FaultPlanJson.merge(faults.plan(), json));
                    HttpReplies.json(exchange, 200, FaultPlanJson.toJson(faults.plan()));
                }
            }
            default -> {
                if (path.startsWith("/_sandbox/bulk/") && path.endsWith(".jsonl")) {
                    bulkResult(exchange, path);
                } else if (path.startsWith(StagedUploads.PATH)) {
                    stagedUpload(exchange, path.substring(StagedUploads.PATH.length()));
                } else {
                    HttpReplies.json(exchange, 404, Map.of("errors", "Not Found"));
                }
            }
        }
    }

    /** The staged-upload storage: a PUT of a target's bytes, for whichever shop staged it. */
    private void stagedUpload(final HttpExchange exchange, final String key) throws IOException {
        final byte[] bytes = exchange.getRequestBody().readAllBytes();
        int status = 404;
        if (exchange.getRequestMethod().equals("PUT")) {
            for (final ShopifySimulator simulator : shops.values()) {
                status = simulator.operations().stagedUploads().upload(key, exchange.getRequestHeaders().getFirst("Content-Type"), bytes);
                if (status != 404) {
                    break;
                }
            }
        } else {
            status = exchange.getRequestMethod().equals("POST") ? 501 : 405;
        }
        HttpReplies.bytes(exchange, status, "application/xml", status == 200 ? new byte[0]
                : ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>" + switch (status) {
                    case 403 -> "SignatureDoesNotMatch";
                    case 400 -> "EntityTooLarge";
                    case 501 -> "NotImplemented";
                    case 405 -> "MethodNotAllowed";
                    default -> "NoSuchKey";
                } + "</Code></Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void bulkResult(final HttpExchange exchange, final String path) throws IOException {
        final String id = path.substring("/_sandbox/bulk/".length(), path.length() - ".jsonl".length());
        try {
            final long number = Long.parseLong(id);
            for (final ShopifySimulator simulator : shops.values()) {
                final var result = simulator.operations().bulkResult(number);
                if (result.isPresent()) {
                    HttpReplies.bytes(exchange, 200, "application/jsonl", result.get());
                    return;
                }
            }
        } catch (final NumberFormatException e) {
            // falls through to 404
        }
        HttpReplies.json(exchange, 404, Map.of("errors", "Not Found"));
    }

    private static boolean requirePost(final HttpExchange exchange, final String method) throws IOException {
        if (!method.equals("POST")) {
            HttpReplies.json(exchange, 405, Map.of("errors", "Use POST"));
            return false;
        }
        return true;
    }

    private static Map<String, String> query(final URI uri) {
        final Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (final String pair : uri.getRawQuery().split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The shop names this sandbox serves. */
    public List<String> shopNames() {
        return List.copyOf(shops.keySet());
    }
}

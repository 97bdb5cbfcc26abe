package io.nifiecommerce.sandbox;

import io.nifiecommerce.sandbox.shopify.RateLimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar nifi-ecommerce-sandbox-<version>-all.jar --port 8085 --orders 500 --seed 42 --fault-rate 0.05}
 * Starts the sandbox and prints its URLs and credentials; runs until killed.
 */
public final class SandboxMain {

    private static final String USAGE = """
            Usage: java -jar nifi-ecommerce-sandbox-all.jar [options]
              --port P                  TCP port on 127.0.0.1 (default 8085; 0 = ephemeral)
              --orders N                orders seeded in the shop (default 100)
              --seed S                  seed of the deterministic data and fault draws (default 42)
              --fault-rate R            share of requests that get a fault, 0..1 (default 0)
              --faults LIST             fault kinds, comma-separated: throttle,server-error,timeout,reset,malformed (default all)
              --fault-after-commit      let failing writes apply before the answer is lost (default off)
              --catalog-from-erp        the shop starts with no products, companies nor orders: BC holds them; after the ERP's
                                        sync, POST /_sandbox/place-orders places the seed's orders on what it made
              --latency-ms M            median of the log-normal latency added to each request (default 0)
              --timeout-hold-ms M       how long a timeout fault holds the request (default 2000)
              --plan NAME               rate-limit preset: standard (2000/100), advanced (4000/200), plus (20000/1000), enterprise (40000/2000)
              --bucket-size B           leaky bucket size in points (overrides the preset)
              --restore-rate R          points restored per second (overrides the preset)
              --throttle-http-status S  HTTP status of a THROTTLED answer: 200 (default) or 429
              --shops a,b               shop names; the first is also served at the root (default sandbox)
              --token-lifetime-s T      lifetime of client-credentials tokens (default 86399)
              --bulk-run-ms M           time a bulk operation takes to complete (default 300)
            """;

    private SandboxMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final SandboxConfig config;
        try {
            config = parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        final Sandbox sandbox = Sandbox.start(config);
        System.out.println("Loading the Shopify Admin SDLs...");
        Sandbox.warmUp();
        System.out.println("nifi-ecommerce sandbox on " + sandbox.shopifyBaseUrl());
        for (final String shop : sandbox.shopNames()) {
            final var simulator = sandbox.shopify(shop);
            final String base = shop.equals(sandbox.shopNames().get(0)) ? sandbox.shopifyBaseUrl() : sandbox.shopifyBaseUrl(shop);
            System.out.println("Shopify shop " + simulator.shop().domain());
            System.out.println("  GraphQL:        POST " + base + "/admin/api/2026-04/graphql.json (also 2026-07)");
            System.out.println("  Access token:   X-Shopify-Access-Token: " + simulator.tokens().staticToken());
            System.out.println("  Token endpoint: POST " + base + "/admin/oauth/access_token  client_id=" + simulator.tokens().clientId()
                    + " client_secret=" + simulator.tokens().clientSecret());
        }
        final var bc = sandbox.businessCentral().config();
        System.out.println("Business Central (company " + sandbox.bcCompanyName() + ")");
        System.out.println("  API:            " + sandbox.bcApiUrl());
        System.out.println("  Token endpoint: POST " + sandbox.bcTokenUrl() + "  client_id=" + bc.clientId() + " client_secret=" + bc.clientSecret()
                + " scope=https://api.businesscentral.dynamics.com/.default");
        System.out.println("Rate limit: " + config.rateLimit());
        System.out.println("Faults:     " + config.faults());
        System.out.println("Control:    GET " + sandbox.shopifyBaseUrl() + "/_sandbox/stats, POST /_sandbox/reset, POST /_sandbox/seed?orders=N&seed=S, POST /_sandbox/faults");
        System.out.println("Seeded " + sandbox.seed().orders().size() + " orders, " + sandbox.seed().variants().size() + " variants, "
                + sandbox.seed().customers().size() + " customers, " + sandbox.seed().companies().size() + " companies (seed " + config.seed() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        new CountDownLatch(1).await();
    }

    static SandboxConfig parse(final String[] args) {
        SandboxConfig config = SandboxConfig.defaults().withPort(8085);
        RateLimit limit = RateLimit.STANDARD;
        Integer bucket = null;
        Integer restore = null;
        double rate = 0;
        List<String> kinds = List.of("throttle", "server-error", "timeout", "reset", "malformed");
        boolean afterCommit = false;
        long latency = 0;
        long hold = 2000;
        int throttleStatus = 200;
        for (int i = 0; i < args.length; i++) {
            final String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("nifi-ecommerce sandbox");
            }
            if (flag.equals("--fault-after-commit")) {
                afterCommit = true;
                continue;
            }
            if (flag.equals("--catalog-from-erp")) {
                config = config.withCatalogFromErp(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag);
            }
            final String value = args[++i];
            switch (flag.replaceFirst("^-+", "--")) {
                case "--port" -> config = config.withPort(Integer.parseInt(value));
                case "--orders" -> config = config.withOrders(Integer.parseInt(value));
                case "--seed" -> config = config.withSeed(Long.parseLong(value));
                case "--fault-rate" -> rate = Double.parseDouble(value);
                case "--faults" -> kinds = Arrays.stream(value.toLowerCase(Locale.ROOT).split(",")).map(String::trim).toList();
                case "--latency-ms" -> latency = Long.parseLong(value);
                case "--timeout-hold-ms" -> hold = Long.parseLong(value);
                case "--plan" -> limit = RateLimit.preset(value);
                case "--bucket-size" -> bucket = Integer.parseInt(value);
                case "--restore-rate" -> restore = Integer.parseInt(value);
                case "--throttle-http-status" -> throttleStatus = Integer.parseInt(value);
                case "--shops" -> config = config.withShops(Arrays.stream(value.split(",")).map(String::trim).toList());
                case "--token-lifetime-s" -> config = config.withTokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
                case "--bulk-run-ms" -> config = config.withBulkRunTime(Duration.ofMillis(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        limit = limit.withBucket(bucket == null ? limit.bucketSize() : bucket, restore == null ? limit.restoreRate() : restore)
                .withThrottleStatus(throttleStatus);
        final FaultPlan plan = new FaultPlan(rate, kinds.contains("throttle"), kinds.contains("server-error"), kinds.contains("timeout"),
                kinds.contains("reset"), kinds.contains("malformed"), Duration.ofMillis(latency), Duration.ofMillis(hold), afterCommit);
        return config.withRateLimit(limit).withFaults(plan);
    }
}

package io.nifiecommerce.sandbox;

import io.nifiecommerce.sandbox.shopify.RateLimit;

import java.time.Duration;
import java.util.List;

/**
 * How to start a {@link Sandbox}. Build from {@link #defaults()} and the {@code with...} methods.
 *
 * @param port TCP port on 127.0.0.1; 0 for an ephemeral one
 * @param orders orders seeded in the shop
 * @param seed seed of the deterministic data (and of the fault draws)
 * @param faults faults and latency
 * @param rateLimit bucket size, restore rate, THROTTLED status, single query limit
 * @param shops shop names: the first is served at the root, every one under {@code /shops/<name>}
 * @param tokenLifetime lifetime of client-credentials tokens
 * @param bulkRunTime how long a bulk operation stays CREATED/RUNNING before COMPLETED
 * @param catalogFromErp true: the shops start with no products, variants, stock levels, B2B companies nor orders, while
 *                       Business Central holds the items, prices and B2B customers; the ERP's nightly sync fills the
 *                       catalog, then {@link Sandbox#placeOrdersOnSyncedCatalog()} places the seed's orders on it
 */
public record SandboxConfig(int port, int orders, long seed, FaultPlan faults, RateLimit rateLimit, List<String> shops,
                            Duration tokenLifetime, Duration bulkRunTime, boolean catalogFromErp) {

    public static SandboxConfig defaults() {
        return new SandboxConfig(0, 100, 42, FaultPlan.NONE, RateLimit.STANDARD, List.of("sandbox"), Duration.ofSeconds(86_399),
                Duration.ofMillis(300), false);
    }

    public SandboxConfig withPort(final int newPort) {
        return new SandboxConfig(newPort, orders, seed, faults, rateLimit, shops, tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withOrders(final int newOrders) {
        return new SandboxConfig(port, newOrders, seed, faults, rateLimit, shops, tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withSeed(final long newSeed) {
        return new SandboxConfig(port, orders, newSeed, faults, rateLimit, shops, tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withFaults(final FaultPlan newFaults) {
        return new SandboxConfig(port, orders, seed, newFaults, rateLimit, shops, tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withRateLimit(final RateLimit newRateLimit) {
        return new SandboxConfig(port, orders, seed, faults, newRateLimit, shops, tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withShops(final List<String> newShops) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, List.copyOf(newShops), tokenLifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withTokenLifetime(final Duration lifetime) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, shops, lifetime, bulkRunTime, catalogFromErp);
    }

    public SandboxConfig withBulkRunTime(final Duration runTime) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, shops, tokenLifetime, runTime, catalogFromErp);
    }

    /** Whether the shops start without the catalog the ERP publishes (see {@code catalogFromErp}). */
    public SandboxConfig withCatalogFromErp(final boolean fromErp) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, shops, tokenLifetime, bulkRunTime, fromErp);
    }
}

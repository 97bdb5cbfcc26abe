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
 */
public record SandboxConfig(int port, int orders, long seed, FaultPlan faults, RateLimit rateLimit, List<String> shops,
                            Duration tokenLifetime, Duration bulkRunTime) {

    public static SandboxConfig defaults() {
        return new SandboxConfig(0, 100, 42, FaultPlan.NONE, RateLimit.STANDARD, List.of("sandbox"), Duration.ofSeconds(86_399),
                Duration.ofMillis(300));
    }

    public SandboxConfig withPort(final int newPort) {
        return new SandboxConfig(newPort, orders, seed, faults, rateLimit, shops, tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withOrders(final int newOrders) {
        return new SandboxConfig(port, newOrders, seed, faults, rateLimit, shops, tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withSeed(final long newSeed) {
        return new SandboxConfig(port, orders, newSeed, faults, rateLimit, shops, tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withFaults(final FaultPlan newFaults) {
        return new SandboxConfig(port, orders, seed, newFaults, rateLimit, shops, tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withRateLimit(final RateLimit newRateLimit) {
        return new SandboxConfig(port, orders, seed, faults, newRateLimit, shops, tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withShops(final List<String> newShops) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, List.copyOf(newShops), tokenLifetime, bulkRunTime);
    }

    public SandboxConfig withTokenLifetime(final Duration lifetime) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, shops, lifetime, bulkRunTime);
    }

    public SandboxConfig withBulkRunTime(final Duration runTime) {
        return new SandboxConfig(port, orders, seed, faults, rateLimit, shops, tokenLifetime, runTime);
    }
}

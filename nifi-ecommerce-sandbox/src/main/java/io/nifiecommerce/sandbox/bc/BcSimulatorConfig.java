package io.nifiecommerce.sandbox.bc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link BusinessCentralSimulator}. Start from {@link #defaults()} and change what a
 * test needs with the {@code with...} methods.
 *
 * @param tenantId the Entra tenant (a GUID or a domain) in the token and API URLs
 * @param environment the BC environment name ({@code Production}, {@code Sandbox})
 * @param clientId the app registration's client id accepted by the token endpoint
 * @param clientSecret its secret
 * @param tokenLifetime how long an access token lives ({@code expires_in}); 3599 s like Entra
 * @param rateWindow the sliding window of the request limit (5 minutes online; shorten it in tests)
 * @param maxRequestsPerWindow requests allowed per window before 429 (6000 online)
 * @param maxConcurrentRequests requests served at once; the others wait in a fair queue (5 online)
 * @param queueTimeout how long a queued request waits before a 503 (8 minutes online)
 * @param retryAfter whether 429 answers carry Retry-After
 * @param batchCountsAsOne whether a {@code $batch} counts as one request against the window
 *        (Microsoft does not document it; when false each operation counts)
 * @param defaultPageSize the server page size when the client sends no {@code odata.maxpagesize} (20000 online)
 * @param seed the seed of entity ids
 * @param clock the clock of tokens and timestamps
 */
public record BcSimulatorConfig(String tenantId, String environment, String clientId, String clientSecret, Duration tokenLifetime,
                                Duration rateWindow, int maxRequestsPerWindow, int maxConcurrentRequests, Duration queueTimeout,
                                RetryAfterPolicy retryAfter, boolean batchCountsAsOne, int defaultPageSize, long seed, Clock clock) {

    public static final String DEFAULT_TENANT = "7f3c1a52-3c8e-4b8a-9d2f-0c5e6a4b1d90";

    public BcSimulatorConfig {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(clock, "clock");
        if (maxRequestsPerWindow < 1 || maxConcurrentRequests < 1 || defaultPageSize < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static BcSimulatorConfig defaults() {
        return new BcSimulatorConfig(DEFAULT_TENANT, "Production", "sandbox-client", "sandbox-secret", Duration.ofSeconds(3599),
                Duration.ofMinutes(5), 6000, 5, Duration.ofMinutes(8), RetryAfterPolicy.SOMETIMES, true, 20000, 42L, Clock.systemUTC());
    }

    public BcSimulatorConfig withTenant(final String newTenantId, final String newEnvironment) {
        return new BcSimulatorConfig(newTenantId, newEnvironment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withClient(final String newClientId, final String newClientSecret) {
        return new BcSimulatorConfig(tenantId, environment, newClientId, newClientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withTokenLifetime(final Duration lifetime) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, lifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withRateLimit(final Duration window, final int maxRequests) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, window, maxRequests,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withConcurrency(final int maxConcurrent, final Duration newQueueTimeout) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrent, newQueueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withRetryAfter(final RetryAfterPolicy policy) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, policy, batchCountsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withBatchCountsAsOne(final boolean countsAsOne) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, countsAsOne, defaultPageSize, seed, clock);
    }

    public BcSimulatorConfig withDefaultPageSize(final int pageSize) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, pageSize, seed, clock);
    }

    public BcSimulatorConfig withSeed(final long newSeed) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, newSeed, clock);
    }

    public BcSimulatorConfig withClock(final Clock newClock) {
        return new BcSimulatorConfig(tenantId, environment, clientId, clientSecret, tokenLifetime, rateWindow, maxRequestsPerWindow,
                maxConcurrentRequests, queueTimeout, retryAfter, batchCountsAsOne, defaultPageSize, seed, newClock);
    }
}

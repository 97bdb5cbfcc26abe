package io.nifiecommerce.amazon;

import io.nifiecommerce.http.QuotaRegistry;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage plans of one selling partner and application in one region: a {@link RateGate} per operation. Amazon meters
 * each operation per selling partner and application, whatever connection service or flow calls it, so every connection
 * service of the same pair on this node shares one set of gates ({@link #lease}).
 */
public final class UsagePlans {

    private static final QuotaRegistry<Void, UsagePlans> NODE = new QuotaRegistry<>((plans, holders) -> {
    });

    private final Clock clock;
    private final Map<String, RateGate> gates = new ConcurrentHashMap<>();

    public UsagePlans(final Clock clock) {
        this.clock = clock;
    }

    /** The gate of an operation, created on first use with its documented plan. */
    public RateGate gate(final String operation, final SellingPartnerClient.Plan plan) {
        return gates.computeIfAbsent(operation, name -> new RateGate(plan.rate(), plan.burst(), clock));
    }

    /**
     * The plans of a selling partner (the refresh token it granted, of which the key keeps only a hash) and an application
     * (its LWA client id) on a regional endpoint; close the lease when the connection service is disabled.
     */
    public static QuotaRegistry<Void, UsagePlans>.Lease lease(final URI endpoint, final String clientId, final String refreshToken,
                                                              final Clock clock) {
        return NODE.lease(key(endpoint, clientId, refreshToken), null, none -> new UsagePlans(clock));
    }

    /** Open leases of a selling partner's and application's plans. */
    public static int holders(final URI endpoint, final String clientId, final String refreshToken) {
        return NODE.holders(key(endpoint, clientId, refreshToken));
    }

    private static String key(final URI endpoint, final String clientId, final String refreshToken) {
        return QuotaRegistry.key("selling-partner-api", endpoint.toString().toLowerCase(Locale.ROOT).replaceAll("/+$", ""),
                clientId.trim(), refreshToken.trim());
    }
}

package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.QuotaRegistry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One {@link RequestGovernor} per Business Central user and environment on this node. BC's limits (5 concurrent
 * requests, 6,000 per 5 minutes) are the user's, whichever company, connection service or flow sends: every
 * connection service of the same user shares one governor, and that governor keeps the node's cluster share.
 *
 * <p>Holders configured differently get the strictest of their settings: the lowest cap, the lowest number of
 * requests per window over the longest window (one service told to stay low because another integration uses the
 * same user speaks for every service of it). The limits relax again when that holder is disabled.
 */
public final class RequestGovernors {

    /** The limits one connection service is configured with. */
    public record Limits(int maxConcurrent, int windowLimit, Duration window) {

        /** The limits every holder can live with: none of them exceeded. */
        static Limits strictest(final List<Limits> all) {
            return new Limits(all.stream().mapToInt(Limits::maxConcurrent).min().orElseThrow(),
                    all.stream().mapToInt(Limits::windowLimit).min().orElseThrow(),
                    all.stream().map(Limits::window).max(Comparator.naturalOrder()).orElseThrow());
        }
    }

    private static final QuotaRegistry<Limits, RequestGovernor> NODE = new QuotaRegistry<>((governor, all) -> {
        final Limits strictest = Limits.strictest(all);
        governor.limits(strictest.maxConcurrent(), strictest.windowLimit(), strictest.window());
    });

    private RequestGovernors() {
    }

    /**
     * The governor of a user on an environment, created with {@code share} if none is held; close the lease when the
     * connection service is disabled.
     *
     * @param user who BC counts the requests of, in {@link #clientUser}, {@link #basicUser} or {@link #providedUser} form
     */
    public static QuotaRegistry<Limits, RequestGovernor>.Lease lease(final BusinessCentralEndpoint endpoint, final String user,
                                                                     final Limits limits, final ClusterShare share) {
        return NODE.lease(key(endpoint, user), limits, own -> new RequestGovernor(own.maxConcurrent(), own.windowLimit(), own.window(), share));
    }

    /** Open leases of a user's governor. */
    public static int holders(final BusinessCentralEndpoint endpoint, final String user) {
        return NODE.holders(key(endpoint, user));
    }

    /** An Entra ID app (service-to-service): BC meters the app registration of the tenant. */
    public static String clientUser(final String tenant, final String clientId) {
        return "app:" + normalized(tenant) + "/" + normalized(clientId);
    }

    /** A Basic user: BC user names are case-insensitive. */
    public static String basicUser(final String userName) {
        return "user:" + normalized(userName);
    }

    /** Tokens from a NiFi token provider: whoever they name, the same provider names the same one. */
    public static String providedUser(final String providerServiceId) {
        return "provider:" + providerServiceId;
    }

    private static String key(final BusinessCentralEndpoint endpoint, final String user) {
        // the service root names the tenant and environment (online) or the server instance; the company is left out
        return QuotaRegistry.key("business-central", endpoint.serviceRoot().toLowerCase(Locale.ROOT), user);
    }

    private static String normalized(final String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}

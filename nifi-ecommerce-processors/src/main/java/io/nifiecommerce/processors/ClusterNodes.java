package io.nifiecommerce.processors;

import io.nifiecommerce.http.ClusterShare;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.logging.ComponentLog;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * How many NiFi nodes spend the vendors' quotas, as NiFi tells its components: the members of the cluster
 * (every node it knows, connected or not, so a node that just died keeps its part until it is removed;
 * NiFi names them by host, so nodes sharing one host count once). Standalone: one.
 *
 * <p>Asking NiFi takes the flow controller's lock, which NiFi holds while it synchronises the flow (a node
 * joining or restarting, with our services being enabled meanwhile): the count is therefore never asked when
 * a service is enabled, only by requests, and at most every few seconds.
 */
public final class ClusterNodes implements IntSupplier {

    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final NodeTypeProvider provider;
    private final ComponentLog logger;
    private final LongSupplier nanoClock;
    private volatile int lastKnown = 1;
    private volatile long askedAt;
    private volatile boolean asked;

    ClusterNodes(final NodeTypeProvider provider, final ComponentLog logger, final LongSupplier nanoClock) {
        this.provider = provider;
        this.logger = logger;
        this.nanoClock = nanoClock;
    }

    /** This node's share of a cluster-wide quota, following the cluster as it changes; changes are logged to {@code logger}. */
    public static ClusterShare share(final NodeTypeProvider provider, final ComponentLog logger) {
        return provider == null ? ClusterShare.WHOLE : new ClusterShare(new ClusterNodes(provider, logger, System::nanoTime));
    }

    @Override
    public int getAsInt() {
        if (!provider.isConfiguredForClustering()) { // a field of NiFi's: no lock
            return 1;
        }
        final long now = nanoClock.getAsLong();
        if (asked && now - askedAt < REFRESH_NANOS) {
            return lastKnown;
        }
        asked = true;
        askedAt = now;
        // disconnected from the cluster, a node is told no members but the others still spend the quota: keep the last count
        final int members = provider.isClustered() ? provider.getClusterMembers().size() : 0;
        if (members > 0 && members != lastKnown) {
            if (logger != null) {
                logger.info("The vendors' quotas are shared by {} nodes: this node takes 1/{} of them", members, members);
            }
            lastKnown = members;
        }
        return lastKnown;
    }
}

package io.nifiecommerce.processors;

import io.nifiecommerce.http.ClusterShare;
import org.apache.nifi.controller.NodeTypeProvider;

import java.util.function.IntSupplier;

/**
 * How many NiFi nodes spend the vendors' quotas, as NiFi tells its components: the members of the cluster
 * (every node it knows, connected or not, so a node that just died keeps its part until it is removed;
 * NiFi names them by host, so nodes sharing one host count once). Standalone: one.
 */
public final class ClusterNodes implements IntSupplier {

    private final NodeTypeProvider provider;
    private volatile int lastKnown = 1;

    private ClusterNodes(final NodeTypeProvider provider) {
        this.provider = provider;
    }

    /** This node's share of a cluster-wide quota, following the cluster as it changes. */
    public static ClusterShare share(final NodeTypeProvider provider) {
        return provider == null ? ClusterShare.WHOLE : new ClusterShare(new ClusterNodes(provider));
    }

    @Override
    public int getAsInt() {
        if (!provider.isConfiguredForClustering()) {
            return 1;
        }
        // disconnected from the cluster, a node is told no members but the others still spend the quota: keep the last count
        final int members = provider.isClustered() ? provider.getClusterMembers().size() : 0;
        if (members > 0) {
            lastKnown = members;
        }
        return lastKnown;
    }
}

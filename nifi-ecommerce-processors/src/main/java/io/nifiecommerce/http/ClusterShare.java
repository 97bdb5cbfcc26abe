package io.nifiecommerce.http;

import java.util.function.IntSupplier;

/**
 * One node's share of a quota that every node of a NiFi cluster spends together: Business Central counts
 * requests per user and Shopify per shop, whichever node sends them. Connections after the primary-only
 * sources are load-balanced round robin, so the nodes carry about equal work and an equal split uses the
 * quota without any coordination between them. The number of nodes is asked again at each use, so the share
 * follows nodes joining and leaving.
 */
public final class ClusterShare {

    /** A standalone NiFi: the whole quota. */
    public static final ClusterShare WHOLE = new ClusterShare(() -> 1);

    private final IntSupplier nodes;

    /** @param nodes how many nodes spend the quota now; below 1 counts as 1 */
    public ClusterShare(final IntSupplier nodes) {
        this.nodes = nodes;
    }

    public int nodes() {
        return Math.max(1, nodes.getAsInt());
    }

    /** This node's whole number of {@code whole}, at least 1, rounded down so that the nodes together stay within it. */
    public int of(final int whole) {
        return Math.max(1, whole / nodes());
    }

    public double of(final double whole) {
        return whole / nodes();
    }
}

package io.nifiecommerce.processors;

import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.FlowFileFilter;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lets a keyed writer (one that looks an order up before it creates or changes it) run several concurrent tasks, on one
 * node or several, without two of them ever writing the same order at once. A FlowFile names its orders by a key
 * ({@link #KEY_ATTRIBUTES}: a bucket of the order's key, or the EDI order's number); a task takes only a FlowFile whose
 * key no other task of the same processor holds, on this node or, in a cluster, on another ({@link ClusterClaims}), and
 * holds it until the task is done.
 *
 * <p>On the node, the claim is taken in the {@link FlowFileFilter} NiFi applies under the queue's lock, so two tasks can
 * never both pass it with one key; FlowFiles of a held key stay queued in their order and the task takes the first free
 * one behind them. A FlowFile naming no key may hold any order: it runs alone, as with one task.
 */
public final class OrderClaims {

    /**
     * The attributes that name what a FlowFile's records are about, first match wins: the order bucket the flows' grouping
     * step writes ({@code ecommerce.order.bucket}), or the one EDI order a FlowFile of ReadRetailOrderEdi holds.
     */
    public static final List<String> KEY_ATTRIBUTES = List.of("ecommerce.order.bucket", "eancom.order.number");

    /** How long a task pauses when every queued FlowFile is held by another node: short, since claims last one FlowFile. */
    private static final long HELD_ELSEWHERE_PAUSE_MILLIS = 100;

    private final Set<String> held = new HashSet<>();
    private boolean exclusive;
    private final Supplier<NodeTypeProvider> nodeType;
    private final Supplier<ComponentLog> logger;
    private final Function<ProcessContext, StateManager> stateOf;
    private volatile ClusterClaims cluster;

    /** Claims among the tasks of one node only (tests, and processors that never run in a cluster). */
    public OrderClaims() {
        this(() -> null, () -> null);
    }

    /**
     * Claims that hold across the cluster when NiFi is configured for one (the processor's cluster state keeps them).
     *
     * @param nodeType the processor's {@code getNodeTypeProvider}
     * @param logger the processor's {@code getLogger}
     */
    public OrderClaims(final Supplier<NodeTypeProvider> nodeType, final Supplier<ComponentLog> logger) {
        this(nodeType, logger, ProcessContext::getStateManager);
    }

    /** @param stateOf where the cluster's claims are kept (tests: one state shared by several simulated nodes) */
    OrderClaims(final Supplier<NodeTypeProvider> nodeType, final Supplier<ComponentLog> logger, final Function<ProcessContext, StateManager> stateOf) {
        this.nodeType = nodeType;
        this.logger = logger;
        this.stateOf = stateOf;
    }

    /**
     * The next FlowFile whose key is free, on this node and across the cluster, claimed for this task until the returned
     * claim is closed (in a finally, or by try-with-resources); null when every queued FlowFile's key is held, the queue is
     * empty, or the cluster's claims cannot be read now (nothing is taken then: the FlowFiles wait).
     */
    public Claim next(final ProcessContext context, final ProcessSession session) {
        final ClusterClaims acrossNodes = acrossNodes(context);
        if (acrossNodes == null) {
            return next(session, Set.of(), null);
        }
        final Set<String> elsewhere;
        try {
            elsewhere = acrossNodes.heldElsewhere();
        } catch (final IOException | RuntimeException e) {
            logger.get().warn("Cannot read which orders other nodes are writing; nothing taken until the cluster state answers", e);
            context.yield();
            return null;
        }
        return next(session, elsewhere, acrossNodes);
    }

    /** The next FlowFile whose key is free among this node's tasks (no cluster). */
    public Claim next(final ProcessSession session) {
        return next(session, Set.of(), null);
    }

    private Claim next(final ProcessSession session, final Set<String> elsewhere, final ClusterClaims acrossNodes) {
        final String[] key = new String[1];
        final boolean[] claimed = new boolean[1];
        final boolean[] skippedElsewhere = new boolean[1];
        final List<FlowFile> flowFiles;
        try {
            flowFiles = session.get(flowFile -> {
                final String candidate = keyOf(flowFile);
                if (claimed[0]) {
                    return FlowFileFilter.FlowFileFilterResult.REJECT_AND_CONTINUE;
                }
                if (heldElsewhere(candidate, elsewhere)) {
                    skippedElsewhere[0] = true;
                    return FlowFileFilter.FlowFileFilterResult.REJECT_AND_CONTINUE;
                }
                if (!tryClaim(candidate)) {
                    return FlowFileFilter.FlowFileFilterResult.REJECT_AND_CONTINUE;
                }
                key[0] = candidate;
                claimed[0] = true;
                return FlowFileFilter.FlowFileFilterResult.ACCEPT_AND_TERMINATE;
            });
        } catch (final RuntimeException e) {
            if (claimed[0]) {
                release(key[0]);
            }
            throw e;
        }
        if (flowFiles.isEmpty()) {
            if (claimed[0]) {
                release(key[0]);
            }
            if (skippedElsewhere[0]) {
                pause();
            }
            return null;
        }
        if (acrossNodes != null && !claimAcrossNodes(acrossNodes, key[0])) {
            release(key[0]);
            session.rollback(); // back to the queue unpenalized, in its place: the node holding the key is done soon
            return null;
        }
        return new Claim(flowFiles.getFirst(), key[0], acrossNodes);
    }

    private ClusterClaims acrossNodes(final ProcessContext context) {
        ClusterClaims claims = cluster;
        if (claims == null) {
            final NodeTypeProvider provider = nodeType.get();
            if (provider == null || !provider.isConfiguredForClustering()) {
                return null;
            }
            synchronized (this) {
                if (cluster == null) {
                    cluster = new ClusterClaims(stateOf.apply(context), holderName(provider), logger.get(), System::currentTimeMillis);
                }
                claims = cluster;
            }
        }
        return claims;
    }

    /**
     * This processor instance in this JVM: the node's name alone is not enough, since NiFi names nodes by host and two may
     * share one, and a node restarted after a crash must not take its dead predecessor's claims for its own tasks' ones.
     */
    private static String holderName(final NodeTypeProvider provider) {
        String node;
        try {
            node = provider.getCurrentNode().orElse("node");
        } catch (final RuntimeException e) { // NiFi's default answer when the provider does not know
            node = "node";
        }
        return node + "#" + ProcessHandle.current().pid() + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The cluster's name for a node's key: a FlowFile naming no order holds them all. */
    private static String clusterKey(final String key) {
        return key == null ? ClusterClaims.EVERYTHING : key;
    }

    private static boolean heldElsewhere(final String key, final Set<String> elsewhere) {
        if (elsewhere.isEmpty()) {
            return false;
        }
        return key == null || elsewhere.contains(ClusterClaims.EVERYTHING) || elsewhere.contains(key);
    }

    private boolean claimAcrossNodes(final ClusterClaims acrossNodes, final String key) {
        try {
            return acrossNodes.claim(clusterKey(key));
        } catch (final IOException | RuntimeException e) {
            logger.get().warn("Cannot claim {} across the cluster; the FlowFile waits in the queue", key, e);
            return false;
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(HELD_ELSEWHERE_PAUSE_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The key a FlowFile is claimed by; null when it names none. */
    static String keyOf(final FlowFile flowFile) {
        for (final String attribute : KEY_ATTRIBUTES) {
            final String value = flowFile.getAttribute(attribute);
            if (value != null && !value.isEmpty()) {
                return attribute + "=" + value;
            }
        }
        return null;
    }

    /** Claims {@code key} (null: everything) unless another task holds it (or anything, for null). */
    synchronized boolean tryClaim(final String key) {
        if (exclusive) {
            return false;
        }
        if (key == null) {
            exclusive = held.isEmpty();
            return exclusive;
        }
        return held.add(key);
    }

    synchronized void release(final String key) {
        if (key == null) {
            exclusive = false;
        } else {
            held.remove(key);
        }
    }

    /** Keys held now, for tests and diagnostics. */
    synchronized int held() {
        return held.size() + (exclusive ? 1 : 0);
    }

    /** A FlowFile taken with its key held; closing releases the key (once). */
    public final class Claim implements AutoCloseable {
        private final FlowFile flowFile;
        private final String key;
        private final ClusterClaims acrossNodes;
        private boolean released;

        private Claim(final FlowFile flowFile, final String key, final ClusterClaims acrossNodes) {
            this.flowFile = flowFile;
            this.key = key;
            this.acrossNodes = acrossNodes;
        }

        public FlowFile flowFile() {
            return flowFile;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                // the cluster's claim first: while the node's is held, no other task here can take the key and its entry
                if (acrossNodes != null) {
                    acrossNodes.release(clusterKey(key));
                }
                release(key);
            }
        }
    }
}

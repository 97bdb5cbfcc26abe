package io.nifiecommerce.processors;

import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderClaimsTest {

    private static final String BUCKET = OrderClaims.KEY_ATTRIBUTES.getFirst();

    @Test
    void aTaskSkipsTheBucketsOthersHoldAndTakesThemInOrderOnceFree() {
        final TestRunner runner = TestRunners.newTestRunner(new KeyedWriter());
        runner.enqueue(new byte[0], Map.of(BUCKET, "a", "n", "1"));
        runner.enqueue(new byte[0], Map.of(BUCKET, "a", "n", "2"));
        runner.enqueue(new byte[0], Map.of(BUCKET, "b", "n", "3"));
        final ProcessSessionFactory sessions = runner.getProcessSessionFactory();
        final OrderClaims claims = new OrderClaims();

        final OrderClaims.Claim first = claims.next(sessions.createSession());
        assertEquals("1", first.flowFile().getAttribute("n"));
        final OrderClaims.Claim second = claims.next(sessions.createSession());
        assertEquals("3", second.flowFile().getAttribute("n"), "bucket a is held: the next task takes b");
        assertNull(claims.next(sessions.createSession()), "only bucket a is left, and it is held");

        first.close();
        first.close();
        final OrderClaims.Claim third = claims.next(sessions.createSession());
        assertNotNull(third);
        assertEquals("2", third.flowFile().getAttribute("n"));
        third.close();
        second.close();
        assertEquals(0, claims.held());
    }

    @Test
    void aFlowFileNamingNoOrderRunsAlone() {
        final OrderClaims claims = new OrderClaims();
        assertTrue(claims.tryClaim(BUCKET + "=a"));
        assertTrue(!claims.tryClaim(null), "keyless waits for every keyed task to finish");
        claims.release(BUCKET + "=a");
        assertTrue(claims.tryClaim(null));
        assertTrue(!claims.tryClaim(BUCKET + "=b"), "nothing starts beside a keyless task");
        assertTrue(!claims.tryClaim(null));
        claims.release(null);
        assertTrue(claims.tryClaim(BUCKET + "=b"));
    }

    @Test
    void theBucketWinsOverTheEdiOrderNumber() {
        final MockFlowFile flowFile = new MockFlowFile(1);
        flowFile.putAttributes(Map.of("eancom.order.number", "PO-7"));
        assertEquals("eancom.order.number=PO-7", OrderClaims.keyOf(flowFile));
        flowFile.putAttributes(Map.of(BUCKET, "c"));
        assertEquals(BUCKET + "=c", OrderClaims.keyOf(flowFile));
        assertNull(OrderClaims.keyOf(new MockFlowFile(2)));
    }

    /** Eight tasks on one processor, 4 buckets of 40 FlowFiles: never two tasks in one bucket, every FlowFile written once. */
    @Test
    void concurrentTasksNeverWriteOneBucketAtOnce() {
        final KeyedWriter writer = new KeyedWriter();
        final TestRunner runner = TestRunners.newTestRunner(writer);
        for (int n = 0; n < 160; n++) {
            runner.enqueue(new byte[0], Map.of(BUCKET, "abcd".substring(n % 4, n % 4 + 1), "n", String.valueOf(n)));
        }
        runner.setThreadCount(8);
        // a task finding every queued bucket held returns at once and uses up an iteration: run until the queue is drained
        final long end = System.nanoTime() + 60_000_000_000L;
        while (!runner.isQueueEmpty() && System.nanoTime() < end) {
            runner.run(200);
        }
        assertEquals(0, writer.overlaps.get(), "two tasks wrote one bucket at once");
        assertTrue(writer.mostAtOnce.get() > 1, "the buckets were written in parallel: " + writer.mostAtOnce.get());
        // counted by the writer, as it writes
        assertTrue(runner.isQueueEmpty());
        assertEquals(160, writer.written.size(), "every FlowFile written once");
        assertEquals(160, writer.writes.get());
        assertEquals(0, writer.claims.held());
    }

    /**
     * Two nodes, four tasks each, both fed FlowFiles of the same eight buckets round robin: with the claims kept in the
     * cluster's state no bucket is ever written by both at once, and each FlowFile is written once. The same run with
     * claims kept per node only (what round robin alone would give) does write buckets on both nodes at once.
     */
    @Test
    void twoNodesNeverWriteOneBucketAtOnce() throws Exception {
        final SharedClusterState cluster = new SharedClusterState();
        final Result acrossNodes = runTwoNodes(writer -> new OrderClaims(TestCluster::new, writer::logger, context -> cluster));
        assertEquals(0, acrossNodes.overlaps, "a bucket written by both nodes at once");
        assertEquals(400, acrossNodes.written, "every FlowFile written once");
        assertEquals(Map.of(), cluster.values(), "every claim given back");

        final Result perNode = runTwoNodes(writer -> new OrderClaims());
        assertTrue(perNode.overlaps > 0, "the control: without the cluster's claims the nodes overlap");
    }

    @Test
    void aClusteredWriterKeepsItsClaimsInClusterStateAndGivesThemBack() throws IOException {
        final KeyedWriter writer = new KeyedWriter(w -> new OrderClaims(w::nodeType, w::logger), new ConcurrentHashMap<>(),
                new AtomicInteger(), ConcurrentHashMap.newKeySet());
        final TestRunner runner = TestRunners.newTestRunner(writer);
        runner.setIsConfiguredForClustering(true);
        runner.setClustered(true);
        for (int n = 0; n < 20; n++) {
            runner.enqueue(new byte[0], Map.of(BUCKET, "abcd".substring(n % 4, n % 4 + 1), "n", String.valueOf(n)));
        }
        runner.run(20);
        runner.assertAllFlowFilesTransferred(KeyedWriter.SUCCESS, 20);
        assertTrue(runner.getStateManager().getRetrievalCount(Scope.CLUSTER) >= 20, "each FlowFile asked the cluster");
        runner.getStateManager().assertStateSet(Scope.CLUSTER);
        assertEquals(Map.of(), runner.getStateManager().getState(Scope.CLUSTER).toMap());
    }

    @Test
    void aClusterStateThatCannotBeReadTakesNothing() {
        final SharedClusterState cluster = new SharedClusterState();
        final KeyedWriter writer = new KeyedWriter(w -> new OrderClaims(TestCluster::new, w::logger, context -> cluster),
                new ConcurrentHashMap<>(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        final TestRunner runner = TestRunners.newTestRunner(writer);
        runner.enqueue(new byte[0], Map.of(BUCKET, "a", "n", "1"));
        cluster.unreachable = true;
        runner.run();
        runner.assertQueueNotEmpty();
        assertEquals(0, writer.writes.get());
        cluster.unreachable = false;
        runner.run();
        runner.assertAllFlowFilesTransferred(KeyedWriter.SUCCESS, 1);
    }

    private record Result(int overlaps, int written) {
    }

    private static Result runTwoNodes(final Function<KeyedWriter, OrderClaims> claims) throws Exception {
        final Map<String, AtomicInteger> writing = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();
        final Set<String> written = ConcurrentHashMap.newKeySet();
        final List<TestRunner> nodes = new ArrayList<>();
        for (final String node : List.of("a", "b")) {
            final TestRunner runner = TestRunners.newTestRunner(new KeyedWriter(claims, writing, overlaps, written));
            runner.setThreadCount(4);
            for (int n = 0; n < 200; n++) {
                runner.enqueue(new byte[0], Map.of(BUCKET, "abcdefgh".substring(n % 8, n % 8 + 1), "n", node + n));
            }
            nodes.add(runner);
        }
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final List<Future<?>> runs = new ArrayList<>();
            for (final TestRunner runner : nodes) {
                runs.add(pool.submit(() -> {
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    boolean first = true;
                    while (!runner.isQueueEmpty() && System.nanoTime() < deadline) {
                        runner.run(40, false, first);
                        first = false;
                    }
                    runner.run(1, true, false);
                }));
            }
            for (final Future<?> run : runs) {
                run.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(overlaps.get(), written.size());
    }

    /** A keyed writer reduced to its claim: it notes which buckets are being written while it "writes" for a moment. */
    @Stateful(scopes = Scope.CLUSTER, description = "the order buckets being written, in a cluster")
    static final class KeyedWriter extends AbstractProcessor {
        static final int SLEEP_MILLIS = 3;
        static final Relationship SUCCESS = new Relationship.Builder().name("success").build();
        final OrderClaims claims;
        final Map<String, AtomicInteger> writing;
        final AtomicInteger inProgress = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger overlaps;
        final Set<String> written;
        final AtomicInteger writes = new AtomicInteger();

        KeyedWriter() {
            this.claims = new OrderClaims();
            this.writing = new ConcurrentHashMap<>();
            this.overlaps = new AtomicInteger();
            this.written = ConcurrentHashMap.newKeySet();
        }

        /** One node of a cluster: {@code claims} made for it, the buckets being written and what was written shared by all nodes. */
        KeyedWriter(final Function<KeyedWriter, OrderClaims> claims, final Map<String, AtomicInteger> writing, final AtomicInteger overlaps,
                    final Set<String> written) {
            this.claims = claims.apply(this);
            this.writing = writing;
            this.overlaps = overlaps;
            this.written = written;
        }

        NodeTypeProvider nodeType() {
            return getNodeTypeProvider();
        }

        ComponentLog logger() {
            return getLogger();
        }

        @Override
        public Set<Relationship> getRelationships() {
            return Set.of(SUCCESS);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            try (OrderClaims.Claim claim = claims.next(context, session)) {
                if (claim == null) {
                    return;
                }
                final AtomicInteger bucket = writing.computeIfAbsent(claim.flowFile().getAttribute(BUCKET), b -> new AtomicInteger());
                if (bucket.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(SLEEP_MILLIS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.add(claim.flowFile().getAttribute("n"));
                writes.incrementAndGet();
                inProgress.decrementAndGet();
                bucket.decrementAndGet();
                session.transfer(claim.flowFile(), SUCCESS);
            }
        }
    }
}

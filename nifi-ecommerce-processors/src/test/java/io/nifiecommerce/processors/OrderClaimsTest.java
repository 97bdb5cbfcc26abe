package io.nifiecommerce.processors;

import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** A keyed writer reduced to its claim: it notes which buckets are being written while it "writes" for a moment. */
    static final class KeyedWriter extends AbstractProcessor {
        static final Relationship SUCCESS = new Relationship.Builder().name("success").build();
        final OrderClaims claims = new OrderClaims();
        final Map<String, AtomicInteger> writing = new ConcurrentHashMap<>();
        final AtomicInteger inProgress = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final Set<String> written = ConcurrentHashMap.newKeySet();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public Set<Relationship> getRelationships() {
            return Set.of(SUCCESS);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            try (OrderClaims.Claim claim = claims.next(session)) {
                if (claim == null) {
                    return;
                }
                final AtomicInteger bucket = writing.computeIfAbsent(claim.flowFile().getAttribute(BUCKET), b -> new AtomicInteger());
                if (bucket.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(3);
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

package io.nifiecommerce.processors;

import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterClaimsTest {

    private final SharedClusterState state = new SharedClusterState();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ClusterClaims nodeA = node("127.0.0.1:8443#11");
    private final ClusterClaims nodeB = node("127.0.0.2:8443#12");

    @Test
    void oneKeyIsHeldByOneNodeAtATime() throws IOException {
        assertTrue(nodeA.claim("bucket=a"));
        assertFalse(nodeB.claim("bucket=a"), "node A writes bucket a");
        assertEquals(Set.of("bucket=a"), nodeB.heldElsewhere());
        assertEquals(Set.of(), nodeA.heldElsewhere(), "a node does not wait for itself");
        assertTrue(nodeB.claim("bucket=b"), "another bucket is free");

        nodeA.release("bucket=a");
        assertTrue(nodeB.claim("bucket=a"), "free once node A is done");
        nodeB.release("bucket=a");
        nodeB.release("bucket=b");
        assertEquals(0, state.values().size(), "nothing left behind");
    }

    @Test
    void aFlowFileNamingNoOrderWaitsForEveryOtherNodeAndHoldsThemAll() throws IOException {
        assertTrue(nodeA.claim("bucket=a"));
        assertFalse(nodeB.claim(ClusterClaims.EVERYTHING), "node A writes something");
        nodeA.release("bucket=a");
        assertTrue(nodeB.claim(ClusterClaims.EVERYTHING));
        assertFalse(nodeA.claim("bucket=c"), "nothing starts beside it");
        assertTrue(nodeA.heldElsewhere().contains(ClusterClaims.EVERYTHING));
    }

    @Test
    void aDeadNodesClaimLapsesAfterTheLeaseAndARenewedOneDoesNot() throws IOException {
        assertTrue(nodeA.claim("bucket=a"));
        assertTrue(nodeA.claim("bucket=b"));
        now.addAndGet(TimeUnit.SECONDS.toMillis(45));
        nodeA.renew(); // node A is alive and still writing bucket b...
        nodeA.release("bucket=a");
        assertTrue(nodeA.claim("bucket=a")); // ...and took bucket a again, then died
        now.addAndGet(ClusterClaims.LEASE_MILLIS - 1);
        assertFalse(nodeB.claim("bucket=a"));
        assertFalse(nodeB.claim("bucket=b"), "renewed 59.999 s ago");
        now.addAndGet(2);
        assertTrue(nodeB.claim("bucket=a"), "node A's lease has lapsed");
        assertTrue(nodeB.claim("bucket=b"));
        assertEquals(Set.of("bucket=a", "bucket=b"), state.values().keySet(), "the lapsed entries were replaced, not kept");
    }

    @Test
    void aNodeRestartedAfterACrashWaitsForItsPredecessorsClaims() throws IOException {
        assertTrue(nodeA.claim("bucket=a"));
        final ClusterClaims restarted = node("127.0.0.1:8443#99");
        assertFalse(restarted.claim("bucket=a"), "its tasks did not take it: the dead process did");
        now.addAndGet(ClusterClaims.LEASE_MILLIS + 1);
        assertTrue(restarted.claim("bucket=a"));
    }

    @Test
    void aClaimRetriesWhenAnotherNodeWroteTheStateFirst() throws IOException {
        state.lostRaces.set(3);
        assertTrue(nodeA.claim("bucket=a"));
        assertEquals(Set.of("bucket=a"), nodeA.mine());
        state.lostRaces.set(100);
        assertFalse(nodeB.claim("bucket=b"), "a state that keeps changing is left for another FlowFile");
        state.lostRaces.set(0);
        assertTrue(nodeB.claim("bucket=b"));
    }

    @Test
    void anUnreachableStateTakesNothingAndAFailedReleaseLapses() throws IOException {
        assertTrue(nodeA.claim("bucket=a"));
        state.unreachable = true;
        assertThrows(IOException.class, () -> nodeB.claim("bucket=b"));
        assertThrows(IOException.class, nodeB::heldElsewhere);
        nodeA.release("bucket=a"); // logged, not thrown: the claim lapses
        state.unreachable = false;
        assertFalse(nodeB.claim("bucket=a"));
        now.addAndGet(ClusterClaims.LEASE_MILLIS + 1);
        assertTrue(nodeB.claim("bucket=a"));
    }

    private ClusterClaims node(final String holder) {
        return new ClusterClaims(state, holder, new MockComponentLog("claims", this), now::get);
    }
}

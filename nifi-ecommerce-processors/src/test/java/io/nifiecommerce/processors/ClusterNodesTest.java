package io.nifiecommerce.processors;

import io.nifiecommerce.http.ClusterShare;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ClusterNodesTest {

    @Test
    void eachNodeTakesItsShareAndFollowsTheCluster() {
        final TestCluster cluster = new TestCluster();
        final AtomicLong now = new AtomicLong();
        final ClusterShare share = new ClusterShare(new ClusterNodes(cluster, null, now::get));
        assertEquals(2, share.of(5), "BC's 5 concurrent requests per user: 2 per node on 2 nodes");
        assertEquals(3000, share.of(6000));
        cluster.members = Set.of("nifi-1.example.com", "nifi-2.example.com", "nifi-3.example.com");
        assertEquals(3000, share.of(6000), "NiFi is asked again after a few seconds, not at each request (it takes a lock)");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(2000, share.of(6000), "a third node joined");
        cluster.connected = false;
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(3, share.nodes(), "disconnected, a node keeps the last count: the others still spend the quota");
        cluster.configured = false;
        assertEquals(1, share.nodes(), "standalone");
    }

    @Test
    void withoutAProviderTheWholeQuota() {
        assertSame(ClusterShare.WHOLE, ClusterNodes.share(null, null));
    }
}

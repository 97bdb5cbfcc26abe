package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ClusterShare;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestGovernorTest {

    /** A clock that only moves when someone sleeps. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = new ArrayList<>();

    private RequestGovernor governor(final int concurrent, final int limit, final Duration window) {
        return new RequestGovernor(concurrent, limit, window, now::get, d -> now.addAndGet(d.toNanos()));
    }

    @Test
    void slidingWindowPacesBeforeTheServerHasToSay429() {
        final RequestGovernor governor = governor(5, 3, Duration.ofSeconds(10));
        final long start = now.get();
        for (int i = 0; i < 3; i++) {
            governor.acquire().close();
        }
        assertEquals(start, now.get(), "the first three start at once");
        governor.acquire().close();
        assertEquals(start + TimeUnit.SECONDS.toNanos(10), now.get(), "the fourth waits until the first leaves the window");
        assertEquals(1, governor.startsInWindow(), "the first three left the window as the fourth started");
    }

    @Test
    void sixThousandPerFiveMinutesNeverExceededInAnyWindow() {
        final RequestGovernor governor = governor(5, 6000, Duration.ofMinutes(5));
        final long[] starts = new long[15_000];
        for (int i = 0; i < starts.length; i++) {
            governor.acquire().close();
            starts[i] = now.get();
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
        }
        final long window = TimeUnit.MINUTES.toNanos(5);
        int first = 0;
        for (int last = 0; last < starts.length; last++) {
            while (starts[last] - starts[first] >= window) {
                first++;
            }
            assertTrue(last - first + 1 <= 6000, "window ending at request " + last + " holds " + (last - first + 1));
        }
    }

    @Test
    void throttlingPausesEveryoneAndWidensTheSpacingThenDecays() {
        final RequestGovernor governor = governor(5, 6000, Duration.ofMinutes(5));
        governor.throttled(Duration.ofSeconds(3));
        final long before = now.get();
        governor.acquire().close();
        assertEquals(before + TimeUnit.SECONDS.toNanos(3), now.get(), "Retry-After honoured");
        assertTrue(governor.currentSpacing().toMillis() > 0);
        governor.throttled(null);
        final Duration widened = governor.currentSpacing();
        assertTrue(widened.compareTo(Duration.ofMillis(25)) > 0, "doubles on repeated 429: " + widened);
        for (int i = 0; i < 50; i++) {
            governor.succeeded();
        }
        assertEquals(Duration.ZERO, governor.currentSpacing());
        assertEquals(2, governor.throttledCount());
    }

    @Test
    void aDrainedRateWindowFailsFastInsteadOfWaitingForIt() {
        final RequestGovernor governor = new RequestGovernor(5, 2, Duration.ofMinutes(5), now::get, sleeps::add, true);
        governor.acquire().close();
        governor.acquire().close();

        final ApiException e = assertThrows(ApiException.class, governor::acquire);

        assertEquals("RATE_LIMITED", e.code());
        assertTrue(e.isTransient());
        assertEquals(Optional.of(Duration.ofMinutes(5)), e.retryAfter());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void concurrencyIsCapped() throws Exception {
        final RequestGovernor governor = new RequestGovernor(2, 6000, Duration.ofMinutes(5));
        final RequestGovernor.Permit a = governor.acquire();
        final RequestGovernor.Permit b = governor.acquire();
        final CountDownLatch third = new CountDownLatch(1);
        final Thread waiter = acquireInBackground(governor, third);
        assertFalse(third.await(200, TimeUnit.MILLISECONDS), "a third request must wait");
        a.close();
        assertTrue(third.await(5, TimeUnit.SECONDS));
        b.close();
        waiter.join();
    }

    @Test
    void theClusterIsNotAskedWhenTheGovernorIsMade() {
        // see CostBudgetTest#theClusterIsNotAskedWhenTheBudgetIsMade: NiFi's lock, held while it enables services
        new RequestGovernor(5, 6000, Duration.ofMinutes(5), new ClusterShare(() -> {
            throw new AssertionError("the number of nodes was asked while the service was being enabled");
        }));
    }

    @Test
    void twoNodesTogetherStayInsideTheWindowOfOneUser() {
        // BC counts starts per user whichever node sends them: two nodes on one clock, each with its half
        final ClusterShare twoNodes = new ClusterShare(() -> 2);
        final List<Long> starts = new ArrayList<>();
        final RequestGovernor node1 = new RequestGovernor(5, 6000, Duration.ofMinutes(5), now::get, d -> now.addAndGet(d.toNanos()), false, twoNodes);
        final RequestGovernor node2 = new RequestGovernor(5, 6000, Duration.ofMinutes(5), now::get, d -> now.addAndGet(d.toNanos()), false, twoNodes);
        for (int i = 0; i < 7000; i++) {
            (i % 2 == 0 ? node1 : node2).acquire().close();
            starts.add(now.get());
        }
        final long window = Duration.ofMinutes(5).toNanos();
        int first = 0;
        int most = 0;
        for (int last = 0; last < starts.size(); last++) {
            while (starts.get(last) - starts.get(first) >= window) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertEquals(6000, most, "the two nodes together use the user's whole window and never more");
        assertEquals(3000, node1.windowShare());
    }

    @Test
    void eachNodeTakesItsShareOfTheConcurrencyCapAndTheShareFollowsTheCluster() throws Exception {
        final AtomicInteger nodes = new AtomicInteger(2);
        final RequestGovernor governor = new RequestGovernor(5, 6000, Duration.ofMinutes(5), new ClusterShare(nodes::get));
        assertEquals(2, governor.concurrentShare(), "5 per user over 2 nodes: 2 each, 4 together");
        final RequestGovernor.Permit a = governor.acquire();
        final RequestGovernor.Permit b = governor.acquire();
        final CountDownLatch third = new CountDownLatch(1);
        final Thread waiter = acquireInBackground(governor, third);
        assertFalse(third.await(300, TimeUnit.MILLISECONDS), "a third request on this node waits for its share");
        nodes.set(1); // the other node left the cluster: the whole cap is this node's, without any slot being released
        assertTrue(third.await(5, TimeUnit.SECONDS));
        a.close();
        b.close();
        waiter.join();
        assertEquals(5, governor.concurrentShare());
    }

    /** A request on another thread, counting {@code started} down once it has its permit. */
    private static Thread acquireInBackground(final RequestGovernor governor, final CountDownLatch started) {
        return Thread.ofVirtual().start(() -> {
            try (RequestGovernor.Permit ignored = governor.acquire()) {
                started.countDown();
            }
        });
    }

    @Test
    void aRaisedCapLetsAWaitingRequestGoAndALoweredOneTakesEffectAsRequestsEnd() throws Exception {
        final RequestGovernor governor = new RequestGovernor(1, 6000, Duration.ofMinutes(5));
        final RequestGovernor.Permit first = governor.acquire();
        final CompletableFuture<RequestGovernor.Permit> second =
                CompletableFuture.supplyAsync(governor::acquire);
        Thread.sleep(100);
        assertFalse(second.isDone());
        governor.limits(2, 6000, Duration.ofMinutes(5));
        final RequestGovernor.Permit granted = second.get(5, TimeUnit.SECONDS);
        governor.limits(1, 6000, Duration.ofMinutes(5));
        assertEquals(1, governor.concurrentShare());
        first.close();
        final CompletableFuture<RequestGovernor.Permit> third =
                CompletableFuture.supplyAsync(governor::acquire);
        Thread.sleep(100);
        assertFalse(third.isDone(), "two in flight under a cap lowered to one: the next waits until both end");
        granted.close();
        third.get(5, TimeUnit.SECONDS).close();
    }
}

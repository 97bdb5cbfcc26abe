package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        final Thread waiter = Thread.ofVirtual().start(() -> {
            try (RequestGovernor.Permit ignored = governor.acquire()) {
                third.countDown();
            }
        });
        assertFalse(third.await(200, TimeUnit.MILLISECONDS), "a third request must wait");
        a.close();
        assertTrue(third.await(5, TimeUnit.SECONDS));
        b.close();
        waiter.join();
    }
}

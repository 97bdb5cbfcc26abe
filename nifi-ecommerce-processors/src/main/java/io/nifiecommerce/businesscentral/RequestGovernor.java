package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.InlineWait;
import io.nifiecommerce.http.Sleeper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keeps every processor sending as one Business Central user (through every connection service of that user on
 * this node: {@link RequestGovernors}) inside the user's limits, before
 * BC has to say 429: at most {@code maxConcurrent} requests in flight (BC queues the rest and fails
 * them after minutes), at most {@code windowLimit} request starts in any sliding {@code window}
 * (6000 per 5 minutes online), and an adaptive spacing between starts that doubles on each 429 and
 * decays on success, on top of any Retry-After pause. In a cluster each node keeps its {@link ClusterShare} of
 * both limits (BC counts per user, whichever node sends), so the nodes together stay inside them. Thread-safe.
 */
public final class RequestGovernor {

    private static final long MIN_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long MAX_SPACING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long DEFAULT_THROTTLE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final long SHARE_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    // fair: request slots go to callers in arrival order
    private final ReentrantLock slots = new ReentrantLock(true);
    private final Condition slotFreed = slots.newCondition();
    private final ClusterShare share;
    private volatile int maxConcurrent;
    private int windowLimit; // guarded by this
    private long windowNanos; // guarded by this
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final boolean boundedWaits;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    private int inFlight;
    private long spacingNanos;
    private long nextStartNanos;
    private long pausedUntilNanos;
    private long throttledCount;
    private long waitedNanos;

    public RequestGovernor(final int maxConcurrent, final int windowLimit, final Duration window) {
        this(maxConcurrent, windowLimit, window, ClusterShare.WHOLE);
    }

    /** @param share this node's share of both limits, which are the whole cluster's */
    public RequestGovernor(final int maxConcurrent, final int windowLimit, final Duration window, final ClusterShare share) {
        this(maxConcurrent, windowLimit, window, System::nanoTime, Sleeper.SYSTEM, true, share);
    }

    /** Waits as long as pacing asks: for tests of the pacing itself. */
    public RequestGovernor(final int maxConcurrent, final int windowLimit, final Duration window, final LongSupplier nanoClock,
                           final Sleeper sleeper) {
        this(maxConcurrent, windowLimit, window, nanoClock, sleeper, false);
    }

    /**
     * @param boundedWaits whether a start due later than {@link InlineWait#LIMIT} fails as a transient RATE_LIMITED
     *                     (with the wait as its retry-after) instead of holding the caller's thread
     */
    public RequestGovernor(final int maxConcurrent, final int windowLimit, final Duration window, final LongSupplier nanoClock,
                           final Sleeper sleeper, final boolean boundedWaits) {
        this(maxConcurrent, windowLimit, window, nanoClock, sleeper, boundedWaits, ClusterShare.WHOLE);
    }

    public RequestGovernor(final int maxConcurrent, final int windowLimit, final Duration window, final LongSupplier nanoClock,
                           final Sleeper sleeper, final boolean boundedWaits, final ClusterShare share) {
        if (maxConcurrent < 1 || windowLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxConcurrent = maxConcurrent;
        this.share = share;
        this.windowLimit = windowLimit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.boundedWaits = boundedWaits;
        final long now = nanoClock.getAsLong();
        this.nextStartNanos = now;
        this.pausedUntilNanos = now;
    }

    /** A slot to send one request; close it when the response has been read. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public Permit acquire() {
        takeSlot();
        try {
            waitForStart();
        } catch (final RuntimeException e) {
            releaseSlot();
            throw e;
        }
        return this::releaseSlot;
    }

    private void takeSlot() {
        try {
            slots.lockInterruptibly();
            try {
                while (inFlight >= share.of(maxConcurrent)) {
                    // timed: a node leaving the cluster raises the share without anyone releasing a slot
                    slotFreed.awaitNanos(SHARE_RECHECK_NANOS);
                }
                inFlight++;
            } finally {
                slots.unlock();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted waiting for a Business Central request slot");
        }
    }

    private void releaseSlot() {
        slots.lock();
        try {
            inFlight--;
            slotFreed.signal();
        } finally {
            slots.unlock();
        }
    }

    private void waitForStart() {
        while (true) {
            final long wait;
            synchronized (this) {
                final long now = nanoClock.getAsLong();
                while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
                    starts.pollFirst();
                }
                long earliest = Math.max(pausedUntilNanos, nextStartNanos);
                if (starts.size() >= share.of(windowLimit)) {
                    earliest = Math.max(earliest, starts.peekFirst() + windowNanos);
                }
                if (earliest - now <= 0) {
                    starts.addLast(now);
                    nextStartNanos = now + spacingNanos;
                    return;
                }
                wait = earliest - now;
                if (boundedWaits) {
                    InlineWait.bounded(Duration.ofNanos(wait), "RATE_LIMITED", "The request budget for Business Central is spent");
                }
                waitedNanos += wait;
            }
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted while pacing Business Central requests");
            }
        }
    }

    /**
     * Changes the limits while requests go on (the holders of a shared governor changed): a lower cap takes effect as
     * requests in flight end, a higher one at once; the window keeps the starts it counted.
     */
    public void limits(final int maxConcurrent, final int windowLimit, final Duration window) {
        if (maxConcurrent < 1 || windowLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        synchronized (this) {
            this.windowLimit = windowLimit;
            this.windowNanos = window.toNanos();
        }
        slots.lock();
        try {
            this.maxConcurrent = maxConcurrent;
            slotFreed.signalAll();
        } finally {
            slots.unlock();
        }
    }

    /** BC answered 429 (or 503 busy): pause everyone for Retry-After (or a default) and widen the spacing. */
    public synchronized void throttled(final Duration retryAfter) {
        throttledCount++;
        final long now = nanoClock.getAsLong();
        final long pause = retryAfter == null ? DEFAULT_THROTTLE_PAUSE_NANOS : retryAfter.toNanos();
        pausedUntilNanos = Math.max(pausedUntilNanos, now + pause);
        spacingNanos = Math.min(MAX_SPACING_NANOS, Math.max(MIN_SPACING_NANOS, spacingNanos * 2));
    }

    /** A request went through: let the spacing decay back towards none. */
    public synchronized void succeeded() {
        if (spacingNanos > 0) {
            spacingNanos = spacingNanos <= MIN_SPACING_NANOS ? 0 : spacingNanos * 3 / 4;
        }
    }

    public synchronized Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Requests this node may have in flight now: its share of {@link #maxConcurrent()}. */
    public int concurrentShare() {
        return share.of(maxConcurrent);
    }

    /** Request starts this node may make per window now: its share of the window's limit. */
    public synchronized int windowShare() {
        return share.of(windowLimit);
    }

    public synchronized Duration currentSpacing() {
        return Duration.ofNanos(spacingNanos);
    }

    public synchronized long throttledCount() {
        return throttledCount;
    }

    /** Total time callers were held back by the window, spacing or pauses (not the concurrency cap). */
    public synchronized Duration totalWait() {
        return Duration.ofNanos(waitedNanos);
    }

    /** Request starts counted in the current window. */
    public synchronized int startsInWindow() {
        final long now = nanoClock.getAsLong();
        while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
        }
        return starts.size();
    }
}

package io.nifiecommerce.sandbox.bc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The database of the simulated tenant: one lock for every read and write (the data is small and
 * in memory, so a single lock is fast and makes transactions trivial), an undo journal for
 * rollbacks, deterministic ids from a seeded generator and a clock that never goes backwards.
 */
final class BcStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> undo = new ArrayList<>();
    private final Random ids;
    private final Clock clock;
    private int depth;
    private long sequence;
    private Instant lastTimestamp = Instant.EPOCH;

    BcStore(final long seed, final Clock clock) {
        this.ids = new Random(seed);
        this.clock = clock;
    }

    /**
     * Runs the work as one transaction: nested calls join the outer one, and a runtime exception
     * leaving the outermost call undoes every change made inside it.
     */
    <T> T transaction(final Supplier<T> work) {
        lock.lock();
        depth++;
        try {
            final T result = work.get();
            if (depth == 1) {
                undo.clear();
            }
            return result;
        } catch (final RuntimeException e) {
            if (depth == 1) {
                rollback();
            }
            throw e;
        } finally {
            depth--;
            lock.unlock();
        }
    }

    /** Reads under the lock, without a journal. */
    <T> T read(final Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void journal(final Runnable undoAction) {
        if (depth > 0) {
            undo.add(undoAction);
        }
    }

    private void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    /** A random-looking but reproducible UUID (version 4 bits set, like BC's SystemId). */
    String newId() {
        lock.lock();
        try {
            final long most = (ids.nextLong() & ~0xF000L) | 0x4000L;
            final long least = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least).toString();
        } finally {
            lock.unlock();
        }
    }

    long nextSequence() {
        return ++sequence;
    }

    /** Now, truncated to milliseconds as BC's SystemModifiedAt, never earlier than the last value. */
    Instant now() {
        lock.lock();
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (now.isBefore(lastTimestamp)) {
                now = lastTimestamp;
            }
            lastTimestamp = now;
            return now;
        } finally {
            lock.unlock();
        }
    }

    Clock clock() {
        return clock;
    }
}

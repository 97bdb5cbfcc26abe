package io.nifiecommerce.businesscentral;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per customer being created, shared by every writer of a JVM (the tasks of a processor, and the processors of
 * a node writing to the same company): a writer looks the customer up again and creates it while holding the lock, so
 * a second writer of the same node waits, then finds the card. Keys are locked in sorted order, so two writers
 * locking overlapping sets cannot deadlock; a key's lock is dropped when no writer holds or waits for it.
 */
public final class CustomerLocks {

    /** The locks of this JVM. */
    public static final CustomerLocks JVM = new CustomerLocks();

    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;
    }

    /** Held locks, released by {@link #close()}. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Locks every key, waiting for writers holding any of them. */
    public Held lock(final Collection<String> keys) {
        final List<String> sorted = new ArrayList<>(new TreeSet<>(keys));
        final List<Entry> taken = new ArrayList<>();
        for (final String key : sorted) {
            final Entry entry;
            synchronized (entries) {
                entry = entries.computeIfAbsent(key, k -> new Entry());
                entry.users++;
            }
            entry.lock.lock();
            taken.add(entry);
        }
        return () -> {
            for (int i = taken.size() - 1; i >= 0; i--) {
                final Entry entry = taken.get(i);
                entry.lock.unlock();
                synchronized (entries) {
                    if (--entry.users == 0) {
                        entries.remove(sorted.get(i));
                    }
                }
            }
        };
    }

    /** How many keys are locked or awaited (for tests: zero once every writer is done). */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}

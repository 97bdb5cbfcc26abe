package io.nifiecommerce.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a process's heap: the peak occupancy of the heap pools (their peaks summed: an upper bound,
 * garbage included) and the largest heap left after a collection (what was really live), from GC
 * notifications.
 */
final class HeapWatcher {

    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    HeapWatcher() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (final MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                            used += usage.getUsed();
                        }
                        // non-heap pools are in the map too; subtract them so the figure is heap only
                        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            if (pool.getType() != MemoryType.HEAP) {
                                final MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                                if (usage != null) {
                                    used -= usage.getUsed();
                                }
                            }
                        }
                        collections.incrementAndGet();
                        maxAfterGc.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    long peakHeapBytes() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    long maxLiveAfterGcBytes() {
        return maxAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    /** The line the parent process reads. */
    String resultLine(final String fields) {
        return "RESULT " + fields + " peakHeapBytes=" + peakHeapBytes() + " maxLiveAfterGcBytes=" + maxLiveAfterGcBytes() + " collections="
                + collections() + " maxHeapBytes=" + Runtime.getRuntime().maxMemory();
    }
}

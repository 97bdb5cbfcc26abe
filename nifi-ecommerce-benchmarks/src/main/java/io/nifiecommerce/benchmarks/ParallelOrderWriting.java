package io.nifiecommerce.benchmarks;

import io.nifiecommerce.order.Order;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a baseline writer over orders with as many workers as BC serves at once (5), the most generous setting for it. */
final class ParallelOrderWriting {

    record Result(int orders, int failed, long requests, double seconds) {

        double ordersPerSecond() {
            return orders / seconds;
        }

        double requestsPerThousand() {
            return requests * 1000.0 / orders;
        }
    }

    private ParallelOrderWriting() {
    }

    static Result run(final OrderWriter writer, final PlainODataClient client, final List<Order> orders, final int workers) throws Exception {
        final long before = client.requests();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            final List<Future<?>> futures = new java.util.ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < orders.size()) {
                        try {
                            writer.write(client, orders.get(i));
                        } catch (final InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (final Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
        }
        return new Result(orders.size(), failed.get(), client.requests() - before, (System.nanoTime() - start) / 1e9);
    }
}

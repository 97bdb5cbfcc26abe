package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the orders updated in a window, page by page, incrementally by updatedAt. The window starts an
 * overlap before the latest update read, so that orders Shopify indexed late are not missed; versions
 * already emitted within the overlap are skipped. A checkpoint is taken whenever the next page could
 * overflow a FlowFile, and before a failed page ends the read (failed to read, or to do what the sink does
 * at its end), so every FlowFile commits with the cursor of its last order. Shopify stops
 * paginating at 25,000 objects: past that the window restarts from the last update read.
 */
public final class WindowedOrderRead {

    public static final int PAGINATION_CAP = 25_000;

    private final OrderPages reader;
    private final Duration overlap;
    private final String filter;
    private final int maxPerCheckpoint;
    private final int paginationCap;

    public WindowedOrderRead(final OrderPages reader, final Duration overlap, final String filter, final int maxPerCheckpoint,
                             final int paginationCap) {
        this.reader = reader;
        this.overlap = overlap;
        this.filter = filter;
        this.maxPerCheckpoint = maxPerCheckpoint;
        this.paginationCap = paginationCap;
    }

    /**
     * Reads from where {@code initial} left off until the window is done or a stop is requested.
     *
     * @param now the end of a new window
     * @param initialStart where the first window starts (null: everything)
     */
    public void read(final SyncState initial, final Instant now, final Instant initialStart, final OrderSink sink) throws IOException {
        SyncState state = initial;
        SyncState.Window window = state.window() != null ? state.window()
                : new SyncState.Window(state.nextWindowStart(overlap, initialStart), now, null, 0);
        Instant highWater = state.highWater();
        final EmittedVersions emitted = state.emitted();
        int pending = 0;
        boolean unsaved = false;
        while (true) {
            final OrderPageReader.OrderPage page;
            Instant lastUpdated = null;
            try {
                page = reader.read(OrderSearch.window(window.start(), window.end(), filter), window.after());
                unsaved = true;
                sink.servedApiVersion(page.servedApiVersion());
                for (final ObjectNode node : page.orders()) {
                    final Instant updatedAt = Instant.parse(node.path("updatedAt").asText());
                    lastUpdated = updatedAt;
                    highWater = highWater == null || updatedAt.isAfter(highWater) ? updatedAt : highWater;
                    final String id = node.path("id").asText();
                    if (emitted.contains(id, updatedAt)) {
                        continue;
                    }
                    final boolean written = sink.accept(node);
                    if (!sink.lastHeld()) {
                        emitted.add(id, updatedAt);
                    }
                    if (written) {
                        pending++;
                    }
                }
                sink.endOfPage();
            } catch (final ApiException e) {
                if (unsaved) {
                    emitted.forgetBefore(highWater == null ? window.end().minus(overlap) : highWater.minus(overlap));
                    // the pages read so far are whole: commit them with their cursor, or a catch-up that outgrows the
                    // shop's bucket (throttled before a FlowFile is full) would read the same pages again every run. The
                    // cursor is the failed page's start: its orders already written are among the emitted and not written again
                    sink.checkpoint(new SyncState(highWater, state.lastWindowEnd(), window, emitted, state.bulkOperationId(), state.bulkEnd()));
                }
                throw e;
            }
            final int fetched = window.fetched() + page.orders().size();
            if (!page.hasNextPage()) {
                emitted.forgetBefore(highWater == null ? window.end().minus(overlap) : highWater.minus(overlap));
                sink.checkpoint(new SyncState(highWater, window.end(), null, emitted, state.bulkOperationId(), state.bulkEnd()));
                return;
            }
            if (fetched + reader.pageSize() > paginationCap && lastUpdated != null) {
                if (lastUpdated.equals(window.start())) {
                    throw new ApiException(ErrorClass.PERMANENT, 0, "PAGINATION_CAP",
                            "More than " + paginationCap + " orders share the update time " + lastUpdated + ": use Fetch Mode Bulk Backfill");
                }
                window = new SyncState.Window(lastUpdated, window.end(), null, 0);
            } else {
                window = new SyncState.Window(window.start(), window.end(), page.endCursor(), fetched);
            }
            final boolean stop = sink.stopRequested();
            if (pending + reader.pageSize() > maxPerCheckpoint || stop) {
                emitted.forgetBefore(highWater == null ? window.end().minus(overlap) : highWater.minus(overlap));
                state = new SyncState(highWater, state.lastWindowEnd(), window, emitted, state.bulkOperationId(), state.bulkEnd());
                sink.checkpoint(state);
                pending = 0;
                unsaved = false;
                if (stop) {
                    return;
                }
            }
        }
    }
}

package io.nifiecommerce.shopify.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A first load of order history as a Shopify bulk operation, one step per run: start it, poll it
 * until it ends, then stream its result. The state remembers the operation, so a restart polls the
 * same one. A failed, canceled or expired operation falls back to reading the same range page by page.
 */
public final class BulkBackfill {

    /** What a step did, for the processor to log and to yield on. */
    public enum Step { STARTED, RUNNING, FELL_BACK, READ }

    /** The step and the operation it concerns (its status is null after STARTED). */
    public record Result(Step step, String operationId, BulkOrderExport.Status status) {
    }

    private final BulkOrderExport export;
    private final Duration overlap;
    private final String filter;

    public BulkBackfill(final BulkOrderExport export, final Duration overlap, final String filter) {
        this.export = export;
        this.overlap = overlap;
        this.filter = filter;
    }

    /** Whether a run with this state reads through a bulk operation: one is running, or nothing was read yet. */
    public static boolean applies(final SyncState state) {
        return state.bulkOperationId() != null || (state.highWater() == null && state.lastWindowEnd() == null && state.window() == null);
    }

    /**
     * @param now the end of the range a new operation exports
     * @param initialStart the start of the range (null: everything), given the range's end
     */
    public Result step(final SyncState state, final Instant now, final UnaryOperator<Instant> initialStart,
                       final OrderSink sink) throws IOException {
        if (state.bulkOperationId() == null) {
            final String id = export.start(OrderSearch.window(initialStart.apply(now), now, filter));
            sink.checkpoint(state.withBulk(id, now));
            return new Result(Step.STARTED, id, null);
        }
        final BulkOrderExport.Status status = export.status(state.bulkOperationId());
        sink.servedApiVersion(export.servedApiVersion());
        if (status.running()) {
            return new Result(Step.RUNNING, status.id(), status);
        }
        if (!status.completed()) {
            final Instant start = initialStart.apply(state.bulkEnd());
            sink.checkpoint(state.withBulk(null, null).withWindow(new SyncState.Window(start, state.bulkEnd(), null, 0)));
            return new Result(Step.FELL_BACK, status.id(), status);
        }
        Instant highWater = state.highWater();
        if (status.url() != null) {
            final Instant[] latest = {highWater};
            final long[] seen = {0};
            try {
                export.read(URI.create(status.url()), node -> {
                    final Instant updatedAt = Instant.parse(node.path("updatedAt").asText());
                    latest[0] = latest[0] == null || updatedAt.isAfter(latest[0]) ? updatedAt : latest[0];
                    // the first page window re-reads the overlap before the high-water mark: remember what the
                    // backfill emitted there, pruning as the mark advances so memory stays bounded by the overlap
                    state.emitted().add(node.path("id").asText(), updatedAt);
                    if (++seen[0] % 1000 == 0) {
                        state.emitted().forgetBefore(latest[0].minus(overlap));
                    }
                    try {
                        sink.accept(node);
                    } catch (final IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (final UncheckedIOException e) {
                throw e.getCause();
            }
            highWater = latest[0];
        }
        if (highWater != null) {
            state.emitted().forgetBefore(highWater.minus(overlap));
        }
        sink.checkpoint(new SyncState(highWater, state.bulkEnd(), null, state.emitted(), null, null));
        return new Result(Step.READ, status.id(), status);
    }
}

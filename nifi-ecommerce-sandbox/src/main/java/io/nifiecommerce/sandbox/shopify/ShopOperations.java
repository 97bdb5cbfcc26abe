package io.nifiecommerce.sandbox.shopify;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a shop remembers about operations beyond its records: the answers of idempotent mutations
 * by key, and its bulk operations.
 */
public final class ShopOperations {

    /** A mutation answered under an idempotency key: the input it had and the payload it returned. */
    record Remembered(Object input, Object payload) {
    }

    private final Map<String, Remembered> idempotent = new ConcurrentHashMap<>();
    private final Map<Long, BulkOperationState> bulkOperations = new ConcurrentHashMap<>();
    private final StagedUploads stagedUploads = new StagedUploads();
    private final String baseUrl;
    private volatile Duration bulkRunTime;

    public ShopOperations(final String baseUrl, final Duration bulkRunTime) {
        this.baseUrl = baseUrl;
        this.bulkRunTime = bulkRunTime;
    }

    String baseUrl() {
        return baseUrl;
    }

    Duration bulkRunTime() {
        return bulkRunTime;
    }

    public void bulkRunTime(final Duration runTime) {
        this.bulkRunTime = runTime;
    }

    Optional<Remembered> remembered(final String key) {
        return Optional.ofNullable(idempotent.get(key));
    }

    void remember(final String key, final Object input, final Object payload) {
        idempotent.put(key, new Remembered(input, payload));
    }

    /** The files staged with stagedUploadsCreate. */
    public StagedUploads stagedUploads() {
        return stagedUploads;
    }

    Map<Long, BulkOperationState> bulkOperations() {
        return bulkOperations;
    }

    /** The JSONL of a completed bulk operation of this shop. */
    public Optional<byte[]> bulkResult(final long id) {
        final BulkOperationState state = bulkOperations.get(id);
        return state == null || state.result == null ? Optional.empty() : Optional.of(state.result);
    }

    public void clear() {
        idempotent.clear();
        bulkOperations.clear();
        stagedUploads.clear();
    }
}

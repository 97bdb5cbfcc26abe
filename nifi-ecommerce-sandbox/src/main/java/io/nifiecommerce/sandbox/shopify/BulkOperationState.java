package io.nifiecommerce.sandbox.shopify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A bulk query run: CREATED when accepted, RUNNING while the sandbox writes its JSONL, COMPLETED
 * (or FAILED) once the file is ready and the configured run time has passed.
 */
final class BulkOperationState {

    final long id;
    final String query;
    final boolean groupObjects;
    final Instant createdAt;
    final Duration runTime;
    volatile byte[] result;
    volatile long objectCount;
    volatile long rootObjectCount;
    volatile Instant completedAt;
    volatile String errorCode;
    volatile boolean canceled;

    BulkOperationState(final long id, final String query, final boolean groupObjects, final Instant createdAt, final Duration runTime) {
        this.id = id;
        this.query = query;
        this.groupObjects = groupObjects;
        this.createdAt = createdAt;
        this.runTime = runTime;
    }

    String status(final Instant now) {
        if (canceled) {
            return "CANCELED";
        }
        if (errorCode != null) {
            return "FAILED";
        }
        if (result != null && !now.isBefore(createdAt.plus(runTime))) {
            return "COMPLETED";
        }
        return now.isBefore(createdAt.plusMillis(Math.min(50, runTime.toMillis() / 4))) ? "CREATED" : "RUNNING";
    }

    boolean active(final Instant now) {
        final String status = status(now);
        return status.equals("CREATED") || status.equals("RUNNING");
    }

    Map<String, Object> graph(final Instant now, final String baseUrl) {
        final String status = status(now);
        final boolean completed = status.equals("COMPLETED");
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "BulkOperation");
        map.put("id", Gid.of("BulkOperation", id));
        map.put("status", status);
        map.put("type", "QUERY");
        map.put("errorCode", errorCode);
        map.put("createdAt", ShopGraph.time(createdAt));
        map.put("completedAt", completed ? ShopGraph.time(createdAt.plus(runTime)) : null);
        map.put("objectCount", Long.toString(completed ? objectCount : 0));
        map.put("rootObjectCount", Long.toString(completed ? rootObjectCount : 0));
        map.put("fileSize", completed && result.length > 0 ? Long.toString(result.length) : null);
        map.put("url", completed && result.length > 0 ? baseUrl + "/_sandbox/bulk/" + id + ".jsonl" : null);
        map.put("partialDataUrl", null);
        map.put("query", query);
        return map;
    }
}

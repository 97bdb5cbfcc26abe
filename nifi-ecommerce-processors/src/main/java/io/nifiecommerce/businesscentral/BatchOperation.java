package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a {@code $batch} request.
 *
 * @param url relative to the API root, e.g. {@code companies(..)/salesOrders}
 * @param body null for GET and DELETE
 * @param ifMatch the entity's {@code @odata.etag} for a DELETE or PATCH (BC refuses them without one), else null
 */
public record BatchOperation(String id, String method, String url, JsonNode body, String ifMatch) {

    public BatchOperation(final String id, final String method, final String url, final JsonNode body) {
        this(id, method, url, body, null);
    }

    public static BatchOperation get(final String id, final String url) {
        return new BatchOperation(id, "GET", url, null);
    }

    public static BatchOperation post(final String id, final String url, final JsonNode body) {
        return new BatchOperation(id, "POST", url, body);
    }

    /** Deletes the entity as read: BC answers 409 {@code Request_EntityChanged} when it changed since. */
    public static BatchOperation delete(final String id, final String url, final String etag) {
        return new BatchOperation(id, "DELETE", url, null, etag == null || etag.isBlank() ? "*" : etag);
    }
}

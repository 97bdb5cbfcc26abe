package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a {@code $batch} request.
 *
 * @param url relative to the API root, e.g. {@code companies(..)/salesOrders}
 * @param body null for GET
 */
public record BatchOperation(String id, String method, String url, JsonNode body) {

    public static BatchOperation get(final String id, final String url) {
        return new BatchOperation(id, "GET", url, null);
    }

    public static BatchOperation post(final String id, final String url, final JsonNode body) {
        return new BatchOperation(id, "POST", url, body);
    }
}

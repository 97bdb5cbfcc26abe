package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;

/**
 * One API operation, from a plain HTTP request or from a {@code $batch} item.
 *
 * @param method GET, POST, PATCH or DELETE
 * @param apiPath the path after the API root, such as {@code companies(..)/salesOrders}
 * @param route {@code v2.0} for the standard API, {@code publisher/group/version} for custom pages
 * @param rawQuery the raw (still encoded) query string, or null
 * @param headers request headers with lower-case names
 * @param body the JSON body, or null
 * @param apiRoot the absolute URL of the API root ending with '/', used in {@code @odata.context} and links
 */
record BcOperation(String method, String apiPath, String route, String rawQuery, Map<String, String> headers, JsonNode body,
                   String apiRoot) {

    String header(final String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean isWrite() {
        return !method.equals("GET");
    }
}
